#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

#include "bengle/aggregate.h"
#include "bengle/detect.h"
#include "bengle/store.h"

namespace {
constexpr int64_t kMin = 60000;
const int64_t kT0 = 1709481600000;

std::string Name(const char* prefix, int n) {
  std::string s = prefix;  // (not prefix + ...: GCC 12 warns falsely, bug 105329)
  s += std::to_string(n);
  return s;
}

void AddPost(bengle::PostBatch* b, int id, int64_t t, const std::string& user, bool complaint) {
  bengle::Classification c;
  c.services = {"wechat"};
  c.complaint = complaint;
  if (complaint) c.categories = {bengle::CategoryScore{"login", 0.9}};
  b->Add(std::to_string(id), t, user, "x", bengle::NormalizedText{}, c);
}
}  // namespace

TEST_SUITE("aggregate") {
  TEST_CASE("streaming counts equal the store's, out-of-order posts within the lateness included") {
    std::mt19937 rng(5);
    std::vector<std::pair<int64_t, int>> posts;  // (time, id)
    for (int i = 0; i < 3000; ++i) posts.emplace_back(kT0 + i * 20000, i);  // one every 20 s for 1000 min
    // Shuffle each post by up to 8 minutes (lateness is 10).
    for (auto& p : posts) p.first += static_cast<int64_t>(rng() % (8 * kMin));
    std::shuffle(posts.begin(), posts.begin() + 50, rng);
    std::sort(posts.begin(), posts.end(), [&](auto& a, auto& b) { return a.first < b.first; });
    for (size_t i = 0; i + 3 < posts.size(); i += 7) std::swap(posts[i], posts[i + 3]);  // local disorder

    bengle::StreamAggregator stream;
    auto store = bengle::BaselineStore::InMemory();
    std::map<std::pair<std::string, int64_t>, bengle::BucketCounts> streamed;
    for (auto [t, id] : posts) {
      bengle::PostBatch b;
      AddPost(&b, id, t, Name("u", id % 40), id % 3 == 0);
      stream.Add(b);
      bengle::ApplyStats st;
      REQUIRE(store->Apply(b, &st).ok());
      for (const auto& c : stream.TakeClosed()) streamed[{c.key, c.bucket}] = c.counts;
    }
    stream.Flush();
    for (const auto& c : stream.TakeClosed()) streamed[{c.key, c.bucket}] = c.counts;
    CHECK(stream.late() == 0);
    std::vector<bengle::SeriesPoint> pts;
    REQUIRE(store->ReadSeries("svc:wechat", 0, INT64_MAX, &pts).ok());
    REQUIRE(!pts.empty());
    for (const auto& p : pts) {
      const auto& s = streamed[{"svc:wechat", p.bucket}];
      CHECK(s.mentions == p.counts.mentions);
      CHECK(s.complaints == p.counts.complaints);
      CHECK(s.authors == p.counts.authors);
    }
  }

  TEST_CASE("a post later than the lateness window is counted as late") {
    bengle::StreamAggregator stream;
    bengle::PostBatch b;
    AddPost(&b, 1, kT0 + 60 * kMin, "a", true);
    AddPost(&b, 2, kT0, "b", true);  // an hour late
    stream.Add(b);
    bengle::PostBatch c;
    AddPost(&c, 3, kT0 + 1 * kMin, "c", true);
    stream.Add(c);
    CHECK(stream.late() == 1);
  }

  TEST_CASE("streamed buckets drive the detector: an outage opens an incident") {
    bengle::StreamAggregator stream;
    bengle::Detector det;
    int id = 0, opened = 0;
    for (int64_t t = kT0; t < kT0 + 5 * 86400000; t += kMin) {
      bengle::PostBatch b;
      ++id;
      AddPost(&b, id, t, Name("bg", id % 500), id % 20 == 0);
      const bool outage = t >= kT0 + 4 * 86400000 + 10 * 3600000 && t < kT0 + 4 * 86400000 + 11 * 3600000;
      for (int k = 0; outage && k < 10; ++k) {
        ++id;
        AddPost(&b, id, t, Name("o", id), true);
      }
      stream.Add(b);
      bengle::FeedDetector(stream.TakeClosed(), &det);
      for (const auto& e : det.TakeEvents()) {
        if (e.kind == bengle::DetectorEvent::Kind::kOpen) {
          ++opened;
          CHECK(e.incident.service == "wechat");
          CHECK(std::llabs(e.incident.start - (kT0 + 4 * 86400000 + 10 * 3600000)) <= 10 * kMin);
        }
      }
    }
    CHECK(opened == 1);
  }
}
