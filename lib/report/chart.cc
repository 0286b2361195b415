// Charts of the HTML report (chart.h): inline SVG, no chart library.
#include "report/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/format.h"

namespace bengle::internal {

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Num(double v, int prec) {
  if (!std::isfinite(v)) v = 0;
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

std::string Thousands(int64_t v) {
  std::string d = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(d[i]);
  }
  return v < 0 ? "-" + out : out;
}

std::string UriEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~' || c == ',' || c == ':' || c == '+') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

double NiceStep(double max, int max_ticks, double min_step) {
  if (!(max > 0)) return min_step;
  const double raw = max / std::max(max_ticks, 1);
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (;; mag *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double step = m * mag;
      if (step >= raw - 1e-12 * raw) return std::max(step, min_step);
    }
  }
}

namespace {

int64_t LocalOf(UnixMillis t, const TimeZone& zone) { return t + int64_t{zone.OffsetAt(t)} * kMinuteMs; }
UnixMillis UtcOf(int64_t local, const TimeZone& zone) {
  return local - int64_t{zone.OffsetForLocal(local)} * kMinuteMs;
}

// Days since 1970-01-01 of a local time; that day was a Thursday.
int64_t DayOf(int64_t local) { return FloorTo(local, kDayMs) / kDayMs; }

}  // namespace

TimeTicks RoundTimes(UnixMillis from, UnixMillis to, const TimeZone& zone, int max_ticks) {
  static const int64_t kSteps[] = {5 * kMinuteMs, 10 * kMinuteMs, 15 * kMinuteMs, 30 * kMinuteMs, kHourMs,
                                   2 * kHourMs,   3 * kHourMs,    6 * kHourMs,    12 * kHourMs,   kDayMs,
                                   2 * kDayMs,    7 * kDayMs,     14 * kDayMs,    28 * kDayMs};
  TimeTicks out;
  const int64_t lo = LocalOf(from, zone), hi = LocalOf(to, zone);
  for (int64_t step : kSteps) {
    out.step = step;
    out.at.clear();
    int64_t first = 0;
    if (step < 7 * kDayMs) {
      first = FloorTo(lo + step - 1, step);
    } else {  // weeks from a Monday (day 4 after the Thursday 1970-01-01)
      int64_t day = DayOf(lo + kDayMs - 1);
      while ((day - 4) % 7 != 0) ++day;
      first = day * kDayMs;
    }
    for (int64_t t = first; t <= hi; t += step) out.at.push_back(UtcOf(t, zone));
    if (static_cast<int>(out.at.size()) <= max_ticks) break;
  }
  return out;
}

namespace {

constexpr double kW = 720, kH = 300, kL = 56, kR = 14, kT = 34, kB = 58;

std::string LocalIso(UnixMillis t, const TimeZone& zone) {
  return FormatTime(t, zone).substr(0, 16);  // 2021-10-18T09:40
}

}  // namespace

