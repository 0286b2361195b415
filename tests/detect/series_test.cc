#include <doctest/doctest.h>

#include <cmath>
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
    bengle::SeriesOptions o;
    o.kind = bengle::ValueKind::kCounts;
    bengle::SeriesScorer scorer(o);
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

namespace {
// Deterministic noise in [0, 1).
struct Lcg {
  uint32_t state = 12345;
  double operator()() {
    state = state * 1664525u + 1013904223u;
    return static_cast<double>(state >> 8) / 16777216.0;
  }
};
constexpr bengle::UnixMillis kT0 = 1425168000000;  // 2015-03-01 00:00 UTC
constexpr int64_t kFiveMin = 300000;
}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("series: a count series after a 17-month gap flags the outage and nothing before it") {
    bengle::SeriesOptions o;
    o.kind = bengle::ValueKind::kCounts;
    bengle::SeriesScorer scorer(o);
    Lcg noise;
    auto count = [&] { return std::floor(6 * noise() * noise() * 2); };  // 0..11, mostly small
    int alerts_before = 0, alerts_outage = 0;
    bengle::UnixMillis t = kT0;
    for (int i = 0; i < 10 * 288; ++i, t += kFiveMin) {
      alerts_before += scorer.Add(t, count()) >= 0.5;
    }
    t += int64_t{517} * 86400000;  // 17 months without a row
    for (int i = 0; i < 5 * 288; ++i, t += kFiveMin) {
      alerts_before += scorer.Add(t, count()) >= 0.5;
    }
    for (int i = 0; i < 6; ++i, t += kFiveMin) alerts_outage += scorer.Add(t, 60 + 10 * noise()) >= 0.5;
    CHECK(alerts_before == 0);
    CHECK(alerts_outage == 1);
    CHECK(scorer.gaps() == 1);
  }

  TEST_CASE("series: a measurement's level shift is flagged; its daily cycle and noise are not") {
    bengle::SeriesScorer scorer;
    Lcg noise;
    int alerts_outside = 0, alerts_shift = 0;
    for (int i = 0; i < 14 * 288; ++i) {
      const int day = i / 288, slot = i % 288;
      const bool shift = day == 11 && slot >= 120 && slot < 192;  // 6 hours 8 degrees hotter
      const double v = 40 + 5 * std::sin(slot * 2 * 3.141592653589793 / 288) + 2 * (noise() + noise() - 1) +
                       (shift ? 8 : 0);
      const double s = scorer.Add(kT0 + static_cast<int64_t>(i) * kFiveMin, v);
      // Four days of history first. Noise alone raises a few alerts (about
      // 8 x tail_expectation x ln(rows / rows at day 4) are expected: 4
      // views, 2 tails), and the day after the shift may echo it once (the
      // change against the same time a day before).
      if (day >= 4) (shift ? alerts_shift : alerts_outside) += s >= 0.5;
    }
    CHECK(scorer.kind() == bengle::ValueKind::kContinuous);
    CHECK(alerts_shift >= 1);
    CHECK(alerts_outside <= 3);
  }

  TEST_CASE("series: a spike that comes back every day is not news; one far above it is") {
    // CPU near 10% with a job that spikes it to 55-65% once a day, and on
    // day 12 a spike to 95%. The spikes are few among the largest values, so
    // the fitted exponential tail calls each daily spike rare; the past spikes
    // near it say otherwise.
    auto run = [](double bandwidth, int* daily_alerts, int* big_alerts) {
      bengle::SeriesOptions o;
      o.tail_bandwidth = bandwidth;
      bengle::SeriesScorer scorer(o);
      Lcg noise;
      *daily_alerts = *big_alerts = 0;
      for (int i = 0; i < 16 * 288; ++i) {
        const int day = i / 288, slot = i % 288;
        double v = 10 + noise();
        if (slot == 100) v = day == 12 ? 95 : 55 + 10 * noise();
        const double s = scorer.Add(kT0 + static_cast<int64_t>(i) * kFiveMin, v);
        if (s < 0.5 || slot < 100 || slot >= 112) continue;
        if (day == 12) ++*big_alerts;
        // From day 4 on; not the day after the big spike (the change
        // against a day before echoes it).
        if (day >= 4 && day != 13) ++*daily_alerts;
      }
    };
    int daily = 0, big = 0;
    run(bengle::SeriesOptions{}.tail_bandwidth, &daily, &big);
    CHECK(big == 1);
    CHECK(daily <= 3);  // of 10 ordinary spikes (a new highest one may alert)
    int daily_fitted_only = 0, big_fitted_only = 0;
    run(0, &daily_fitted_only, &big_fitted_only);  // without the count of past spikes near the value
    CHECK(daily_fitted_only >= 6);
  }

  TEST_CASE("series: a shift of level is flagged even when an old spike was higher than the new level") {
    // A database's CPU at 17% (one spike to 76% on day 3) steps up to 21% and
    // stays there: no row beats the spike, and the means of 12 rows that held
    // the spike were higher than 21; the median of 12 is not moved by one
    // spike.
    bengle::SeriesScorer scorer;
    Lcg noise;
    int alerts_step = 0, alerts_before = 0;
    for (int i = 0; i < 12 * 288; ++i) {
      double v = (i < 9 * 288 ? 17 : 21) + noise();
      if (i == 3 * 288 + 50) v = 76;
      const bool step = i >= 9 * 288 && i < 9 * 288 + 24;
      const double s = scorer.Add(kT0 + static_cast<int64_t>(i) * kFiveMin, v);
      if (step) alerts_step += s >= 0.5;
      if (i >= 4 * 288 && i < 9 * 288) alerts_before += s >= 0.5;
    }
    CHECK(alerts_step == 1);
    CHECK(alerts_before <= 2);
  }

  TEST_CASE("series: the kind follows from the values") {
    auto kind_of = [](auto value) {
      bengle::SeriesScorer scorer;
      for (int i = 0; i < 200; ++i) scorer.Add(kT0 + i * kFiveMin, value(i));
      return scorer.kind();
    };
    Lcg noise;
    // Sparse event counts: whole, small, spread like counts.
    CHECK(kind_of([&](int) { return std::floor(8 * noise() * noise()); }) == bengle::ValueKind::kCounts);
    // A whole-number speed near a set point is a measurement.
    CHECK(kind_of([&](int) { return std::floor(60 + 4 * noise()); }) == bengle::ValueKind::kContinuous);
    // Fractions, and large totals, are measurements too.
    CHECK(kind_of([&](int) { return 0.5 + noise(); }) == bengle::ValueKind::kContinuous);
    CHECK(kind_of([&](int) { return std::floor(15000 + 5000 * noise()); }) == bengle::ValueKind::kContinuous);
    // Two levels are a signal, not numbers of events; nor are byte counts.
    CHECK(kind_of([&](int i) { return (i / 20) % 2 == 0 ? 20.0 : 80.0; }) == bengle::ValueKind::kContinuous);
    // A series that starts at zero is judged once it has values: disk bytes
    // written (zero, then hundreds of millions) are not counts; events that
    // start late and are few are.
    auto late_start = [&](auto value) {
      bengle::SeriesScorer scorer;
      for (int i = 0; i < 600; ++i) scorer.Add(kT0 + i * kFiveMin, i < 300 ? 0.0 : value());
      return scorer.kind();
    };
    CHECK(late_start([&] { return noise() < 0.3 ? std::floor(1e8 + 4e8 * noise()) : 0.0; }) ==
          bengle::ValueKind::kContinuous);
    CHECK(late_start([&] { return std::floor(4 * noise() * noise()); }) == bengle::ValueKind::kCounts);
    bengle::SeriesScorer zeros;
    for (int i = 0; i < 300; ++i) zeros.Add(kT0 + i * kFiveMin, 0);
    CHECK(zeros.kind() == bengle::ValueKind::kAuto);  // not yet: nothing but zeros
    bengle::SeriesScorer few;
    few.Add(kT0, 1);
    CHECK(few.kind() == bengle::ValueKind::kAuto);
  }

  TEST_CASE("series: a row out of time order is scored against the rows before it") {
    bengle::SeriesScorer scorer;
    Lcg noise;
    for (int i = 0; i < 1000; ++i) scorer.Add(kT0 + i * kFiveMin, 10 + noise());
    const double late = scorer.Add(kT0 + 10 * kFiveMin, 500);  // far out of range, and late
    CHECK(late >= 0.5);
    CHECK(scorer.out_of_order() == 1);
    CHECK(scorer.Add(kT0 + 1000 * kFiveMin, 10.5) < 0.5);
  }
}
