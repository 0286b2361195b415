#include <algorithm>
#include <cmath>
#include <iterator>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>

#include "bengle/detect.h"
#include "util/stats.h"

namespace bengle {

namespace {

constexpr double kRiseScore = 1.3;  // a bucket above normal at p < 0.05: the onset search
constexpr double kTailScore = 3.0;  // ... at p < 0.001: still part of an incident (its end)

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

struct Baseline {
  double authors_hour = 0;   // expected distinct complaining authors per hour
  double mentions_hour = 0;  // expected mentions per hour
  double r = INFINITY;       // negative-binomial size per hour (inf = Poisson)
  bool cold = false;
};

struct Bucket {
  int64_t t = 0;
  BucketCounts c;
  std::vector<std::pair<std::string, int64_t>> cats, tags;
};

struct Series {
  std::string service;
  bool started = false;
  int64_t next = 0;        // next bucket expected
  int64_t first_hour = 0;  // first hour with data
  // Hourly history ring.
  std::vector<float> hour_authors, hour_mentions;
  std::vector<uint8_t> hour_state;  // 0 no data, 1 data, 2 inside an incident
  int64_t cur_hour = std::numeric_limits<int64_t>::min();
  double cur_authors = 0, cur_mentions = 0;
  bool cur_excluded = false;
  std::deque<Bucket> recent;
  // Baseline cache (per hour).
  int64_t cached_hour = std::numeric_limits<int64_t>::min();
  Baseline cached;
  // Pending breakdown for the next Feed().
  std::map<std::string, int64_t> pending_cats, pending_tags;
  // The open incident.
  bool open = false;
  Incident inc;
  int quiet = 0;
  int64_t last_elevated_end = 0;
  std::map<std::string, int64_t> cat_acc, tag_acc;
  int64_t recovery_acc = 0;
  double last_score = 0, last_expected = 0, last_bucket_expected = 0, last_bucket_spread = 0;
};

}  // namespace

struct Detector::Impl {
  DetectorOptions o;
  std::unordered_map<std::string, Series> series;
  std::vector<DetectorEvent> events;
  int64_t ring = 0;            // hours kept
  int64_t buckets_per_hour = 12;

  Series& Get(std::string_view service) {
    auto it = series.find(std::string(service));
    if (it != series.end()) return it->second;
    Series& s = series[std::string(service)];
    s.service = std::string(service);
    s.hour_authors.assign(static_cast<size_t>(ring), 0);
    s.hour_mentions.assign(static_cast<size_t>(ring), 0);
    s.hour_state.assign(static_cast<size_t>(ring), 0);
    return s;
  }

  size_t Slot(int64_t hour) const { return static_cast<size_t>(((hour % ring) + ring) % ring); }

  // Whether the empty buckets from t up to b can be jumped over (see Feed).
  bool CanSkip(const Series& s, int64_t t, int64_t b) const {
    if (s.open || b - t < (ring + 2) * kHourMs) return false;
    const size_t keep = static_cast<size_t>(o.max_backdate_buckets + o.window_buckets + 1);
    if (s.recent.size() < keep) return false;
    for (const Bucket& r : s.recent) {
      if (r.c.authors != 0 || r.c.mentions != 0 || r.c.complaints != 0 || !r.cats.empty() || !r.tags.empty()) {
        return false;
      }
    }
    return true;
  }

  // Puts the series where stepping empty buckets up to the hour before b
  // would: the hours of the ring all empty data, the recent buckets empty.
  // Returns the first bucket still to step (the start of the hour before b).
  int64_t SkipTo(Series& s, int64_t b) {
    const int64_t target_hour = FloorDiv(b, kHourMs) - 1;
    const int64_t target = target_hour * kHourMs;
    CommitHour(s);
    std::fill(s.hour_authors.begin(), s.hour_authors.end(), 0.0f);
    std::fill(s.hour_mentions.begin(), s.hour_mentions.end(), 0.0f);
    std::fill(s.hour_state.begin(), s.hour_state.end(), uint8_t{1});
    s.cur_hour = target_hour - 1;
    s.cur_authors = s.cur_mentions = 0;
    s.cur_excluded = false;
    const size_t keep = s.recent.size();
    s.recent.clear();
    for (size_t k = keep; k > 0; --k) {
      Bucket z;
      z.t = target - static_cast<int64_t>(k) * o.bucket_ms;
      s.recent.push_back(std::move(z));
    }
    s.cached_hour = std::numeric_limits<int64_t>::min();
    s.last_score = s.last_expected = s.last_bucket_expected = s.last_bucket_spread = 0;
    return target;
  }

