// The HTML report: one self-contained file (inline SVG charts and CSS, no
// script or font from the network) that shows, per incident, the complaint
// curve against the detector's baseline with the incident band, the symptom
// shares, the hashtag cluster, emerging terms, unrelated hashtags of the same
// time and sample posts; and an overview of every service over the range.
//
//   std::vector<bengle::Incident> incidents;
//   bengle::DetectFromStore(*store, 0, 0, {}, &incidents);
//   std::string html;
//   bengle::WriteHtmlReport(*store, incidents, {}, &html);
//
// Thread safety: uses the store it is given (one thread at a time).
#ifndef BENGLE_REPORT_H_
#define BENGLE_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bengle/detect.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle {

struct ReportOptions {
  // Zone of the times shown, minutes east of UTC. Default: 480 (+08:00).
  int utc_offset_minutes = 480;
  // Page title. Default: "bengle incident report".
  std::string title = "bengle incident report";
  // Hours of context shown before and after each incident. Default: 3.
  int context_hours = 3;
  // At most this many services drawn in the overview (most complaints).
  // Default: 8.
  int overview_services = 8;
  // The detector whose baseline is drawn (its bucket length must be the
  // store's). Default: the default DetectorOptions.
  DetectorOptions detector;
};

// Renders the report of `incidents` (as DetectFromStore() returns them) over
// the store's data into *html.
BENGLE_EXPORT Status WriteHtmlReport(BaselineStore& store, const std::vector<Incident>& incidents,
                                     const ReportOptions& options, std::string* html);

}  // namespace bengle

#endif  // BENGLE_REPORT_H_
