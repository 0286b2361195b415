// The incident codec (incident.h), on nlohmann::json (ordered, so fields come
// out in the order of README "Interfaces").
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "bengle/incident.h"
#include "incident/names.h"

namespace bengle {
namespace {

using Json = nlohmann::ordered_json;

double Round(double v, double scale) { return std::round(v * scale) / scale; }
// JSON has no infinities: they are written as the largest finite double.
double Finite(double v) {
  if (std::isnan(v)) return 0;
  return std::clamp(v, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
}

Json Categories(const std::vector<CategoryShare>& cats, bool exact) {
  Json a = Json::array();
  for (const CategoryShare& c : cats) a.push_back(Json{{"name", c.name}, {"share", exact ? Finite(c.share) : Round(Finite(c.share), 100)}});
  return a;
}

struct Writer {
  const IncidentJsonOptions& o;
  std::string Time(UnixMillis t) const { return o.zone ? FormatTime(t, *o.zone) : FormatTime(t, o.utc_offset_minutes); }
  double Baseline(double v) const { return o.exact ? Finite(v) : Round(Finite(v), 100); }
  double Score(double v) const { return o.exact ? Finite(v) : Round(std::min(Finite(v), 999.9), 10); }

  Json Object(const Incident& x) const {
    Json j;
    j["service"] = x.service;
    j["service_name"] = x.service_name.empty() ? x.service : x.service_name;
    j["services"] = x.services;
    j["service_names"] = internal::DisplayNames(x.services, x.service_names);
    j["start"] = Time(x.start);
    j["peak"] = Time(x.peak);
    j["end"] = Time(x.end);
    j["peak_count"] = x.peak_count;
    j["baseline"] = Baseline(x.baseline);
    j["score"] = Score(x.score);
    j["categories"] = Categories(x.categories, o.exact);
    j["hashtags"] = x.hashtags;
    j["sample_ids"] = x.sample_ids;
    if (o.exact) {
      j["sample_texts"] = x.sample_texts;
      j["sample_times"] = x.sample_times;  // UTC ms (0 = unknown): exact, unlike the ISO form
      j["sample_users"] = x.sample_users;
    }
    j["complaints"] = x.complaints;
    j["alarm"] = Time(x.alarm);
    j["recovered"] = x.recovered;
    j["open"] = x.open;
    Json parts = Json::array();
    for (const ServicePart& p : x.parts) {
      parts.push_back(Json{{"service", p.service},
                           {"service_name", p.service_name.empty() ? p.service : p.service_name},
                           {"start", Time(p.start)},
                           {"peak", Time(p.peak)},
                           {"end", Time(p.end)},
                           {"peak_count", p.peak_count},
                           {"baseline", Baseline(p.baseline)},
                           {"score", Score(p.score)},
                           {"complaints", p.complaints},
                           {"categories", Categories(p.categories, o.exact)}});
    }
    j["parts"] = std::move(parts);
    j["cluster"] = x.cluster;
    Json terms = Json::array();
    for (const EmergingTerm& e : x.emerging) {
      terms.push_back(Json{{"term", e.term}, {"count", e.count}, {"expected", Baseline(e.expected)}});
    }
    j["emerging_terms"] = std::move(terms);
    j["unrelated_hashtags"] = x.unrelated;
    Json regions = Json::array();
    for (const RegionShare& g : x.regions) {
      regions.push_back(Json{{"name", g.name},
                             {"complaints", g.complaints},
                             {"share", o.exact ? Finite(g.share) : Round(Finite(g.share), 1000)},
                             {"usual", o.exact ? Finite(g.usual) : Round(Finite(g.usual), 1000)},
                             {"ratio", o.exact ? Finite(g.ratio) : Round(Finite(g.ratio), 100)}});
    }
    j["regions"] = std::move(regions);
    return j;
  }
};

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Field readers: a missing field keeps the default; a present one of the
// wrong type is an error naming it.
class Reader {
 public:
  explicit Reader(const Json& j) : j_(j) {}
  const Status& status() const { return st_; }

  template <typename T>
  void Get(const char* key, T* out) {
    auto it = j_.find(key);
    if (it == j_.end() || !st_.ok()) return;
    if constexpr (std::is_same_v<T, std::string>) {
      if (!it->is_string()) return Fail(key, "a string");
      *out = it->template get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!it->is_boolean()) return Fail(key, "true or false");
      *out = it->template get<bool>();
    } else if constexpr (std::is_same_v<T, int64_t>) {
      if (!it->is_number_integer()) return Fail(key, "an integer");
      *out = it->template get<int64_t>();
    } else if constexpr (std::is_same_v<T, double>) {
      if (!it->is_number()) return Fail(key, "a number");
      *out = it->template get<double>();
    } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
      if (!it->is_array()) return Fail(key, "an array of integers");
      out->clear();
      for (const Json& v : *it) {
        if (!v.is_number_integer()) return Fail(key, "an array of integers");
        out->push_back(v.get<int64_t>());
      }
    } else {  // std::vector<std::string>
      if (!it->is_array()) return Fail(key, "an array of strings");
      out->clear();
      for (const Json& v : *it) {
        if (!v.is_string()) return Fail(key, "an array of strings");
        out->push_back(v.get<std::string>());
      }
    }
  }
  void Time(const char* key, UnixMillis* out) {
    std::string s;
    Get(key, &s);
    if (s.empty() || !st_.ok()) return;
    Result<UnixMillis> t = ParseTime(s);
    if (!t.ok()) return Fail(key, "a time: " + t.status().message());
    *out = *t;
  }
  void Categories(const char* key, std::vector<CategoryShare>* out) {
    Objects(key, [&](Reader& r) {
      CategoryShare c;
      r.Get("name", &c.name);
      r.Get("share", &c.share);
      out->push_back(std::move(c));
    });
  }
  template <typename F>
  void Objects(const char* key, F&& each) {
    auto it = j_.find(key);
    if (it == j_.end() || !st_.ok()) return;
    if (!it->is_array()) return Fail(key, "an array of objects");
    for (const Json& v : *it) {
      if (!v.is_object()) return Fail(key, "an array of objects");
      Reader r(v);
      each(r);
      if (!r.st_.ok()) {
        st_ = Status::InvalidArgument(std::string(key) + "." + r.st_.message());
        return;
      }
    }
  }

