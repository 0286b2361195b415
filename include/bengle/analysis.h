// Incidents from a store: the one place that replays stored series through a
// Detector, opens incidents, picks their sample posts and clusters them.
//
//   read -> normalize -> segment -> classify -> aggregate -> store
//        -> detect (statistics) -> analysis (this) -> report
//
//   bengle::Analysis a;
//   bengle::Status s = bengle::Analyze(*store, 0, 0, {}, &a);
//   for (const bengle::Incident& i : a.incidents) ...
//   bengle::WriteHtmlReport(*store, a, {}, &html);   // report.h
//
// Thread safety: uses the store it is given (one thread at a time, as the
// store requires).
#ifndef BENGLE_ANALYSIS_H_
#define BENGLE_ANALYSIS_H_

#include <functional>
#include <string_view>
#include <vector>

#include "bengle/catalogue.h"
#include "bengle/cluster.h"
#include "bengle/detect.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle {

struct AnalysisOptions {
  // The detector; its bucket length must be the store's. Default: defaults.
  DetectorOptions detector;
  // How incidents of several services are merged. Default: defaults.
  ClusterOptions cluster;
  // Display names of the services (Incident::service_name(s)). Default:
  // nullptr = the default catalogue when it loads; discovered ids
  // ("new:秀动") are named by themselves either way.
  std::shared_ptr<const ServiceCatalogue> catalogue;
  // Sample posts per incident (distinct authors and texts, the incident's
  // top category first, nearest the peak first). Default: 5.
  size_t samples_per_incident = 5;
  // Regions per incident (Incident::regions, see RegionBreakdown()).
  // Default: 10.
  size_t regions_per_incident = 10;
  // Called after every bucket the replay feeds, for every service, with the
  // detector's expected count for that bucket (the baseline a report draws).
  // For watching or checking the baseline; slows the replay (every bucket
  // is fed and scored; the incidents found are the same). Default: none.
  std::function<void(std::string_view service, UnixMillis bucket, double expected)> on_bucket;
};

// What one analysis found, and how: enough for a report to draw the very
// baseline the detector used.
struct Analysis {
  UnixMillis from = 0, to = 0;  // the range analysed
  UnixMillis replay_from = 0;   // where the replay of every series began
  DetectorOptions detector;     // the detector it ran
  std::vector<Incident> incidents;  // that start in [from, to), by start
};

// Replays [ReplayStart(from), to) of every service of `store` through one
// Detector and returns the incidents that start in [from, to), with sample
// posts attached, clustered (cluster.h). from = to = 0 means the whole store.
BENGLE_EXPORT Status Analyze(BaselineStore& store, UnixMillis from, UnixMillis to, const AnalysisOptions& options,
                             Analysis* out);

// Attaches up to `max_samples` sample posts (ids, texts, times, authors) of the incident's service from
// [start, max(end, peak + bucket_ms)) to *inc (an open incident has no end
// yet): distinct authors and texts, the incident's top category first,
// nearest the peak first. Analyze() and the watcher (watch.h) pick them so.
BENGLE_EXPORT Status AttachSamples(BaselineStore& store, int64_t bucket_ms, size_t max_samples, Incident* inc);

// Where an incident's complaints came from against where its services' posts
// usually come from: every region with complaints in [start, max(end, peak +
// bucket_ms)) over the incident's services' "reg:" series (aggregate.h),
// highest share first. `usual` is each region's share of the services'
// posts in the `usual_days` before the start: their complaints, and mentions
// as a prior worth 20 complaints (themselves shrunk toward a uniform mix over
// the regions seen, worth 50 mentions), so a region seldom seen neither
// vanishes nor explodes. Empty when fewer than `min_complaints` complaints
// carry a region.
struct RegionOptions {
  int usual_days = 7;         // Default: 7.
  int64_t min_complaints = 5;  // Default: 5.
};
BENGLE_EXPORT Status RegionBreakdown(BaselineStore& store, int64_t bucket_ms, const Incident& inc,
                                     const RegionOptions& options, std::vector<RegionShare>* out);
// RegionBreakdown() cut to its first `max_regions`, into inc->regions.
BENGLE_EXPORT Status AttachRegions(BaselineStore& store, int64_t bucket_ms, size_t max_regions, Incident* inc);

// Analyze() returning the incidents only.
BENGLE_EXPORT Status DetectFromStore(BaselineStore& store, UnixMillis from, UnixMillis to,
                                     const DetectorOptions& options, std::vector<Incident>* incidents);
BENGLE_EXPORT Status DetectFromStore(BaselineStore& store, UnixMillis from, UnixMillis to,
                                     const DetectorOptions& options, const ClusterOptions& cluster,
                                     std::vector<Incident>* incidents);

}  // namespace bengle

#endif  // BENGLE_ANALYSIS_H_
