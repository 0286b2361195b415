// Watcher (watch.h): a store, a detector fed from it, and the incidents announced.
#include "bengle/watch.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "bengle/analysis.h"
#include "bengle/catalogue.h"

namespace bengle {
namespace {

UnixMillis NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr std::string_view kStateHeader = "bengle-watch 1";


// What was announced of one incident.
struct Announced {
  int64_t peak_count = 0;
  bool closed = false;
  // Announced early from a bucket still filling, not yet opened by a judged
  // bucket; `probed` is the end of the buckets probed then.
  bool provisional = false;
  UnixMillis probed = 0;
  Incident incident;  // as announced (in memory only: a close after a restart names service and start)
};

}  // namespace

const char* WatchEventName(WatchEvent::Kind kind) {
  switch (kind) {
    case WatchEvent::Kind::kOpen:
      return "open";
    case WatchEvent::Kind::kUpdate:
      return "update";
    case WatchEvent::Kind::kClose:
      return "close";
  }
  return "open";
}

std::string WatchEventToJson(const WatchEvent& event, const IncidentJsonOptions& options) {
  const std::string incident = IncidentToJson(event.incident, options);
  std::string out = "{\"event\":\"";
  out += WatchEventName(event.kind);
  out += "\",\"at\":\"";
  out += options.zone ? FormatTime(event.at, *options.zone) : FormatTime(event.at, options.utc_offset_minutes);
  out += '"';
  if (incident.size() > 2) {
    out += ',';
    out.append(incident, 1, std::string::npos);  // the incident's fields after its '{'
  } else {
    out += '}';
  }
  return out;
}

struct Watcher::Impl {
  BaselineStore* store = nullptr;
  WatchOptions options;
  std::unique_ptr<Detector> detector;
  std::shared_ptr<const ServiceCatalogue> catalogue;
  UnixMillis watermark = 0;  // latest post time seen; 0 = none
  UnixMillis judged = 0;     // buckets before this were fed; 0 = none yet
  // (service, start) -> what was announced.
  std::map<std::pair<std::string, UnixMillis>, Announced> announced;
  std::vector<WatchEvent> events;
  std::set<std::string> known;  // services fed so far
  std::vector<SeriesPoint> points;

  int64_t bucket() const { return options.detector.bucket_ms; }

  // Buckets before this are closed.
  UnixMillis ClosedEnd() const {
    if (watermark == 0) return 0;
    return FloorTo(watermark - options.lateness_ms, bucket());
  }

