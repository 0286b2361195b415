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

}  // namespace bengle::internal

#endif  // BENGLE_LIB_REPORT_FORMAT_H_