  void CommitHour(Series& s) {
    if (s.cur_hour == std::numeric_limits<int64_t>::min()) return;
    const size_t k = Slot(s.cur_hour);
    s.hour_authors[k] = static_cast<float>(s.cur_authors);
    s.hour_mentions[k] = static_cast<float>(s.cur_mentions);
    s.hour_state[k] = s.cur_excluded ? 2 : 1;
  }

  bool Weekend(int64_t hour) const {
    const int64_t day = FloorDiv(hour * kHourMs + o.utc_offset_minutes * kMinuteMs, kDayMs);  // local days
    const int64_t dow = ((day + 4) % 7 + 7) % 7;                          // 1970-01-01 was a Thursday
    return dow == 0 || dow == 6;
  }

  Baseline ComputeBaseline(const Series& s, int64_t hour) const {
    std::vector<double> same, all, m_same, m_all;
    int days = 0;
    for (int k = 1; k <= o.history_days; ++k) {
      for (int dh = -1; dh <= 1; ++dh) {
        const int64_t h = hour - 24 * k + dh;
        if (h < s.first_hour || h >= s.cur_hour) continue;
        const size_t slot = Slot(h);
        if (s.hour_state[slot] != 1) continue;
        if (dh == 0) ++days;
        all.push_back(s.hour_authors[slot]);
        m_all.push_back(s.hour_mentions[slot]);
        if (Weekend(h) == Weekend(hour)) {
          same.push_back(s.hour_authors[slot]);
          m_same.push_back(s.hour_mentions[slot]);
        }
      }
    }
    Baseline b;
    if (days < o.min_history_days) {
      // Cold start: what little we have, but never below the prior.
      double sum = 0, n = 0, msum = 0;
      for (int64_t h = std::max(s.first_hour, s.cur_hour - ring + 1); h < s.cur_hour; ++h) {
        const size_t slot = Slot(h);
        if (s.hour_state[slot] != 1) continue;
        sum += s.hour_authors[slot];
        msum += s.hour_mentions[slot];
        ++n;
      }
      b.authors_hour = std::max(o.cold_start_rate, n > 0 ? sum / n : 0.0);
      b.mentions_hour = std::max(b.authors_hour, n > 0 ? msum / n : 0.0);
      b.cold = true;
      return b;
    }
    std::vector<double>& a = same.size() >= 9 ? same : all;
    std::vector<double>& m = same.size() >= 9 ? m_same : m_all;
    // Trimmed mean: drop the top fifth (past outages left in the history).
    auto trimmed = [](std::vector<double>& v, double* var) {
      std::sort(v.begin(), v.end());
      const size_t keep = std::max<size_t>(1, v.size() - v.size() / 5);
      double sum = 0, sq = 0;
      for (size_t i = 0; i < keep; ++i) sum += v[i];
      const double mean = sum / static_cast<double>(keep);
      for (size_t i = 0; i < keep; ++i) sq += (v[i] - mean) * (v[i] - mean);
      if (var) *var = keep > 1 ? sq / static_cast<double>(keep - 1) : mean;
      return mean;
    };
    // The level from the trimmed mean; the spread from the median absolute
    // deviation of every sample (robust to past spikes, unlike a variance,
    // and not understated like the trimmed set's).
    const double mean = trimmed(a, nullptr);
    double var = 0;
    {
      std::vector<double> dev;
      const double med = a[a.size() / 2];  // `a` is sorted by trimmed()
      for (double v : a) dev.push_back(std::fabs(v - med));
      std::nth_element(dev.begin(), dev.begin() + static_cast<std::ptrdiff_t>(dev.size() / 2), dev.end());
      const double sd = 1.4826 * dev[dev.size() / 2];
      var = sd * sd;
    }
    b.authors_hour = std::max(mean, 0.05);
    b.mentions_hour = std::max(trimmed(m, nullptr), b.authors_hour);
    if (var > mean * 1.1 && mean > 0) b.r = std::clamp(mean * mean / (var - mean), 0.5, 1e6);
    return b;
  }

