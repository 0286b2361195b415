#include "bengle/pipeline.h"

#include "normalize/normalizer_access.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bengle {
namespace {

// A chunk on its way through the pipeline. Chunks are recycled, so the
// strings of their posts keep their capacity (the reader reuses them).
struct Work {
  std::vector<Post> posts;  // posts[0, n) belong to this chunk
  size_t n = 0;
  PipelineChunk out;
};

// A worker's scratch space.
struct Scratch {
  NormalizedText norm;
  Classification cls;
  std::string author;
};

void Process(const PipelineStages& stages, Work& w, Scratch& s) {
  for (size_t i = 0; i < w.n; ++i) {
    const Post& post = w.posts[i];
    if (!internal::NormalizerAccess::NormalizeValidUtf8(*stages.normalizer, post.text, &s.norm).ok()) continue;
    if (post.user.empty()) {
      s.author.clear();
    } else {
      s.author = stages.normalizer->NormalizeString(post.user);
    }
    stages.classifier->Classify(s.norm, &s.cls, s.author);
    if (stages.aggregate) w.out.batch.Add(post.id, post.created_at, post.user, post.text, s.norm, s.cls, post.region);
    if (stages.format) stages.format(post, s.norm, s.cls, &w.out.text);
  }
}

// Reads the next chunk into w. Returns false when the reader had no post left.
bool Fill(PostReader& reader, const PipelineOptions& options, Work& w) {
  const size_t chunk_posts = options.chunk_posts;
  if (w.posts.size() < chunk_posts) w.posts.resize(chunk_posts);
  w.n = 0;
  // A chunk ends early when the input would make it wait (a live feed): what
  // has arrived goes on at once; and, with max_chunk_ms, when it has been
  // filling that long (a live feed that never pauses).
  const bool timed = options.max_chunk_ms > 0;
  const auto until = timed ? std::chrono::steady_clock::now() + std::chrono::milliseconds(options.max_chunk_ms)
                           : std::chrono::steady_clock::time_point::max();
  while (w.n < chunk_posts && (w.n == 0 || !reader.WouldWait()) && reader.Next(&w.posts[w.n])) {
    ++w.n;
    if (timed && std::chrono::steady_clock::now() >= until) break;
  }
  w.out.posts = w.n;
  w.out.bytes_read = reader.stats().bytes;
  w.out.input_bytes_read = reader.stats().input_bytes;
  w.out.input_waiting = reader.WouldWait();
  return w.n > 0;
}

void Reset(Work& w) {
  w.out.batch.Clear();
  w.out.text.clear();
}

// Runs stages.prepare (when set) and checks that it left a classifier.
Status Prepare(const PipelineStages& stages) {
  if (stages.prepare) {
    if (Status st = stages.prepare(); !st.ok()) return st;
  }
  if (stages.classifier == nullptr) return Status::InvalidArgument("RunPipeline: prepare set no classifier");
  return Status::OK();
}

Status RunInline(PostReader& reader, const PipelineStages& stages, const PipelineOptions& options) {
  if (Status st = Prepare(stages); !st.ok()) return st;
  Work w;
  w.out.batch = PostBatch(options.aggregate);
  Scratch scratch;
  for (uint64_t index = 0; Fill(reader, options, w); ++index) {
    Process(stages, w, scratch);
    w.out.index = index;
    if (Status st = stages.sink(w.out); !st.ok()) return st;
    Reset(w);
  }
  return Status::OK();
}

// One reading thread, `threads` workers, the ordered stage on the caller.
// Every chunk is in exactly one place: the free list, the reader's hands, the
// work queue, a worker's hands, its slot in `done`, or the sink's hands (which
// free the chunks made for read-ahead once they are through). The
// indices of chunks in existence lie in [next, next + max_chunks), so
// done[index % max_chunks] never holds two.
class Parallel {
 public:
  Parallel(PostReader& reader, const PipelineStages& stages, const PipelineOptions& options, int threads)
      : reader_(reader), stages_(stages), options_(options), threads_(threads) {
    const size_t max = options.max_chunks > 0 ? options.max_chunks : 4 * static_cast<size_t>(threads);
    pool_.resize(std::max<size_t>(max, 2));
    base_chunks_ = pool_.size();
    for (auto& w : pool_) {
      w = std::make_unique<Work>();
      w->out.batch = PostBatch(options.aggregate);
      free_.push_back(w.get());
    }
    done_.assign(pool_.size(), nullptr);
  }

  Status Run() {
    {
      std::vector<std::jthread> threads;
      threads.emplace_back([this] { ReadLoop(); });
      for (int i = 0; i < threads_; ++i) threads.emplace_back([this] { WorkLoop(); });
      // The reader fills chunks meanwhile; the workers wait for this.
      Status prepared = Prepare(stages_);
      {
        std::lock_guard lock(mu_);
        prepared_ = true;
        if (!prepared.ok()) {
          result_ = prepared;
          stop_ = true;
          free_cv_.notify_all();
        }
        work_cv_.notify_all();
      }
      if (prepared.ok()) OrderedLoop();
    }  // joins every thread
    return result_;
  }

