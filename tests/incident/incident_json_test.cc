#include <doctest/doctest.h>

#include <random>
#include <string>

#include "bengle/incident.h"
#include "bengle/report.h"

namespace {

// Random valid UTF-8: ASCII (quotes, backslashes, control characters
// included), CJK, emoji.
std::string RandomText(std::mt19937_64& rng) {
  static const char* const kPieces[] = {"a", "Z", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", " ", "微", "信",
                                        "崩", "了", "#", "😀", "é", "{", "}", "[", "]", ",", ":", "0"};
  std::string s;
  const int n = static_cast<int>(rng() % 12);
  for (int i = 0; i < n; ++i) s += kPieces[rng() % (sizeof kPieces / sizeof *kPieces)];
  return s;
}

std::vector<std::string> RandomTexts(std::mt19937_64& rng) {
  std::vector<std::string> v(rng() % 4);
  for (auto& s : v) s = RandomText(rng);
  return v;
}

double RandomDouble(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0: return 0;
    case 1: return static_cast<double>(rng() % 100000) / 100.0;
    case 2: return std::uniform_real_distribution<double>(0, 1e4)(rng);
    default: return 999.9 + std::uniform_real_distribution<double>(0, 1e6)(rng);
  }
}

bengle::UnixMillis RandomTime(std::mt19937_64& rng) {
  return static_cast<int64_t>(rng() % 4000000000ull) * 1000;  // whole seconds, 1970-2096
}

bengle::Incident RandomIncident(std::mt19937_64& rng) {
  bengle::Incident x;
  x.service = RandomText(rng);
  x.services = RandomTexts(rng);
  x.start = RandomTime(rng);
  x.peak = RandomTime(rng);
  x.end = RandomTime(rng);
  x.alarm = RandomTime(rng);
  x.peak_count = static_cast<int64_t>(rng() % 100000);
  x.baseline = RandomDouble(rng);
  x.score = RandomDouble(rng);
  x.complaints = static_cast<int64_t>(rng() % 10000000);
  for (size_t k = rng() % 4; k > 0; --k) x.categories.push_back({RandomText(rng), RandomDouble(rng) / 1000});
  x.hashtags = RandomTexts(rng);
  x.sample_ids = RandomTexts(rng);
  x.sample_texts = RandomTexts(rng);
  for (size_t k = 0; k < x.sample_ids.size(); ++k) {
    x.sample_times.push_back(rng() % 4 ? RandomTime(rng) + static_cast<int64_t>(rng() % 1000) : 0);
    x.sample_users.push_back(RandomText(rng));
  }
  for (size_t k = rng() % 4; k > 0; --k) {
    x.regions.push_back({RandomText(rng), static_cast<int64_t>(rng() % 5000), RandomDouble(rng) / 1000,
                         RandomDouble(rng) / 1000, RandomDouble(rng)});
  }
  x.recovered = rng() % 2;
  x.open = rng() % 2;
  for (size_t k = rng() % 3; k > 0; --k) {
    bengle::ServicePart p;
    p.service = RandomText(rng);
    p.start = RandomTime(rng);
    p.peak = RandomTime(rng);
    p.end = RandomTime(rng);
    p.peak_count = static_cast<int64_t>(rng() % 100000);
    p.baseline = RandomDouble(rng);
    p.score = RandomDouble(rng);
    p.complaints = static_cast<int64_t>(rng() % 10000000);
    p.categories.push_back({RandomText(rng), RandomDouble(rng) / 1000});
    x.parts.push_back(p);
  }
  x.cluster = RandomTexts(rng);
  for (size_t k = rng() % 3; k > 0; --k) {
    x.emerging.push_back({RandomText(rng), static_cast<int64_t>(rng() % 1000), RandomDouble(rng)});
  }
  x.unrelated = RandomTexts(rng);
  return x;
}

}  // namespace

