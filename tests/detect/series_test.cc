#include <doctest/doctest.h>

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
