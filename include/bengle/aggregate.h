// Aggregation: classified posts -> per-series counts in time buckets.
//
// Series keys:
//   "all"                 every complaint, any service
//   "svc:<service>"       one service (e.g. "svc:wechat")
//   "cat:<service>:<cat>" one service and symptom category
//   "tag:<hashtag>"       one hashtag
//   "stag:<service>:<tag>" a hashtag within one service's posts
//   "reg:<service>:<region>" one service's posts from one region (the author's
//                         province as the platform shows it, CanonicalRegion())
//   "co:<a>\t<b>"         posts naming both a and b, each "svc:<service>" or
//                         "tag:<hashtag>", a < b (the co-occurrence counts
//                         behind hashtag clustering, cluster.h; posts only,
//                         no distinct authors)
// Per bucket: complaint posts, distinct complaining authors (one account
// posting 200 times counts once), all mentions, recovery posts, official posts.
//
// A PostBatch collects posts; BaselineStore::Apply() adds a whole batch
// atomically and skips posts already stored, so re-ingesting is harmless.
// A PartialAggregate is what partitions of an archive add to a store, built
// per partition by a distributed engine, merged exactly in any order and
// added with BaselineStore::ApplyPartial().
//
// Thread safety: PostBatch and PartialAggregate are plain values; use one per
// thread.
#ifndef BENGLE_AGGREGATE_H_
#define BENGLE_AGGREGATE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bengle/classify.h"
#include "bengle/export.h"
#include "bengle/normalize.h"
#include "bengle/status.h"
#include "bengle/time.h"

namespace bengle {

struct AggregateOptions {
  // Bucket length. Default: 5 minutes. REQUIRES: > 0, divides a day.
  int64_t bucket_ms = 5 * 60 * 1000;
  // Keep up to this many sample posts per service and bucket (for reports).
  // Default: 3.
  int samples_per_bucket = 3;
  // Streaming (StreamAggregator): a bucket closes once a post this much
  // later than its end has been seen; posts for a closed bucket are late.
  // Default: 10 minutes.
  int64_t lateness_ms = 10 * 60 * 1000;
};

// The counts of one series in one bucket.
struct BucketCounts {
  int64_t complaints = 0;
  int64_t authors = 0;  // distinct complaining authors
  int64_t mentions = 0;
  int64_t recovery = 0;
  int64_t official = 0;
};

// What a series counts, and its key as stored ("svc:wechat", ...; see the
// list at the top). Every reader and writer of keys goes through this type.
enum class SeriesKind { kAll, kService, kCategory, kHashtag, kServiceHashtag, kPair, kRegion };

struct BENGLE_EXPORT SeriesKey {
  SeriesKind kind = SeriesKind::kAll;
  std::string first;   // the service; the hashtag (kHashtag); the first node of a pair
  std::string second;  // the category; the hashtag (kServiceHashtag); the region; the second node of a pair

  static SeriesKey All() { return {}; }
  static SeriesKey Service(std::string_view service) { return {SeriesKind::kService, std::string(service), {}}; }
  static SeriesKey Category(std::string_view service, std::string_view category) {
    return {SeriesKind::kCategory, std::string(service), std::string(category)};
  }
  static SeriesKey Hashtag(std::string_view tag) { return {SeriesKind::kHashtag, std::string(tag), {}}; }
  static SeriesKey ServiceHashtag(std::string_view service, std::string_view tag) {
    return {SeriesKind::kServiceHashtag, std::string(service), std::string(tag)};
  }
  static SeriesKey Region(std::string_view service, std::string_view region) {
    return {SeriesKind::kRegion, std::string(service), std::string(region)};
  }
  // A pair of node keys ("svc:wechat", "tag:微信崩了"), put in order.
  static SeriesKey Pair(std::string_view a, std::string_view b) {
    return a < b ? SeriesKey{SeriesKind::kPair, std::string(a), std::string(b)}
                 : SeriesKey{SeriesKind::kPair, std::string(b), std::string(a)};
  }
  // The prefix every key of a kind starts with ("svc:"); "all" for kAll.
  static std::string_view Prefix(SeriesKind kind);
  // The prefix of the keys of one service's categories or hashtags
  // ("cat:wechat:", "stag:wechat:").
  static std::string PrefixOf(SeriesKind kind, std::string_view service) {
    return std::string(Prefix(kind)) + std::string(service) + ":";
  }
  // Parses a stored key; false when it is none of the forms above.
  static bool Parse(std::string_view key, SeriesKey* out);
  // Whether a key's buckets count distinct complaining authors (every kind
  // but pairs, which count posts only).
  static bool CountsAuthors(std::string_view key) { return !key.starts_with("co:"); }

