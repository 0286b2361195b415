// Bar 2 of issue 13: the baseline the HTML report draws is, bucket for bucket,
// the one the detector computed while it found the incidents.
#include "report/baseline.h"

#include <doctest/doctest.h>

#include <map>
#include <utility>

#include "bengle/analysis.h"
#include "bengle/classify.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "bengle/pipeline.h"
#include "bengle/report.h"
#include "bengle/store.h"
#include "test_paths.h"

namespace {

// The bundled sample archive, classified and stored in memory.
std::unique_ptr<bengle::BaselineStore> SampleStore() {
  auto reader = bengle::PostReader::Open({std::string(BENGLE_DATA_DIR) + "/samples/archive.jsonl.gz"});
  auto normalizer = bengle::Normalizer::Create();
  auto classifier = bengle::Classifier::Create();
  REQUIRE(reader.ok());
  REQUIRE(normalizer.ok());
  REQUIRE(classifier.ok());
  auto store = bengle::BaselineStore::InMemory();
  bengle::PostBatch batch;
  bengle::PipelineStages stages{.normalizer = normalizer->get(), .classifier = classifier->get()};
  stages.sink = [&](bengle::PipelineChunk& chunk) -> bengle::Status {
    for (bengle::AggregatedPost& p : chunk.batch.mutable_posts()) batch.Add(std::move(p));
    return bengle::Status::OK();
  };
  REQUIRE(bengle::RunPipeline(**reader, stages, {.threads = 1}).ok());
  REQUIRE(store->Apply(batch, nullptr).ok());
  return store;
}

}  // namespace

TEST_SUITE("report") {
  TEST_CASE("the drawn baseline equals the detector's at every bucket of every incident of the sample") {
    auto store = SampleStore();
    // What the detector expected, bucket by bucket, during the very replay
    // that found the incidents.
    std::map<std::pair<std::string, bengle::UnixMillis>, double> seen;
    bengle::AnalysisOptions ao;
    ao.on_bucket = [&](std::string_view svc, bengle::UnixMillis t, double expected) {
      seen[{std::string(svc), t}] = expected;
    };
    bengle::Analysis a;
    REQUIRE(bengle::Analyze(*store, 0, 0, ao, &a).ok());
    REQUIRE(a.incidents.size() >= 2);
    const int64_t b = store->bucket_ms();
    size_t compared = 0;
    for (const bengle::Incident& x : a.incidents) {
      // The report's chart window: 3 hours either side (ReportOptions default).
      const bengle::UnixMillis from = (x.start - 3 * bengle::kHourMs) / b * b;
      const bengle::UnixMillis to = std::min(a.to, (x.end + 3 * bengle::kHourMs) / b * b);
      for (const std::string& svc : x.services) {
        std::vector<double> drawn;
        REQUIRE(bengle::internal::DrawnBaseline(*store, a, svc, from, to, &drawn).ok());
        REQUIRE(drawn.size() == static_cast<size_t>((to - from) / b));
        for (size_t i = 0; i < drawn.size(); ++i) {
          auto it = seen.find({svc, from + static_cast<int64_t>(i) * b});
          REQUIRE(it != seen.end());
          CHECK(drawn[i] == it->second);  // the same arithmetic, so exactly equal
          ++compared;
        }
      }
    }
    CHECK(compared > 200);
    // The analysis with the observer finds the same incidents as without.
    bengle::Analysis plain;
    REQUIRE(bengle::Analyze(*store, 0, 0, {}, &plain).ok());
    CHECK(bengle::IncidentsToJson(plain.incidents) == bengle::IncidentsToJson(a.incidents));
    // And the HTML report renders from the analysis.
    std::string html;
    REQUIRE(bengle::WriteHtmlReport(*store, a, {}, &html).ok());
    CHECK(html.find("id=\"incident-1-1\"") != std::string::npos);  // the first incident's first chart
  }

  TEST_CASE("a series that starts inside the chart: the drawn baseline is still the detector's") {
    // Regression: the report used to replay from the chart's start with
    // zeros before the series' first bucket, so it drew another baseline.
    auto store = bengle::BaselineStore::InMemory();
    const bengle::UnixMillis t0 = 1679990400000;  // 2023-03-28T16:00Z
    bengle::PostBatch batch;
    bengle::Classification c;
    c.services = {"qq"};
    c.complaint = true;
    int id = 0;
    auto post = [&](bengle::UnixMillis t, const char* prefix, int n) {
      std::string user = prefix;  // (not prefix + ...: GCC 12 warns falsely, bug 105329)
      user += std::to_string(n);
      batch.Add(std::to_string(++id), t, user, "QQ登不上", bengle::NormalizedText{}, c);
    };
    for (int h = 0; h < 30; ++h) post(t0 + h * bengle::kHourMs, "steady", h % 3);
    for (int m = 0; m < 40; ++m) post(t0 + 20 * bengle::kHourMs + (m % 6) * 5 * bengle::kMinuteMs, "u", m);
    REQUIRE(store->Apply(batch, nullptr).ok());
    std::map<bengle::UnixMillis, double> seen;
    bengle::AnalysisOptions ao;
    ao.on_bucket = [&](std::string_view, bengle::UnixMillis t, double e) { seen[t] = e; };
    bengle::Analysis a;
    REQUIRE(bengle::Analyze(*store, 0, 0, ao, &a).ok());
    REQUIRE(a.incidents.size() == 1);
    const int64_t b = store->bucket_ms();
    const bengle::UnixMillis from = t0 - 3 * bengle::kHourMs, to = a.to;
    std::vector<double> drawn;
    REQUIRE(bengle::internal::DrawnBaseline(*store, a, "qq", from, to, &drawn).ok());
    // The old way, for contrast: zeros fed from the chart's start.
    bengle::DetectorOptions d;
    d.score_every_bucket = true;  // as the old report did
    bengle::Detector old(d);
    std::vector<bengle::SeriesPoint> pts;
    REQUIRE(store->ReadSeries("svc:qq", from, to, &pts).ok());
    size_t k = 0, differ = 0;
    for (bengle::UnixMillis t = from; t < to; t += b) {
      bengle::BucketCounts counts;
      if (k < pts.size() && pts[k].bucket == t) counts = pts[k++].counts;
      old.Feed("qq", t, counts);
      const size_t i = static_cast<size_t>((t - from) / b);
      if (t >= t0) {
        REQUIRE(seen.count(t));
        CHECK(drawn[i] == seen[t]);
        differ += old.LastBucketExpected("qq") != seen[t];
      } else {
        CHECK(drawn[i] == 0);  // no baseline before the series' first bucket
      }
    }
    CHECK(differ > 0);  // the check above would have caught the old report
  }
}
