// Analyze() (analysis.h): replay, incidents, samples, then clustering.
#include <algorithm>
#include <cstdlib>

#include "bengle/analysis.h"

namespace bengle {
namespace {

std::string NameOf(const ServiceCatalogue* catalogue, const std::string& id) {
  if (catalogue != nullptr) return catalogue->DisplayName(id);
  return id.starts_with(kDiscoveredPrefix) ? id.substr(kDiscoveredPrefix.size()) : id;
}

void Name(const ServiceCatalogue* catalogue, Incident* x) {
  x->service_name = NameOf(catalogue, x->service);
  x->service_names.clear();
  for (const std::string& s : x->services) x->service_names.push_back(NameOf(catalogue, s));
  for (ServicePart& p : x->parts) p.service_name = NameOf(catalogue, p.service);
}

}  // namespace

Status AttachSamples(BaselineStore& store, int64_t bucket_ms, size_t max_samples, Incident* inc) {
  std::vector<StoredSample> samples;
  if (Status s = store.ReadSamples(inc->service, inc->start,
                                       std::max(inc->end, std::max(inc->peak, inc->start) + bucket_ms), &samples);
      !s.ok()) {
    return s;
  }
  const std::string top = inc->categories.empty() ? "" : inc->categories.front().name;
  std::stable_sort(samples.begin(), samples.end(), [&](const StoredSample& a, const StoredSample& b) {
    const bool ta = a.category == top, tb = b.category == top;
    if (ta != tb) return ta;
    return std::llabs(a.bucket - inc->peak) < std::llabs(b.bucket - inc->peak);
  });
  std::vector<uint64_t> authors;
  std::vector<std::string> texts;
  for (const StoredSample& smp : samples) {
    if (inc->sample_ids.size() >= max_samples) break;
    if (std::find(authors.begin(), authors.end(), smp.author) != authors.end()) continue;
    if (std::find(texts.begin(), texts.end(), smp.text) != texts.end()) continue;
    authors.push_back(smp.author);
    texts.push_back(smp.text);
    inc->sample_ids.push_back(smp.id);
    inc->sample_texts.push_back(smp.text);
  }
  return Status::OK();
}

Status Analyze(BaselineStore& store, UnixMillis from, UnixMillis to, const AnalysisOptions& options, Analysis* out) {
  *out = Analysis();
  out->detector = options.detector;
  const DetectorOptions& dopt = options.detector;
  if (store.bucket_ms() != dopt.bucket_ms) return Status::InvalidArgument("detector and store bucket lengths differ");
  UnixMillis first = 0, last = 0;
  if (Status s = store.TimeRange(&first, &last); !s.ok()) return s;
  if (first == 0 && last == 0) return Status::OK();
  if (from == 0 && to == 0) {
    from = first;
    to = last + dopt.bucket_ms;
  }
  out->from = from;
  out->to = to;
  out->replay_from = ReplayStart(first, from, dopt);
  std::vector<std::string> keys;
  if (Status s = store.ListSeries(SeriesKey::Prefix(SeriesKind::kService), &keys); !s.ok()) return s;
  DetectorOptions replay = dopt;
  // The observer wants the expected count of every bucket (the same
  // incidents are found either way).
  if (options.on_bucket) replay.score_every_bucket = true;
  Detector det(replay);
  for (const std::string& k : keys) {
    SeriesKey key;
    if (!SeriesKey::Parse(k, &key) || key.kind != SeriesKind::kService) continue;
    const std::string& svc = key.first;
    std::function<void(UnixMillis)> after;
    if (options.on_bucket) after = [&](UnixMillis t) { options.on_bucket(svc, t, det.LastBucketExpected(svc)); };
    if (Status s = ReplayStored(store, svc, out->replay_from, to, /*with_breakdown=*/true, &det, after); !s.ok()) {
      return s;
    }
  }
  det.Finish();
  for (DetectorEvent& e : det.TakeEvents()) {
    if (e.kind != DetectorEvent::Kind::kClose) continue;
    Incident& inc = e.incident;
    if (inc.start < from || inc.start >= to) continue;
    if (Status s = AttachSamples(store, dopt.bucket_ms, options.samples_per_incident, &inc); !s.ok()) return s;
    out->incidents.push_back(std::move(inc));
  }
  std::shared_ptr<const ServiceCatalogue> catalogue = options.catalogue;
  if (!catalogue && !out->incidents.empty()) {
    auto loaded = ServiceCatalogue::Load();
    if (loaded.ok()) catalogue = *loaded;  // without one, ids stand for names and owners link nothing
  }
  ClusterOptions cluster = options.cluster;
  if (!cluster.catalogue) cluster.catalogue = catalogue;
  if (Status s = ClusterIncidents(store, cluster, &out->incidents); !s.ok()) return s;
  for (Incident& x : out->incidents) Name(catalogue.get(), &x);
  return Status::OK();
}

Status DetectFromStore(BaselineStore& store, UnixMillis from, UnixMillis to, const DetectorOptions& options,
                       std::vector<Incident>* incidents) {
  return DetectFromStore(store, from, to, options, ClusterOptions{}, incidents);
}

Status DetectFromStore(BaselineStore& store, UnixMillis from, UnixMillis to, const DetectorOptions& options,
                       const ClusterOptions& cluster, std::vector<Incident>* incidents) {
  AnalysisOptions ao;
  ao.detector = options;
  ao.cluster = cluster;
  Analysis a;
  Status s = Analyze(store, from, to, ao, &a);
  *incidents = std::move(a.incidents);
  return s;
}

}  // namespace bengle
