// Live alerts with the library: posts in (a file, a pipe, or standard input),
// stored as they come, alert events out as JSON Lines, restartable.
//   example_watch_feed STORE.db [FILE]
#include <bengle/classify.h>
#include <bengle/ingest.h>
#include <bengle/normalize.h>
#include <bengle/watch.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) return 1;
  auto store = bengle::BaselineStore::OpenSqlite(argv[1]);
  bengle::ReadOptions ro;
  ro.skip_duplicate_ids = false;  // the store knows every id it holds
  auto reader = bengle::PostReader::Open({argc > 2 ? argv[2] : "-"}, ro);
  auto normalizer = bengle::Normalizer::Create();
  auto classifier = bengle::Classifier::Create();
  if (!store.ok() || !reader.ok() || !normalizer.ok() || !classifier.ok()) return 2;
  auto watcher = bengle::Watcher::Open(store->get());  // replays the stored history
  if (!watcher.ok()) return 2;
  bengle::Post post;
  bengle::NormalizedText norm;
  bengle::Classification cls;
  bengle::PostBatch batch;
  for (bool more = true; more;) {
    more = (*reader)->Next(&post);
    if (more && (*normalizer)->Normalize(post.text, &norm).ok()) {
      (*classifier)->Classify(norm, &cls);
      batch.Add(post.id, post.created_at, post.user, post.text, norm, cls, post.region);
    }
    // Commit when the feed pauses, every 1,000 posts, and at the end.
    if (!more || (*reader)->WouldWait() || batch.size() >= 1000) {
      if (!(*watcher)->Add(&batch).ok()) return 2;
      for (const bengle::WatchEvent& e : (*watcher)->TakeEvents()) std::puts(bengle::WatchEventToJson(e).c_str());
      std::fflush(stdout);
    }
  }
  return 0;
}
