// Live monitoring: posts go into the store as they arrive, and incidents come
// out as they open, grow and close.
//
// A Watcher sits after the pipeline (pipeline.h) on a store (store.h). Each
// Add() commits a batch of posts, moves the watermark (the latest post time
// seen: event time, not wall time, drives detection) and feeds every bucket
// that has closed -- ended `lateness_ms` before the watermark -- to the same
// Detector (detect.h) that `bengle detect` replays, read back from the store.
// The detector's history is the store's: Open() replays it, so a watcher
// started again (after a crash, or on a store filled by `bengle ingest`)
// continues where the last one stopped. The incidents already announced are
// kept in the store (BaselineStore::PutValue) and are not announced again;
// posts already in the store are recognised by id and not counted again, so
// a feed replayed from any point before the last commit leaves the store as
// an uninterrupted run would.
//
//   auto watcher = bengle::Watcher::Open(store.get(), {});
//   (*watcher)->Add(&batch);                       // a PostBatch of new posts
//   for (const bengle::WatchEvent& e : (*watcher)->TakeEvents()) ...
//
// Thread safety: one thread at a time, and the store is the watcher's while
// it lives.
#ifndef BENGLE_WATCH_H_
#define BENGLE_WATCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bengle/aggregate.h"
#include "bengle/detect.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle {

struct WatchOptions {
  // The detector (its bucket length is set to the store's). Default:
  // defaults, as `bengle detect` uses.
  DetectorOptions detector;
  // A bucket is judged once a post this much later than the bucket's end has
  // been seen; posts late by less still count in the live judgement. Later
  // ones are stored all the same, and counted by `bengle detect` and by a
  // restart. Every minute waited for stragglers delays every alert by a
  // minute; not waiting at all misses the few complaints that come a little
  // late, which a small incident may need. Default: 1 minute.
  int64_t lateness_ms = 60 * 1000;
  // Announce an incident as soon as the counts so far of the buckets still
  // filling open it (Detector::Probe()), instead of when its bucket is
  // judged: up to a bucket and the lateness sooner. If the bucket, once
  // judged, does not open it after all (a rise in mentions alone can do
  // that), a "close" event takes it back. Default: true.
  bool early = true;
  // Sample posts attached to an incident's events. Default: 3.
  size_t samples = 3;
  // Name under which the watcher keeps its state in the store (several
  // watchers with different detector options can share a store). Default:
  // "watch".
  std::string name = "watch";
};

struct WatchEvent {
  enum class Kind { kOpen, kUpdate, kClose };
  Kind kind = Kind::kOpen;
  Incident incident;  // as it stands at the event (open: still open)
  UnixMillis at = 0;  // the watermark when it was announced (event time)
};

// "open", "update", "close".
BENGLE_EXPORT const char* WatchEventName(WatchEvent::Kind kind);

// One event as a JSON object on one line: {"event": ..., "at": ...} and the
// incident's fields (IncidentToJson()).
BENGLE_EXPORT std::string WatchEventToJson(const WatchEvent& event, const IncidentJsonOptions& options = {});

class BENGLE_EXPORT Watcher {
 public:
  // Replays the store's history through the detector. Incidents of that
  // history are not announced (those open at its end are announced as they
  // go on, unless announced before). REQUIRES: store outlives the watcher.
  static Result<std::unique_ptr<Watcher>> Open(BaselineStore* store, const WatchOptions& options = {});
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Commits the posts of *batch to the store (all or nothing; *batch is left
  // empty), then judges the buckets this closes. Events are queued. A post
  // dated more than an hour past the wall clock is stored but does not move
  // the watermark (a bad timestamp must not close the buckets up to it).
  Status Add(PostBatch* batch, ApplyStats* stats = nullptr);
  // Events since the last call, in the order they happened.
  std::vector<WatchEvent> TakeEvents();

  // The latest post time seen (0 before any post).
  UnixMillis watermark() const;
  // Buckets before this are judged.
  UnixMillis judged_until() const;

 private:
  struct Impl;
  explicit Watcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengle

#endif  // BENGLE_WATCH_H_