  std::string ToString() const;
  bool operator==(const SeriesKey&) const = default;
};

// One post, reduced to what the store needs.
struct AggregatedPost {
  uint64_t id_hash = 0;
  uint64_t author_hash = 0;
  int64_t bucket = 0;  // bucket start, UTC ms
  UnixMillis created_at = 0;  // the post's own time
  bool complaint = false, recovery = false, official = false;
  std::vector<std::string> series;  // every series the post counts in
  // For complaint posts: a sample candidate.
  std::string id, text, service, top_category;
  std::string user, region;  // of the sample candidate ("" when unknown)
};

class BENGLE_EXPORT PostBatch {
 public:
  explicit PostBatch(const AggregateOptions& options = {}) : options_(options) {}

  // Adds a classified post. `user` may be empty (the post then counts as its
  // own author). `region` is the author's region as the platform shows it
  // (Post::region; "" when unknown): a post that names services also counts
  // in each service's "reg:" series of CanonicalRegion(region).
  void Add(std::string_view id, UnixMillis created_at, std::string_view user, std::string_view text,
           const NormalizedText& norm, const Classification& cls, std::string_view region = {});

  // Adds a post aggregated by another batch (see pipeline.h), as it is.
  void Add(AggregatedPost&& post) { posts_.push_back(std::move(post)); }

  const std::vector<AggregatedPost>& posts() const { return posts_; }
  // The posts, for moving them on (into another batch).
  std::vector<AggregatedPost>& mutable_posts() { return posts_; }
  const AggregateOptions& options() const { return options_; }
  size_t size() const { return posts_.size(); }
  void Clear() { posts_.clear(); }

  // Entities per post whose pairs are counted (the first ones: services, then
  // hashtags in order of appearance).
  static constexpr size_t kMaxPairEntities = 6;

  // A stable 64-bit hash (ids and authors).
  static uint64_t Hash(std::string_view s);

 private:
  AggregateOptions options_;
  std::vector<AggregatedPost> posts_;
};

// The region a post is counted under: `raw` as Weibo shows it ("IP属地：广东",
// "广东省", "广西壮族自治区", "香港特别行政区", "海外", "美国") reduced to the
// short name ("广东", "广西", "香港", "海外", "美国"): surrounding space, an
// "IP属地" label, a leading "中国" and an administrative suffix (省, 市,
// 自治区 with its people's name, 特别行政区) removed; ':' and control
// characters dropped; at most 30 bytes (whole UTF-8 characters). "" for an
// empty or unusable input. Pure function.
BENGLE_EXPORT std::string CanonicalRegion(std::string_view raw);

// Streaming aggregation: counts posts per series and bucket in memory and
// hands out each bucket once it is closed, i.e. once the newest post time seen
// (the watermark) is past the bucket's end by AggregateOptions::lateness_ms.
// Out-of-order posts within that window are counted normally; later ones are
// counted as late and left out of the stream (a store still takes them).
// Memory: the open buckets only.
// Thread safety: one StreamAggregator per thread.
class BENGLE_EXPORT StreamAggregator {
 public:
  struct Closed {
    std::string key;  // series key ("svc:wechat", "cat:wechat:login", ...)
    int64_t bucket = 0;
    BucketCounts counts;
  };

  explicit StreamAggregator(const AggregateOptions& options = {});
  ~StreamAggregator();
  StreamAggregator(const StreamAggregator&) = delete;
  StreamAggregator& operator=(const StreamAggregator&) = delete;

  // Adds the posts of a batch (each post once; repeats of an id are counted
  // once while its bucket is open).
  void Add(const PostBatch& batch);
  // Buckets closed since the last call, in time order (then by key).
  std::vector<Closed> TakeClosed();
  // Closes every open bucket (end of stream).
  void Flush();
  uint64_t late() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What the posts of one or more partitions of an archive add to the store,
// in a form that merges exactly: per series and bucket the counts and the SET
// of complaining author hashes (so distinct authors merge exactly), per bucket
// the set of post id hashes (the store's posts table; repeats skipped), and
// per service and bucket the first AggregateOptions::samples_per_bucket
// sample candidates (posts with a service) in archive order. A distributed
// engine (Dask) builds one per partition, merges them in any order and
// grouping, ships them as Serialize()d bytes, and hands the result to
// BaselineStore::ApplyPartial() (store.h): the store ends up as Apply() of
// the same posts in archive order would leave it.
//
// Partitions are numbered by the caller in archive order (e.g. file index
// << 40 | byte offset); a sample's place in the archive is (partition, index
// of the post within the partition). Merge() is associative and commutative,
// and idempotent per partition.
//
// Options: bucket_ms and samples_per_bucket are part of the contents (a
// negative samples_per_bucket is taken as 0); lateness_ms is not used.
// Copyable and movable (a plain value); a moved-from one may only be
// assigned to or destroyed.
// Thread safety: a plain value; one thread at a time (const calls included).
class BENGLE_EXPORT PartialAggregate {
 public:
  // Counts of one series in one bucket, with its distinct complaining authors.
  struct Cell {
    std::string key;
    int64_t bucket = 0;
    BucketCounts counts;            // counts.authors == authors.size()
    std::vector<uint64_t> authors;  // sorted; empty for "co:" keys (SeriesKey::CountsAuthors)
  };
  // A sample candidate, with its place in the archive.
  struct Sample {
    std::string service;
    int64_t bucket = 0;
    uint64_t partition = 0;
    uint64_t index = 0;  // position among all posts added for the partition
    std::string id, text, category;
    uint64_t author = 0;
    UnixMillis created_at = 0;
    std::string user, region;
    bool operator==(const Sample&) const = default;
  };