  const Baseline& BaselineAt(Series& s, int64_t bucket) {
    const int64_t hour = FloorDiv(bucket, kHourMs);
    if (hour != s.cached_hour) {
      s.cached = ComputeBaseline(s, hour);
      s.cached_hour = hour;
    }
    return s.cached;
  }

  // -log10 P(X >= x) for `n` buckets starting at `bucket`.
  double SurpriseFor(Series& s, int64_t bucket, double x, int n, double* expected) {
    const Baseline& b = BaselineAt(s, bucket);
    const double frac = static_cast<double>(n) / static_cast<double>(buckets_per_hour);
    const double mu = b.authors_hour * frac;
    if (expected) *expected = mu;
    if (x <= 0) return 0;
    // Day-to-day spread is a level uncertainty: it scales with the mean, so
    // the size parameter stays that of the hour.
    return internal::Surprise(internal::LogNegBinTail(x, mu, b.r));
  }

  void Step(Series& s, int64_t t, const BucketCounts& c) {
    const int64_t hour = FloorDiv(t, kHourMs);
    if (hour != s.cur_hour) {
      CommitHour(s);
      // Hours with no bucket at all (cannot happen with zero-filling, kept safe).
      s.cur_hour = hour;
      s.cur_authors = s.cur_mentions = 0;
      s.cur_excluded = s.open;
    }
    s.cur_authors += static_cast<double>(c.authors);
    s.cur_mentions += static_cast<double>(c.mentions);
    if (s.open) s.cur_excluded = true;

    Bucket bk;
    bk.t = t;
    bk.c = c;
    for (auto& [k, v] : s.pending_cats) bk.cats.emplace_back(k, v);
    for (auto& [k, v] : s.pending_tags) bk.tags.emplace_back(k, v);
    s.pending_cats.clear();
    s.pending_tags.clear();
    s.recent.push_back(std::move(bk));
    const size_t keep = static_cast<size_t>(o.max_backdate_buckets + o.window_buckets + 1);
    while (s.recent.size() > keep) s.recent.pop_front();

    // The window.
    const int w = std::min<int>(o.window_buckets, static_cast<int>(s.recent.size()));
    double x = 0, m = 0;
    for (int i = 0; i < w; ++i) {
      const Bucket& r = s.recent[s.recent.size() - 1 - static_cast<size_t>(i)];
      x += static_cast<double>(r.c.authors);
      m += static_cast<double>(r.c.mentions);
    }
    const int64_t window_start = t - static_cast<int64_t>(w - 1) * o.bucket_ms;
    // The tail test (and the baseline behind it) is only needed where it can
    // matter: an open incident, or a window with enough authors to open one.
    // Either way the baseline is the same; skipping it only saves time.
    const bool needed = s.open || o.score_every_bucket || x >= static_cast<double>(o.min_authors);
    if (!needed) {
      s.last_score = s.last_expected = s.last_bucket_expected = s.last_bucket_spread = 0;
      return;
    }
    const Baseline& base = BaselineAt(s, window_start);
    const double expected = base.authors_hour * w / static_cast<double>(buckets_per_hour);
    s.last_expected = expected;
    s.last_bucket_expected = expected / w;
    {
      // Negative binomial: an hour's size r splits evenly over its buckets.
      const double mu = s.last_bucket_expected, r = base.r / static_cast<double>(buckets_per_hour);
      s.last_bucket_spread = std::sqrt(mu + (std::isfinite(r) && r > 0 ? mu * mu / r : 0));
    }
    const double score = x > 0 ? SurpriseFor(s, window_start, x, w, nullptr) : 0;
    s.last_score = score;

    if (!s.open) {
      const Baseline& b = BaselineAt(s, window_start);
      const double min_authors = static_cast<double>(o.min_authors) * (b.cold ? 2 : 1);
      const double normal_share = b.authors_hour / std::max(b.mentions_hour, 1e-9);
      const double share = x / std::max(m, 1.0);
      const bool share_ok = normal_share >= 0.5 || share >= o.share_factor * normal_share;
      if (score >= o.alarm_score && x >= min_authors && x >= o.min_ratio * expected && share_ok) Open(s, t, score);
      return;
    }
    Update(s, s.recent.back(), score);
  }

