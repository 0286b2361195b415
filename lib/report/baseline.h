// The baseline a report draws: the detector's expected count per bucket, from
// the same replay (same start, same detector) that found the incidents.
// Internal; not installed. Thread safety: uses the store it is given.
#ifndef BENGLE_LIB_REPORT_BASELINE_H_
#define BENGLE_LIB_REPORT_BASELINE_H_

#include <string_view>
#include <vector>

#include "bengle/analysis.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle::internal {

// (*y)[i] = the detector's expected complaining authors in the bucket
// from + i * bucket_ms, for [from, to) (0 before the series' first bucket);
// (*sd)[i], when sd is given, the standard deviation of that count under the
// detector's model.
Status DrawnBaseline(BaselineStore& store, const Analysis& analysis, std::string_view service, UnixMillis from,
                     UnixMillis to, std::vector<double>* y, std::vector<double>* sd = nullptr);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_REPORT_BASELINE_H_
