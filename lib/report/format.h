// Small formatting pieces shared by the report renderers. Internal.
#ifndef BENGLE_LIB_REPORT_FORMAT_H_
#define BENGLE_LIB_REPORT_FORMAT_H_

#include <string>

#include "bengle/time.h"

namespace bengle::internal {

// "2021-10-18 09:40" in the zone `offset` minutes east of UTC.
inline std::string ShortTime(UnixMillis t, int offset) {
  const std::string s = FormatTime(t, offset);  // 2021-10-18T09:40:00+08:00
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

// The same at the zone's offset at t.
inline std::string ShortTime(UnixMillis t, const TimeZone& zone) { return ShortTime(t, zone.OffsetAt(t)); }

// "UTC+08:00" for a fixed offset, else the zone's name ("America/New_York").
inline std::string ZoneLabel(const TimeZone& zone) { return zone.fixed() ? "UTC" + zone.name() : zone.name(); }

}  // namespace bengle::internal

#endif  // BENGLE_LIB_REPORT_FORMAT_H_