std::string LineChart(const ChartSpec& c, const TimeZone& zone) {
  size_t n = 0;
  double ymax = 0;
  for (const ChartLine& l : c.lines) {
    n = std::max(n, l.y.size());
    for (double v : l.y) ymax = std::max(ymax, v);
  }
  for (double v : c.band_hi) ymax = std::max(ymax, v);
  const double ystep = NiceStep(ymax, 5, 1);
  const double ytop = std::max(ystep, std::ceil(ymax / ystep - 1e-9) * ystep);
  const double span = static_cast<double>(std::max<size_t>(n, 2) - 1);
  auto X = [&](double i) { return kL + (kW - kL - kR) * i / span; };
  auto Y = [&](double v) { return kT + (kH - kT - kB) * (1 - v / ytop); };
  auto XT = [&](UnixMillis t) { return X(static_cast<double>(t - c.t0) / static_cast<double>(c.step)); };
  const UnixMillis t_end = c.t0 + static_cast<int64_t>(span) * c.step;

  std::string s = "<figure class=\"chart-box\" id=\"" + c.id + "\">";
  if (!c.caption.empty()) s += "<figcaption>" + Esc(c.caption) + "</figcaption>";
  s += "<svg class=\"chart\" viewBox=\"0 0 " + Num(kW, 0) + " " + Num(kH, 0) +
       "\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"" + Esc(c.caption) + "\" data-x0=\"" +
       Num(kL) + "\" data-x1=\"" + Num(kW - kR) + "\" data-n=\"" + std::to_string(n) +
       "\" xmlns=\"http://www.w3.org/2000/svg\">";
  // Incident spans, labelled.
  for (const auto& [a, b] : c.spans) {
    const double x1 = std::clamp(XT(a), kL, kW - kR), x2 = std::clamp(XT(b), kL, kW - kR);
    s += "<rect class=\"span\" x=\"" + Num(x1) + "\" y=\"" + Num(kT) + "\" width=\"" + Num(std::max(x2 - x1, 1.5)) +
         "\" height=\"" + Num(kH - kT - kB) + "\"><title>" + Esc(c.span_name) + " " + Esc(LocalIso(a, zone)) + " – " +
         Esc(LocalIso(b, zone)) + "</title></rect>";
    if (!c.span_name.empty()) {
      s += "<text class=\"span-label\" x=\"" + Num(x1 + 3) + "\" y=\"" + Num(kT + 13) + "\">" + Esc(c.span_name) +
           "</text>";
    }
  }
  // The usual range.
  if (!c.band_lo.empty() && c.band_lo.size() == c.band_hi.size()) {
    std::string pts;
    for (size_t i = 0; i < c.band_hi.size(); ++i) {
      pts += Num(X(static_cast<double>(i))) + "," + Num(Y(std::min(c.band_hi[i], ytop))) + " ";
    }
    for (size_t i = c.band_lo.size(); i-- > 0;) {
      pts += Num(X(static_cast<double>(i))) + "," + Num(Y(std::max(c.band_lo[i], 0.0))) + " ";
    }
    s += "<polygon class=\"band\" points=\"" + pts + "\"><title>" + Esc(c.band_name) + "</title></polygon>";
  }
  // Grid and value ticks: 0, step, 2 step, ... ytop.
  s += "<g class=\"axis\">";
  for (double v = 0; v <= ytop + 1e-9; v += ystep) {
    s += "<line class=\"grid\" x1=\"" + Num(kL) + "\" x2=\"" + Num(kW - kR) + "\" y1=\"" + Num(Y(v)) + "\" y2=\"" +
         Num(Y(v)) + "\"/><text class=\"tick\" data-v=\"" + Num(v, 0) + "\" data-step=\"" + Num(ystep, 0) +
         "\" x=\"" + Num(kL - 6) + "\" y=\"" + Num(Y(v) + 4) + "\" text-anchor=\"end\">" + Num(v, 0) + "</text>";
  }
  // Time ticks; the date under the first tick and wherever the day changes,
  // with the year on the first.
  const TimeTicks ticks = RoundTimes(c.t0, t_end, zone, 6);
  std::string prev_day;
  for (size_t k = 0; k < ticks.at.size(); ++k) {
    const UnixMillis t = ticks.at[k];
    const std::string iso = FormatTime(t, zone);  // 2023-03-29T03:00:00+08:00
    const std::string day = iso.substr(0, 10);
    std::string line1, line2;
    if (ticks.step < kDayMs) {
      line1 = iso.substr(11, 5);
      if (day != prev_day) line2 = prev_day.empty() ? day : day.substr(5);
    } else {
      line1 = iso.substr(5, 5);
      if (prev_day.empty() || day.substr(0, 4) != prev_day.substr(0, 4)) line2 = day.substr(0, 4);
    }
    prev_day = day;
    const double x = XT(t);
    s += "<line class=\"grid\" x1=\"" + Num(x) + "\" x2=\"" + Num(x) + "\" y1=\"" + Num(kH - kB) + "\" y2=\"" +
         Num(kH - kB + 5) + "\"/><text class=\"tick\" data-t=\"" + std::to_string(t) + "\" data-step=\"" +
         std::to_string(ticks.step) + "\" data-off=\"" + std::to_string(zone.OffsetAt(t)) + "\" x=\"" + Num(x) +
         "\" y=\"" + Num(kH - kB + 18) + "\" text-anchor=\"middle\"><tspan>" + line1 + "</tspan>";
    if (!line2.empty()) s += "<tspan class=\"date\" x=\"" + Num(x) + "\" dy=\"15\">" + line2 + "</tspan>";
    s += "</text>";
  }
  // Axis titles.
  const double mid = kT + (kH - kT - kB) / 2;
  s += "<text class=\"title\" x=\"14\" y=\"" + Num(mid) + "\" transform=\"rotate(-90 14 " + Num(mid) +
       ")\" text-anchor=\"middle\">" + Esc(c.y_title) + "</text>";
  s += "<text class=\"title\" x=\"" + Num((kL + kW - kR) / 2) + "\" y=\"" + Num(kH - 6) +
       "\" text-anchor=\"middle\">时间（" + Esc(ZoneLabel(zone)) + "）</text></g>";
  // Lines.
  for (const ChartLine& l : c.lines) {
    std::string pts;
    for (size_t i = 0; i < l.y.size(); ++i) pts += Num(X(static_cast<double>(i))) + "," + Num(Y(l.y[i])) + " ";
    s += "<polyline class=\"series\" fill=\"none\" stroke=\"" + l.color + "\" stroke-width=\"" +
         (l.dashed ? "1.4" : "2") + "\"" + (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + " points=\"" + pts +
         "\"><title>" + Esc(l.name) + "</title></polyline>";
  }
  // Legend (top), then the hover cursor.
  double lx = kL;
  auto legend = [&](const std::string& name, const std::string& mark) {
    s += "<g class=\"legend\">" + mark + "<text x=\"" + Num(lx + 22) + "\" y=\"" + Num(kT - 14) + "\">" + Esc(name) +
         "</text></g>";
    double w = 0;
    for (size_t i = 0; i < name.size(); ++i) w += (static_cast<unsigned char>(name[i]) & 0xC0) == 0x80 ? 0 : 1;
    lx += 34 + 12.5 * w;
  };
  for (const ChartLine& l : c.lines) {
    legend(l.name, "<line x1=\"" + Num(lx) + "\" x2=\"" + Num(lx + 18) + "\" y1=\"" + Num(kT - 18) + "\" y2=\"" +
                       Num(kT - 18) + "\" stroke=\"" + l.color + "\" stroke-width=\"2.5\"" +
                       (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>");
  }
  if (!c.band_lo.empty()) {
    legend(c.band_name, "<rect class=\"band\" x=\"" + Num(lx) + "\" y=\"" + Num(kT - 24) +
                            "\" width=\"18\" height=\"11\"/>");
  }
  if (!c.spans.empty() && !c.span_name.empty()) {
    legend(c.span_name, "<rect class=\"span\" x=\"" + Num(lx) + "\" y=\"" + Num(kT - 24) +
                            "\" width=\"18\" height=\"11\"/>");
  }
  s += "<line class=\"cursor\" x1=\"0\" x2=\"0\" y1=\"" + Num(kT) + "\" y2=\"" + Num(kH - kB) +
       "\" visibility=\"hidden\"/></svg>";
  // The data: one row per slot, as CSV, for the hover and the download.
  std::string csv = "time";
  for (const ChartLine& l : c.lines) csv += "," + l.name;
  if (!c.band_lo.empty()) csv += "," + c.band_name + " low," + c.band_name + " high";
  csv += "\n";
  for (size_t i = 0; i < n; ++i) {
    csv += LocalIso(c.t0 + static_cast<int64_t>(i) * c.step, zone);
    for (const ChartLine& l : c.lines) {
      const double v = i < l.y.size() ? l.y[i] : 0;
      csv.push_back(',');  // (not "," + ...: GCC 12 warns falsely, bug 105329)
      csv += v == std::floor(v) ? Num(v, 0) : Num(v, 2);
    }
    if (!c.band_lo.empty()) {
      csv.push_back(',');
      csv += Num(i < c.band_lo.size() ? std::max(c.band_lo[i], 0.0) : 0, 2);
      csv.push_back(',');
      csv += Num(i < c.band_hi.size() ? c.band_hi[i] : 0, 2);
    }
    csv += "\n";
  }
  s += "<div class=\"tip\" hidden></div><a class=\"csv\" download=\"" + c.id +
       ".csv\" href=\"data:text/csv;charset=utf-8," + UriEncode(csv) + "\">下载数据（CSV）</a></figure>";
  return s;
}

std::string Sparkline(const std::vector<double>& y, const std::vector<double>& lo, const std::vector<double>& hi,
                      const std::string& color, const std::string& title, size_t data_column) {
  constexpr double W = 240, H = 40, P = 2;
  double ymax = 10;  // a scale of at least 10: one stray complaint stays a small bump
  for (double v : y) ymax = std::max(ymax, v);
  for (double v : hi) ymax = std::max(ymax, v);
  const double span = static_cast<double>(std::max<size_t>(y.size(), 2) - 1);
  auto X = [&](double i) { return P + (W - 2 * P) * i / span; };
  auto Y = [&](double v) { return P + (H - 2 * P) * (1 - v / ymax); };
  std::string s = "<svg class=\"spark\" viewBox=\"0 0 240 40\" preserveAspectRatio=\"none\" role=\"img\" data-col=\"" +
                  std::to_string(data_column) + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + Esc(title) +
                  "</title>";
  if (!lo.empty() && lo.size() == hi.size()) {
    std::string pts;
    for (size_t i = 0; i < hi.size(); ++i) pts += Num(X(static_cast<double>(i))) + "," + Num(Y(hi[i])) + " ";
    for (size_t i = lo.size(); i-- > 0;) pts += Num(X(static_cast<double>(i))) + "," + Num(Y(std::max(lo[i], 0.0))) + " ";
    s += "<polygon class=\"band\" points=\"" + pts + "\"/>";
  }
  std::string pts;
  for (size_t i = 0; i < y.size(); ++i) pts += Num(X(static_cast<double>(i))) + "," + Num(Y(y[i])) + " ";
  s += "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\" vector-effect=\"non-scaling-stroke\" "
       "points=\"" + pts + "\"/></svg>";
  return s;
}

}  // namespace bengle::internal
