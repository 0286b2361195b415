// An outage incident: what `bengle detect` reports (README "Interfaces"), and its
// one JSON codec, used by the CLI, the store and the report alike.
//
// JSON shape (README "Interfaces" `detect --format json`, one object per incident):
//   {"service":"wechat","service_name":"微信","services":["wechat"],"service_names":["微信"],
//    "start":"2021-10-18T09:40:00+08:00",
//    "peak":...,"end":...,"peak_count":812,"baseline":3.1,"score":41.7,
//    "categories":[{"name":"media_transfer","share":0.71}],"hashtags":["微信崩了"],
//    "sample_ids":["123"],"complaints":2578,"alarm":...,"recovered":false,"open":false,
//    "parts":[{"service":..,"start":..,"peak":..,"end":..,"peak_count":..,"baseline":..,
//              "score":..,"complaints":..,"categories":[..]}],
//    "cluster":["#微信崩了#"],"emerging_terms":[{"term":"裂图","count":9,"expected":0.1}],
//    "unrelated_hashtags":["#剧情崩了#"]}
//    "regions":[{"name":"广东","complaints":120,"share":0.55,"usual":0.11,"ratio":5.0}]}
// plus "sample_texts", "sample_times" (UTC milliseconds, 0 when unknown) and
// "sample_users", aligned with sample_ids, when IncidentJsonOptions::exact
// (what the store keeps).
//
// Thread safety: plain values and pure functions.
#ifndef BENGLE_INCIDENT_H_
#define BENGLE_INCIDENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/export.h"
#include "bengle/status.h"
#include "bengle/time.h"

namespace bengle {

struct CategoryShare {
  std::string name;
  double share = 0;  // of the incident's categorized complaints
};

// One service's part of an incident (an incident of several services, such as
// WeChat and QQ on 2023-03-29, has one part per service).
struct ServicePart {
  std::string service;
  std::string service_name;  // display name (catalogue.h); "" when unknown
  UnixMillis start = 0, peak = 0, end = 0;
  int64_t peak_count = 0;
  double baseline = 0;
  double score = 0;
  int64_t complaints = 0;
  std::vector<CategoryShare> categories;  // highest share first
};

// A word or hashtag that no bengle lexicon knows and that rose inside the
// incident (see cluster.h for how it is found).
struct EmergingTerm {
  std::string term;     // a word ("机房"), or a hashtag with its marks ("#微信裂图#")
  int64_t count = 0;    // posts with it inside the incident (sampled posts, for words)
  double expected = 0;  // what its rate before the incident predicts for the same posts
};

// Where an incident's complaints came from, one region (the author's
// province or region as the platform shows it, aggregate.h CanonicalRegion()).
struct RegionShare {
  std::string name;        // "广东", "北京", "海外", "美国"
  int64_t complaints = 0;  // complaint posts from it inside the incident
  double share = 0;        // of the incident's complaints that have a region
  double usual = 0;        // its share of the service's posts before the incident
  double ratio = 0;        // share / usual (how over-represented it is)
};

struct Incident {
  std::string service;                // the main service
  std::string service_name;           // its display name ("微信", "秀动"); the codec writes the id when ""
  std::vector<std::string> services;  // every service it covers
  std::vector<std::string> service_names;  // display names, aligned with services
  UnixMillis start = 0;               // onset: when the rise began
  UnixMillis peak = 0;                // start of the peak bucket
  UnixMillis end = 0;                 // end of the last elevated bucket
  UnixMillis alarm = 0;               // when a streaming detector raised it
  int64_t peak_count = 0;             // distinct complaining authors in the peak bucket
  double baseline = 0;                // expected count for the peak bucket
  double score = 0;                   // -log10 of the smallest tail probability seen
  int64_t complaints = 0;             // complaint posts over the incident
  std::vector<CategoryShare> categories;  // highest share first
  std::vector<std::string> hashtags;      // most used first
  std::vector<std::string> sample_ids;
  std::vector<std::string> sample_texts;
  // Aligned with sample_ids when known (report shape omits them, like texts):
  std::vector<UnixMillis> sample_times;   // 0 when unknown
  std::vector<std::string> sample_users;  // "" when unknown
  // Top regions of the complaints, highest share first; empty when the posts
  // carry no region.
  std::vector<RegionShare> regions;
  bool recovered = false;  // recovery posts rose as it ended
  bool open = false;       // still going at the end of the data
  // Filled by the clustering step (cluster.h), empty otherwise:
  std::vector<ServicePart> parts;      // per service, main service first
  std::vector<std::string> cluster;    // hashtags ("#微信崩了#") and terms linked to the incident
  std::vector<EmergingTerm> emerging;  // strongest rise first
  std::vector<std::string> unrelated;  // hashtags rising at the same time, kept apart
};

struct IncidentJsonOptions {
  // Zone of the times written, minutes east of UTC. Default: 480 (+08:00).
  int utc_offset_minutes = 480;
  // When set, the zone of the times written instead (each time with the
  // zone's offset at that instant). Default: none.
  std::optional<TimeZone> zone;
  // false: the report shape (shares and baselines to 2 decimals, scores to 1
  // and capped at 999.9, no sample texts). true: every field at full
  // precision, sample texts included (what the store keeps; decoding it gives
  // back the same Incident). Default: false.
  bool exact = false;
};

// One incident as a JSON object (one line, UTF-8; invalid UTF-8 in a text
// becomes U+FFFD).
BENGLE_EXPORT std::string IncidentToJson(const Incident& incident, const IncidentJsonOptions& options = {});
// A JSON array of incidents: "[" + objects joined by ",\n " + "]\n".
BENGLE_EXPORT std::string IncidentsToJson(const std::vector<Incident>& incidents,
                                          const IncidentJsonOptions& options = {});
// Parses one object of the shape above. Missing fields keep their defaults;
// a field of the wrong type or a bad time is InvalidArgument naming the field.
BENGLE_EXPORT Result<Incident> IncidentFromJson(std::string_view json);
// Parses an array of such objects.
BENGLE_EXPORT Status IncidentsFromJson(std::string_view json, std::vector<Incident>* out);

// The incidents as CSV (RFC 4180, UTF-8, CRLF line ends, what `bengle detect
// --format csv` prints): a header row, then one row per incident with the
// columns
//   service, service_name, services, service_names, start, peak, end,
//   duration_min, peak_count, baseline, times_usual, score, complaints,
//   categories, hashtags, regions, sample_ids, alarm, recovered, open
// Times are ISO 8601 in the zone of `options`; numbers are rounded as in the
// report JSON shape; times_usual = peak_count / max(baseline, 1). Lists are
// joined by ';' (services, hashtags, sample ids), categories as "name:share"
// and regions as "name:share:ratio"; a ';' or '\' inside an item is escaped
// with '\'. Booleans are true / false. `exact` is ignored.
BENGLE_EXPORT std::string IncidentsToCsv(const std::vector<Incident>& incidents,
                                         const IncidentJsonOptions& options = {});

}  // namespace bengle

#endif  // BENGLE_INCIDENT_H_
