#include "bengle/time.h"

#include <doctest/doctest.h>

using bengle::ParseTime;

namespace {
int64_t Ms(std::string_view s, int offset = 480) {
  auto r = ParseTime(s, offset);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return *r;
}
}  // namespace

TEST_SUITE("util") {
  TEST_CASE("ParseTime: the forms of INTERFACES.md all give the same instant") {
    const int64_t t = 1680030720000;  // 2023-03-29T03:12:00+08:00 = 2023-03-28T19:12:00Z
    CHECK(Ms("2023-03-29T03:12:00+08:00") == t);
    CHECK(Ms("2023-03-28T19:12:00Z") == t);
    CHECK(Ms("2023-03-29T03:12:00+0800") == t);
    CHECK(Ms("2023-03-29T03:12:00+08") == t);
    CHECK(Ms("2023-03-29T03:12:00") == t);     // zone-less: default +08:00
    CHECK(Ms("2023-03-29 03:12:00") == t);
    CHECK(Ms("2023-03-29 03:12") == t);
    CHECK(Ms("2023/03/29 03:12:00") == t);
    CHECK(Ms("1680030720") == t);              // epoch seconds
    CHECK(Ms("1680030720000") == t);           // epoch milliseconds
    CHECK(Ms("  2023-03-29T03:12:00+08:00 ") == t);
    CHECK(Ms("2023-03-29T03:12:00.250+08:00") == t + 250);
    CHECK(Ms("2023-03-28T14:12:00-05:00") == t);
  }

  TEST_CASE("ParseTime: the forms Weibo data comes in") {
    const int64_t t = 1680030720000;  // 2023-03-29T03:12:00+08:00
    CHECK(Ms("Wed Mar 29 03:12:00 +0800 2023") == t);  // the Weibo API's created_at
    CHECK(Ms("Tue Mar 28 19:12:00 +0000 2023") == t);
    CHECK(Ms("2023年03月29日 03:12") == t);
    CHECK(Ms("2023年3月29日 03:12:00") == t);
    CHECK(Ms("2023年3月29号03:12") == t);
    CHECK(Ms("2023/3/29 3:12") == t);  // a spreadsheet's export
    auto why = [](std::string_view s) { return std::string(ParseTime(s).status().message()); };
    CHECK(why("Wed Mar 29 03:12:00 2023").find("zone offset") != std::string::npos);
    CHECK(why("Wed Foo 29 03:12:00 +0800 2023").find("API form") != std::string::npos);
    CHECK(why("2023年3月29日").find("HH:MM") != std::string::npos);
    CHECK(why("2023年13月29日 03:12").find("month out of range") != std::string::npos);
    CHECK(why("刚刚").find("4-digit year") != std::string::npos);  // relative times need a date
  }

  TEST_CASE("ParseTime: the default offset applies only to zone-less times") {
    CHECK(Ms("2023-03-29T03:12:00", 0) == 1680059520000);
    CHECK(Ms("2023-03-29T03:12:00+08:00", 0) == 1680030720000);
  }

  TEST_CASE("ParseTime: rejects what is not a time, saying why") {
    auto bad = [](std::string_view s, std::string_view why) {
      auto r = ParseTime(s);
      REQUIRE_FALSE(r.ok());
      CHECK_MESSAGE(r.status().message().find(why) != std::string::npos, r.status().message());
    };
    bad("", "empty");
    bad("yesterday", "4-digit year");
    bad("2023-13-01 00:00:00", "month out of range");
    bad("2023-02-29 00:00:00", "day out of range");  // not a leap year
    bad("2023-03-29 24:00:00", "time of day out of range");
    bad("2023-03-29T03:12:00+19:00", "bad zone offset");
    bad("2023-03-29T03:12:00 junk", "unexpected characters");
    bad("2023-03-29", "expected 'T'");
    bad("1.2.3", "4-digit year");
    CHECK(ParseTime("2024-02-29 00:00:00").ok());  // leap year
  }

  TEST_CASE("FormatTime: ISO 8601 in the given zone") {
    CHECK(bengle::FormatTime(1680030720000) == "2023-03-29T03:12:00+08:00");
    CHECK(bengle::FormatTime(1680030720000, 0) == "2023-03-28T19:12:00+00:00");
    CHECK(bengle::FormatTime(1680030720000, -330) == "2023-03-28T13:42:00-05:30");
    CHECK(bengle::FormatTime(0, 0) == "1970-01-01T00:00:00+00:00");
  }

  TEST_CASE("ParseUtcOffset") {
    CHECK(*bengle::ParseUtcOffset("+08:00") == 480);
    CHECK(*bengle::ParseUtcOffset("-0530") == -330);
    CHECK(*bengle::ParseUtcOffset("Z") == 0);
    CHECK(*bengle::ParseUtcOffset("UTC") == 0);
    CHECK_FALSE(bengle::ParseUtcOffset("8").ok());
  }
}

TEST_CASE("time zones: offsets and IANA names, daylight saving followed") {
  using bengle::TimeZone;
  auto fixed = TimeZone::Parse("+05:30");
  REQUIRE(fixed.ok());
  CHECK(fixed->fixed());
  CHECK(fixed->OffsetAt(0) == 330);
  CHECK(fixed->name() == "+05:30");
  auto sh = TimeZone::Parse("Asia/Shanghai");
  REQUIRE(sh.ok());
  CHECK_FALSE(sh->fixed());
  CHECK(sh->OffsetAt(1680055200000) == 480);
  // The same zone-less time as +08:00 and as Asia/Shanghai.
  CHECK(*bengle::ParseTime("2023-03-29 10:00:00", *sh) == *bengle::ParseTime("2023-03-29 10:00:00", 480));
  // New York: -05:00 in winter, -04:00 in summer; a time with its own offset keeps it.
  auto ny = TimeZone::Parse("America/New_York");
  REQUIRE(ny.ok());
  CHECK(*bengle::ParseTime("2023-01-15 12:00:00", *ny) == *bengle::ParseTime("2023-01-15T12:00:00-05:00"));
  CHECK(*bengle::ParseTime("2023-07-15 12:00:00", *ny) == *bengle::ParseTime("2023-07-15T12:00:00-04:00"));
  CHECK(*bengle::ParseTime("2023-07-15T12:00:00+08:00", *ny) == *bengle::ParseTime("2023-07-15T12:00:00+08:00"));
  CHECK(*bengle::ParseTime("1689422400", *ny) == 1689422400000);
  CHECK(bengle::FormatTime(*bengle::ParseTime("2023-07-15T16:00:00Z"), *ny) == "2023-07-15T12:00:00-04:00");
  CHECK(bengle::FormatTime(*bengle::ParseTime("2023-01-15T17:00:00Z"), *ny) == "2023-01-15T12:00:00-05:00");
  // 02:30 on 2023-03-12 does not exist in New York: read with the offset before the change.
  CHECK(*bengle::ParseTime("2023-03-12 02:30:00", *ny) == *bengle::ParseTime("2023-03-12T02:30:00-05:00"));
  // Anything else is refused, with the forms that are accepted.
  for (const char* bad : {"abc", "+99:00", "Mars/Olympus", "", "Asia/Shanghai "}) {
    auto r = TimeZone::Parse(bad);
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.status().message().find("IANA name like Asia/Shanghai") != std::string::npos);
  }
  CHECK(TimeZone().OffsetAt(0) == 480);
}
