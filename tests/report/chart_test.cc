// The report's chart pieces (issue 18, bar 1): round value steps, round tick
// times in a fixed zone and across a daylight-saving change, and the usual
// range the report draws.
#include "report/chart.h"

#include <doctest/doctest.h>

#include <cmath>

#include "bengle/analysis.h"
#include "bengle/report.h"
#include "bengle/store.h"
#include "report/baseline.h"

TEST_SUITE("report") {
  TEST_CASE("NiceStep: 1-2-5 steps, never below the minimum") {
    CHECK(bengle::internal::NiceStep(1376, 5, 1) == 500);  // not 344
    CHECK(bengle::internal::NiceStep(146, 5, 1) == 50);
    CHECK(bengle::internal::NiceStep(9, 5, 1) == 2);
    CHECK(bengle::internal::NiceStep(0.3, 5, 1) == 1);  // counts: an integer scale
    CHECK(bengle::internal::NiceStep(0, 5, 1) == 1);
    CHECK(bengle::internal::NiceStep(2000, 5, 1) == 500);
    CHECK(bengle::internal::NiceStep(2600, 5, 1) == 1000);
  }

  TEST_CASE("RoundTimes: ticks on the local clock, the smallest step that fits") {
    const bengle::TimeZone beijing = bengle::TimeZone::Fixed(480);
    // 2021-10-18 06:35 .. 15:10 Beijing: 2-hour ticks at 08:00 .. 14:00 local.
    const bengle::UnixMillis from = 1634510100000, to = from + 515 * bengle::kMinuteMs;
    const auto t = bengle::internal::RoundTimes(from, to, beijing, 6);
    CHECK(t.step == 2 * bengle::kHourMs);
    REQUIRE(t.at.size() == 4);
    CHECK(bengle::FormatTime(t.at.front(), beijing) == "2021-10-18T08:00:00+08:00");
    CHECK(bengle::FormatTime(t.at.back(), beijing) == "2021-10-18T14:00:00+08:00");
    // 17 days: weekly ticks on Mondays at local midnight.
    const auto w = bengle::internal::RoundTimes(1633276800000 - 8 * bengle::kHourMs,
                                                1633276800000 + 17 * bengle::kDayMs, beijing, 6);
    CHECK(w.step == 7 * bengle::kDayMs);
    for (bengle::UnixMillis at : w.at) {
      const std::string s = bengle::FormatTime(at, beijing);
      CHECK(s.substr(10) == "T00:00:00+08:00");
    }
    CHECK(bengle::FormatTime(w.at.front(), beijing).substr(0, 10) == "2021-10-04");  // a Monday
    // Across New York's change to daylight saving (2024-03-10 02:00 -> 03:00):
    // ticks stay on the local clock.
    auto ny = bengle::TimeZone::Parse("America/New_York");
    REQUIRE(ny.ok());
    const bengle::UnixMillis d0 = 1710043200000;  // 2024-03-10T00:00-05:00
    const auto n = bengle::internal::RoundTimes(d0, d0 + 12 * bengle::kHourMs, *ny, 6);
    CHECK(n.step == 3 * bengle::kHourMs);
    for (bengle::UnixMillis at : n.at) {
      const std::string s = bengle::FormatTime(at, *ny);
      CAPTURE(s);
      CHECK(std::stoi(s.substr(11, 2)) % 3 == 0);
      CHECK(s.substr(14, 5) == "00:00");
    }
  }

  TEST_CASE("the usual range: the detector's spread of each bucket, at least counting noise") {
    auto store = bengle::BaselineStore::InMemory();
    const bengle::UnixMillis t0 = 1679990400000;
    bengle::PostBatch batch;
    bengle::Classification c;
    c.services = {"qq"};
    c.complaint = true;
    int id = 0;
    for (int h = 0; h < 24 * 6; ++h) {
      for (int k = 0; k < 1 + h % 4; ++k) {
        std::string user = "u";
        user += std::to_string(h * 10 + k);
        batch.Add(std::to_string(++id), t0 + h * bengle::kHourMs + k * 60000, user, "QQ登不上",
                  bengle::NormalizedText{}, c);
      }
    }
    REQUIRE(store->Apply(batch, nullptr).ok());
    bengle::Analysis a;
    REQUIRE(bengle::Analyze(*store, 0, 0, {}, &a).ok());
    std::vector<double> mean, sd;
    const bengle::UnixMillis from = t0 + 5 * bengle::kDayMs, to = from + bengle::kDayMs;
    REQUIRE(bengle::internal::DrawnBaseline(*store, a, "qq", from, to, &mean, &sd).ok());
    REQUIRE(sd.size() == mean.size());
    size_t checked = 0;
    for (size_t i = 0; i < mean.size(); ++i) {
      if (mean[i] <= 0) continue;
      CAPTURE(i);
      CAPTURE(mean[i]);
      CHECK(sd[i] >= std::sqrt(mean[i]) - 1e-12);  // never below Poisson noise
      ++checked;
    }
    CHECK(checked > 200);
  }
}

TEST_SUITE("report") {
  TEST_CASE("status board: an hour far above the usual range that opens no incident is 'elevated'") {
    auto store = bengle::BaselineStore::InMemory();
    const bengle::UnixMillis t0 = 1679990400000;  // 2023-03-28T16:00Z
    bengle::PostBatch batch;
    int id = 0;
    auto post = [&](const char* service, bengle::UnixMillis t, int user) {
      bengle::Classification c;
      c.services = {service};
      c.complaint = true;
      std::string u = "u";
      u += std::to_string(user);
      batch.Add(std::to_string(++id), t, u, "登不上", bengle::NormalizedText{}, c);
    };
    // Six days of two complaints an hour about qq, one an hour about wechat.
    for (int h = 0; h < 24 * 6; ++h) {
      post("qq", t0 + h * bengle::kHourMs + 600000, h * 7);
      post("qq", t0 + h * bengle::kHourMs + 2400000, h * 7 + 1);
      post("wechat", t0 + h * bengle::kHourMs + 1200000, h * 7 + 2);
    }
    // Then one hour of qq with 16 complaints, spread thin (a few per bucket).
    const bengle::UnixMillis rise = t0 + 24 * 6 * bengle::kHourMs;
    for (int k = 0; k < 16; ++k) post("qq", rise + k * 225000, 100000 + k);
    REQUIRE(store->Apply(batch, nullptr).ok());
    bengle::Analysis a;
    REQUIRE(bengle::Analyze(*store, 0, 0, {}, &a).ok());
    std::string html;
    REQUIRE(bengle::WriteHtmlReport(*store, a, {}, &html).ok());
    const size_t qq = html.find("title=\"qq\">");
    const size_t wechat = html.find("title=\"wechat\">");
    REQUIRE(qq != std::string::npos);
    REQUIRE(wechat != std::string::npos);
    const std::string qq_row = html.substr(html.rfind("<div class=\"row st", qq), 24);
    const std::string wechat_row = html.substr(html.rfind("<div class=\"row st", wechat), 24);
    CAPTURE(a.incidents.size());
    CHECK(qq_row == "<div class=\"row st1\"><sp");      // elevated
    CHECK(wechat_row == "<div class=\"row st0\"><sp");  // normal
    CHECK(qq < wechat);                                  // more severe first
  }
}
