// The whole pipeline, and running it on several cores.
//
// A tour of bengle, from posts to incidents:
//   PostReader     (ingest.h)    reads JSON Lines / CSV, plain or gzip
//   Normalizer     (normalize.h) NFKC_Casefold, Traditional -> Simplified, hashtags, reposts
//   Classifier     (classify.h)  services, symptom categories, complaint / recovery / official
//   PostBatch      (aggregate.h) a post's contribution to the per-bucket series
//   BaselineStore  (store.h)     applies batches atomically (SQLite or memory)
//   Detector       (detect.h)    incidents from the stored series, batch or streaming
// Segmenter (segment.h) is a separate tool: nothing on this path needs words.
//
// RunPipeline() runs the middle of that path for one reader: one thread reads
// and parses, `threads` workers normalize, classify and aggregate chunks of
// consecutive posts, and the calling thread receives the chunks in input
// order (the ordered stage: write output, apply to a store). At most
// `max_chunks` chunks exist at a time (and, while a `prepare` stage runs,
// `read_ahead` posts' worth), so memory stays flat whatever the input size.
// The chunks handed out are the same, in the same order, for any number of
// threads: a store fed from them ends up the same.
//
//   bengle::PipelineStages stages{.normalizer = n.get(), .classifier = c.get()};
//   stages.sink = [&](bengle::PipelineChunk& chunk) { return store->Apply(chunk.batch, &stats); };
//   bengle::Status st = bengle::RunPipeline(*reader, stages, {.threads = 2});
//
// Thread safety: RunPipeline() may run concurrently on distinct readers. It
// calls `format` from worker threads (so it must be safe to call from several
// threads at once) and `sink` only from the calling thread.
#ifndef BENGLE_PIPELINE_H_
#define BENGLE_PIPELINE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "bengle/aggregate.h"
#include "bengle/classify.h"
#include "bengle/export.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "bengle/status.h"

namespace bengle {

struct PipelineOptions {
  // Worker threads that normalize, classify and aggregate. 0: one per core
  // (std::thread::hardware_concurrency()). 1: no threads at all, every stage
  // runs on the calling thread. Default: 0. REQUIRES: >= 0.
  int threads = 0;
  // Posts per chunk, the unit of work of a worker. Default: 1024.
  // REQUIRES: > 0.
  size_t chunk_posts = 1024;
  // Chunks in existence at most (being read, being classified, or waiting for
  // their turn in the ordered stage). 0: 4 per worker thread. Default: 0.
  size_t max_chunks = 0;
  // While PipelineStages::prepare runs (threads >= 2), the reader may fill
  // more chunks than `max_chunks`, up to this many posts in all, so that
  // reading does not stop while the classifier is built; they stay for the
  // rest of the run. 65,536 posts of real Weibo text hold about 40 MB. 0:
  // no more than `max_chunks`. Default: 65536.
  size_t read_ahead = 65536;
  // A chunk is handed on once it has been filling this long, full or not (a
  // live feed that never pauses still reaches the sink this often). 0: no
  // limit. Default: 0.
  int64_t max_chunk_ms = 0;
  // Options of each chunk's PostBatch. Default: AggregateOptions{}.
  AggregateOptions aggregate = {};
};

// What the workers made of consecutive posts. Valid during the sink call
// only; the sink may move from `batch` and `text`.
struct PipelineChunk {
  uint64_t index = 0;       // 0, 1, 2, ... in input order
  uint64_t posts = 0;       // posts read into this chunk
  uint64_t bytes_read = 0;  // the reader's stats().bytes after its last post
  uint64_t input_bytes_read = 0;  // its stats().input_bytes (compressed bytes of gzip input)
  bool input_waiting = false;     // the reader's WouldWait() after its last post: a live feed paused
  PostBatch batch;          // PostBatch::Add() of each post (when aggregating)
  std::string text;         // what `format` appended, post after post
};

struct PipelineStages {
  // REQUIRES: not null; they outlive the call. `classifier` may be null at
  // the call when `prepare` sets it.
  const Normalizer* normalizer = nullptr;
  const Classifier* classifier = nullptr;
  // Optional: called once on the calling thread before any post is
  // normalized, while the reading thread already reads (threads >= 2; with
  // one thread, first). The stages are read again after it returns, so it
  // may build the classifier and set `classifier` through a reference to
  // this object: building one takes about as long as reading 100k posts
  // (60 ms), and the two then overlap. A non-OK status stops the pipeline
  // and is returned by RunPipeline(). Default: none.
  std::function<Status()> prepare = nullptr;
  // Add every post to its chunk's PostBatch. Default: true.
  bool aggregate = true;
  // Called on a worker thread for each post, in input order within a chunk;
  // appends the post's output (e.g. a JSON line) to *out. Default: none.
  std::function<void(const Post& post, const NormalizedText& norm, const Classification& cls, std::string* out)>
      format = nullptr;
  // Called on the calling thread for each chunk, in input order. A non-OK
  // status stops the pipeline (posts not yet handed out are dropped) and is
  // returned by RunPipeline(). REQUIRES: set.
  std::function<Status(PipelineChunk& chunk)> sink = nullptr;
};

// Reads `reader` to its end through the stages. Returns OK, the first non-OK
// status of `prepare` or `sink`, or InvalidArgument for bad options. The
// reader's own fatal errors are left in reader.status(), as after a plain
// Next() loop; its on_bad_record callback runs on the reading thread, in
// input order.
BENGLE_EXPORT Status RunPipeline(PostReader& reader, const PipelineStages& stages,
                                 const PipelineOptions& options = {});

}  // namespace bengle

#endif  // BENGLE_PIPELINE_H_
