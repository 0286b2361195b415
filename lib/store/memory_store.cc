// BaselineStore in memory: the same behaviour as the SQLite store, for tests
// and for streaming without a disk.
#include <map>
#include <set>
#include <unordered_set>

#include "bengle/store.h"

namespace bengle {
namespace {

class MemoryStore final : public BaselineStore {
 public:
  explicit MemoryStore(const StoreOptions& o) : options_(o) {}

  Status Apply(const PostBatch& batch, ApplyStats* stats) override {
    if (batch.options().bucket_ms != options_.bucket_ms) {
      return Status::InvalidArgument("batch bucket length differs from the store's");
    }
    for (const AggregatedPost& p : batch.posts()) {
      if (!posts_.insert(p.id_hash).second) {
        if (stats) ++stats->posts_duplicate;
        continue;
      }
      if (stats) ++stats->posts_new;
      for (const std::string& key : p.series) {
        CountPost(p, key, &counts_[key][p.bucket], [&] { return authors_.insert({key, p.bucket, p.author_hash}).second; });
      }
      if (!p.service.empty()) {
        AddSample(p.service, batch.options().samples_per_bucket,
                  StoredSample{p.id, p.text, p.top_category, p.bucket, p.author_hash, p.created_at, p.user, p.region});
      }
    }
    return Status::OK();
  }

  Status ApplyPartial(const PartialAggregate& partial, ApplyStats* stats) override {
    if (partial.options().bucket_ms != options_.bucket_ms) {
      return Status::InvalidArgument("partial aggregate bucket length differs from the store's");
    }
    const std::vector<std::pair<int64_t, uint64_t>> posts = partial.Posts();
    uint64_t stored = 0;
    for (const auto& [bucket, h] : posts) stored += posts_.count(h);
    if (stored == posts.size()) {
      if (stats) stats->posts_duplicate += posts.size() + partial.duplicates();
      return Status::OK();
    }
    if (stored > 0) {
      return Status::InvalidArgument(std::to_string(stored) + " of the " + std::to_string(posts.size()) +
                                     " posts of the partial aggregate are in the store already and the others not "
                                     "(what each of them added cannot be told apart)");
    }
    if (stats) {
      stats->posts_new += posts.size();
      stats->posts_duplicate += partial.duplicates();
    }
    for (const auto& [bucket, h] : posts) posts_.insert(h);
    for (const PartialAggregate::Cell& c : partial.Cells()) {
      BucketCounts& to = counts_[c.key][c.bucket];
      if (SeriesKey::CountsAuthors(c.key)) {
        for (uint64_t a : c.authors) to.authors += authors_.insert({c.key, c.bucket, a}).second;
      }
      to.complaints += c.counts.complaints;
      to.mentions += c.counts.mentions;
      to.recovery += c.counts.recovery;
      to.official += c.counts.official;
    }
    // By service and bucket, each list in archive order.
    for (const PartialAggregate::Sample& s : partial.Samples()) {
      if (s.service.empty()) continue;
      AddSample(s.service, partial.options().samples_per_bucket,
                StoredSample{s.id, s.text, s.category, s.bucket, s.author, s.created_at, s.user, s.region});
    }
    return Status::OK();
  }

  // Keeps a sample post while its service's bucket has fewer than `limit`.
  void AddSample(const std::string& service, int limit, StoredSample sample) {
    auto& v = samples_[service];
    if (static_cast<int64_t>(v.count(sample.bucket)) < limit) v.emplace(sample.bucket, std::move(sample));
  }

  Status ListSeries(std::string_view prefix, std::vector<std::string>* keys) override {
    keys->clear();
    for (auto it = counts_.lower_bound(std::string(prefix)); it != counts_.end() && it->first.starts_with(prefix); ++it) {
      keys->push_back(it->first);
    }
    return Status::OK();
  }

  Status SumSeries(std::string_view prefix, UnixMillis from, UnixMillis to, std::vector<SeriesTotal>* out) override {
    out->clear();
    for (auto it = counts_.lower_bound(std::string(prefix)); it != counts_.end() && it->first.starts_with(prefix); ++it) {
      SeriesTotal t{it->first, {}};
      bool any = false;
      for (auto b = it->second.lower_bound(from); b != it->second.end() && b->first < to; ++b) {
        any = true;
        t.counts.complaints += b->second.complaints;
        t.counts.authors += b->second.authors;
        t.counts.mentions += b->second.mentions;
        t.counts.recovery += b->second.recovery;
        t.counts.official += b->second.official;
      }
      if (any) out->push_back(std::move(t));
    }
    return Status::OK();
  }

  Status ReadSeries(std::string_view key, UnixMillis from, UnixMillis to, std::vector<SeriesPoint>* out) override {
    out->clear();
    auto it = counts_.find(std::string(key));
    if (it == counts_.end()) return Status::OK();
    for (auto b = it->second.lower_bound(from); b != it->second.end() && b->first < to; ++b) {
      out->push_back(SeriesPoint{b->first, b->second});
    }
    return Status::OK();
  }

  Status TimeRange(UnixMillis* first, UnixMillis* last) override {
    *first = *last = 0;
    bool any = false;
    for (const auto& [k, m] : counts_) {
      if (m.empty()) continue;
      *first = any ? std::min(*first, m.begin()->first) : m.begin()->first;
      *last = any ? std::max(*last, m.rbegin()->first) : m.rbegin()->first;
      any = true;
    }
    return Status::OK();
  }

  Status ReadSamples(std::string_view service, UnixMillis from, UnixMillis to, std::vector<StoredSample>* out) override {
    out->clear();
    auto it = samples_.find(std::string(service));
    if (it == samples_.end()) return Status::OK();
    for (auto s = it->second.lower_bound(from); s != it->second.end() && s->first < to; ++s) out->push_back(s->second);
    return Status::OK();
  }

  Status SaveIncidents(UnixMillis from, UnixMillis to, const std::vector<Incident>& incidents) override {
    std::erase_if(incidents_, [&](const Incident& i) { return i.start >= from && i.start < to; });
    incidents_.insert(incidents_.end(), incidents.begin(), incidents.end());
    return Status::OK();
  }

  Status LoadIncidents(UnixMillis from, UnixMillis to, std::vector<Incident>* out) override {
    out->clear();
    for (const Incident& i : incidents_) {
      if (i.start >= from && i.start < to) out->push_back(i);
    }
    return Status::OK();
  }

  Status PutValue(std::string_view name, std::string_view value) override {
    values_[std::string(name)] = std::string(value);
    return Status::OK();
  }

  Status GetValue(std::string_view name, std::string* value, bool* found) override {
    auto it = values_.find(std::string(name));
    *found = it != values_.end();
    value->assign(*found ? it->second : std::string());
    return Status::OK();
  }

  int64_t bucket_ms() const override { return options_.bucket_ms; }

 private:
  StoreOptions options_;
  std::map<std::string, std::string> values_;
  std::unordered_set<uint64_t> posts_;
  std::map<std::string, std::map<int64_t, BucketCounts>> counts_;
  std::set<std::tuple<std::string, int64_t, uint64_t>> authors_;
  std::map<std::string, std::multimap<int64_t, StoredSample>> samples_;
  std::vector<Incident> incidents_;
};

}  // namespace

std::unique_ptr<BaselineStore> BaselineStore::InMemory(const StoreOptions& options) {
  return std::make_unique<MemoryStore>(options);
}

}  // namespace bengle
