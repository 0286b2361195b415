// The pieces the HTML report draws with: round ticks for counts and times,
// escaping, and an SVG line chart that scales to its box. Internal.
#ifndef BENGLE_LIB_REPORT_CHART_H_
#define BENGLE_LIB_REPORT_CHART_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bengle/time.h"

namespace bengle::internal {

// HTML / XML text and attribute escaping.
std::string Esc(std::string_view s);
// A number with `prec` decimals.
std::string Num(double v, int prec = 1);
// An integer with thousands separators ("12,345").
std::string Thousands(int64_t v);
// Percent-encodes text for a data: URI.
std::string UriEncode(std::string_view s);

// The step of the 1-2-5 series (1, 2, 5, 10, 20, ...; never below
// `min_step`) that covers [0, max] in at most `max_ticks` steps.
double NiceStep(double max, int max_ticks, double min_step);

// Round tick times in [from, to]: every `step` ms of local time (5, 10, 15,
// 30 min, 1, 2, 3, 6, 12 h, 1, 2 days, weeks from Monday), the smallest step
// giving at most `max_ticks` ticks.
struct TimeTicks {
  int64_t step = 0;
  std::vector<UnixMillis> at;
};
TimeTicks RoundTimes(UnixMillis from, UnixMillis to, const TimeZone& zone, int max_ticks);

struct ChartLine {
  std::string name, color;
  std::vector<double> y;  // one value per slot
  bool dashed = false;
};

struct ChartSpec {
  std::string id;                    // unique in the page
  std::string caption;               // shown above the chart
  UnixMillis t0 = 0;                 // start of slot 0
  int64_t step = 0;                  // slot length, ms
  std::vector<ChartLine> lines;      // the first is the main one
  // The usual range (e.g. expected +- 2 sd), drawn as a band; empty = none.
  std::vector<double> band_lo, band_hi;
  std::string band_name;
  // Shaded spans with a label (incidents).
  std::vector<std::pair<UnixMillis, UnixMillis>> spans;
  std::string span_name;
  std::string y_title;  // with its unit, e.g. "投诉用户 / 5 分钟"
};

// An SVG chart (viewBox, 100% wide) in a <figure> with its caption, axis
// titles (times in `zone`, named in the x title), round ticks marked for the
// page's self-check (class "tick", data-v / data-t, data-step, data-off), a
// legend, hover data (the CSV behind it, read by the page's script) and a
// link that downloads that CSV (data: URI).
std::string LineChart(const ChartSpec& spec, const TimeZone& zone);

// A sparkline: one line over a band, no axes (a row of the status board).
// `data_column` is its column in the board's CSV (the hover read-out).
std::string Sparkline(const std::vector<double>& y, const std::vector<double>& lo, const std::vector<double>& hi,
                      const std::string& color, const std::string& title, size_t data_column);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_REPORT_CHART_H_
