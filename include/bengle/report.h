// Reports of an analysis (analysis.h): plain text, and HTML. JSON is the
// incident codec's (incident.h).
//
// The HTML report: one self-contained page in Chinese (inline SVG and CSS; a
// small inline script adds hover read-outs and a self-check, and the page
// displays fully without it; nothing from the network). First a status board
// of every service with data in the range (sparkline against the usual range,
// normal / elevated / incident, sorted by severity), the incident list and
// hourly charts of the services that had an incident or a rise; then per
// incident its curve per service against the detector's baseline and usual
// range with the incident band, the symptoms by Chinese name, the regions (a
// tile map of China's provinces and a table against the usual mix), the
// hashtags as written, emerging terms, unrelated hashtags and sample posts
// with time and author. Ticks are round (1-2-5 counts from 0, clock times),
// axes are titled with units and zone, every chart's data downloads as CSV,
// and charts scale to the window (420 px phones included).
//
// The baseline drawn is the one the detector used: the report replays each
// service with the analysis' detector from the analysis' replay start.
//
//   bengle::Analysis a;
//   bengle::Analyze(*store, 0, 0, {}, &a);
//   std::string html;
//   bengle::WriteHtmlReport(*store, a, {}, &html);
//
// Thread safety: IncidentsToText() is a pure function; WriteHtmlReport()
// uses the store it is given (one thread at a time).
#ifndef BENGLE_REPORT_H_
#define BENGLE_REPORT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bengle/analysis.h"
#include "bengle/catalogue.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle {

struct ReportOptions {
  // Zone of the times shown, minutes east of UTC. Default: 480 (+08:00).
  int utc_offset_minutes = kChinaUtcOffsetMinutes;
  // When set, the zone of the times shown instead (e.g. an IANA zone with
  // daylight saving). Default: none.
  std::optional<TimeZone> zone;
  // Page title. Default: "bengle 故障报告".
  std::string title = "bengle 故障报告";
  // Hours of context shown before and after each incident. Default: 3.
  int context_hours = 3;
  // At most this many services get hourly charts of their own (those with
  // an incident or a rise, most severe first; every service has a row and a
  // sparkline on the status board). Default: 8.
  int overview_services = 8;
  // Display names of the services. Default: nullptr = the default catalogue
  // when it loads, else the ids.
  std::shared_ptr<const ServiceCatalogue> catalogue;
};

// Renders the report of `analysis` (its incidents, over the store's data)
// into *html.
BENGLE_EXPORT Status WriteHtmlReport(BaselineStore& store, const Analysis& analysis, const ReportOptions& options,
                                     std::string* html);

// The human report of incidents (what `bengle detect --format text` prints):
// a header line, then per incident its services and times, peak, symptoms,
// hashtags, two sample posts, parts, emerging terms, unrelated hashtags.
// Times in the zone `utc_offset_minutes` east of UTC.
BENGLE_EXPORT std::string IncidentsToText(const std::vector<Incident>& incidents,
                                          int utc_offset_minutes = kChinaUtcOffsetMinutes);
// The same with times in `zone`.
BENGLE_EXPORT std::string IncidentsToText(const std::vector<Incident>& incidents, const TimeZone& zone);

}  // namespace bengle

#endif  // BENGLE_REPORT_H_
