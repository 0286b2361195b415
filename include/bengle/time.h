// Instants and the time formats of README "Interfaces".
//
// bengle keeps every instant as UTC milliseconds since the Unix epoch and only
// applies a zone offset when reading zone-less input or printing.
// Thread safety: free functions without shared state; safe from any thread.
#ifndef BENGLE_TIME_H_
#define BENGLE_TIME_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bengle/export.h"
#include "bengle/status.h"

namespace bengle {

// UTC milliseconds since 1970-01-01T00:00:00Z.
using UnixMillis = int64_t;

inline constexpr int64_t kMinuteMs = 60 * 1000;
inline constexpr int64_t kHourMs = 60 * kMinuteMs;
inline constexpr int64_t kDayMs = 24 * kHourMs;
// The zone bengle shows and reads zone-less times in unless told otherwise
// (China, UTC+08:00), in minutes east of UTC.
inline constexpr int kChinaUtcOffsetMinutes = 8 * 60;

// floor(t / step) * step, also for times before 1970. REQUIRES: step > 0.
constexpr int64_t FloorTo(int64_t t, int64_t step) { return (t >= 0 ? t / step : (t - step + 1) / step) * step; }

// Parses one of the accepted forms:
//   2023-03-29T03:12:00+08:00, ...Z, ...+0800, ...+08, with optional .fff
//   2023-03-29T03:12:00 and 2023-03-29 03:12:00 (seconds optional; '/' also
//     accepted as date separator): read at `default_offset_minutes` east of UTC
//   1679999520 (epoch seconds, fraction allowed) or 1679999520000 (epoch
//     milliseconds): a value of 10^11 or more is taken as milliseconds.
// Returns InvalidArgument with the reason on anything else or on an
// out-of-range field (month 13, February 30, hour 24, offset beyond ±18:00).
BENGLE_EXPORT Result<UnixMillis> ParseTime(std::string_view text, int default_offset_minutes = 480);

// Epoch seconds or milliseconds given as a number (same 10^11 rule).
BENGLE_EXPORT Result<UnixMillis> TimeFromEpochNumber(double value);

// "2021-10-18T09:40:00+08:00" (milliseconds are dropped; "Z" never used).
BENGLE_EXPORT std::string FormatTime(UnixMillis t, int offset_minutes = 480);

// Parses an offset option: "+08:00", "-05:30", "+0800", "Z", "UTC".
BENGLE_EXPORT Result<int> ParseUtcOffset(std::string_view text);

// A zone to read zone-less times in and show times in: a fixed offset, or a
// zone of the IANA database ("Asia/Shanghai", "America/New_York") with its
// daylight-saving rules (ICU's zone data).
//
// Thread safety: immutable; copies share the zone data; safe from any thread.
class BENGLE_EXPORT TimeZone {
 public:
  // +08:00 (kChinaUtcOffsetMinutes).
  TimeZone();
  static TimeZone Fixed(int offset_minutes);
  // "+08:00", "-05:30", "+0800", "Z", "UTC", or an IANA zone name. Anything
  // else (an unknown name, an offset beyond ±18:00) is InvalidArgument.
  static Result<TimeZone> Parse(std::string_view text);

  // Minutes east of UTC at the instant t.
  int OffsetAt(UnixMillis t) const;
  // Minutes east of UTC for a wall-clock time of this zone, given as if it
  // were UTC milliseconds. A time that occurs twice (the hour after a
  // daylight-saving change) is the first; one that does not occur (skipped
  // by the change) is read with the offset before the change.
  int OffsetForLocal(int64_t local_ms) const;
  // "+08:00" for a fixed offset, else the IANA name.
  const std::string& name() const { return name_; }
  bool fixed() const { return impl_ == nullptr; }

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;  // null for a fixed offset
  int fixed_minutes_ = kChinaUtcOffsetMinutes;
  std::string name_ = "+08:00";
};

// ParseTime() with zone-less times read in `zone`.
BENGLE_EXPORT Result<UnixMillis> ParseTime(std::string_view text, const TimeZone& zone);
// FormatTime() with the zone's offset at t.
BENGLE_EXPORT std::string FormatTime(UnixMillis t, const TimeZone& zone);

}  // namespace bengle

#endif  // BENGLE_TIME_H_
