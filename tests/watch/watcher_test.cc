#include "bengle/watch.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bengle/analysis.h"
#include "bengle/classify.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "test_paths.h"

namespace {

// The sample archive, classified once, as batches of `per_batch` posts.
std::vector<bengle::PostBatch> SampleBatches(size_t per_batch) {
  static std::vector<bengle::AggregatedPost> posts = [] {
    std::vector<bengle::AggregatedPost> out;
    auto reader = bengle::PostReader::Open({BENGLE_DATA_DIR "/samples/archive.jsonl.gz"});
    auto normalizer = bengle::Normalizer::Create();
    auto classifier = bengle::Classifier::Create();
    REQUIRE(reader.ok());
    REQUIRE(normalizer.ok());
    REQUIRE(classifier.ok());
    bengle::Post post;
    bengle::NormalizedText norm;
    bengle::Classification cls;
    bengle::PostBatch batch;
    while ((*reader)->Next(&post)) {
      if (!(*normalizer)->Normalize(post.text, &norm).ok()) continue;
      (*classifier)->Classify(norm, &cls);
      batch.Add(post.id, post.created_at, post.user, post.text, norm, cls, post.region);
    }
    out = std::move(batch.mutable_posts());
    return out;
  }();
  std::vector<bengle::PostBatch> batches;
  for (size_t i = 0; i < posts.size(); i += per_batch) {
    bengle::PostBatch b;
    for (size_t k = i; k < std::min(posts.size(), i + per_batch); ++k) b.Add(bengle::AggregatedPost(posts[k]));
    batches.push_back(std::move(b));
  }
  return batches;
}

using Key = std::pair<std::string, bengle::UnixMillis>;

std::multiset<Key> Opens(const std::vector<bengle::WatchEvent>& events) {
  std::multiset<Key> out;
  for (const auto& e : events) {
    if (e.kind == bengle::WatchEvent::Kind::kOpen) out.insert({e.incident.service, e.incident.start});
  }
  return out;
}

struct TempDb {
  std::string path = (std::filesystem::temp_directory_path() / ("bengle_watch_" + std::to_string(::getpid()) + ".db")).string();
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

}  // namespace

TEST_SUITE("watch") {
  TEST_CASE("watch: the incidents announced live are the ones detect finds in the same store") {
    auto store = bengle::BaselineStore::InMemory();
    auto watcher = bengle::Watcher::Open(store.get());
    REQUIRE(watcher.ok());
    std::vector<bengle::WatchEvent> events;
    for (bengle::PostBatch& b : SampleBatches(200)) {
      REQUIRE((*watcher)->Add(&b).ok());
      CHECK(b.size() == 0);
      for (auto& e : (*watcher)->TakeEvents()) {
        CHECK(e.at >= e.incident.start);  // announced after its onset, in event time
        events.push_back(std::move(e));
      }
    }
    std::vector<bengle::Incident> found;
    REQUIRE(bengle::DetectFromStore(*store, 0, 0, bengle::DetectorOptions(), &found).ok());
    std::multiset<Key> detected;
    for (const bengle::Incident& i : found) {
      for (const std::string& s : i.services) {
        // A merged incident lists each service; its start is the earliest.
        detected.insert({s, i.start});
      }
    }
    const std::multiset<Key> opens = Opens(events);
    REQUIRE(opens.size() == 3);  // wechat twice, qq once (archive_truth.json)
    CHECK(opens.size() == detected.size());
    for (const Key& k : opens) {
      bool near = false;
      for (const Key& d : detected) near |= d.first == k.first && std::llabs(d.second - k.second) <= 5 * 60000;
      CHECK_MESSAGE(near, k.first);
    }
    // Every incident that opened also closed, once.
    int closes = 0;
    for (const auto& e : events) closes += e.kind == bengle::WatchEvent::Kind::kClose;
    CHECK(closes == 3);
    CHECK(bengle::WatchEventToJson(events.front()).starts_with("{\"event\":\"open\",\"at\":\""));
  }

  TEST_CASE("watch: early announcements come no later, mostly sooner, and are the same incidents") {
    std::map<std::string, bengle::UnixMillis> at[2];  // first open per service: early off, on
    std::multiset<Key> opens[2];
    for (int early = 0; early < 2; ++early) {
      auto store = bengle::BaselineStore::InMemory();
      bengle::WatchOptions o;
      o.early = early == 1;
      auto watcher = bengle::Watcher::Open(store.get(), o);
      REQUIRE(watcher.ok());
      std::vector<bengle::WatchEvent> events;
      for (bengle::PostBatch& b : SampleBatches(50)) {
        REQUIRE((*watcher)->Add(&b).ok());
        for (auto& e : (*watcher)->TakeEvents()) events.push_back(std::move(e));
      }
      for (const auto& e : events) {
        if (e.kind != bengle::WatchEvent::Kind::kOpen) continue;
        const std::string k = e.incident.service + "@" + std::to_string(e.incident.start / bengle::kDayMs);
        if (at[early].count(k) == 0) at[early][k] = e.at;
      }
      opens[early] = Opens(events);
      int closes = 0;
      for (const auto& e : events) closes += e.kind == bengle::WatchEvent::Kind::kClose;
      CHECK(closes == 3);  // none taken back
    }
    REQUIRE(at[0].size() == 3);
    REQUIRE(at[1].size() == 3);
    int sooner = 0;
    for (const auto& [k, t] : at[0]) {
      REQUIRE(at[1].count(k) == 1);
      CAPTURE(k);
      CHECK(at[1][k] <= t);
      sooner += at[1][k] < t;
      MESSAGE(k << ": announced " << (t - at[1][k]) / 1000 << " s sooner");
    }
    CHECK(sooner >= 2);
    // The same incidents (onsets within a bucket).
    for (const Key& k : opens[1]) {
      bool near = false;
      for (const Key& d : opens[0]) near |= d.first == k.first && std::llabs(d.second - k.second) <= 5 * 60000;
      CHECK_MESSAGE(near, k.first);
    }
  }

  TEST_CASE("watch: a restart continues without announcing an incident twice or counting a post twice") {
    TempDb db;
    std::vector<bengle::WatchEvent> all;
    auto batches = SampleBatches(500);
    // Uninterrupted.
    std::multiset<Key> once;
    uint64_t stored_once = 0;
    {
      TempDb whole;
      auto store = bengle::BaselineStore::OpenSqlite(whole.path);
      REQUIRE(store.ok());
      auto w = bengle::Watcher::Open(store->get());
      REQUIRE(w.ok());
      for (bengle::PostBatch b : SampleBatches(500)) {
        bengle::ApplyStats st;
        REQUIRE((*w)->Add(&b, &st).ok());
        stored_once += st.posts_new;
      }
      once = Opens((*w)->TakeEvents());
    }
    // Stopped three times; each restart is fed the stream again from a point
    // before where the last run stopped (posts already stored are skipped).
    const size_t n = batches.size();
    const size_t stops[] = {n / 5, n / 2, 3 * n / 4, n};
    size_t from = 0;
    uint64_t stored = 0;
    for (size_t stop : stops) {
      auto store = bengle::BaselineStore::OpenSqlite(db.path);
      REQUIRE(store.ok());
      auto w = bengle::Watcher::Open(store->get());
      REQUIRE(w.ok());
      for (size_t i = from; i < stop; ++i) {
        bengle::PostBatch b = batches[i];
        bengle::ApplyStats st;
        REQUIRE((*w)->Add(&b, &st).ok());
        stored += st.posts_new;
      }
      for (auto& e : (*w)->TakeEvents()) all.push_back(std::move(e));
      from = stop > 3 ? stop - 3 : 0;  // the feed is replayed from a little earlier
    }
    const std::multiset<Key> opens = Opens(all);
    CHECK(opens == once);
    for (const Key& k : opens) CHECK(opens.count(k) == 1);
    CHECK(stored == stored_once);  // every post counted once, none lost
    // The state is in the store.
    auto store = bengle::BaselineStore::OpenSqlite(db.path);
    REQUIRE(store.ok());
    std::string state;
    bool found = false;
    REQUIRE((*store)->GetValue("watch", &state, &found).ok());
    CHECK(found);
    CHECK(state.starts_with("bengle-watch 1\njudged "));
  }

  TEST_CASE("watch: a store filled by ingest is history, not news") {
    auto store = bengle::BaselineStore::InMemory();
    bengle::ApplyStats st;
    for (bengle::PostBatch& b : SampleBatches(5000)) REQUIRE(store->Apply(b, &st).ok());
    auto w = bengle::Watcher::Open(store.get());
    REQUIRE(w.ok());
    CHECK((*w)->TakeEvents().empty());
    CHECK((*w)->judged_until() > 0);
  }

  TEST_CASE("watch: a damaged state is an error, not a silent restart") {
    auto store = bengle::BaselineStore::InMemory();
    REQUIRE(store->PutValue("watch", "not a state").ok());
    auto w = bengle::Watcher::Open(store.get());
    CHECK(!w.ok());
    CHECK(w.status().code() == bengle::Status::Code::kCorruption);
  }
}

TEST_SUITE("watch") {
  TEST_CASE("watch: a post dated in the future does not close the buckets up to it") {
    auto store = bengle::BaselineStore::InMemory();
    auto w = bengle::Watcher::Open(store.get());
    REQUIRE(w.ok());
    auto batches = SampleBatches(1000);
    REQUIRE((*w)->Add(&batches[0]).ok());
    const bengle::UnixMillis before = (*w)->watermark();
    bengle::PostBatch bad;
    bengle::AggregatedPost p = batches[1].posts().front();
    p.id_hash ^= 1;
    p.created_at = 4102444800000;  // 2100-01-01
    p.bucket = p.created_at;
    bad.Add(std::move(p));
    REQUIRE((*w)->Add(&bad).ok());
    CHECK((*w)->watermark() == before);
  }
}