TEST_SUITE("incident") {
  TEST_CASE("a part's complaints are written whole next to a score of 999.9 (JSON and text agree)") {
    bengle::Incident x;
    x.service = "wechat";
    x.services = {"wechat", "qq"};
    x.score = 5000;
    x.complaints = 4806;
    x.peak_count = 1200;
    x.baseline = 1.234;
    for (const char* svc : {"wechat", "qq"}) {
      bengle::ServicePart p;
      p.service = svc;
      p.peak_count = 1000000;
      p.baseline = 123456.789;
      p.score = 12345.6;  // shown as 999.9
      p.complaints = std::string(svc) == "wechat" ? 2585 : 2221;
      p.categories = {{"media_transfer", 0.714}, {"messaging_with_a_long_name", 0.1}};
      x.parts.push_back(p);
    }
    const std::string json = bengle::IncidentToJson(x);
    CHECK(json.find("\"score\":999.9,\"complaints\":2585,") != std::string::npos);
    CHECK(json.find("\"score\":999.9,\"complaints\":2221,") != std::string::npos);
    CHECK(json.find("\"baseline\":123456.79") != std::string::npos);
    const std::string text = bengle::IncidentsToText({x});
    CHECK(text.find("wechat: ") != std::string::npos);
    CHECK(text.find(", 2585 complaints") != std::string::npos);
    CHECK(text.find(", 2221 complaints") != std::string::npos);
    auto back = bengle::IncidentFromJson(json);
    REQUIRE(back.ok());
    REQUIRE(back->parts.size() == 2);
    CHECK(back->parts[0].complaints == 2585);
    CHECK(back->parts[1].complaints == 2221);
  }

  TEST_CASE("random incidents round-trip: JSON -> Incident -> JSON is identical (both forms)") {
    std::mt19937_64 rng(20261206);
    for (int round = 0; round < 2000; ++round) {
      const bengle::Incident x = RandomIncident(rng);
      for (bool exact : {false, true}) {
        bengle::IncidentJsonOptions o;
        o.exact = exact;
        o.utc_offset_minutes = static_cast<int>(rng() % 1441) - 720;
        const std::string a = bengle::IncidentToJson(x, o);
        auto y = bengle::IncidentFromJson(a);
        REQUIRE_MESSAGE(y.ok(), y.status().message(), " in ", a);
        const std::string b = bengle::IncidentToJson(*y, o);
        REQUIRE(a == b);
        if (exact) {  // the store's form gives back the very same values
          CHECK(y->score == x.score);
          CHECK(y->baseline == x.baseline);
          CHECK(y->start == x.start);
          CHECK(y->sample_texts == x.sample_texts);
          CHECK(y->sample_times == x.sample_times);  // to the millisecond
          CHECK(y->sample_users == x.sample_users);
          REQUIRE(y->regions.size() == x.regions.size());
          for (size_t k = 0; k < x.regions.size(); ++k) {
            CHECK(y->regions[k].name == x.regions[k].name);
            CHECK(y->regions[k].ratio == x.regions[k].ratio);
          }
          CHECK(y->parts.size() == x.parts.size());
        }
      }
    }
    std::vector<bengle::Incident> many;
    for (int i = 0; i < 20; ++i) many.push_back(RandomIncident(rng));
    const std::string arr = bengle::IncidentsToJson(many);
    std::vector<bengle::Incident> back;
    REQUIRE(bengle::IncidentsFromJson(arr, &back).ok());
    CHECK(bengle::IncidentsToJson(back) == arr);
  }

  TEST_CASE("bad JSON and wrong field types are errors that name the field") {
    CHECK_FALSE(bengle::IncidentFromJson("{").ok());
    CHECK_FALSE(bengle::IncidentFromJson("[]").ok());
    auto r = bengle::IncidentFromJson(R"({"service":"wechat","complaints":"many"})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("complaints") != std::string::npos);
    r = bengle::IncidentFromJson(R"({"parts":[{"service":"qq","start":"yesterday"}]})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("parts.start") != std::string::npos);
    std::vector<bengle::Incident> v;
    CHECK_FALSE(bengle::IncidentsFromJson(R"({"service":"wechat"})", &v).ok());
    CHECK(bengle::IncidentFromJson(R"({"service":"wechat"})").ok());  // missing fields keep defaults
  }

  TEST_CASE("infinite and NaN values still give valid JSON") {
    bengle::Incident x;
    x.score = std::numeric_limits<double>::infinity();
    x.baseline = std::nan("");
    bengle::IncidentJsonOptions o;
    o.exact = true;
    auto y = bengle::IncidentFromJson(bengle::IncidentToJson(x, o));
    REQUIRE(y.ok());
    CHECK(y->score == std::numeric_limits<double>::max());
    CHECK(y->baseline == 0);
  }
}

TEST_SUITE("report.text") {
  // Issue 15, defect 9: sample texts reached the terminal raw, escape
  // sequences included.
  TEST_CASE("control characters in post texts are shown, not sent to the terminal") {
    bengle::Incident x;
    x.service = "wechat";
    x.services = {"wechat"};
    x.sample_ids = {"1\x1b[2J"};
    x.sample_texts = {"微信崩了\x1b]0;pwned\x07\x1b[31m红\nline\xc2\x9b" "1m"};
    x.hashtags = {"tag\x1b[5m"};
    const std::string text = bengle::IncidentsToText({x});
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\x07') == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    CHECK(text.find("微信崩了\\x1b]0;pwned\\x07\\x1b[31m红 line\\u009b1m") != std::string::npos);
    CHECK(text.find("(id 1\\x1b[2J)") != std::string::npos);
  }
}

TEST_SUITE("incident.csv") {
  TEST_CASE("CSV: header, quoting of commas and quotes, escaped list separators, regions") {
    bengle::Incident x;
    x.service = "wechat";
    x.service_name = "微信";
    x.services = {"wechat", "qq"};
    x.service_names = {"微信", "QQ"};
    x.start = 1680030000000;  // 2023-03-29T03:00:00+08:00
    x.peak = x.start + 25 * 60000;
    x.end = x.start + 145 * 60000;
    x.peak_count = 139;
    x.baseline = 0.5;
    x.score = 1e9;
    x.categories = {{"login", 0.524}, {"calls", 0.1}};
    x.hashtags = {"a;b", "c\\d", "e,\"f\""};
    x.regions = {{"广东", 120, 0.6391, 0.105, 6.087}};
    const std::string csv = bengle::IncidentsToCsv({x});
    const std::string header = csv.substr(0, csv.find("\r\n"));
    CHECK(header.starts_with("service,service_name,services,service_names,start,peak,end,duration_min,peak_count,"));
    const std::string row = csv.substr(header.size() + 2);
    CHECK(row ==
          "wechat,微信,wechat;qq,微信;QQ,2023-03-29T03:00:00+08:00,2023-03-29T03:25:00+08:00,"
          "2023-03-29T05:25:00+08:00,145,139,0.5,139,999.9,0,login:0.52;calls:0.1,"
          "\"a\\;b;c\\\\d;e,\"\"f\"\"\",广东:0.639:6.09,,1970-01-01T08:00:00+08:00,false,false\r\n");
  }
}