 private:
  void Fail(const char* key, const std::string& want) { st_ = Status::InvalidArgument(std::string(key) + ": not " + want); }
  const Json& j_;
  Status st_;
};

// The fields an incident and a part share (ServicePart and Incident).
template <typename T>
void ReadSpan(Reader& r, T* x) {
  r.Get("service", &x->service);
  r.Get("service_name", &x->service_name);
  r.Time("start", &x->start);
  r.Time("peak", &x->peak);
  r.Time("end", &x->end);
  r.Get("peak_count", &x->peak_count);
  r.Get("baseline", &x->baseline);
  r.Get("score", &x->score);
  r.Categories("categories", &x->categories);
}

Result<Incident> FromObject(const Json& j) {
  if (!j.is_object()) return Status::InvalidArgument("incident: not a JSON object");
  Incident x;
  Reader r(j);
  r.Get("services", &x.services);
  r.Get("service_names", &x.service_names);
  ReadSpan(r, &x);
  r.Get("hashtags", &x.hashtags);
  r.Get("sample_ids", &x.sample_ids);
  r.Get("sample_texts", &x.sample_texts);
  r.Get("sample_times", &x.sample_times);
  r.Get("sample_users", &x.sample_users);
  r.Get("complaints", &x.complaints);
  r.Time("alarm", &x.alarm);
  r.Get("recovered", &x.recovered);
  r.Get("open", &x.open);
  r.Objects("parts", [&](Reader& pr) {
    ServicePart p;
    ReadSpan(pr, &p);
    pr.Get("complaints", &p.complaints);
    x.parts.push_back(std::move(p));
  });
  r.Get("cluster", &x.cluster);
  r.Objects("emerging_terms", [&](Reader& er) {
    EmergingTerm e;
    er.Get("term", &e.term);
    er.Get("count", &e.count);
    er.Get("expected", &e.expected);
    x.emerging.push_back(std::move(e));
  });
  r.Get("unrelated_hashtags", &x.unrelated);
  r.Objects("regions", [&](Reader& gr) {
    RegionShare g;
    gr.Get("name", &g.name);
    gr.Get("complaints", &g.complaints);
    gr.Get("share", &g.share);
    gr.Get("usual", &g.usual);
    gr.Get("ratio", &g.ratio);
    x.regions.push_back(std::move(g));
  });
  if (!r.status().ok()) return Status::InvalidArgument("incident: " + r.status().message());
  return x;
}

}  // namespace

std::string IncidentToJson(const Incident& incident, const IncidentJsonOptions& options) {
  return Dump(Writer{options}.Object(incident));
}

std::string IncidentsToJson(const std::vector<Incident>& incidents, const IncidentJsonOptions& options) {
  std::string b = "[";
  for (size_t i = 0; i < incidents.size(); ++i) {
    if (i) b += ",\n ";
    b += IncidentToJson(incidents[i], options);
  }
  b += "]\n";
  return b;
}

Result<Incident> IncidentFromJson(std::string_view json) {
  Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("incident: broken JSON");
  return FromObject(j);
}

Status IncidentsFromJson(std::string_view json, std::vector<Incident>* out) {
  out->clear();
  Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("incidents: broken JSON");
  if (!j.is_array()) return Status::InvalidArgument("incidents: not a JSON array");
  for (const Json& v : j) {
    Result<Incident> x = FromObject(v);
    if (!x.ok()) return x.status();
    out->push_back(std::move(*x));
  }
  return Status::OK();
}

}  // namespace bengle
