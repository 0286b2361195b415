#include "bengle/time.h"

#include <cmath>
#include <cstdio>

namespace bengle {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool Digits(size_t n, int* out) {
    if (pos_ + n > s_.size()) return false;
    int v = 0;
    for (size_t k = 0; k < n; ++k) {
      char c = s_[pos_ + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos_ += n;
    *out = v;
    return true;
  }
  // One to `max` digits (at least one).
  bool DigitsUpTo(size_t max, int* out) {
    size_t n = 0;
    int v = 0;
    while (n < max && pos_ + n < s_.size() && s_[pos_ + n] >= '0' && s_[pos_ + n] <= '9') {
      v = v * 10 + (s_[pos_ + n] - '0');
      ++n;
    }
    if (n == 0) return false;
    pos_ += n;
    *out = v;
    return true;
  }
  bool EatStr(std::string_view w) {
    if (s_.substr(pos_).starts_with(w)) {
      pos_ += w.size();
      return true;
    }
    return false;
  }
  // Three ASCII letters, e.g. "Mar".
  bool Word3(std::string_view* out) {
    if (pos_ + 3 > s_.size()) return false;
    for (size_t k = 0; k < 3; ++k) {
      const char c = s_[pos_ + k];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    }
    *out = s_.substr(pos_, 3);
    pos_ += 3;
    return true;
  }
  bool Eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool AtEnd() const { return pos_ == s_.size(); }
  void Advance() { ++pos_; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// The time of day after a date: H(H):MM[:SS[.fff]]; *millis gets the fraction.
bool ParseClock(Cursor* c, int* h, int* mi, int* s, int* millis, const char** why) {
  if (!c->DigitsUpTo(2, h) || !c->Eat(':') || !c->Digits(2, mi)) {
    *why = "expected HH:MM";
    return false;
  }
  if (c->Eat(':')) {
    if (!c->Digits(2, s)) {
      *why = "expected seconds";
      return false;
    }
    if (c->Eat('.') || c->Eat(',')) {
      int scale = 100, digits = 0;
      while (c->Peek() >= '0' && c->Peek() <= '9') {
        if (scale > 0) *millis += (c->Peek() - '0') * scale;
        scale /= 10;
        ++digits;
        c->Advance();
      }
      if (digits == 0) {
        *why = "expected digits after the decimal point";
        return false;
      }
    }
  }
  return true;
}

// The 1-based place of a three-letter name (any case; from Cursor::Word3) in
// `names`, else 0.
template <size_t N>
int NameIndex(std::string_view word, const std::string_view (&names)[N]) {
  char low[3];
  for (size_t k = 0; k < 3; ++k) low[k] = static_cast<char>(word[k] | 0x20);
  for (size_t i = 0; i < N; ++i) {
    if (std::string_view(low, 3) == names[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

constexpr std::string_view kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

Status Bad(std::string_view text, const char* why) {
  std::string msg = "unparseable time '";
  msg.append(text.substr(0, 64));
  msg += "': ";
  msg += why;
  return Status::InvalidArgument(msg);
}

bool AllEpochChars(std::string_view s) {
  bool digit = false;
  int dots = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.') {
      ++dots;
    } else {
      return false;
    }
  }
  return digit && dots <= 1;
}

// Parses [Z | ±HH[:MM] | ±HHMM] at the cursor; leaves *minutes untouched when absent.
bool ParseOffset(Cursor* c, int* minutes, bool* present) {
  *present = false;
  if (c->Eat('Z') || c->Eat('z')) {
    *minutes = 0;
    *present = true;
    return true;
  }
  int sign = 0;
  if (c->Eat('+')) sign = 1;
  else if (c->Eat('-')) sign = -1;
  else return true;
  int hh = 0, mm = 0;
  if (!c->Digits(2, &hh)) return false;
  if (c->Eat(':')) {
    if (!c->Digits(2, &mm)) return false;
  } else if (!c->AtEnd()) {
    if (!c->Digits(2, &mm)) return false;
  }
  if (hh > 18 || mm > 59 || hh * 60 + mm > 18 * 60) return false;
  *minutes = sign * (hh * 60 + mm);
  *present = true;
  return true;
}

}  // namespace

Result<UnixMillis> TimeFromEpochNumber(double v) {
  if (!std::isfinite(v) || v < 0) return Status::InvalidArgument("epoch time must be a non-negative number");
  double ms = v >= 1e11 ? v : v * 1000.0;
  if (ms > 253402300799999.0) return Status::InvalidArgument("epoch time beyond year 9999");
  return static_cast<UnixMillis>(std::llround(ms));
}

namespace internal {

// ParseTime(), also telling whether the text carried its own zone (an
// offset, or an epoch number).
Result<UnixMillis> ParseTimeZoned(std::string_view text, int default_offset_minutes, bool* zoned) {
  *zoned = true;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return Bad(text, "empty");
  if (AllEpochChars(text)) {
    if (text.size() > 20) return Bad(text, "number too long");
    Result<UnixMillis> r = TimeFromEpochNumber(std::strtod(std::string(text).c_str(), nullptr));
    if (!r.ok()) return Bad(text, r.status().message().c_str());
    return r;
  }
  Cursor c(text);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, millis = 0;
  int offset = default_offset_minutes;
  bool has_offset = false;
  const char* why = nullptr;
  std::string_view dow, mon;
  if (Cursor probe(text); probe.Word3(&dow) && NameIndex(dow, kDayNames) != 0) {
    // The Weibo (and Twitter) API form: "Wed Mar 29 03:12:00 +0800 2023".
    c = probe;
    if (!c.Eat(' ') || !c.Word3(&mon) || (mo = NameIndex(mon, kMonthNames)) == 0 || !c.Eat(' ') || !c.DigitsUpTo(2, &d) ||
        !c.Eat(' ')) {
      return Bad(text, "expected the API form 'Wed Mar 29 03:12:00 +0800 2023'");
    }
    if (!ParseClock(&c, &h, &mi, &s, &millis, &why)) return Bad(text, why);
    if (!c.Eat(' ') || !ParseOffset(&c, &offset, &has_offset) || !has_offset) {
      return Bad(text, "expected a zone offset (+0800) after the time");
    }
    if (!c.Eat(' ') || !c.Digits(4, &y)) return Bad(text, "expected the year after the zone offset");
  } else {
    if (!c.Digits(4, &y)) return Bad(text, "expected a 4-digit year");
    if (c.EatStr("年")) {
      // "2023年3月29日 03:12": month and day of one or two digits, 日 or 号.
      if (!c.DigitsUpTo(2, &mo) || !c.EatStr("月") || !c.DigitsUpTo(2, &d) || !(c.EatStr("日") || c.EatStr("号"))) {
        return Bad(text, "expected YYYY年M月D日");
      }
      while (c.Eat(' ')) {
      }
    } else {
      const char sep = c.Peek();
      if (sep != '-' && sep != '/') return Bad(text, "expected '-' after the year");
      c.Advance();
      // Two digits each, as ISO 8601 writes them; one is accepted too ("2023/3/29 3:12", as
      // spreadsheets export it).
      if (!c.DigitsUpTo(2, &mo) || !c.Eat(sep) || !c.DigitsUpTo(2, &d)) return Bad(text, "expected YYYY-MM-DD");
      if (!c.Eat('T') && !c.Eat(' ') && !c.Eat('t')) return Bad(text, "expected 'T' or ' ' between date and time");
    }
    if (!ParseClock(&c, &h, &mi, &s, &millis, &why)) return Bad(text, why);
    if (c.Eat(' ') && c.AtEnd()) return Bad(text, "trailing space");
    if (!ParseOffset(&c, &offset, &has_offset)) return Bad(text, "bad zone offset");
  }
  *zoned = has_offset;
  if (!c.AtEnd()) return Bad(text, "unexpected characters after the time");
  if (mo < 1 || mo > 12) return Bad(text, "month out of range");
  if (d < 1 || static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(mo))) return Bad(text, "day out of range");
  if (h > 23 || mi > 59 || s > 60) return Bad(text, "time of day out of range");
  if (s == 60) s = 59;  // a leap second is kept inside its minute
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - static_cast<int64_t>(offset) * 60;
  return secs * 1000 + millis;
}

}  // namespace internal

Result<UnixMillis> ParseTime(std::string_view text, int default_offset_minutes) {
  bool zoned = false;
  return internal::ParseTimeZoned(text, default_offset_minutes, &zoned);
}

std::string FormatTime(UnixMillis t, int offset_minutes) {
  int64_t secs = t / 1000 - (t % 1000 < 0 ? 1 : 0) + static_cast<int64_t>(offset_minutes) * 60;
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<long long>(y), m, d,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60),
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

Result<int> ParseUtcOffset(std::string_view text) {
  if (text == "UTC" || text == "utc") return 0;
  Cursor c(text);
  int minutes = 0;
  bool present = false;
  if (!ParseOffset(&c, &minutes, &present) || !present || !c.AtEnd()) {
    return Status::InvalidArgument("bad UTC offset '" + std::string(text) + "' (expected like +08:00)");
  }
  return minutes;
}

}  // namespace bengle
