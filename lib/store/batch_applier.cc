// BatchApplier (store.h).
#include <condition_variable>
#include <mutex>
#include <thread>

#include "bengle/store.h"

namespace bengle {

struct BatchApplier::Impl {
  explicit Impl(BaselineStore& s) : store(s) {}

  void Loop() {
    std::unique_lock lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return busy || done; });
      if (!busy) return;
      lock.unlock();
      Status st = store.Apply(pending, &stats);
      pending.Clear();
      lock.lock();
      if (error.ok()) error = st;
      busy = false;
      cv.notify_all();
    }
  }

  BaselineStore& store;
  ApplyStats stats;
  std::mutex mu;
  std::condition_variable cv;
  PostBatch pending;
  bool busy = false;  // pending holds a batch not yet applied
  bool done = false;
  Status error;
  std::jthread thread;  // last: joined before the rest goes
};

BatchApplier::BatchApplier(BaselineStore& store, bool background) : impl_(std::make_unique<Impl>(store)) {
  if (background) impl_->thread = std::jthread([im = impl_.get()] { im->Loop(); });
}

BatchApplier::~BatchApplier() { (void)Finish(); }

Status BatchApplier::Submit(PostBatch* batch) {
  Impl& im = *impl_;
  if (!im.thread.joinable()) {
    Status st = im.store.Apply(*batch, &im.stats);
    batch->Clear();
    return st;
  }
  std::unique_lock lock(im.mu);
  im.cv.wait(lock, [&] { return !im.busy; });
  if (!im.error.ok()) return im.error;
  std::swap(im.pending, *batch);
  batch->Clear();
  im.busy = true;
  im.cv.notify_all();
  return Status::OK();
}

Status BatchApplier::Finish() {
  Impl& im = *impl_;
  if (im.thread.joinable()) {
    {
      std::unique_lock lock(im.mu);
      im.cv.wait(lock, [&] { return !im.busy; });
      im.done = true;
      im.cv.notify_all();
    }
    im.thread.join();
  }
  return im.error;
}

const ApplyStats& BatchApplier::stats() const { return impl_->stats; }

}  // namespace bengle
