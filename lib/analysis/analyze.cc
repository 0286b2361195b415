// Analyze() (analysis.h): replay, incidents, samples, then clustering.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

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

// The end of what an incident covers: its end, or for an open incident (no
// end yet) the end of its peak bucket.
UnixMillis CoveredEnd(const Incident& x, int64_t bucket_ms) {
  return std::max(x.end, std::max(x.peak, x.start) + bucket_ms);
}

}  // namespace

Status AttachSamples(BaselineStore& store, int64_t bucket_ms, size_t max_samples, Incident* inc) {
  std::vector<StoredSample> samples;
  if (Status s = store.ReadSamples(inc->service, inc->start, CoveredEnd(*inc, bucket_ms), &samples); !s.ok()) {
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
    inc->sample_times.push_back(smp.created_at);
    inc->sample_users.push_back(smp.user);
  }
  return Status::OK();
}

Status RegionBreakdown(BaselineStore& store, int64_t bucket_ms, const Incident& inc, const RegionOptions& options,
                       std::vector<RegionShare>* out) {
  out->clear();
  std::vector<std::string> services = inc.services;
  if (services.empty()) services.push_back(inc.service);
  const UnixMillis from = inc.start, to = CoveredEnd(inc, bucket_ms);
  const UnixMillis before = inc.start - static_cast<int64_t>(options.usual_days) * kDayMs;
  std::map<std::string, double> now, complaints, mentions;
  double n_now = 0, n_complaints = 0, n_mentions = 0;
  std::vector<SeriesTotal> totals;
  for (const std::string& svc : services) {
    const std::string prefix = SeriesKey::PrefixOf(SeriesKind::kRegion, svc);
    if (Status s = store.SumSeries(prefix, from, to, &totals); !s.ok()) return s;
    for (const SeriesTotal& t : totals) {
      now[t.key.substr(prefix.size())] += static_cast<double>(t.counts.complaints);
      n_now += static_cast<double>(t.counts.complaints);
    }
    if (Status s = store.SumSeries(prefix, before, from, &totals); !s.ok()) return s;
    for (const SeriesTotal& t : totals) {
      const std::string r = t.key.substr(prefix.size());
      complaints[r] += static_cast<double>(t.counts.complaints);
      mentions[r] += static_cast<double>(t.counts.mentions);
      n_complaints += static_cast<double>(t.counts.complaints);
      n_mentions += static_cast<double>(t.counts.mentions);
    }
  }
  if (n_now < static_cast<double>(std::max<int64_t>(options.min_complaints, 1))) return Status::OK();
  // Shrinkage: uniform over the regions seen -> the services' mentions ->
  // their complaints.
  constexpr double kMentionsPrior = 20, kUniformPrior = 50;
  std::set<std::string> seen;  // every region of the incident or of the days before
  for (const auto* m : {&now, &complaints, &mentions}) {
    for (const auto& [r, unused] : *m) seen.insert(r);
  }
  const double uniform = 1.0 / static_cast<double>(seen.size());
  for (const auto& [r, c] : now) {
    const double p_mentions = (mentions[r] + kUniformPrior * uniform) / (n_mentions + kUniformPrior);
    const double usual = (complaints[r] + kMentionsPrior * p_mentions) / (n_complaints + kMentionsPrior);
    RegionShare g;
    g.name = r;
    g.complaints = static_cast<int64_t>(c);
    g.share = c / n_now;
    g.usual = usual;
    g.ratio = usual > 0 ? g.share / usual : 0;
    out->push_back(std::move(g));
  }
  std::stable_sort(out->begin(), out->end(), [](const RegionShare& a, const RegionShare& b) {
    return a.complaints != b.complaints ? a.complaints > b.complaints : a.ratio > b.ratio;
  });
  return Status::OK();
}

Status AttachRegions(BaselineStore& store, int64_t bucket_ms, size_t max_regions, Incident* inc) {
  std::vector<RegionShare> all;
  if (Status s = RegionBreakdown(store, bucket_ms, *inc, RegionOptions{}, &all); !s.ok()) return s;
  if (all.size() > max_regions) all.resize(max_regions);
  inc->regions = std::move(all);
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
  for (Incident& x : out->incidents) {
    Name(catalogue.get(), &x);
    if (Status s = AttachRegions(store, dopt.bucket_ms, options.regions_per_incident, &x); !s.ok()) return s;
  }
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