  explicit PartialAggregate(const AggregateOptions& options = {});
  ~PartialAggregate();
  PartialAggregate(const PartialAggregate& other);
  PartialAggregate& operator=(const PartialAggregate& other);
  PartialAggregate(PartialAggregate&& other) noexcept;
  PartialAggregate& operator=(PartialAggregate&& other) noexcept;

  // Adds the posts of `batch` (all from `partition`, in input order; call it
  // again with the following posts of the same partition as often as needed).
  // Each post counts in each of its series by CountPost()'s rule. A post whose
  // (bucket, id_hash) is already in this aggregate is a repeat: counted in
  // duplicates() and otherwise skipped (the first one counts, as
  // BaselineStore::Apply() does). InvalidArgument, and nothing added, when the
  // batch's bucket length differs, or when `partition` was already added and
  // is not the one being added now (the partition of the last Add(); a
  // finished partition comes in through Merge()). An empty batch still
  // records its partition. Cost: about 0.2 us per (post, series) (hash
  // tables; the authors are sorted and deduplicated lazily).
  Status Add(uint64_t partition, const PostBatch& batch);

  // Adds `other` into this one. When every partition of `other` is already
  // in this one, nothing changes (a retried task delivered twice). When the
  // two share some partitions but not all: InvalidArgument. When they have
  // posts in common (the same (bucket, id_hash) in two partitions):
  // InvalidArgument naming how many (the merge cannot tell what each repeat
  // added). Different bucket lengths or samples_per_bucket: InvalidArgument.
  // On any error this one is unchanged. Time: linear in the size of `other`
  // (plus sorting the author lists that grow).
  Status Merge(const PartialAggregate& other);

  // A compact, versioned binary form (magic "BGPA", version, varints, sorted
  // deltas, a 64-bit checksum at the end): the same bytes for equal contents,
  // whatever order posts and merges came in, and the only bytes Parse()
  // accepts for them. Which partition is being added now is not part of it.
  std::string Serialize() const;
  // Reads Serialize()'s form. Corruption "partial aggregate: <what>" for any
  // other bytes (truncated, bad checksum, unsorted, lengths out of range,
  // unknown version), never a crash; memory in proportion to bytes.size().
  // Every partition of the result is finished.
  static Result<PartialAggregate> Parse(std::string_view bytes);

  const AggregateOptions& options() const;
  const std::vector<uint64_t>& partitions() const;  // sorted
  uint64_t posts() const;       // distinct posts
  uint64_t duplicates() const;  // repeats skipped by Add() (summed by Merge())

  // Read-out, in a fixed order (what BaselineStore::ApplyPartial() and tests use).
  std::vector<Cell> Cells() const;                          // by key, then bucket
  std::vector<std::pair<int64_t, uint64_t>> Posts() const;  // (bucket, id_hash), sorted
  std::vector<Sample> Samples() const;                      // by service, bucket, then (partition, index)

  // Same contents: options (bucket_ms, samples_per_bucket), partitions,
  // duplicates, posts, cells and samples.
  bool operator==(const PartialAggregate& o) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The counting rule: what one post adds to the bucket of one of its series
// (`key`, one of post.series). Every store and the stream aggregator count
// with it. `is_new_author()` says whether the post's author is new in this
// series and bucket (and records it); it is asked only for complaint posts of
// series that count authors.
template <typename IsNewAuthor>
void CountPost(const AggregatedPost& post, std::string_view key, BucketCounts* counts, IsNewAuthor&& is_new_author) {
  counts->mentions += 1;
  counts->recovery += post.recovery;
  counts->official += post.official;
  if (!post.complaint) return;
  counts->complaints += 1;
  if (SeriesKey::CountsAuthors(key) && is_new_author()) counts->authors += 1;
}

}  // namespace bengle

#endif  // BENGLE_AGGREGATE_H_
