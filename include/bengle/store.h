// The baseline store: per-series bucket counts over time, and the incidents
// found. BaselineStore is an interface with a SQLite implementation (durable,
// shared between processes) and an in-memory one (tests, streaming without
// disk).
//
// SQLite store: a versioned schema (migrated on open), WAL journal, every
// Apply() in one transaction. Posts are remembered by a 64-bit hash of their
// id, so applying the same posts again changes nothing, and a crash in the
// middle of Apply() leaves the store as before it. Times are stored as UTC
// milliseconds. Readers (another process, or another BaselineStore on the
// same file) can query while an ingest runs.
//
// Thread safety: one BaselineStore object is used by one thread at a time.
// Open one per thread (or process) to read concurrently.
#ifndef BENGLE_STORE_H_
#define BENGLE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bengle/aggregate.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"

namespace bengle {

struct StoreOptions {
  // Bucket length of the counts. A store remembers its own; opening it with
  // another value is an InvalidArgument error. Default: 5 minutes.
  int64_t bucket_ms = 5 * 60 * 1000;
  // Open an existing store for reading only. Default: false.
  bool read_only = false;
};

struct ApplyStats {
  uint64_t posts_new = 0;        // counted
  uint64_t posts_duplicate = 0;  // already in the store, skipped
};

struct SeriesPoint {
  int64_t bucket = 0;  // bucket start, UTC ms
  BucketCounts counts;
};

struct SeriesTotal {
  std::string key;
  BucketCounts counts;  // summed over a time range
};

struct StoredSample {
  std::string id;
  std::string text;
  std::string category;  // top category of the post, "" when none
  int64_t bucket = 0;
  uint64_t author = 0;
  UnixMillis created_at = 0;  // the post's time; 0 in stores written before it was kept
  std::string user;           // the author as given ("" when unknown)
  std::string region;         // CanonicalRegion() of the post's region ("" when unknown)
};

class BENGLE_EXPORT BaselineStore {
 public:
  // Opens (creating if needed) a SQLite store at `path`.
  static Result<std::unique_ptr<BaselineStore>> OpenSqlite(const std::string& path, const StoreOptions& options = {});
  // A store in memory (lost at destruction).
  static std::unique_ptr<BaselineStore> InMemory(const StoreOptions& options = {});

  virtual ~BaselineStore();

  // Adds a batch atomically: all of it or, on error, nothing.
  virtual Status Apply(const PostBatch& batch, ApplyStats* stats) = 0;
  // Adds a partial aggregate (aggregate.h) in one transaction, with the same
  // result as Apply() of the same posts in archive order: counts added,
  // authors merged as sets, posts remembered, samples up to the per-bucket
  // limit in archive order. When all its posts are already in the store,
  // nothing changes (stats->posts_duplicate); when some are and some are
  // not, InvalidArgument and the store is unchanged (what each of those
  // posts added cannot be told apart; `bengle ingest` skips them one by one).
  // A read-only store, or another bucket length: the errors of Apply().
  // `stats` may be null; else posts_new += partial.posts() and
  // posts_duplicate += partial.duplicates() (or, when all were stored
  // already, posts_duplicate += posts() + duplicates()).
  virtual Status ApplyPartial(const PartialAggregate& partial, ApplyStats* stats) = 0;

  // Series keys starting with `prefix` ("svc:" lists the services).
  virtual Status ListSeries(std::string_view prefix, std::vector<std::string>* keys) = 0;
  // The non-empty buckets of a series in [from, to), in time order.
  virtual Status ReadSeries(std::string_view key, UnixMillis from, UnixMillis to,
                            std::vector<SeriesPoint>* out) = 0;
  // The totals over [from, to) of every series whose key starts with
  // `prefix` and has counts there, in key order.
  virtual Status SumSeries(std::string_view prefix, UnixMillis from, UnixMillis to, std::vector<SeriesTotal>* out) = 0;
  // Earliest and latest bucket with any count; (0, 0) when empty.
  virtual Status TimeRange(UnixMillis* first, UnixMillis* last) = 0;
  // Sample complaint posts of a service in [from, to).
  virtual Status ReadSamples(std::string_view service, UnixMillis from, UnixMillis to,
                             std::vector<StoredSample>* out) = 0;

  // Replaces the stored incidents that start in [from, to) by `incidents`.
  virtual Status SaveIncidents(UnixMillis from, UnixMillis to, const std::vector<Incident>& incidents) = 0;
  virtual Status LoadIncidents(UnixMillis from, UnixMillis to, std::vector<Incident>* out) = 0;

  // Small named values kept with the data, each written atomically (a
  // watcher keeps the incidents it announced here). GetValue() sets *found
  // to false and leaves *value empty for a name never put.
  virtual Status PutValue(std::string_view name, std::string_view value) = 0;
  virtual Status GetValue(std::string_view name, std::string* value, bool* found) = 0;

  virtual int64_t bucket_ms() const = 0;
};

// Applies batches to a store in the order submitted. In the background (its
// own thread) the caller goes on filling the next batch while the store
// commits the last one; at most one batch waits. Otherwise inline.
// Thread safety: Submit() and Finish() from one thread (the producer); the
// store must not be used by anyone else until Finish() returned.
class BENGLE_EXPORT BatchApplier {
 public:
  BatchApplier(BaselineStore& store, bool background);
  ~BatchApplier();  // Finish()es
  BatchApplier(const BatchApplier&) = delete;  // owns a thread
  BatchApplier& operator=(const BatchApplier&) = delete;

  // Takes the posts of *batch (left empty). Returns the error of this batch
  // (inline) or of an earlier one (background).
  Status Submit(PostBatch* batch);
  // Waits until every submitted batch is applied; returns the first error.
  Status Finish();
  // REQUIRES: Finish() returned.
  const ApplyStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengle

#endif  // BENGLE_STORE_H_
