// The HTML report (report.h): inline SVG drawn here, no chart library.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "bengle/aggregate.h"
#include "bengle/catalogue.h"
#include "bengle/report.h"
#include "bengle/time.h"
#include "report/baseline.h"
#include "report/format.h"

namespace bengle {
namespace {

const char* const kColors[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
                               "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

void Escape(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '&': *out += "&amp;"; break;
      case '"': *out += "&quot;"; break;
      default: out->push_back(c);
    }
  }
}
std::string Esc(std::string_view s) {
  std::string r;
  Escape(s, &r);
  return r;
}

std::string Num(double v, int prec = 1) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

using internal::ShortTime;
using internal::ZoneLabel;

struct Line {
  std::string name, color;
  std::vector<double> y;  // one value per slot
  bool dashed = false;
};

// A line chart over slots [t0, t0 + n * step) with shaded bands [from, to).
std::string Chart(const std::string& id, UnixMillis t0, int64_t step, const std::vector<Line>& lines,
                  const std::vector<std::pair<UnixMillis, UnixMillis>>& bands, const TimeZone& offset,
                  const std::string& ylabel) {
  const double W = 900, H = 260, L = 50, R = 10, T = 12, B = 40;
  size_t n = 0;
  double ymax = 1;
  for (const Line& l : lines) {
    n = std::max(n, l.y.size());
    for (double v : l.y) ymax = std::max(ymax, v);
  }
  ymax *= 1.08;
  const double span = static_cast<double>(std::max<size_t>(n, 2) - 1);
  auto X = [&](double i) { return L + (W - L - R) * i / span; };
  auto Y = [&](double v) { return T + (H - T - B) * (1 - v / ymax); };
  auto XT = [&](UnixMillis t) { return X(static_cast<double>(t - t0) / static_cast<double>(step)); };
  std::string s = "<svg class=\"chart\" id=\"" + id + "\" viewBox=\"0 0 900 260\" width=\"900\" height=\"260\" "
                  "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">";
  for (const auto& [a, b] : bands) {
    const double x1 = std::clamp(XT(a), L, W - R), x2 = std::clamp(XT(b), L, W - R);
    s += "<rect class=\"band\" x=\"" + Num(x1) + "\" y=\"" + Num(T) + "\" width=\"" + Num(std::max(x2 - x1, 1.0)) +
         "\" height=\"" + Num(H - T - B) + "\" fill=\"#fde0dc\"/>";
  }
  // Axes, y grid and labels.
  s += "<g font-size=\"11\" fill=\"#555\">";
  for (int k = 0; k <= 4; ++k) {
    const double v = ymax / 1.08 * k / 4;
    s += "<line x1=\"" + Num(L) + "\" x2=\"" + Num(W - R) + "\" y1=\"" + Num(Y(v)) + "\" y2=\"" + Num(Y(v)) +
         "\" stroke=\"#eee\"/><text x=\"" + Num(L - 4) + "\" y=\"" + Num(Y(v) + 4) + "\" text-anchor=\"end\">" +
         Num(v, v < 10 ? 1 : 0) + "</text>";
  }
  const int ticks = 6;
  for (int k = 0; k <= ticks; ++k) {
    const double i = span * k / ticks;
    const UnixMillis t = t0 + static_cast<int64_t>(i * static_cast<double>(step));
    const char* anchor = k == 0 ? "start" : k == ticks ? "end" : "middle";
    s += "<text x=\"" + Num(X(i)) + "\" y=\"" + Num(H - B + 16) + "\" text-anchor=\"" + anchor + "\">" +
         ShortTime(t, offset).substr(5) + "</text>";
  }
  s += "<text x=\"12\" y=\"" + Num(T + (H - T - B) / 2) + "\" transform=\"rotate(-90 12 " +
       Num(T + (H - T - B) / 2) + ")\" text-anchor=\"middle\">" + Esc(ylabel) + "</text></g>";
  for (const Line& l : lines) {
    std::string pts;
    for (size_t i = 0; i < l.y.size(); ++i) pts += Num(X(static_cast<double>(i))) + "," + Num(Y(l.y[i])) + " ";
    s += "<polyline class=\"series\" fill=\"none\" stroke=\"" + l.color + "\" stroke-width=\"1.6\"" +
         (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + " points=\"" + pts + "\"><title>" + Esc(l.name) +
         "</title></polyline>";
  }
  // Legend.
  double lx = L + 8;
  for (const Line& l : lines) {
    s += "<g font-size=\"12\"><line x1=\"" + Num(lx) + "\" x2=\"" + Num(lx + 18) + "\" y1=\"" + Num(H - 8) +
         "\" y2=\"" + Num(H - 8) + "\" stroke=\"" + l.color + "\" stroke-width=\"2\"" +
         (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/><text x=\"" + Num(lx + 22) + "\" y=\"" + Num(H - 4) +
         "\">" + Esc(l.name) + "</text></g>";
    lx += 30 + 7.5 * static_cast<double>(l.name.size());
  }
  s += "</svg>";
  return s;
}

class Renderer {
 public:
  Renderer(BaselineStore& store, const Analysis& analysis, const ReportOptions& o)
      : store_(store), analysis_(analysis), o_(o) {}

  TimeZone Zone() const { return o_.zone ? *o_.zone : TimeZone::Fixed(o_.utc_offset_minutes); }

  Status Render(std::string* html) {
    const std::vector<Incident>& incidents = analysis_.incidents;
    const TimeZone off = Zone();
    UnixMillis first = 0, last = 0;
    if (Status s = store_.TimeRange(&first, &last); !s.ok()) return s;
    std::string& h = *html;
    h = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + Esc(o_.title) +
        "</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:960px}"
        "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-top:1px solid #ddd;padding-top:16px}"
        ".meta{color:#555}.bar{display:inline-block;height:12px;background:#1f77b4;vertical-align:middle}"
        "table{border-collapse:collapse}td,th{padding:2px 10px 2px 0;text-align:left}"
        ".tag{display:inline-block;background:#eef;border-radius:4px;padding:1px 6px;margin:2px}"
        ".term{background:#efe}.apart{background:#eee;color:#666}blockquote{margin:6px 0;padding:4px 10px;"
        "border-left:3px solid #ccc;background:#fafafa}</style></head><body>\n";
    h += "<h1>" + Esc(o_.title) + "</h1>\n<p class=\"meta\">Data " + ShortTime(first, off) + " – " +
         ShortTime(last + store_.bucket_ms(), off) + " (" + ZoneLabel(off) + "), " +
         std::to_string(incidents.size()) + (incidents.size() == 1 ? " incident" : " incidents") + ".</p>\n";
    // Summary table.
    if (!incidents.empty()) {
      h += "<table><tr><th>#</th><th>services</th><th>start</th><th>end</th><th>peak users/5 min</th>"
           "<th>top symptom</th></tr>";
      for (size_t k = 0; k < incidents.size(); ++k) {
        const Incident& x = incidents[k];
        std::string svcs;
        for (const auto& s : x.services) svcs += (svcs.empty() ? "" : " + ") + s;
        h += "<tr><td><a href=\"#incident-" + std::to_string(k + 1) + "\">" + std::to_string(k + 1) + "</a></td><td>" +
             Esc(svcs) + "</td><td>" + ShortTime(x.start, off) + "</td><td>" + ShortTime(x.end, off) + "</td><td>" +
             std::to_string(x.peak_count) + "</td><td>" +
             (x.categories.empty() ? "" : Esc(x.categories[0].name) + " " + Num(100 * x.categories[0].share, 0) + "%") +
             "</td></tr>";
      }
      h += "</table>\n";
    }
    if (Status s = Overview(first, last + store_.bucket_ms(), incidents, &h); !s.ok()) return s;
    for (size_t k = 0; k < incidents.size(); ++k) {
      if (Status s = One(k, incidents[k], &h); !s.ok()) return s;
    }
    h += "<script>\n// Self-check for viewers and tests: every chart must have drawn a line.\n"
         "(function(){var c=document.querySelectorAll('svg.chart'),bad=0;"
         "c.forEach(function(s){var p=s.querySelectorAll('polyline.series');"
         "if(!p.length||!p[0].getAttribute('points').trim())bad++;});"
         "document.body.setAttribute('data-charts',c.length);document.body.setAttribute('data-bad-charts',bad);"
         "if(bad)console.error('bengle report: '+bad+' empty chart(s)');})();\n</script>\n</body></html>\n";
    return Status::OK();
  }

 private:
  // Complaining users per slot of `step` for one series in [from, to).
  Status Users(const std::string& key, UnixMillis from, UnixMillis to, int64_t step, std::vector<double>* y) {
    std::vector<SeriesPoint> pts;
    if (Status s = store_.ReadSeries(key, from, to, &pts); !s.ok()) return s;
    y->assign(static_cast<size_t>((to - from + step - 1) / step), 0.0);
    for (const SeriesPoint& p : pts) {
      const size_t i = static_cast<size_t>((p.bucket - from) / step);
      if (i < y->size()) (*y)[i] += static_cast<double>(p.counts.authors);
    }
    return Status::OK();
  }

  Status Overview(UnixMillis from, UnixMillis to, const std::vector<Incident>& incidents, std::string* h) {
    std::vector<std::string> keys;
    if (Status s = store_.ListSeries(SeriesKey::Prefix(SeriesKind::kService), &keys); !s.ok()) return s;
    std::vector<SeriesTotal> totals;
    if (Status s = store_.SumSeries(SeriesKey::Prefix(SeriesKind::kService), from, to, &totals); !s.ok()) return s;
    std::sort(totals.begin(), totals.end(),
              [](const SeriesTotal& a, const SeriesTotal& b) { return a.counts.authors > b.counts.authors; });
    if (totals.size() > static_cast<size_t>(o_.overview_services)) totals.resize(o_.overview_services);
    *h += "<h2>Overview</h2><p class=\"meta\">Complaining users per hour, by service; incidents shaded.</p>\n";
    // One chart per stretch of data (gaps of more than two days split it).
    std::vector<SeriesPoint> all;
    std::vector<std::pair<UnixMillis, UnixMillis>> spans;
    {
      std::map<UnixMillis, bool> hours;
      for (const SeriesTotal& t : totals) {
        if (Status s = store_.ReadSeries(t.key, from, to, &all); !s.ok()) return s;
        for (const SeriesPoint& p : all) hours[p.bucket / kHourMs * kHourMs] = true;
      }
      for (const auto& [hr, unused] : hours) {
        if (spans.empty() || hr - spans.back().second > 2 * kDayMs) {
          spans.emplace_back(hr, hr + kHourMs);
        } else {
          spans.back().second = hr + kHourMs;
        }
      }
    }
    int chart = 0;
    for (const auto& [a, b] : spans) {
      std::vector<Line> lines;
      for (size_t k = 0; k < totals.size(); ++k) {
        SeriesKey key;
        (void)SeriesKey::Parse(totals[k].key, &key);
        Line l{key.first, kColors[k % 10], {}, false};
        if (Status s = Users(totals[k].key, a, b, kHourMs, &l.y); !s.ok()) return s;
        lines.push_back(std::move(l));
      }
      std::vector<std::pair<UnixMillis, UnixMillis>> bands;
      for (const Incident& x : incidents) {
        if (x.end > a && x.start < b) bands.emplace_back(x.start, x.end);
      }
      *h += Chart("overview-" + std::to_string(++chart), a, kHourMs, lines, bands, Zone(),
                  "users / hour") + "\n";
    }
    return Status::OK();
  }

  Status One(size_t k, const Incident& x, std::string* h) {
    const TimeZone off = Zone();
    const int64_t b = store_.bucket_ms();
    const UnixMillis from = (x.start - o_.context_hours * kHourMs) / b * b;
    const UnixMillis to = (std::max(x.end, x.start + b) + o_.context_hours * kHourMs) / b * b;
    std::string svcs;
    for (size_t i = 0; i < x.services.size(); ++i) {
      const std::string& name = i < x.service_names.size() ? x.service_names[i] : x.services[i];
      svcs += (svcs.empty() ? "" : " + ") + (name == x.services[i] ? name : name + " (" + x.services[i] + ")");
    }
    *h += "<section class=\"incident\" id=\"incident-" + std::to_string(k + 1) + "\"><h2>" + std::to_string(k + 1) +
          ". " + Esc(svcs) + " — " + ShortTime(x.start, off) + " to " + ShortTime(x.end, off).substr(11) +
          (x.open ? " (still going)" : "") + "</h2>\n<p class=\"meta\">Peak " + ShortTime(x.peak, off).substr(11) + ": " +
          std::to_string(x.peak_count) + " complaining users in one bucket vs " + Num(x.baseline, 2) +
          " normal; " + std::to_string(x.complaints) + " complaints in all; score " +
          Num(std::min(x.score, 999.9)) + (x.recovered ? "; ended with recovery posts" : "") + ".</p>\n";
    std::vector<Line> lines;
    std::vector<std::string> services = x.services;
    if (services.empty()) services.push_back(x.service);
    for (size_t i = 0; i < services.size() && i < 5; ++i) {
      Line l{services[i] + " complaining users", kColors[i % 10], {}, false};
      if (Status s = Users(SeriesKey::Service(services[i]).ToString(), from, to, b, &l.y); !s.ok()) return s;
      Line base{services[i] + " baseline", kColors[i % 10], {}, true};
      if (Status s = internal::DrawnBaseline(store_, analysis_, services[i], from, to, &base.y); !s.ok()) return s;
      lines.push_back(std::move(l));
      lines.push_back(std::move(base));
    }
    *h += Chart("incident-chart-" + std::to_string(k + 1), from, b, lines, {{x.start, x.end}}, off,
                "users / " + std::to_string(b / 60000) + " min") + "\n";
    // Symptoms, per part when there are several.
    *h += "<h3>Symptoms</h3><table>";
    for (const CategoryShare& c : x.categories) {
      *h += "<tr><td>" + Esc(c.name) + "</td><td><span class=\"bar\" style=\"width:" + Num(300 * c.share, 0) +
            "px\"></span> " + Num(100 * c.share, 0) + "%</td></tr>";
    }
    *h += "</table>\n";
    if (x.parts.size() > 1) {
      *h += "<p>";
      for (const ServicePart& p : x.parts) {
        *h += "<b>" + Esc(p.service) + "</b> " + ShortTime(p.start, off).substr(11) + "–" + ShortTime(p.end, off).substr(11) +
              ", " + std::to_string(p.complaints) + " complaints:";
        for (size_t c = 0; c < p.categories.size() && c < 4; ++c) {
          *h += " " + Esc(p.categories[c].name) + " " + Num(100 * p.categories[c].share, 0) + "%";
        }
        *h += "<br>";
      }
      *h += "</p>\n";
    }
    auto tags = [&](const char* title, const std::vector<std::string>& v, const char* cls) {
      if (v.empty()) return;
      *h += "<h3>" + std::string(title) + "</h3><p>";
      for (const std::string& t : v) *h += "<span class=\"tag " + std::string(cls) + "\">" + Esc(t) + "</span>";
      *h += "</p>\n";
    };
    tags("Hashtag cluster", x.cluster.empty() ? x.hashtags : x.cluster, "");
    if (!x.emerging.empty()) {
      *h += "<h3>Emerging terms</h3><p class=\"meta\">Not in any bengle lexicon; rose with this incident.</p><p>";
      for (const EmergingTerm& e : x.emerging) {
        *h += "<span class=\"tag term\">" + Esc(e.term) + " " + std::to_string(e.count) + " (expected " +
              Num(e.expected) + ")</span>";
      }
      *h += "</p>\n";
    }
    tags("Rising at the same time, unrelated", x.unrelated, "apart");
    for (size_t i = 0; i < x.services.size(); ++i) {
      if (!x.services[i].starts_with(kDiscoveredPrefix)) continue;
      const std::string name = i < x.service_names.size() ? x.service_names[i] : x.services[i];
      *h += "<p class=\"meta\"><b>" + Esc(name) +
            "</b> is not in the catalogue: discovered from the posts. Add it to data/catalogue/services.tsv to "
            "give it an id, an owner and aliases.</p>\n";
    }
    if (!x.sample_texts.empty()) {
      *h += "<h3>Sample posts</h3>";
      for (size_t i = 0; i < x.sample_texts.size(); ++i) {
        *h += "<blockquote>" + Esc(x.sample_texts[i]) + " <span class=\"meta\">(id " + Esc(x.sample_ids[i]) +
              ")</span></blockquote>";
      }
    }
    *h += "</section>\n";
    return Status::OK();
  }

  BaselineStore& store_;
  const Analysis& analysis_;
  const ReportOptions& o_;
};

}  // namespace

Status WriteHtmlReport(BaselineStore& store, const Analysis& analysis, const ReportOptions& options,
                       std::string* html) {
  html->clear();
  return Renderer(store, analysis, options).Render(html);
}

}  // namespace bengle