  std::string State() const {
    std::ostringstream out;
    out << kStateHeader << "\njudged " << judged << '\n';
    for (const auto& [key, a] : announced) {
      std::string service = key.first;  // one field of one line, whatever the id holds
      std::replace_if(service.begin(), service.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
      // closed: 0 open, 1 closed, 2 announced early and not yet confirmed
      // (then the end of the probed buckets follows).
      out << service << '\t' << key.second << '\t' << a.peak_count << '\t' << (a.closed ? 1 : a.provisional ? 2 : 0);
      if (!a.closed && a.provisional) out << '\t' << a.probed;
      out << '\n';
    }
    return out.str();
  }

  Status LoadState(bool* found) {
    std::string text;
    if (Status s = store->GetValue(options.name, &text, found); !s.ok() || !*found) return s;
    std::istringstream in(text);
    std::string line;
    auto bad = [&] { return Status::Corruption("watch state '" + options.name + "' in the store is unreadable"); };
    if (!std::getline(in, line) || line != kStateHeader) return bad();
    if (!std::getline(in, line) || !line.starts_with("judged ")) return bad();
    judged = std::strtoll(line.c_str() + 7, nullptr, 10);
    while (std::getline(in, line)) {
      std::istringstream f(line);
      std::string service;
      long long start = 0, peak = 0;
      int closed = 0;
      if (!std::getline(f, service, '\t') || !(f >> start >> peak >> closed)) return bad();
      Announced a;
      a.peak_count = peak;
      a.closed = closed == 1;
      a.provisional = closed == 2;
      long long probed = 0;
      if (a.provisional && !(f >> probed)) return bad();
      a.probed = probed;
      a.incident.service = service;
      a.incident.services = {service};
      a.incident.start = start;
      announced[{service, start}] = std::move(a);
    }
    return Status::OK();
  }

  // Feeds [judged, to) of every service to the detector.
  Status Feed(UnixMillis to) {
    if (to <= judged) return Status::OK();
    std::vector<std::string> keys;
    if (Status s = store->ListSeries(SeriesKey::Prefix(SeriesKind::kService), &keys); !s.ok()) return s;
    for (const std::string& k : keys) {
      SeriesKey key;
      if (!SeriesKey::Parse(k, &key) || key.kind != SeriesKind::kService) continue;
      // A service seen before with nothing stored in the range gets its
      // zeros up to the range's end, as one replay of the whole range would
      // feed them (an incident of a service gone quiet closes on time).
      if (Status s = store->ReadSeries(k, judged, to, &points); !s.ok()) return s;
      if (points.empty()) {
        if (known.count(key.first) != 0) detector->Feed(key.first, FloorTo(to - bucket(), bucket()), BucketCounts{});
        continue;
      }
      if (Status s = ReplayStored(*store, key.first, judged, to, /*with_breakdown=*/true, detector.get()); !s.ok()) {
        return s;
      }
      known.insert(key.first);
    }
    judged = to;
    return Status::OK();
  }

  // Names, sample posts and regions of an incident about to be announced.
  void Dress(Incident* x) {
    x->service_name = catalogue ? catalogue->DisplayName(x->service) : x->service;
    x->service_names = {x->service_name};
    // An alert goes out without samples or regions rather than not at all.
    (void)AttachSamples(*store, bucket(), options.samples, x);
    (void)AttachRegions(*store, bucket(), 10, x);
  }

  // An incident announced early for the same service whose start is within
  // an hour of `start`: the one a judged bucket now opens (the onset can
  // move a little once the bucket is complete).
  std::map<std::pair<std::string, UnixMillis>, Announced>::iterator EarlyMatch(const std::string& service,
                                                                               UnixMillis start) {
    for (auto it = announced.begin(); it != announced.end(); ++it) {
      if (it->first.first == service && it->second.provisional && !it->second.closed &&
          std::llabs(it->first.second - start) <= kHourMs) {
        return it;
      }
    }
    return announced.end();
  }

  // The detector's events, less what was announced before.
  void Announce() {
    for (DetectorEvent& e : detector->TakeEvents()) {
      const auto key = std::make_pair(e.incident.service, e.incident.start);
      auto it = announced.find(key);
      if (it == announced.end() && e.kind != DetectorEvent::Kind::kClose) {
        // Confirms an early announcement: kept under the judged start.
        if (auto early = EarlyMatch(e.incident.service, e.incident.start); early != announced.end()) {
          Announced a = std::move(early->second);
          announced.erase(early);
          it = announced.emplace(key, std::move(a)).first;
        }
      }
      if (it != announced.end()) it->second.provisional = false;
      WatchEvent::Kind kind;
      if (e.kind == DetectorEvent::Kind::kOpen) {
        if (it != announced.end()) continue;
        kind = WatchEvent::Kind::kOpen;
      } else if (e.kind == DetectorEvent::Kind::kUpdate) {
        if (it != announced.end() && (it->second.closed || e.incident.peak_count <= it->second.peak_count)) continue;
        kind = it == announced.end() ? WatchEvent::Kind::kOpen : WatchEvent::Kind::kUpdate;
      } else {
        if (it != announced.end() && it->second.closed) continue;
        kind = WatchEvent::Kind::kClose;
      }
      Announced& a = announced[key];
      a.peak_count = std::max(a.peak_count, e.incident.peak_count);
      a.closed = kind == WatchEvent::Kind::kClose;
      a.provisional = false;
      WatchEvent w{kind, std::move(e.incident), watermark};
      Dress(&w.incident);
      a.incident = w.incident;
      events.push_back(std::move(w));
    }
    // Closed incidents that can no longer come back from a replay are let go.
    const UnixMillis keep_from = judged - 3 * kDayMs;
    std::erase_if(announced, [&](const auto& kv) { return kv.second.closed && kv.first.second < keep_from; });
  }

  // The buckets from `judged` through the one holding the watermark are
  // still filling: what their counts so far would open is announced now.
  Status AnnounceEarly() {
    if (!options.early || watermark == 0 || judged == 0) return Status::OK();
    const UnixMillis to = FloorTo(watermark, bucket()) + bucket();
    if (to <= judged) return Status::OK();
    std::vector<std::string> keys;
    if (Status s = store->ListSeries(SeriesKey::Prefix(SeriesKind::kService), &keys); !s.ok()) return s;
    for (const std::string& k : keys) {
      SeriesKey key;
      if (!SeriesKey::Parse(k, &key) || key.kind != SeriesKind::kService) continue;
      if (Status s = store->ReadSeries(k, judged, to, &points); !s.ok()) return s;
      int64_t authors = 0;
      for (const SeriesPoint& p : points) authors += p.counts.authors;
      if (authors == 0) continue;  // nothing that could open an incident
      // The same replay as Feed(), over the buckets still filling.
      Result<std::vector<DetectorEvent>> probed = detector->Probe(key.first, [&](Detector* d) {
        return ReplayStored(*store, key.first, judged, to, /*with_breakdown=*/true, d);
      });
      if (!probed.ok()) return probed.status();
      for (DetectorEvent& e : *probed) {
        if (e.kind == DetectorEvent::Kind::kClose) continue;
        const auto id = std::make_pair(e.incident.service, e.incident.start);
        if (announced.count(id) != 0 || EarlyMatch(e.incident.service, e.incident.start) != announced.end()) continue;
        bool open_already = false;  // the same outage, announced from judged buckets
        for (const auto& [k2, a] : announced) {
          open_already = open_already || (k2.first == e.incident.service && !a.closed && !a.provisional);
        }
        if (open_already) continue;
        Announced& a = announced[id];
        a.peak_count = e.incident.peak_count;
        a.provisional = true;
        a.probed = to;
        WatchEvent w{WatchEvent::Kind::kOpen, std::move(e.incident), watermark};
        Dress(&w.incident);
        a.incident = w.incident;
        events.push_back(std::move(w));
      }
    }
    return Status::OK();
  }

  // Early announcements that the judged buckets did not open: taken back
  // with a close event once the buckets probed are judged and more than an
  // hour has passed without the detector opening them.
  void TakeBack() {
    for (auto& [key, a] : announced) {
      if (!a.provisional || a.closed || judged < a.probed + kHourMs) continue;
      a.closed = true;
      a.provisional = false;
      WatchEvent w{WatchEvent::Kind::kClose, a.incident, watermark};
      w.incident.end = judged;
      events.push_back(std::move(w));
    }
  }

  // Judges what has closed, announces, and keeps the state (before the
  // events are handed out: a crash may lose an announcement, never repeat one).
  Status Judge() {
    const UnixMillis before = judged;
    const size_t had = events.size();
    if (Status s = Feed(ClosedEnd()); !s.ok()) return s;
    Announce();
    TakeBack();
    if (Status s = AnnounceEarly(); !s.ok()) return s;
    if (judged == before && events.size() == had) return Status::OK();
    return store->PutValue(options.name, State());
  }
};

Watcher::Watcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watcher::~Watcher() = default;

Result<std::unique_ptr<Watcher>> Watcher::Open(BaselineStore* store, const WatchOptions& options) {
  auto im = std::make_unique<Impl>();
  im->store = store;
  im->options = options;
  im->options.detector.bucket_ms = store->bucket_ms();
  im->options.lateness_ms = std::max<int64_t>(0, options.lateness_ms);
  im->detector = std::make_unique<Detector>(im->options.detector);
  if (auto c = ServiceCatalogue::Load(); c.ok()) im->catalogue = *c;
  bool found = false;
  if (Status s = im->LoadState(&found); !s.ok()) return s;
  UnixMillis first = 0, last = 0;
  if (Status s = store->TimeRange(&first, &last); !s.ok()) return s;
  if (first != 0 || last != 0) {
    im->watermark = last + im->bucket() - 1;  // the store keeps buckets, not post times: the latest possible
    // What was judged before is history: replayed without announcements.
    // A store never watched is history up to its closed end.
    const UnixMillis history_end = found ? im->judged : im->ClosedEnd();
    im->judged = first;
    if (Status s = im->Feed(std::max(first, history_end)); !s.ok()) return s;
    (void)im->detector->TakeEvents();
    // Then what closed after it (a restart after a crash) is judged anew:
    // only what was not announced before is announced.
    if (Status s = im->Judge(); !s.ok()) return s;
  } else {
    im->judged = 0;
  }
  return std::unique_ptr<Watcher>(new Watcher(std::move(im)));
}

Status Watcher::Add(PostBatch* batch, ApplyStats* stats) {
  Impl& im = *impl_;
  ApplyStats local;
  if (Status s = im.store->Apply(*batch, stats != nullptr ? stats : &local); !s.ok()) return s;
  // A post dated more than an hour past the wall clock is stored but does not
  // move the watermark: one bad timestamp would otherwise close every bucket
  // up to it and leave the real feed behind as "late".
  const UnixMillis horizon = NowMillis() + kHourMs;
  for (const AggregatedPost& p : batch->posts()) {
    if (p.created_at <= horizon) im.watermark = std::max(im.watermark, p.created_at);
  }
  if (im.judged == 0 && !batch->posts().empty()) {
    UnixMillis first = 0, last = 0;
    if (Status s = im.store->TimeRange(&first, &last); !s.ok()) return s;
    im.judged = first;
  }
  batch->Clear();
  return im.judged == 0 ? Status::OK() : im.Judge();
}

std::vector<WatchEvent> Watcher::TakeEvents() {
  std::vector<WatchEvent> out;
  out.swap(impl_->events);
  return out;
}

UnixMillis Watcher::watermark() const { return impl_->watermark; }
UnixMillis Watcher::judged_until() const { return impl_->judged; }

}  // namespace bengle
