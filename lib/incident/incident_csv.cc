// IncidentsToCsv() (incident.h).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bengle/incident.h"
#include "incident/names.h"

namespace bengle {
namespace {

// A number as the report JSON writes it: rounded to `decimals`, no trailing
// zeros ("0.5", "41.7", "3").
std::string Number(double v, int decimals) {
  if (!std::isfinite(v)) v = 0;
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  std::string s = b;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// One list item: ';' and '\' escaped.
void Item(std::string_view s, std::string* out) {
  for (char c : s) {
    if (c == ';' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.push_back(';');
    Item(v[i], &out);
  }
  return out;
}

// One CSV field, quoted when it has a comma, quote, CR or LF.
void Field(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

std::string IncidentsToCsv(const std::vector<Incident>& incidents, const IncidentJsonOptions& options) {
  auto time = [&](UnixMillis t) {
    return options.zone ? FormatTime(t, *options.zone) : FormatTime(t, options.utc_offset_minutes);
  };
  std::string out =
      "service,service_name,services,service_names,start,peak,end,duration_min,peak_count,baseline,times_usual,score,"
      "complaints,categories,hashtags,regions,sample_ids,alarm,recovered,open\r\n";
  for (const Incident& x : incidents) {
    std::vector<std::string> cats, regions;
    for (const CategoryShare& c : x.categories) cats.push_back(c.name + ":" + Number(c.share, 2));
    for (const RegionShare& g : x.regions) {
      regions.push_back(g.name + ":" + Number(g.share, 3) + ":" + Number(g.ratio, 2));
    }
    const std::string cells[] = {
        x.service,
        x.service_name.empty() ? x.service : x.service_name,
        Join(x.services),
        Join(internal::DisplayNames(x.services, x.service_names)),
        time(x.start),
        time(x.peak),
        time(x.end),
        Number(static_cast<double>(x.end - x.start) / 60000.0, 0),
        std::to_string(x.peak_count),
        Number(x.baseline, 2),
        Number(static_cast<double>(x.peak_count) / std::max(x.baseline, 1.0), 1),
        Number(std::min(x.score, 999.9), 1),
        std::to_string(x.complaints),
        Join(cats),
        Join(x.hashtags),
        Join(regions),
        Join(x.sample_ids),
        time(x.alarm),
        x.recovered ? "true" : "false",
        x.open ? "true" : "false",
    };
    bool first = true;
    for (const std::string& c : cells) {
      if (!first) out.push_back(',');
      first = false;
      Field(c, &out);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace bengle
