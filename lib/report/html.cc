// The HTML report (report.h): a status board of every service, then each
// incident with its curve, symptoms, regions, hashtags and sample posts.
// Inline SVG and CSS; a small inline script adds hover read-outs and a
// self-check, and the page is complete without it.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "bengle/aggregate.h"
#include "bengle/catalogue.h"
#include "bengle/normalize.h"
#include "bengle/report.h"
#include "bengle/time.h"
#include "report/baseline.h"
#include "report/chart.h"
#include "report/format.h"

namespace bengle {
namespace {

using internal::ChartLine;
using internal::ChartSpec;
using internal::Esc;
using internal::Num;
using internal::ShortTime;
using internal::Thousands;
using internal::ZoneLabel;

const char* const kColors[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
                               "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

// Symptom categories (INTERFACES.md) as readers call them.
std::string CategoryLabel(std::string_view id) {
  static const std::pair<std::string_view, const char*> kNames[] = {
      {"media_transfer", "图片/文件"}, {"messaging", "消息"}, {"login", "登录"},   {"connectivity", "连接"},
      {"payment", "支付"},             {"calls", "通话"},     {"feed", "动态"},    {"mail", "邮件"},
      {"app_crash", "闪退"},           {"account", "账号"}};
  for (const auto& [k, v] : kNames) {
    if (k == id) return v;
  }
  return std::string(id);
}
std::string CategoryHtml(std::string_view id) {
  return "<span class=\"cat\" title=\"" + Esc(id) + "\">" + Esc(CategoryLabel(id)) + "</span>";
}

// "2 小时 25 分", "35 分", "3 天 2 小时".
std::string Duration(int64_t ms) {
  const int64_t min = std::max<int64_t>(0, ms / kMinuteMs);
  const int64_t d = min / 1440, h = min % 1440 / 60, m = min % 60;
  std::string s;
  if (d > 0) s += std::to_string(d) + " 天 ";
  if (h > 0) s += std::to_string(h) + " 小时 ";
  if (d == 0 && (m > 0 || h == 0)) s += std::to_string(m) + " 分 ";
  s.pop_back();
  return s;
}

// Peak against the usual level, in words.
std::string TimesUsual(int64_t peak, double baseline, int64_t bucket_min) {
  const double times = static_cast<double>(peak) / std::max(baseline, 1.0);
  const std::string t = times >= 10 ? Num(times, 0) : Num(times, 1);
  if (baseline < 1) return "至少是平常的 " + t + " 倍（平常每 " + std::to_string(bucket_min) + " 分钟不到 1 人）";
  return "约为平常的 " + t + " 倍（平常每 " + std::to_string(bucket_min) + " 分钟约 " + Num(baseline, 1) + " 人）";
}

// P(X >= k) for a count with this mean and variance: negative binomial when
// over-dispersed, else Poisson. log10 of it, to stay finite far in the tail.
double Log10UpperTail(double k, double mean, double var) {
  if (k <= 0) return 0;
  if (!(mean > 0)) return -300;
  const bool nb = var > mean * 1.0001;
  const double r = nb ? mean * mean / (var - mean) : 0;
  auto log_pmf = [&](double x) {
    if (!nb) return x * std::log(mean) - mean - std::lgamma(x + 1);
    const double p = r / (r + mean);
    return std::lgamma(x + r) - std::lgamma(r) - std::lgamma(x + 1) + r * std::log(p) + x * std::log1p(-p);
  };
  // Sum the pmf from k up, in log space, until the terms no longer matter.
  const double first = log_pmf(k);
  double sum = 1;
  for (double x = k + 1; x < k + 5000; x += 1) {
    const double term = std::exp(log_pmf(x) - first);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return (first + std::log(sum)) / std::log(10.0);
}

// China's provinces as a tile grid (column, row): a map with no map data.
struct Tile {
  const char* name;
  int col, row;
};
const Tile kTiles[] = {
    {"黑龙江", 7, 0}, {"内蒙古", 4, 1}, {"北京", 5, 1}, {"辽宁", 6, 1}, {"吉林", 7, 1}, {"新疆", 0, 2},
    {"甘肃", 2, 2},   {"宁夏", 3, 2},   {"山西", 4, 2}, {"河北", 5, 2}, {"天津", 6, 2}, {"青海", 1, 3},
    {"陕西", 3, 3},   {"河南", 4, 3},   {"山东", 5, 3}, {"西藏", 1, 4}, {"四川", 2, 4}, {"重庆", 3, 4},
    {"湖北", 4, 4},   {"安徽", 5, 4},   {"江苏", 6, 4}, {"上海", 7, 4}, {"贵州", 3, 5}, {"湖南", 4, 5},
    {"江西", 5, 5},   {"浙江", 6, 5},   {"云南", 2, 6}, {"广西", 3, 6}, {"广东", 4, 6}, {"福建", 5, 6},
    {"台湾", 7, 6},   {"海南", 3, 7},   {"澳门", 4, 7}, {"香港", 5, 7}};

// Fill of a region by how over-represented it is (ratio to its usual share).
std::string RatioColor(double ratio, bool any) {
  if (!any) return "#f2f2f2";
  if (ratio >= 4) return "#b2182b";
  if (ratio >= 2) return "#ef8a62";
  if (ratio >= 1.25) return "#fddbc7";
  if (ratio >= 0.8) return "#e8e8e8";
  return "#d1e5f0";
}

struct ServiceRow {
  std::string id, name;
  int64_t complaints = 0, mentions = 0;
  std::vector<double> users, expected, spread;  // per hour over the stretches
  std::vector<size_t> incidents;                // indexes into the analysis
  int status = 0;                               // 0 normal, 1 elevated, 2 incident
  double severity = 0;                          // peak over the usual level
  UnixMillis worst_hour = 0;
};

class Renderer {
 public:
  Renderer(BaselineStore& store, const Analysis& analysis, const ReportOptions& o)
      : store_(store), analysis_(analysis), o_(o), zone_(o.zone ? *o.zone : TimeZone::Fixed(o.utc_offset_minutes)) {
    catalogue_ = o.catalogue;
    if (!catalogue_) {
      auto loaded = ServiceCatalogue::Load();
      if (loaded.ok()) catalogue_ = *loaded;
    }
    if (auto n = Normalizer::Create(); n.ok()) normalizer_ = std::move(*n);
  }

  Status Render(std::string* html) {
    UnixMillis first = 0, last = 0;
    if (Status s = store_.TimeRange(&first, &last); !s.ok()) return s;
    const UnixMillis from = analysis_.from != 0 || analysis_.to != 0 ? analysis_.from : first;
    const UnixMillis to = analysis_.from != 0 || analysis_.to != 0 ? analysis_.to : last + store_.bucket_ms();
    std::string& h = *html;
    Head(&h);
    h += "<h1>" + Esc(o_.title) + "</h1>\n<p class=\"meta\">数据 " + ShortTime(from, zone_) + " – " +
         ShortTime(to, zone_) + "（" + Esc(ZoneLabel(zone_)) + "），" + std::to_string(analysis_.incidents.size()) +
         " 起故障。投诉用户：在一个时间段内发帖抱怨某服务出了问题的不同用户数。</p>\n";
    if (first == 0 && last == 0) {
      h += "<p>存储中没有数据。</p>\n";
    } else {
      if (Status s = Stretches(from, to); !s.ok()) return s;
      if (Status s = Board(&h); !s.ok()) return s;
      IncidentTable(&h);
      ServiceCharts(&h);
      for (size_t k = 0; k < analysis_.incidents.size(); ++k) {
        if (Status s = One(k, analysis_.incidents[k], &h); !s.ok()) return s;
      }
    }
    Script(&h);
    h += "</body></html>\n";
    return Status::OK();
  }

 private:
  std::string NameOf(const std::string& id) const {
    if (catalogue_) return catalogue_->DisplayName(id);
    return id.starts_with(kDiscoveredPrefix) ? id.substr(kDiscoveredPrefix.size()) : id;
  }
  std::string ServiceHtml(const std::string& id, const std::string& name) const {
    return "<span class=\"svc\" title=\"" + Esc(id) + "\">" + Esc(name.empty() ? NameOf(id) : name) + "</span>";
  }
  int64_t BucketMin() const { return store_.bucket_ms() / kMinuteMs; }

  void Head(std::string* h) {
    *h = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
         Esc(o_.title) +
         "</title>\n<style>\n"
         "*{box-sizing:border-box}body{font-family:system-ui,\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\","
         "sans-serif;margin:0 auto;padding:12px 16px;color:#222;max-width:1000px;line-height:1.5;"
         "overflow-wrap:anywhere}\n"
         "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-top:1px solid #ddd;padding-top:16px}"
         "h3{font-size:15px;margin:18px 0 6px}.meta{color:#555;font-size:14px}\n"
         ".scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:14px}"
         "td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}th{color:#555;font-weight:600}"
         "td.n,th.n{text-align:right}\n"
         ".board{border-top:1px solid #ddd;position:relative}.row{display:flex;flex-wrap:wrap;align-items:center;gap:2px 12px;"
         "padding:6px 0;border-bottom:1px solid #eee}.row .name{flex:0 0 7.5em;font-weight:600}"
         ".row .status{flex:0 0 4.5em;font-size:13px}.row .spark-box{flex:1 1 180px;min-width:0}"
         ".row .stat{flex:0 0 6.5em;font-size:13px;color:#555;text-align:right}"
         ".row .incs{flex:1 1 100%;font-size:13px;padding-left:1.2em}.row .incs:empty{display:none}\n"
         ".dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;vertical-align:-1px}"
         ".st0 .dot{background:#2ca02c}.st1 .dot{background:#f0a30a}.st2 .dot{background:#d62728}"
         ".st2 .status{color:#b00;font-weight:600}.st1 .status{color:#a66b00}\n"
         "svg.spark{width:100%;height:36px;display:block}svg.spark .band{fill:#dde7f3}\n"
         "figure.chart-box{margin:8px 0 16px;position:relative}figcaption{font-size:14px;color:#333}"
         "svg.chart{width:100%;height:auto;display:block;font-size:13px}svg.chart .tick{fill:#444}"
         "svg.chart .date{fill:#666}svg.chart .title{fill:#333;font-size:13px}svg.chart .grid{stroke:#e6e6e6}"
         "svg .band{fill:#dde7f3}svg .span{fill:#fde0dc}svg.chart .span-label{fill:#b00;font-size:12px}"
         "svg.chart .legend text{font-size:13px;fill:#333}svg.chart .cursor{stroke:#888;stroke-dasharray:3 3}\n"
         "@media (max-width:600px){svg.chart{font-size:20px}svg.chart .title,svg.chart .legend text{font-size:19px}"
         "svg.chart .span-label{font-size:18px}.row .stat{text-align:left}}\n"
         ".tip{position:absolute;top:0;left:0;background:rgba(255,255,255,.95);border:1px solid #bbb;"
         "border-radius:4px;padding:4px 8px;font-size:12px;pointer-events:none;white-space:nowrap;z-index:2}"
         "a.csv{font-size:12px;color:#1f5fa8}\n"
         ".bar{display:inline-block;height:12px;background:#1f77b4;vertical-align:middle;margin-right:6px}"
         ".tag{display:inline-block;background:#eef;border-radius:4px;padding:1px 6px;margin:2px}"
         ".term{background:#efe}.apart{background:#eee;color:#666}"
         "blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #ccc;background:#fafafa}"
         "blockquote .who{display:block;color:#666;font-size:12px}\n"
         ".regions{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start}"
         "svg.map{width:100%;max-width:400px;height:auto;display:block}svg.map text{font-size:12px;fill:#222}"
         "svg.map text.v{font-size:10px;fill:#333}\n"
         "</style></head><body>\n";
  }

  // Hours with data, split where nothing was stored for more than two days
  // (an archive of several windows): charts over the whole range draw each
  // stretch, not the empty years between them.
  Status Stretches(UnixMillis from, UnixMillis to) {
    std::vector<SeriesTotal> totals;
    if (Status s = store_.SumSeries(SeriesKey::Prefix(SeriesKind::kService), from, to, &totals); !s.ok()) return s;
    std::set<UnixMillis> hours;
    std::vector<SeriesPoint> pts;
    for (const SeriesTotal& t : totals) {
      if (Status s = store_.ReadSeries(t.key, from, to, &pts); !s.ok()) return s;
      for (const SeriesPoint& p : pts) hours.insert(FloorTo(p.bucket, kHourMs));
    }
    for (UnixMillis hr : hours) {
      if (stretches_.empty() || hr - stretches_.back().second > 2 * kDayMs) {
        stretches_.emplace_back(hr, hr + kHourMs);
      } else {
        stretches_.back().second = hr + kHourMs;
      }
    }
    services_.clear();
    for (const SeriesTotal& t : totals) {
      SeriesKey key;
      if (!SeriesKey::Parse(t.key, &key) || key.kind != SeriesKind::kService) continue;
      ServiceRow r;
      r.id = key.first;
      r.name = NameOf(r.id);
      r.complaints = t.counts.complaints;
      r.mentions = t.counts.mentions;
      services_.push_back(std::move(r));
    }
    return Status::OK();
  }

  // Complaining users per slot of `step` of one service in [a, b).
  Status Users(const std::string& service, UnixMillis a, UnixMillis b, int64_t step, std::vector<double>* y) {
    std::vector<SeriesPoint> pts;
    if (Status s = store_.ReadSeries(SeriesKey::Service(service).ToString(), a, b, &pts); !s.ok()) return s;
    y->assign(static_cast<size_t>((b - a + step - 1) / step), 0.0);
    for (const SeriesPoint& p : pts) {
      const size_t i = static_cast<size_t>((p.bucket - a) / step);
      if (i < y->size()) (*y)[i] += static_cast<double>(p.counts.authors);
    }
    return Status::OK();
  }

  // The detector's baseline over [a, b) per slot of `step` (a multiple of
  // the bucket): expected users and their standard deviation.
  Status Expected(const std::string& service, UnixMillis a, UnixMillis b, int64_t step, std::vector<double>* mean,
                  std::vector<double>* sd) {
    std::vector<double> m, v;
    if (Status s = internal::DrawnBaseline(store_, analysis_, service, a, b, &m, &v); !s.ok()) return s;
    const size_t per = static_cast<size_t>(std::max<int64_t>(1, step / store_.bucket_ms()));
    mean->assign((m.size() + per - 1) / per, 0.0);
    sd->assign(mean->size(), 0.0);
    for (size_t i = 0; i < m.size(); ++i) {
      (*mean)[i / per] += m[i];
      (*sd)[i / per] += v[i] * v[i];
    }
    for (double& x : *sd) x = std::sqrt(x);
    return Status::OK();
  }

  Status Board(std::string* h) {
    const std::vector<Incident>& incs = analysis_.incidents;
    // Elevated: an hour whose complaining users the detector's model makes
    // improbable even after looking at every hour of every service (p <
    // 0.01 / service-hours), at least 3 times the usual level and at least 5
    // users. Hours inside an incident of the service do not count, nor those
    // of a stretch's first min_history_days (the detector's cold start: the
    // usual level is not known yet).
    double hours = 0;
    for (const auto& [a, b] : stretches_) hours += static_cast<double>((b - a) / kHourMs);
    const double max_log10_p = std::log10(0.01 / std::max(1.0, hours * static_cast<double>(services_.size())));
    for (ServiceRow& r : services_) {
      for (const auto& [a, b] : stretches_) {
        std::vector<double> y, m, sd;
        if (Status s = Users(r.id, a, b, kHourMs, &y); !s.ok()) return s;
        if (r.complaints > 0) {
          if (Status s = Expected(r.id, a, b, kHourMs, &m, &sd); !s.ok()) return s;
        } else {  // mentions only (a catalogue full of quiet services): nothing to replay
          m.assign(y.size(), 0.0);
          sd.assign(y.size(), 0.0);
        }
        for (size_t i = 0; i < y.size() && i < m.size(); ++i) {
          const UnixMillis hour = a + static_cast<int64_t>(i) * kHourMs;
          const double ratio = y[i] / std::max(m[i], 1.0);
          if (y[i] < 5 || m[i] <= 0 || ratio < 3 || ratio <= r.severity) continue;
          if (hour < a + int64_t{analysis_.detector.min_history_days} * kDayMs) continue;
          bool inside = false;
          for (const Incident& x : incs) {
            const bool mine = x.service == r.id || std::find(x.services.begin(), x.services.end(), r.id) != x.services.end();
            inside = inside || (mine && hour + kHourMs > x.start && hour < std::max(x.end, x.start + store_.bucket_ms()));
          }
          if (inside || Log10UpperTail(y[i], m[i], sd[i] * sd[i]) > max_log10_p) continue;
          r.severity = ratio;
          r.status = 1;
          r.worst_hour = hour;
        }
        r.users.insert(r.users.end(), y.begin(), y.end());
        r.expected.insert(r.expected.end(), m.begin(), m.end());
        r.spread.insert(r.spread.end(), sd.begin(), sd.end());
      }
      for (size_t k = 0; k < incs.size(); ++k) {
        const Incident& x = incs[k];
        if (std::find(x.services.begin(), x.services.end(), r.id) == x.services.end() && x.service != r.id) continue;
        r.incidents.push_back(k);
        r.status = 2;
        double peak = static_cast<double>(x.peak_count) / std::max(x.baseline, 1.0);
        for (const ServicePart& p : x.parts) {
          if (p.service == r.id) peak = static_cast<double>(p.peak_count) / std::max(p.baseline, 1.0);
        }
        r.severity = std::max(r.severity, peak);
      }
    }
    std::stable_sort(services_.begin(), services_.end(), [](const ServiceRow& a, const ServiceRow& b) {
      if (a.status != b.status) return a.status > b.status;
      if (a.status > 0 && a.severity != b.severity) return a.severity > b.severity;
      return a.complaints != b.complaints ? a.complaints > b.complaints : a.mentions > b.mentions;
    });
    *h += "<h2 id=\"board\">服务状态</h2>\n<p class=\"meta\"><span class=\"st2\"><span class=\"dot\"></span>故障</span>"
          "：检测到故障；<span class=\"st1\"><span class=\"dot\"></span>升高</span>：某小时的投诉用户远超平常范围，"
          "但未构成故障；<span class=\"st0\"><span class=\"dot\"></span>正常</span>。曲线：每小时投诉用户，"
          "浅蓝带为平常范围（预期 ± 2 个标准差）。</p>\n<div class=\"board\">\n";
    static const char* const kStatus[] = {"正常", "升高", "故障"};
    std::string csv = "time";
    for (const ServiceRow& r : services_) csv += "," + r.id;
    csv += "\n";
    {
      size_t row = 0;
      for (const auto& [a, b] : stretches_) {
        for (UnixMillis t = a; t < b; t += kHourMs, ++row) {
          csv += FormatTime(t, zone_).substr(0, 16);
          for (const ServiceRow& r : services_) csv += "," + (row < r.users.size() ? Num(r.users[row], 0) : "0");
          csv += "\n";
        }
      }
    }
    for (size_t row = 0; row < services_.size(); ++row) {
      const ServiceRow& r = services_[row];
      // At most ~120 points per sparkline: each the maximum of its hours.
      const size_t n = r.users.size(), per = std::max<size_t>(1, (n + 119) / 120);
      std::vector<double> y, lo, hi;
      for (size_t i = 0; i < n; i += per) {
        double my = 0, mlo = 1e300, mhi = 0;
        for (size_t j = i; j < std::min(n, i + per); ++j) {
          my = std::max(my, r.users[j]);
          mlo = std::min(mlo, r.expected[j] - 2 * r.spread[j]);
          mhi = std::max(mhi, r.expected[j] + 2 * r.spread[j]);
        }
        y.push_back(my);
        lo.push_back(std::max(mlo, 0.0));
        hi.push_back(mhi);
      }
      double peak = 0;
      size_t peak_i = 0;
      for (size_t i = 0; i < n; ++i) {
        if (r.users[i] > peak) peak = r.users[i], peak_i = i;
      }
      const std::string title = r.name + "：每小时投诉用户最多 " + Num(peak, 0) + " 人（" +
                                ShortTime(HourAt(peak_i), zone_) + "）";
      *h += "<div class=\"row st" + std::to_string(r.status) + "\"><span class=\"name\"><span class=\"dot\"></span>" +
            ServiceHtml(r.id, r.name) + "</span><span class=\"status\">" + kStatus[r.status] +
            "</span><span class=\"spark-box\">" +
            internal::Sparkline(y, lo, hi, r.status == 2 ? "#d62728" : r.status == 1 ? "#d08000" : "#1f77b4", title,
                                row + 1) +
            "</span><span class=\"stat\">投诉 " + Thousands(r.complaints) + " 条</span><span class=\"incs\">";
      for (size_t k : r.incidents) {
        const Incident& x = analysis_.incidents[k];
        *h += "<a href=\"#incident-" + std::to_string(k + 1) + "\">" + ShortTime(x.start, zone_) + " 起，持续 " +
              Duration(x.end - x.start) + "，高峰每 " + std::to_string(BucketMin()) + " 分钟 " +
              std::to_string(x.peak_count) + " 人" +
              (x.categories.empty() ? std::string()
                                    : "，" + CategoryHtml(x.categories[0].name) + " " +
                                          Num(100 * x.categories[0].share, 0) + "%") +
              "</a> ";
      }
      if (r.status == 1) {
        *h += "最高在 " + ShortTime(r.worst_hour, zone_) + " 这一小时，" + Num(r.severity, r.severity >= 10 ? 0 : 1) +
              " 倍于平常";
      }
      *h += "</span></div>\n";
    }
    *h += "<div class=\"tip\" hidden></div></div><p><a class=\"csv\" id=\"board-csv\" download=\"services.csv\" "
          "href=\"data:text/csv;charset=utf-8," + internal::UriEncode(csv) + "\">下载各服务每小时投诉用户（CSV）</a></p>\n";
    return Status::OK();
  }

  // The start of the i-th hour over the stretches.
  UnixMillis HourAt(size_t i) const {
    for (const auto& [a, b] : stretches_) {
      const size_t n = static_cast<size_t>((b - a) / kHourMs);
      if (i < n) return a + static_cast<int64_t>(i) * kHourMs;
      i -= n;
    }
    return stretches_.empty() ? 0 : stretches_.back().second;
  }

  void IncidentTable(std::string* h) {
    const std::vector<Incident>& incs = analysis_.incidents;
    if (incs.empty()) {
      *h += "<p>这段时间没有检测到故障。</p>\n";
      return;
    }
    *h += "<h2>故障列表</h2><div class=\"scroll\"><table><tr><th>#</th><th>服务</th><th>开始</th><th>持续</th>"
          "<th class=\"n\">高峰（人/" + std::to_string(BucketMin()) + " 分钟）</th><th>主要问题</th></tr>";
    for (size_t k = 0; k < incs.size(); ++k) {
      const Incident& x = incs[k];
      std::string svcs;
      for (size_t i = 0; i < x.services.size(); ++i) {
        svcs += (i ? " + " : "") + ServiceHtml(x.services[i], i < x.service_names.size() ? x.service_names[i] : "");
      }
      std::string cats;
      for (size_t c = 0; c < x.categories.size() && c < 2; ++c) {
        cats += (c ? "，" : "") + CategoryHtml(x.categories[c].name) + " " + Num(100 * x.categories[c].share, 0) + "%";
      }
      *h += "<tr><td><a href=\"#incident-" + std::to_string(k + 1) + "\">" + std::to_string(k + 1) + "</a></td><td>" +
            svcs + "</td><td>" + ShortTime(x.start, zone_) + "</td><td>" + Duration(x.end - x.start) +
            (x.open ? "（仍在继续）" : "") + "</td><td class=\"n\">" + std::to_string(x.peak_count) + "</td><td>" + cats +
            "</td></tr>";
    }
    *h += "</table></div>\n";
  }

  // Hourly charts of the services that had an incident or a rise: one per
  // service and stretch where it happened (small multiples, each its own
  // scale).
  void ServiceCharts(std::string* h) {
    int drawn = 0;
    bool titled = false;
    for (const ServiceRow& r : services_) {
      if (r.status == 0 || drawn >= o_.overview_services) continue;
      ++drawn;
      size_t offset = 0;  // of the stretch in the board's hourly series
      for (const auto& [a, b] : stretches_) {
        const size_t hours = static_cast<size_t>((b - a) / kHourMs);
        offset += hours;
        std::vector<std::pair<UnixMillis, UnixMillis>> spans;
        for (size_t k : r.incidents) {
          const Incident& x = analysis_.incidents[k];
          if (x.end > a && x.start < b) spans.emplace_back(x.start, std::max(x.end, x.start + store_.bucket_ms()));
        }
        const bool risen = r.status == 1 && r.worst_hour >= a && r.worst_hour < b;
        if (spans.empty() && !risen) continue;
        if (!titled) {
          *h += "<h2>各服务每小时投诉</h2><p class=\"meta\">每个服务单独一张图、各自的刻度。</p>\n";
          titled = true;
        }
        ChartSpec c;
        c.id = "service-" + std::to_string(++charts_);
        c.caption = r.name + "：" + ShortTime(a, zone_) + " – " + ShortTime(b, zone_);
        c.t0 = a;
        c.step = kHourMs;
        // The board's hourly series of this stretch (read and replayed there).
        auto slice = [&](const std::vector<double>& v) {
          const size_t from = std::min(v.size(), offset - hours);
          return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(from),
                                     v.begin() + static_cast<std::ptrdiff_t>(std::min(v.size(), offset)));
        };
        ChartLine users{"投诉用户", "#d62728", slice(r.users), false}, expected{"预期", "#1f77b4", slice(r.expected), true};
        Band(expected.y, slice(r.spread), &c);
        c.lines = {std::move(users), std::move(expected)};
        c.spans = std::move(spans);
        c.span_name = "故障";
        c.y_title = "投诉用户 / 小时";
        *h += internal::LineChart(c, zone_) + "\n";
      }
    }
  }

  static void Band(const std::vector<double>& mean, const std::vector<double>& sd, ChartSpec* c) {
    c->band_lo.resize(mean.size());
    c->band_hi.resize(mean.size());
    for (size_t i = 0; i < mean.size(); ++i) {
      c->band_lo[i] = std::max(0.0, mean[i] - 2 * sd[i]);
      c->band_hi[i] = mean[i] + 2 * sd[i];
    }
    c->band_name = "平常范围";
  }

  // Hashtags as most often written in the incident's sampled posts
  // (the store keeps them normalized: "qq崩了" for #QQ崩了#).
  Status WrittenForms(const Incident& x, std::map<std::string, std::string>* out) {
    out->clear();
    if (!normalizer_) return Status::OK();
    std::map<std::string, std::map<std::string, int>> seen;
    std::vector<StoredSample> samples;
    const UnixMillis a = x.start, b = std::max(x.end, x.start + store_.bucket_ms());
    NormalizedText norm;
    for (const std::string& svc : x.services) {
      if (Status s = store_.ReadSamples(svc, a, b, &samples); !s.ok()) return s;
      for (const StoredSample& smp : samples) {
        if (!normalizer_->Normalize(smp.text, &norm).ok()) continue;
        for (const Hashtag& t : norm.hashtags) {
          if (t.kind != HashtagKind::kWeibo || t.span.end > smp.text.size() || t.span.end < t.span.begin + 2) continue;
          std::string_view raw(smp.text.data() + t.span.begin, t.span.end - t.span.begin);
          // Drop the marks: '#' or the full-width '＃' (3 bytes).
          for (int side = 0; side < 2; ++side) {
            const std::string_view mark = side == 0 ? (raw.starts_with("＃") ? "＃" : "#")
                                                    : (raw.ends_with("＃") ? "＃" : "#");
            if (side == 0 && raw.starts_with(mark)) raw.remove_prefix(mark.size());
            if (side == 1 && raw.ends_with(mark)) raw.remove_suffix(mark.size());
          }
          seen[t.name][std::string(raw)] += 1;
        }
      }
    }
    // Latin words as most often written in any tag ("qq" -> "QQ"), for tags
    // no sampled post shows.
    std::map<std::string, std::map<std::string, int>> words;
    for (const auto& [name, forms] : seen) {
      auto best = std::max_element(forms.begin(), forms.end(),
                                   [](const auto& p, const auto& q) { return p.second < q.second; });
      (*out)[name] = best->first;
      for (const auto& [form, count] : forms) {
        for (const std::string& w : LatinWords(form)) words[Lower(w)][w] += count;
      }
    }
    latin_.clear();
    for (const auto& [lower, forms] : words) {
      latin_[lower] = std::max_element(forms.begin(), forms.end(), [](const auto& p, const auto& q) {
                        return p.second < q.second;
                      })->first;
    }
    return Status::OK();
  }

  static std::vector<std::string> LatinWords(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        cur.push_back(c);
      } else if (!cur.empty()) {
        out.push_back(std::move(cur));
        cur.clear();
      }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
  }
  static std::string Lower(std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  }

  std::string Written(const std::map<std::string, std::string>& forms, const std::string& tag) const {
    // Tags come bare ("微信崩了") or with marks ("#微信崩了#").
    const bool marked = tag.size() >= 2 && tag.front() == '#' && tag.back() == '#';
    const std::string bare = marked ? tag.substr(1, tag.size() - 2) : tag;
    if (auto it = forms.find(bare); it != forms.end()) return "#" + it->second + "#";
    std::string out, word;
    auto flush = [&] {
      auto it = latin_.find(word);
      out += it == latin_.end() ? word : it->second;
      word.clear();
    };
    for (char c : bare) {
      if (c >= 'a' && c <= 'z') {
        word.push_back(c);
        continue;
      }
      flush();
      out.push_back(c);
    }
    flush();
    return "#" + out + "#";
  }

  Status One(size_t k, const Incident& x, std::string* h) {
    const int64_t b = store_.bucket_ms();
    const UnixMillis from = FloorTo(x.start - o_.context_hours * kHourMs, b);
    const UnixMillis to = FloorTo(std::max(x.end, x.start + b) + o_.context_hours * kHourMs, b);
    std::string svcs;
    for (size_t i = 0; i < x.services.size(); ++i) {
      svcs += (i ? " + " : "") + ServiceHtml(x.services[i], i < x.service_names.size() ? x.service_names[i] : "");
    }
    if (svcs.empty()) svcs = ServiceHtml(x.service, x.service_name);
    *h += "<section class=\"incident\" id=\"incident-" + std::to_string(k + 1) + "\"><h2>" + std::to_string(k + 1) +
          ". " + svcs + "：" + ShortTime(x.start, zone_) + " 起，持续 " + Duration(x.end - x.start) +
          (x.open ? "（数据结束时仍在继续）" : x.recovered ? "（用户报告已恢复）" : "") + "</h2>\n";
    *h += "<p>高峰 " + ShortTime(x.peak, zone_).substr(11) + "：每 " + std::to_string(BucketMin()) + " 分钟 <b>" +
          std::to_string(x.peak_count) + "</b> 位用户投诉，" + TimesUsual(x.peak_count, x.baseline, BucketMin()) +
          "。整个故障期间共 " + Thousands(x.complaints) + " 条投诉。</p>\n";
    // One chart per service (at most three), each on its own scale.
    std::vector<std::string> services = x.services;
    if (services.empty()) services.push_back(x.service);
    for (size_t i = 0; i < services.size() && i < 3; ++i) {
      ChartSpec c;
      c.id = "incident-" + std::to_string(k + 1) + "-" + std::to_string(i + 1);
      c.caption = (i < x.service_names.size() ? x.service_names[i] : NameOf(services[i])) + "：每 " +
                  std::to_string(BucketMin()) + " 分钟投诉用户";
      c.t0 = from;
      c.step = b;
      ChartLine users{"投诉用户", kColors[i % 10], {}, false}, expected{"预期", "#1f77b4", {}, true};
      std::vector<double> sd;
      if (Status s = Users(services[i], from, to, b, &users.y); !s.ok()) return s;
      if (Status s = Expected(services[i], from, to, b, &expected.y, &sd); !s.ok()) return s;
      Band(expected.y, sd, &c);
      c.lines = {std::move(users), std::move(expected)};
      UnixMillis s0 = x.start, s1 = std::max(x.end, x.start + b);
      for (const ServicePart& p : x.parts) {
        if (p.service == services[i]) s0 = p.start, s1 = std::max(p.end, p.start + b);
      }
      c.spans = {{s0, s1}};
      c.span_name = "故障";
      c.y_title = "投诉用户 / " + std::to_string(BucketMin()) + " 分钟";
      *h += internal::LineChart(c, zone_) + "\n";
    }
    // Symptoms.
    if (!x.categories.empty()) {
      *h += "<h3>主要问题</h3><p class=\"meta\">投诉中各类问题的占比（悬停看类别 id）。</p><table>";
      for (const CategoryShare& c : x.categories) {
        if (c.share < 0.005) continue;
        *h += "<tr><td>" + CategoryHtml(c.name) + "</td><td><span class=\"bar\" style=\"width:" +
              Num(std::min(100.0, 200 * c.share), 0) + "px\"></span>" + Num(100 * c.share, 0) + "%</td></tr>";
      }
      *h += "</table>\n";
    }
    if (x.parts.size() > 1) {
      *h += "<h3>各服务</h3><ul>";
      for (const ServicePart& p : x.parts) {
        *h += "<li>" + ServiceHtml(p.service, p.service_name) + " " + ShortTime(p.start, zone_).substr(11) + "–" +
              ShortTime(p.end, zone_).substr(11) + "，" + Thousands(p.complaints) + " 条投诉：";
        for (size_t c = 0; c < p.categories.size() && c < 4; ++c) {
          *h += (c ? "，" : "") + CategoryHtml(p.categories[c].name) + " " + Num(100 * p.categories[c].share, 0) + "%";
        }
        *h += "</li>";
      }
      *h += "</ul>\n";
    }
    if (Status s = Regions(k, x, h); !s.ok()) return s;
    std::map<std::string, std::string> forms;
    if (Status s = WrittenForms(x, &forms); !s.ok()) return s;
    auto tags = [&](const char* title, const std::vector<std::string>& v, const char* cls) {
      if (v.empty()) return;
      *h += "<h3>" + std::string(title) + "</h3><p>";
      for (const std::string& t : v) {
        const bool is_tag = t.size() >= 2 && t.front() == '#';
        *h += "<span class=\"tag " + std::string(cls) + "\">" + Esc(is_tag ? Written(forms, t) : t) + "</span>";
      }
      *h += "</p>\n";
    };
    std::vector<std::string> cluster = x.cluster;
    if (cluster.empty()) {
      for (const std::string& t : x.hashtags) cluster.push_back("#" + t + "#");
    }
    tags("相关话题", cluster, "");
    if (!x.emerging.empty()) {
      *h += "<h3>新出现的词</h3><p class=\"meta\">不在 bengle 词库中、随这次故障一起升高的词：出现次数（按此前频率预计的次数）。</p><p>";
      for (const EmergingTerm& e : x.emerging) {
        *h += "<span class=\"tag term\">" + Esc(e.term) + " " + std::to_string(e.count) + "（预计 " + Num(e.expected) +
              "）</span>";
      }
      *h += "</p>\n";
    }
    tags("同时升温、但无关的话题", x.unrelated, "apart");
    for (size_t i = 0; i < x.services.size(); ++i) {
      if (!x.services[i].starts_with(kDiscoveredPrefix)) continue;
      const std::string name = i < x.service_names.size() ? x.service_names[i] : x.services[i];
      *h += "<p class=\"meta\"><b>" + Esc(name) +
            "</b> 不在服务目录中，是从帖子里发现的。把它加入 data/catalogue/services.tsv，可以给它 id、所属公司和别名。</p>\n";
    }
    if (!x.sample_texts.empty()) {
      *h += "<h3>示例帖子</h3>";
      for (size_t i = 0; i < x.sample_texts.size(); ++i) {
        std::string who;
        if (i < x.sample_times.size() && x.sample_times[i] != 0) who += ShortTime(x.sample_times[i], zone_);
        if (i < x.sample_users.size() && !x.sample_users[i].empty()) who += (who.empty() ? "" : " · ") + Esc(x.sample_users[i]);
        if (i < x.sample_ids.size()) who += (who.empty() ? "" : " · ") + std::string("id ") + Esc(x.sample_ids[i]);
        *h += "<blockquote><span class=\"who\">" + who + "</span>" + Esc(x.sample_texts[i]) + "</blockquote>";
      }
    }
    *h += "</section>\n";
    return Status::OK();
  }

  // Where the complaints came from: a tile map of China's provinces coloured
  // by how over-represented each is, and a table against the usual mix.
  Status Regions(size_t k, const Incident& x, std::string* h) {
    std::vector<RegionShare> all;
    if (Status s = RegionBreakdown(store_, store_.bucket_ms(), x, RegionOptions{}, &all); !s.ok()) return s;
    *h += "<h3>地区</h3>";
    if (all.empty()) {
      *h += "<p class=\"meta\">这些帖子没有地区信息（IP属地）。</p>\n";
      return Status::OK();
    }
    int64_t total = 0;
    for (const RegionShare& g : all) total += g.complaints;
    const RegionShare& top = all.front();
    *h += "<p>投诉最多来自 <b>" + Esc(top.name) + "</b>：占 " + Num(100 * top.share, 0) + "%，平常占 " +
          Num(100 * top.usual, 0) + "%（" + Num(top.ratio, 1) + " 倍）。" +
          (top.share >= 0.4 && top.ratio >= 2 ? "这次故障集中在一个地区。" : "") + "</p>\n";
    std::map<std::string, const RegionShare*> by;
    for (const RegionShare& g : all) by[g.name] = &g;
    constexpr double TW = 54, TH = 44;
    std::string map = "<svg class=\"map\" viewBox=\"0 0 " + Num(8 * TW, 0) + " " + Num(8 * TH, 0) +
                      "\" role=\"img\" aria-label=\"各省投诉分布\" xmlns=\"http://www.w3.org/2000/svg\">";
    const double n = static_cast<double>(total);
    auto pct = [](double share) { return share > 0 && share < 0.001 ? std::string("<0.1") : Num(100 * share, 1); };
    for (const Tile& t : kTiles) {
      auto it = by.find(t.name);
      const RegionShare* g = it == by.end() ? nullptr : it->second;
      const double x0 = t.col * TW + 1, y0 = t.row * TH + 1;
      // The colour shrinks the ratio by 5 complaints either way, so that a
      // region with a handful of complaints and a tiny usual share is not
      // painted as the centre of an outage.
      const double shrunk = g ? (static_cast<double>(g->complaints) + 5) / (n * g->usual + 5) : 0;
      const std::string fill = RatioColor(shrunk, g != nullptr);
      const bool dark = g != nullptr && shrunk >= 4;
      map += "<g><title>" + std::string(t.name) +
             (g ? "：" + std::to_string(g->complaints) + " 条投诉，占 " + pct(g->share) + "%，平常 " +
                      pct(g->usual) + "%，" + Num(g->ratio, 2) + " 倍"
                : "：无投诉") +
             "</title><rect x=\"" + Num(x0) + "\" y=\"" + Num(y0) + "\" width=\"" + Num(TW - 2) + "\" height=\"" +
             Num(TH - 2) + "\" rx=\"3\" fill=\"" + fill + "\"/><text x=\"" + Num(x0 + (TW - 2) / 2) + "\" y=\"" +
             Num(y0 + 17) + "\" text-anchor=\"middle\"" + (dark ? " style=\"fill:#fff\"" : "") + ">" + t.name +
             "</text>";
      if (g) {
        map += "<text class=\"v\" x=\"" + Num(x0 + (TW - 2) / 2) + "\" y=\"" + Num(y0 + 33) +
               "\" text-anchor=\"middle\"" + (dark ? " style=\"fill:#fff\"" : "") + ">" +
               (g->share >= 0.095 ? Num(100 * g->share, 0) : pct(g->share)) + "%</text>";
      }
      map += "</g>";
    }
    // Legend.
    map += "</svg>";
    std::string legend = "<p class=\"meta\">颜色：与平常占比相比 ";
    for (const auto& [r, label] : std::vector<std::pair<double, const char*>>{
             {4, "≥ 4 倍"}, {2, "2–4 倍"}, {1.3, "1.25–2 倍"}, {1, "持平"}, {0.5, "偏少"}}) {
      legend += "<span class=\"tag\" style=\"background:" + RatioColor(r, true) + (r >= 4 ? ";color:#fff" : "") +
                "\">" + label + "</span>";
    }
    legend += "</p>";
    std::string table = "<div class=\"scroll\"><table><tr><th>地区</th><th class=\"n\">投诉</th><th class=\"n\">占比</th>"
                        "<th class=\"n\">平常占比</th><th class=\"n\">倍数</th></tr>";
    std::string csv = "region,complaints,share,usual,ratio\n";
    for (size_t i = 0; i < all.size(); ++i) {
      const RegionShare& g = all[i];
      csv += g.name + "," + std::to_string(g.complaints) + "," + Num(g.share, 4) + "," + Num(g.usual, 4) + "," +
             Num(g.ratio, 3) + "\n";
      if (i >= 12) continue;
      table += "<tr><td>" + Esc(g.name) + "</td><td class=\"n\">" + Thousands(g.complaints) + "</td><td class=\"n\">" +
               pct(g.share) + "%</td><td class=\"n\">" + pct(g.usual) + "%</td><td class=\"n\">" +
               Num(g.ratio, 1) + "</td></tr>";
    }
    table += "</table></div><p class=\"meta\">共 " + Thousands(total) + " 条带地区的投诉" +
             (all.size() > 12 ? "，表中列出前 12 个地区" : "") +
             "。</p><a class=\"csv\" download=\"incident-" + std::to_string(k + 1) +
             "-regions.csv\" href=\"data:text/csv;charset=utf-8," + internal::UriEncode(csv) +
             "\">下载地区数据（CSV）</a>";
    *h += "<div class=\"regions\" data-top-region=\"" + Esc(top.name) + "\"><div>" + map + legend + "</div><div>" +
          table + "</div></div>\n";
    return Status::OK();
  }

  void Script(std::string* h) {
    *h += R"JS(<script>
// Hover read-outs: each chart's data is the CSV of its download link.
(function(){
  function rows(a){var t=decodeURIComponent(a.getAttribute('href').split(',').slice(1).join(','));
    return t.trim().split('\n').map(function(l){return l.split(',');});}
  document.querySelectorAll('figure.chart-box').forEach(function(fig){
    var svg=fig.querySelector('svg.chart'),a=fig.querySelector('a.csv'),tip=fig.querySelector('.tip');
    if(!svg||!a||!tip)return;
    var data=rows(a),head=data[0],n=+svg.dataset.n,x0=+svg.dataset.x0,x1=+svg.dataset.x1;
    var cur=svg.querySelector('.cursor');
    function move(e){
      var p=svg.createSVGPoint();p.x=e.clientX;p.y=e.clientY;
      var m=svg.getScreenCTM();if(!m)return;var q=p.matrixTransform(m.inverse());
      var i=Math.round((q.x-x0)/(x1-x0)*(n-1));if(i<0||i>=n){leave();return;}
      var r=data[i+1];if(!r)return;var x=x0+(x1-x0)*i/Math.max(n-1,1);
      cur.setAttribute('x1',x);cur.setAttribute('x2',x);cur.setAttribute('visibility','visible');
      var s=r[0].replace('T',' ');for(var j=1;j<head.length;j++)s+='<br>'+head[j]+': '+r[j];
      tip.innerHTML=s;tip.hidden=false;
      var box=fig.getBoundingClientRect(),w=tip.offsetWidth;
      var left=e.clientX-box.left+12;if(left+w>box.width)left=Math.max(0,e.clientX-box.left-w-12);
      tip.style.left=left+'px';tip.style.top=(e.clientY-box.top+12)+'px';}
    function leave(){tip.hidden=true;cur.setAttribute('visibility','hidden');}
    svg.addEventListener('pointermove',move);svg.addEventListener('pointerleave',leave);
  });
  // The status board: each sparkline reads its column of the board's CSV (one row per hour).
  var board=document.querySelector('.board'),link=document.getElementById('board-csv');
  if(board&&link){var data=rows(link),tip=board.querySelector('.tip');
    board.querySelectorAll('svg.spark').forEach(function(svg){var col=+svg.dataset.col,row=svg.closest('.row');
      var name=row&&row.querySelector('.svc')?row.querySelector('.svc').textContent:data[0][col];
      svg.addEventListener('pointermove',function(e){var b=svg.getBoundingClientRect(),n=data.length-1;
        var i=Math.min(n-1,Math.max(0,Math.floor((e.clientX-b.left)/b.width*n)));var r=data[i+1];if(!r)return;
        tip.innerHTML=r[0].replace('T',' ')+'<br>'+name+'：投诉用户 '+r[col];tip.hidden=false;
        var box=board.getBoundingClientRect(),left=e.clientX-box.left+12;
        if(left+tip.offsetWidth>box.width)left=Math.max(0,e.clientX-box.left-tip.offsetWidth-12);
        tip.style.left=left+'px';tip.style.top=(e.clientY-box.top+12)+'px';});
      svg.addEventListener('pointerleave',function(){tip.hidden=true;});});}
})();
// Self-check for viewers and tests: every chart drew a line; every tick is a
// round value (1-2-5 steps) or a round time; nothing wider than the window.
(function(){
  var r={charts:0,badCharts:0,ticks:0,badTicks:0};
  function nice(s){if(!(s>0))return false;var m=s/Math.pow(10,Math.floor(Math.log10(s)+1e-9));
    return [1,2,5,10].some(function(k){return Math.abs(m-k)<1e-6;});}
  function pad(v){return (v<10?'0':'')+v;}
  function roundTick(t){
    var step=+t.dataset.step,label=t.firstChild?t.firstChild.textContent:'';
    if(t.dataset.v!==undefined){var v=+t.dataset.v;
      return nice(step)&&step>=1&&Math.abs(v/step-Math.round(v/step))<1e-9&&label===String(v);}
    var local=+t.dataset.t+(+t.dataset.off)*60000,d=new Date(local),day=86400000;
    var ok=[300000,600000,900000,1800000,3600000,7200000,10800000,21600000,43200000,day,2*day,7*day,14*day,28*day].indexOf(step)>=0;
    if(step<=2*day)ok=ok&&local%step===0;else ok=ok&&local%day===0&&d.getUTCDay()===1;
    var want=step<day?pad(d.getUTCHours())+':'+pad(d.getUTCMinutes()):pad(d.getUTCMonth()+1)+'-'+pad(d.getUTCDate());
    return ok&&label===want;}
  document.querySelectorAll('svg.chart').forEach(function(s){r.charts++;
    var p=s.querySelector('polyline.series');if(!p||!p.getAttribute('points').trim())r.badCharts++;});
  document.querySelectorAll('svg.chart text.tick').forEach(function(t){r.ticks++;
    if(!roundTick(t)){r.badTicks++;console.error('bengle report: tick not round: '+t.textContent);}});
  // Hover: a pointer over the middle of the first chart and of the first
  // sparkline must bring up a read-out with a time and a value.
  function hovers(svg,tip){if(!svg||!tip)return false;var b=svg.getBoundingClientRect();
    svg.dispatchEvent(new PointerEvent('pointermove',{clientX:b.left+b.width/2,clientY:b.top+b.height/2,bubbles:true}));
    var ok=!tip.hidden&&/\d\d:\d\d/.test(tip.textContent)&&/: ?\d|：投诉用户 \d/.test(tip.textContent);
    svg.dispatchEvent(new PointerEvent('pointerleave',{bubbles:false}));return ok;}
  var fig=document.querySelector('figure.chart-box'),brd=document.querySelector('.board');
  r.hover=(fig?hovers(fig.querySelector('svg.chart'),fig.querySelector('.tip')):true)&&
          (brd?hovers(brd.querySelector('svg.spark'),brd.querySelector('.tip')):true)?1:0;
  if(!r.hover)console.error('bengle report: no hover read-out');
  var se=document.scrollingElement||document.documentElement;
  r.width=window.innerWidth;r.scrollWidth=se.scrollWidth;r.overflow=se.scrollWidth>window.innerWidth?1:0;
  var b=document.body;b.setAttribute('data-charts',r.charts);b.setAttribute('data-bad-charts',r.badCharts);
  b.setAttribute('data-ticks',r.ticks);b.setAttribute('data-bad-ticks',r.badTicks);
  b.setAttribute('data-width',r.width);b.setAttribute('data-scroll-width',r.scrollWidth);
  b.setAttribute('data-overflow',r.overflow);b.setAttribute('data-hover',r.hover);
  if(r.badCharts)console.error('bengle report: '+r.badCharts+' empty chart(s)');
  if(r.overflow)console.error('bengle report: page is '+r.scrollWidth+' px wide in a '+r.width+' px window');
  console.log('bengle report self-check: '+JSON.stringify(r));
})();
</script>
)JS";
  }

  BaselineStore& store_;
  const Analysis& analysis_;
  const ReportOptions& o_;
  const TimeZone zone_;
  std::shared_ptr<const ServiceCatalogue> catalogue_;
  std::unique_ptr<Normalizer> normalizer_;
  std::vector<std::pair<UnixMillis, UnixMillis>> stretches_;
  std::vector<ServiceRow> services_;
  std::map<std::string, std::string> latin_;  // lower-case Latin word -> as most often written
  int charts_ = 0;
};

}  // namespace

Status WriteHtmlReport(BaselineStore& store, const Analysis& analysis, const ReportOptions& options,
                       std::string* html) {
  html->clear();
  return Renderer(store, analysis, options).Render(html);
}

}  // namespace bengle
