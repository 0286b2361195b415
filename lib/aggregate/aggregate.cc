#include "bengle/aggregate.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "bengle/detect.h"

namespace bengle {

uint64_t PostBatch::Hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull ^ (s.size() * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h & 0x7FFFFFFFFFFFFFFFull;  // fits SQLite's signed INTEGER
}

void PostBatch::Add(std::string_view id, UnixMillis created_at, std::string_view user, std::string_view text,
                    const NormalizedText& norm, const Classification& cls) {
  if (cls.services.empty() && !cls.complaint && norm.hashtags.empty()) return;  // nothing to count
  AggregatedPost p;
  p.id_hash = Hash(id);
  p.author_hash = Hash(user.empty() ? "post:" + std::string(id) : "user:" + std::string(user));
  const int64_t b = options_.bucket_ms;
  p.bucket = created_at >= 0 ? created_at / b * b : (created_at - b + 1) / b * b;
  p.complaint = cls.complaint;
  p.recovery = cls.recovery;
  p.official = cls.official;
  if (cls.complaint) p.series.emplace_back("all");
  std::vector<std::string_view> tags;
  for (const Hashtag& h : norm.hashtags) {
    if (std::find(tags.begin(), tags.end(), h.name) == tags.end()) tags.push_back(h.name);
  }
  for (const std::string& s : cls.services) {
    p.series.push_back(ServiceKey(s));
    if (cls.complaint) {
      for (const CategoryScore& c : cls.categories) p.series.push_back(CategoryKey(s, c.name));
      for (std::string_view t : tags) p.series.push_back("stag:" + s + ":" + std::string(t));
    }
  }
  for (std::string_view t : tags) p.series.push_back("tag:" + std::string(t));
  // Co-occurrence of the post's services and hashtags, for clustering.
  if (cls.services.size() + tags.size() >= 2) {
    std::vector<std::string> ents;
    for (const std::string& s : cls.services) ents.push_back(ServiceKey(s));
    for (std::string_view t : tags) ents.push_back("tag:" + std::string(t));
    if (ents.size() > kMaxPairEntities) ents.resize(kMaxPairEntities);
    for (size_t i = 0; i < ents.size(); ++i) {
      for (size_t j = i + 1; j < ents.size(); ++j) p.series.push_back(PairKey(ents[i], ents[j]));
    }
  }
  if (cls.complaint && !cls.services.empty()) {
    p.id.assign(id);
    p.text.assign(text);
    p.service = cls.services.front();
    if (!cls.categories.empty()) p.top_category = cls.categories.front().name;
  }
  posts_.push_back(std::move(p));
}

}  // namespace bengle

namespace bengle {

struct StreamAggregator::Impl {
  AggregateOptions options;
  // Open buckets: bucket -> key -> counts, and the authors / ids seen in them.
  std::map<int64_t, std::map<std::string, BucketCounts>> open;
  std::map<int64_t, std::set<std::pair<std::string, uint64_t>>> authors;
  std::map<int64_t, std::set<uint64_t>> ids;
  int64_t watermark = INT64_MIN;
  int64_t closed_before = INT64_MIN;  // buckets before this are closed
  uint64_t late = 0;
  std::vector<Closed> ready;

  void CloseUpTo(int64_t limit) {  // closes buckets with start < limit
    while (!open.empty() && open.begin()->first < limit) {
      auto it = open.begin();
      for (auto& [key, counts] : it->second) ready.push_back(Closed{key, it->first, counts});
      authors.erase(it->first);
      ids.erase(it->first);
      open.erase(it);
    }
    closed_before = std::max(closed_before, limit);
  }
};

StreamAggregator::StreamAggregator(const AggregateOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
StreamAggregator::~StreamAggregator() = default;

void StreamAggregator::Add(const PostBatch& batch) {
  Impl& im = *impl_;
  const int64_t b_ms = im.options.bucket_ms;
  for (const AggregatedPost& p : batch.posts()) {
    if (p.bucket < im.closed_before) {
      ++im.late;
      continue;
    }
    if (!im.ids[p.bucket].insert(p.id_hash).second) continue;
    auto& bucket = im.open[p.bucket];
    for (const std::string& key : p.series) {
      BucketCounts& c = bucket[key];
      c.mentions += 1;
      c.recovery += p.recovery;
      c.official += p.official;
      if (!p.complaint) continue;
      c.complaints += 1;
      if (key.starts_with("co:")) continue;  // pair counts: posts only
      c.authors += im.authors[p.bucket].insert({key, p.author_hash}).second;
    }
    im.watermark = std::max(im.watermark, p.bucket + b_ms);
  }
  // A bucket closes when the watermark passes its end by the lateness.
  if (im.watermark != INT64_MIN) {
    const int64_t limit = (im.watermark - im.options.lateness_ms) / b_ms * b_ms;
    im.CloseUpTo(std::max(im.closed_before, limit - b_ms + 1));
  }
}

std::vector<StreamAggregator::Closed> StreamAggregator::TakeClosed() {
  std::vector<Closed> out;
  out.swap(impl_->ready);
  return out;
}

void StreamAggregator::Flush() { impl_->CloseUpTo(INT64_MAX); }

uint64_t StreamAggregator::late() const { return impl_->late; }

void FeedDetector(const std::vector<StreamAggregator::Closed>& closed, Detector* detector) {
  // Per bucket: the breakdowns first, then the service counts.
  size_t i = 0;
  while (i < closed.size()) {
    size_t j = i;
    while (j < closed.size() && closed[j].bucket == closed[i].bucket) ++j;
    for (size_t k = i; k < j; ++k) {
      const std::string& key = closed[k].key;
      const bool cat = key.starts_with("cat:"), stag = key.starts_with("stag:");
      if (!cat && !stag) continue;
      const size_t a = key.find(':'), b = key.find(':', a + 1);
      if (b == std::string::npos) continue;
      const std::string svc = key.substr(a + 1, b - a - 1), name = key.substr(b + 1);
      if (cat) detector->FeedCategory(svc, name, closed[k].bucket, closed[k].counts.complaints);
      if (stag) detector->FeedHashtag(svc, name, closed[k].bucket, closed[k].counts.complaints);
    }
    for (size_t k = i; k < j; ++k) {
      if (closed[k].key.starts_with("svc:")) detector->Feed(closed[k].key.substr(4), closed[k].bucket, closed[k].counts);
    }
    i = j;
  }
}

}  // namespace bengle