  bool Elevated(Series& s, const Bucket& b, double min_score) {
    if (b.c.authors <= 0) return false;
    return SurpriseFor(s, b.t, static_cast<double>(b.c.authors), 1, nullptr) >= min_score;
  }

  void Open(Series& s, int64_t t, double score) {
    // Back-date the onset: the earliest elevated bucket, allowing one-bucket gaps.
    size_t first = s.recent.size() - 1;
    int gap = 0;
    for (size_t i = s.recent.size(); i-- > 0;) {
      if (Elevated(s, s.recent[i], kRiseScore)) {
        first = i;
        gap = 0;
      } else if (++gap > 1) {
        break;
      }
    }
    s.open = true;
    s.quiet = 0;
    s.inc = Incident();
    s.inc.service = s.service;
    s.inc.services = {s.service};
    s.inc.start = s.recent[first].t;
    s.inc.alarm = t + o.bucket_ms;
    s.inc.score = score;
    s.inc.open = true;
    s.cat_acc.clear();
    s.tag_acc.clear();
    s.recovery_acc = 0;
    s.last_elevated_end = t + o.bucket_ms;
    // Hours already committed since the onset leave the baseline history.
    for (int64_t h = FloorDiv(s.inc.start, kHourMs); h < s.cur_hour; ++h) {
      if (s.hour_state[Slot(h)] == 1) s.hour_state[Slot(h)] = 2;
    }
    s.cur_excluded = true;
    s.cached_hour = std::numeric_limits<int64_t>::min();
    for (size_t i = first; i < s.recent.size(); ++i) Accumulate(s, s.recent[i]);
    events.push_back(DetectorEvent{DetectorEvent::Kind::kOpen, Snapshot(s)});
  }

  void Accumulate(Series& s, const Bucket& b) {
    s.inc.complaints += b.c.complaints;
    s.recovery_acc += b.c.recovery;
    if (b.c.authors > s.inc.peak_count) {
      s.inc.peak_count = b.c.authors;
      s.inc.peak = b.t;
      const Baseline& base = BaselineAt(s, b.t);
      s.inc.baseline = base.authors_hour / static_cast<double>(buckets_per_hour);
    }
    for (const auto& [k, v] : b.cats) s.cat_acc[k] += v;
    for (const auto& [k, v] : b.tags) s.tag_acc[k] += v;
  }

  void Update(Series& s, const Bucket& b, double score) {
    const int64_t old_peak = s.inc.peak_count;
    Accumulate(s, b);
    s.inc.score = std::max(s.inc.score, score);
    if (Elevated(s, b, kTailScore)) s.last_elevated_end = b.t + o.bucket_ms;
    s.quiet = score < o.quiet_score ? s.quiet + 1 : 0;
    if (b.t - s.inc.start >= static_cast<int64_t>(o.max_incident_hours) * kHourMs) {
      // A level that stays up this long is the new normal: learn it.
      for (int64_t h = FloorDiv(s.inc.start, kHourMs); h < s.cur_hour; ++h) {
        if (s.hour_state[Slot(h)] == 2) s.hour_state[Slot(h)] = 1;
      }
      s.cur_excluded = false;
      Close(s, false);
    } else if (s.quiet >= o.end_quiet_buckets) {
      Close(s, false);
    } else if (s.inc.peak_count != old_peak) {
      events.push_back(DetectorEvent{DetectorEvent::Kind::kUpdate, Snapshot(s)});
    }
  }

  Incident Snapshot(const Series& s) const {
    Incident i = s.inc;
    int64_t total = 0;
    for (const auto& [k, v] : s.cat_acc) total += v;
    for (const auto& [k, v] : s.cat_acc) {
      if (v > 0) i.categories.push_back(CategoryShare{k, total ? static_cast<double>(v) / total : 0});
    }
    std::stable_sort(i.categories.begin(), i.categories.end(),
                     [](const CategoryShare& a, const CategoryShare& b) { return a.share > b.share; });
    std::vector<std::pair<int64_t, std::string>> tags;
    for (const auto& [k, v] : s.tag_acc) tags.emplace_back(-v, k);
    std::sort(tags.begin(), tags.end());
    for (size_t k = 0; k < tags.size() && k < 5; ++k) i.hashtags.push_back(tags[k].second);
    return i;
  }

