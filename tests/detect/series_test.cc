#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "bengle/detect.h"
#include "test_paths.h"

namespace {
struct Row {
  bengle::UnixMillis t;
  double v;
};
std::vector<Row> Load() {
  std::ifstream in(BENGLE_TEST_DATA_DIR "/nab_Twitter_volume_CRM.csv");
  std::vector<Row> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const size_t comma = line.find(',');
    auto t = bengle::ParseTime(line.substr(0, comma), 0);
    REQUIRE(t.ok());
    rows.push_back(Row{*t, std::stod(line.substr(comma + 1))});
  }
  return rows;
}
}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("series scores are causal: removing later rows never changes a row's score (real data)") {
    const std::vector<Row> rows = Load();
    REQUIRE(rows.size() > 15000);
    std::vector<double> full;
    bengle::SeriesScorer all;
    for (const Row& r : rows) full.push_back(all.Add(r.t, r.v));
    int alerts = 0;
    for (double s : full) {
      CHECK(s >= 0.0);
      CHECK(s <= 1.0);
      alerts += s >= 0.5;
    }
    CHECK(alerts > 0);
    for (size_t cut : {size_t{5}, size_t{16}, size_t{17}, size_t{1000}, size_t{3139}, size_t{7777}, rows.size() - 1}) {
      bengle::SeriesScorer prefix;
      double last = 0;
      for (size_t i = 0; i <= cut; ++i) last = prefix.Add(rows[i].t, rows[i].v);
      CAPTURE(cut);
      CHECK(last == full[cut]);
    }
  }
}

TEST_SUITE("detect") {
  TEST_CASE("series alerts on bursts rare for the series itself, not on its everyday bursts") {
    // 5-minute counts around 50 with a burst of about 5x every day at noon
    // (none on day 12), and one burst of 60x on day 12.
    bengle::SeriesScorer scorer;
    const bengle::UnixMillis t0 = 1425168000000;  // 2015-03-01 00:00 UTC
    uint32_t rng = 12345;
    auto noise = [&rng] {
      rng = rng * 1664525u + 1013904223u;
      return static_cast<double>(rng >> 24) / 256.0;  // [0, 1)
    };
    int daily_alerts_late = 0, big_alerts = 0;
    for (int i = 0; i < 14 * 288; ++i) {
      const int day = i / 288, slot = i % 288;
      double v = 45 + 10 * noise();
      const bool daily = day != 12 && slot >= 144 && slot < 147;
      const bool big = day == 12 && slot >= 216 && slot < 219;
      if (daily) v = 200 + 100 * noise();
      if (big) v = 3000;
      const double s = scorer.Add(t0 + static_cast<int64_t>(i) * 300000, v);
      if (s >= 0.5 && daily && day >= 7) ++daily_alerts_late;
      if (s >= 0.5 && big) ++big_alerts;
    }
    CHECK(daily_alerts_late <= 3);  // of 6 everyday bursts on days 7-13
    CHECK(big_alerts == 1);
  }
}