 private:
  void ReadLoop() {
    for (;;) {
      Work* w = nullptr;
      {
        std::unique_lock lock(mu_);
        free_cv_.wait(lock, [&] { return stop_ || !free_.empty() || MayReadAhead(); });
        if (stop_) break;
        if (free_.empty()) AddChunk();
        w = free_.back();
        free_.pop_back();
      }
      const bool got = Fill(reader_, options_, *w);
      std::lock_guard lock(mu_);
      if (!got) {
        free_.push_back(w);
        break;
      }
      w->out.index = chunks_read_++;
      todo_.push_back(w);
      work_cv_.notify_one();
    }
    std::lock_guard lock(mu_);
    reading_done_ = true;
    work_cv_.notify_all();
    done_cv_.notify_all();
  }

  // While prepare runs, the reader may go on into chunks of its own.
  // REQUIRES: mu_ held.
  bool MayReadAhead() const {
    return stages_.prepare && !prepared_ && (pool_.size() + 1) * options_.chunk_posts <= options_.read_ahead;
  }
  // REQUIRES: mu_ held, MayReadAhead(). No chunk has been processed yet, so
  // `done_` is empty and may be resized.
  void AddChunk() {
    pool_.push_back(std::make_unique<Work>());
    pool_.back()->out.batch = PostBatch(options_.aggregate);
    free_.push_back(pool_.back().get());
    done_.push_back(nullptr);
  }

  void WorkLoop() {
    Scratch scratch;
    for (;;) {
      Work* w = nullptr;
      {
        std::unique_lock lock(mu_);
        work_cv_.wait(lock, [&] { return stop_ || (prepared_ && (!todo_.empty() || reading_done_)); });
        if (stop_ || todo_.empty()) return;
        w = todo_.front();
        todo_.pop_front();
      }
      Process(stages_, *w, scratch);
      std::lock_guard lock(mu_);
      done_[w->out.index % done_.size()] = w;
      done_cv_.notify_one();
    }
  }

  void OrderedLoop() {
    for (uint64_t next = 0;; ++next) {
      Work* w = nullptr;
      {
        std::unique_lock lock(mu_);
        Work*& slot = done_[next % done_.size()];
        done_cv_.wait(lock, [&] { return slot != nullptr || (reading_done_ && next == chunks_read_); });
        if (slot == nullptr) return;  // every chunk handed out
        w = slot;
        slot = nullptr;
      }
      Status st = stages_.sink(w->out);
      // A chunk the reader filled ahead while prepare ran is not needed any
      // more: freed now, while the workers go on, not at the end of the run
      // (on the real texts, 3-4 ms of a 0.35 s run with nothing else to do).
      // Once prepare has run only this thread changes pool_ (AddChunk() no
      // longer does), so its size may be read without the lock.
      const bool is_surplus = pool_.size() > base_chunks_;
      if (!is_surplus) Reset(*w);
      std::unique_ptr<Work> surplus;
      {
        std::lock_guard lock(mu_);
        if (is_surplus) {
          auto it = std::find_if(pool_.begin(), pool_.end(), [w](const auto& p) { return p.get() == w; });
          surplus = std::move(*it);
          pool_.erase(it);
        } else {
          free_.push_back(w);
          free_cv_.notify_one();
        }
        if (!st.ok()) {
          result_ = st;
          stop_ = true;
          free_cv_.notify_all();
          work_cv_.notify_all();
          return;
        }
      }
    }
  }

  PostReader& reader_;
  const PipelineStages& stages_;
  const PipelineOptions& options_;
  const int threads_;
  std::vector<std::unique_ptr<Work>> pool_;
  size_t base_chunks_ = 0;  // chunks beyond these were made for read-ahead (AddChunk)

  std::mutex mu_;
  std::condition_variable free_cv_;  // the reader waits for a free chunk
  std::condition_variable work_cv_;  // workers wait for work
  std::condition_variable done_cv_;  // the ordered stage waits for its next chunk
  std::vector<Work*> free_;
  std::deque<Work*> todo_;
  std::vector<Work*> done_;
  uint64_t chunks_read_ = 0;
  bool reading_done_ = false;
  bool prepared_ = false;  // stages_.prepare has returned
  bool stop_ = false;
  Status result_;
};

}  // namespace

Status RunPipeline(PostReader& reader, const PipelineStages& stages, const PipelineOptions& options) {
  if (stages.normalizer == nullptr || (stages.classifier == nullptr && !stages.prepare) || !stages.sink) {
    return Status::InvalidArgument("RunPipeline: normalizer, classifier (or prepare) and sink are required");
  }
  if (options.threads < 0 || options.chunk_posts == 0) {
    return Status::InvalidArgument("RunPipeline: threads must be >= 0 and chunk_posts > 0");
  }
  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (threads == 1) return RunInline(reader, stages, options);
  return Parallel(reader, stages, options, threads).Run();
}

}  // namespace bengle