  void Close(Series& s, bool still_open) {
    s.inc.end = s.last_elevated_end;
    s.inc.open = still_open;
    // Ended with recovery posts: a few of them, or at least 2% of the complaints.
    s.inc.recovered = s.recovery_acc >= std::max<int64_t>(3, s.inc.complaints / 50);
    s.open = false;
    s.cached_hour = std::numeric_limits<int64_t>::min();
    events.push_back(DetectorEvent{DetectorEvent::Kind::kClose, Snapshot(s)});
  }
};

Detector::Detector(const DetectorOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->o = options;
  impl_->buckets_per_hour = std::max<int64_t>(1, kHourMs / options.bucket_ms);
  impl_->ring = static_cast<int64_t>(options.history_days + 2) * 24;
}
Detector::~Detector() = default;

void Detector::FeedCategory(std::string_view service, std::string_view category, int64_t, int64_t complaints) {
  impl_->Get(service).pending_cats[std::string(category)] += complaints;
}
void Detector::FeedHashtag(std::string_view service, std::string_view hashtag, int64_t, int64_t complaints) {
  impl_->Get(service).pending_tags[std::string(hashtag)] += complaints;
}

void Detector::Feed(std::string_view service, int64_t bucket, const BucketCounts& counts) {
  Impl& im = *impl_;
  Series& s = im.Get(service);
  const int64_t b = FloorDiv(bucket, im.o.bucket_ms) * im.o.bucket_ms;
  if (!s.started) {
    s.started = true;
    s.next = b;
    s.first_hour = FloorDiv(b, kHourMs);
  }
  if (b < s.next) return;  // out of order: already closed
  std::map<std::string, int64_t> cats, tags;
  cats.swap(s.pending_cats);
  tags.swap(s.pending_tags);
  for (int64_t t = s.next; t < b; t += im.o.bucket_ms) {
    // A long silence: once the recent buckets are all zero and no incident
    // is open, every further empty bucket only writes zero hours into the
    // history ring. Jump to just before `b` with the state those steps would
    // leave, so the work depends on the data, not on the time span (two
    // posts 100 years apart are not 10 million steps).
    if (im.CanSkip(s, t, b)) t = im.SkipTo(s, b);
    im.Step(s, t, BucketCounts{});
  }
  s.pending_cats.swap(cats);
  s.pending_tags.swap(tags);
  im.Step(s, b, counts);
  s.next = b + im.o.bucket_ms;
}

void Detector::Finish() {
  for (auto& [name, s] : impl_->series) {
    if (s.open) impl_->Close(s, true);
  }
}

Result<std::vector<DetectorEvent>> Detector::Probe(std::string_view service,
                                                   const std::function<Status(Detector*)>& feed) {
  Impl& im = *impl_;
  const bool existed = im.series.count(std::string(service)) != 0;
  const Series backup = im.Get(service);  // one service's state: a few KB
  const size_t had = im.events.size();
  const Status fed = feed(this);
  std::vector<DetectorEvent> out(std::make_move_iterator(im.events.begin() + static_cast<std::ptrdiff_t>(had)),
                                 std::make_move_iterator(im.events.end()));
  im.events.resize(had);
  if (existed) {
    im.series[std::string(service)] = backup;
  } else {
    im.series.erase(std::string(service));
  }
  if (!fed.ok()) return fed;
  return out;
}

std::vector<DetectorEvent> Detector::TakeEvents() {
  std::vector<DetectorEvent> out;
  out.swap(impl_->events);
  return out;
}

double Detector::LastScore(std::string_view service) const {
  auto it = impl_->series.find(std::string(service));
  return it == impl_->series.end() ? 0 : it->second.last_score;
}
double Detector::LastExpected(std::string_view service) const {
  auto it = impl_->series.find(std::string(service));
  return it == impl_->series.end() ? 0 : it->second.last_expected;
}
double Detector::LastBucketExpected(std::string_view service) const {
  auto it = impl_->series.find(std::string(service));
  return it == impl_->series.end() ? 0 : it->second.last_bucket_expected;
}

double Detector::LastBucketSpread(std::string_view service) const {
  auto it = impl_->series.find(std::string(service));
  return it == impl_->series.end() ? 0 : it->second.last_bucket_spread;
}

UnixMillis ReplayStart(UnixMillis store_first, UnixMillis from, const DetectorOptions& options) {
  return std::max(store_first, from - static_cast<int64_t>(options.history_days) * kDayMs);
}

Status ReplayStored(BaselineStore& store, std::string_view service, UnixMillis from, UnixMillis to,
                    bool with_breakdown, Detector* detector, const std::function<void(UnixMillis)>& after,
                    UnixMillis after_from) {
  const int64_t b = store.bucket_ms();
  std::vector<SeriesPoint> points, detail;
  if (Status s = store.ReadSeries(SeriesKey::Service(service).ToString(), from, to, &points); !s.ok()) return s;
  // Breakdown by category and hashtag, merged in by bucket.
  std::map<int64_t, std::vector<std::pair<bool, std::pair<std::string, int64_t>>>> extra;
  if (with_breakdown) {
    for (SeriesKind kind : {SeriesKind::kCategory, SeriesKind::kServiceHashtag}) {
      std::vector<std::string> keys;
      if (Status s = store.ListSeries(SeriesKey::PrefixOf(kind, service), &keys); !s.ok()) return s;
      for (const std::string& k : keys) {
        SeriesKey key;
        if (!SeriesKey::Parse(k, &key)) continue;
        if (Status s = store.ReadSeries(k, from, to, &detail); !s.ok()) return s;
        for (const SeriesPoint& p : detail) {
          if (p.counts.complaints > 0) {
            extra[p.bucket].push_back({kind == SeriesKind::kCategory, {key.second, p.counts.complaints}});
          }
        }
      }
    }
  }
  auto feed = [&](UnixMillis t, const BucketCounts& c) {
    auto it = extra.find(t);
    if (it != extra.end()) {
      for (const auto& [is_cat, kv] : it->second) {
        if (is_cat) {
          detector->FeedCategory(service, kv.first, t, kv.second);
        } else {
          detector->FeedHashtag(service, kv.first, t, kv.second);
        }
      }
    }
    detector->Feed(service, t, c);
    if (after && t >= after_from) after(t);
  };
  if (points.empty()) return Status::OK();
  if (!after) {
    // The detector fills the buckets skipped with zeros itself.
    for (const SeriesPoint& p : points) feed(p.bucket, p.counts);
    if (points.back().bucket < to - b) feed(FloorTo(to - b, b), BucketCounts{});
    return Status::OK();
  }
  // The stored buckets before `after_from`; then every bucket to the end of
  // the range.
  size_t k = 0;
  for (; k < points.size() && points[k].bucket < after_from; ++k) feed(points[k].bucket, points[k].counts);
  const UnixMillis first = k > 0 ? std::max(FloorTo(after_from, b), points[k - 1].bucket + b) : points.front().bucket;
  for (UnixMillis t = first; t < to; t += b) {
    const bool stored = k < points.size() && points[k].bucket == t;
    feed(t, stored ? points[k++].counts : BucketCounts{});
  }
  return Status::OK();
}

void FeedDetector(const std::vector<StreamAggregator::Closed>& closed, Detector* detector) {
  // Per bucket: the breakdowns first, then the service counts.
  size_t i = 0;
  while (i < closed.size()) {
    size_t j = i;
    while (j < closed.size() && closed[j].bucket == closed[i].bucket) ++j;
    SeriesKey key;
    for (size_t k = i; k < j; ++k) {
      if (!SeriesKey::Parse(closed[k].key, &key)) continue;
      if (key.kind == SeriesKind::kCategory) {
        detector->FeedCategory(key.first, key.second, closed[k].bucket, closed[k].counts.complaints);
      } else if (key.kind == SeriesKind::kServiceHashtag) {
        detector->FeedHashtag(key.first, key.second, closed[k].bucket, closed[k].counts.complaints);
      }
    }
    for (size_t k = i; k < j; ++k) {
      if (SeriesKey::Parse(closed[k].key, &key) && key.kind == SeriesKind::kService) {
        detector->Feed(key.first, closed[k].bucket, closed[k].counts);
      }
    }
    i = j;
  }
}

}  // namespace bengle
