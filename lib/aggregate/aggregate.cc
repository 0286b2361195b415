#include "bengle/aggregate.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>

namespace bengle {

std::string_view SeriesKey::Prefix(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::kAll: return "all";
    case SeriesKind::kService: return "svc:";
    case SeriesKind::kCategory: return "cat:";
    case SeriesKind::kHashtag: return "tag:";
    case SeriesKind::kServiceHashtag: return "stag:";
    case SeriesKind::kPair: return "co:";
    case SeriesKind::kRegion: return "reg:";
  }
  return "";
}

std::string SeriesKey::ToString() const {
  switch (kind) {
    case SeriesKind::kAll: return "all";
    case SeriesKind::kService:
    case SeriesKind::kHashtag: return std::string(Prefix(kind)) + first;
    case SeriesKind::kCategory:
    case SeriesKind::kRegion:
    case SeriesKind::kServiceHashtag: return std::string(Prefix(kind)) + first + ":" + second;
    case SeriesKind::kPair: return "co:" + first + "\t" + second;
  }
  return "";
}

bool SeriesKey::Parse(std::string_view key, SeriesKey* out) {
  *out = SeriesKey();
  if (key == "all") return true;
  for (SeriesKind kind : {SeriesKind::kService, SeriesKind::kCategory, SeriesKind::kHashtag,
                          SeriesKind::kServiceHashtag, SeriesKind::kPair, SeriesKind::kRegion}) {
    const std::string_view prefix = Prefix(kind);
    if (!key.starts_with(prefix)) continue;
    const std::string_view rest = key.substr(prefix.size());
    out->kind = kind;
    if (kind == SeriesKind::kService || kind == SeriesKind::kHashtag) {
      out->first = rest;
      return !rest.empty();
    }
    // A discovered service's id has a colon of its own ("new:秀动").
    const size_t skip = kind != SeriesKind::kPair && rest.starts_with("new:") ? 4 : 0;
    const size_t sep = rest.find(kind == SeriesKind::kPair ? '\t' : ':', skip);
    if (sep == std::string_view::npos || sep == 0) return false;
    out->first = rest.substr(0, sep);
    out->second = rest.substr(sep + 1);
    return true;
  }
  return false;
}

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

namespace {

bool StripPrefix(std::string_view* s, std::string_view p) {
  if (!s->starts_with(p)) return false;
  s->remove_prefix(p.size());
  return true;
}
bool StripSuffix(std::string_view* s, std::string_view p) {
  if (s->size() <= p.size() || !s->ends_with(p)) return false;
  s->remove_suffix(p.size());
  return true;
}
void TrimSpace(std::string_view* s) {
  while (!s->empty() && static_cast<unsigned char>(s->front()) <= ' ') s->remove_prefix(1);
  while (!s->empty() && static_cast<unsigned char>(s->back()) <= ' ') s->remove_suffix(1);
  while (StripPrefix(s, "\u3000")) {}  // ideographic space
  while (StripSuffix(s, "\u3000")) {}
}

}  // namespace

std::string CanonicalRegion(std::string_view raw) {
  std::string_view s = raw;
  TrimSpace(&s);
  if (StripPrefix(&s, "IP属地") || StripPrefix(&s, "ip属地") || StripPrefix(&s, "发布于")) {
    TrimSpace(&s);
    if (!StripPrefix(&s, "\uff1a")) StripPrefix(&s, ":");  // full-width or ASCII colon
    TrimSpace(&s);
  }
  if (s.size() > 6) StripPrefix(&s, "中国");
  // Longest suffix first: 新疆维吾尔自治区, 广西壮族自治区, 宁夏回族自治区,
  // 西藏自治区, 内蒙古自治区, 香港特别行政区, 广东省, 北京市.
  for (std::string_view suffix : {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"}) {
    if (StripSuffix(&s, suffix)) break;
  }
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > s.size()) break;
    if (out.size() + n > 30) break;
    if (n == 1 && (c < 0x20 || c == 0x7F || c == ':')) {
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

void PostBatch::Add(std::string_view id, UnixMillis created_at, std::string_view user, std::string_view text,
                    const NormalizedText& norm, const Classification& cls, std::string_view region) {
  if (cls.services.empty() && !cls.complaint && norm.hashtags.empty()) return;  // nothing to count
  AggregatedPost p;
  p.id_hash = Hash(id);
  p.author_hash = Hash(user.empty() ? "post:" + std::string(id) : "user:" + std::string(user));
  p.bucket = FloorTo(created_at, options_.bucket_ms);
  p.created_at = created_at;
  p.complaint = cls.complaint;
  p.recovery = cls.recovery;
  p.official = cls.official;
  if (cls.complaint) p.series.emplace_back("all");
  std::vector<std::string_view> tags;
  for (const Hashtag& h : norm.hashtags) {
    if (std::find(tags.begin(), tags.end(), h.name) == tags.end()) tags.push_back(h.name);
  }
  const std::string reg = region.empty() || cls.services.empty() ? std::string() : CanonicalRegion(region);
  for (const std::string& s : cls.services) {
    p.series.push_back(SeriesKey::Service(s).ToString());
    if (!reg.empty()) p.series.push_back(SeriesKey::Region(s, reg).ToString());
    if (cls.complaint) {
      for (const CategoryScore& c : cls.categories) p.series.push_back(SeriesKey::Category(s, c.name).ToString());
      for (std::string_view t : tags) p.series.push_back(SeriesKey::ServiceHashtag(s, t).ToString());
    }
  }
  for (std::string_view t : tags) p.series.push_back(SeriesKey::Hashtag(t).ToString());
  // Co-occurrence of the post's services and hashtags, for clustering.
  if (cls.services.size() + tags.size() >= 2) {
    std::vector<std::string> ents;
    for (const std::string& s : cls.services) ents.push_back(SeriesKey::Service(s).ToString());
    for (std::string_view t : tags) ents.push_back(SeriesKey::Hashtag(t).ToString());
    if (ents.size() > kMaxPairEntities) ents.resize(kMaxPairEntities);
    for (size_t i = 0; i < ents.size(); ++i) {
      for (size_t j = i + 1; j < ents.size(); ++j) p.series.push_back(SeriesKey::Pair(ents[i], ents[j]).ToString());
    }
  }
  if (cls.complaint && !cls.services.empty()) {
    p.id.assign(id);
    p.text.assign(text);
    p.service = cls.services.front();
    if (!cls.categories.empty()) p.top_category = cls.categories.front().name;
    p.user.assign(user);
    p.region = reg;
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
      CountPost(p, key, &bucket[key], [&] { return im.authors[p.bucket].insert({key, p.author_hash}).second; });
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

}  // namespace bengle
