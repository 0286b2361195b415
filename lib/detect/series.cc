// SeriesScorer (detect.h): anomaly scores for a plain counts or continuous series.
#include <algorithm>
#include <climits>
#include <cmath>
#include <deque>
#include <vector>

#include "bengle/detect.h"

namespace bengle {
namespace {

constexpr double kNever = 1e300;  // "no past value is expected to be this extreme" never holds

// The most extreme values of one tail of a history (the largest; a lower
// tail keeps negated values), exactly: `top` holds the largest min(n, cap(n))
// of the n values added, ascending. cap(n) = 2 k(n) + 2 never shrinks, so the
// values dropped are never needed again.
class Tail {
 public:
  void Add(double x, double size) {
    ++n_;
    const size_t cap = 2 * K(size) + 2;
    if (top_.size() < cap || x > top_.front()) {
      top_.insert(std::upper_bound(top_.begin(), top_.end(), x), x);
      while (top_.size() > cap) top_.erase(top_.begin());
    }
  }
  // How many of the past values are expected to be at least x. The tail
  // above the (k+1)-th largest value (the base) is taken as exponential, its
  // scale from the median excess of the k largest (median / ln 2: one huge
  // past spike does not make every later value look ordinary, as a mean
  // excess would). A tail that is a cluster (a spike that comes back every
  // day) is not exponential, so the expectation is at least the smoothed
  // count of past values near or above x (each of the k largest spread as a
  // normal of width `bandwidth` x their standard deviation; 0 = off). kNever
  // when x is not beyond the base.
  double Expected(double x, double size, size_t min_history, double bandwidth) const {
    const size_t k = K(size);
    if (n_ < min_history || n_ < 2 * k || top_.size() < k + 1) return kNever;
    const double base = top_[top_.size() - k - 1];
    if (!(x > base)) return kNever;
    const double median_excess = top_[top_.size() - k + (k - 1) / 2] - base;
    const double scale = std::max(median_excess / std::log(2.0), 1e-12);
    const double fitted = static_cast<double>(k) * std::exp(-(x - base) / scale);
    if (bandwidth <= 0) return fitted;
    double mean = 0, var = 0;
    for (size_t i = top_.size() - k; i < top_.size(); ++i) mean += top_[i];
    mean /= static_cast<double>(k);
    for (size_t i = top_.size() - k; i < top_.size(); ++i) var += (top_[i] - mean) * (top_[i] - mean);
    const double h = bandwidth * std::max(std::sqrt(var / static_cast<double>(k)), 1e-12) * std::sqrt(2.0);
    double near = 0;
    for (size_t i = top_.size() - k; i < top_.size(); ++i) near += 0.5 * std::erfc((x - top_[i]) / h);
    return std::max(fitted, near);
  }
  void Clear() {
    n_ = 0;
    top_.clear();
  }

 private:
  size_t K(double size) const {
    return std::max<size_t>(5, static_cast<size_t>(size * std::sqrt(static_cast<double>(n_))));
  }
  size_t n_ = 0;
  std::vector<double> top_;
};

// One view of the rows, judged against both tails of its own history.
struct View {
  Tail upper, lower;
  double Expected(double x, const SeriesOptions& o) const {
    const auto min_history = static_cast<size_t>(std::max(1, o.min_history_rows));
    const double bw = o.tail_bandwidth;
    return std::min(upper.Expected(x, o.tail_size, min_history, bw), lower.Expected(-x, o.tail_size, min_history, bw));
  }
  void Add(double x, const SeriesOptions& o) {
    upper.Add(x, o.tail_size);
    lower.Add(-x, o.tail_size);
  }
};

// The continuous model: the row's views (below), each judged against the
// tails of its own history.
class Continuous {
 public:
  static constexpr int kViews = 4;

  Continuous(const SeriesOptions& options, int64_t spacing_ms) : o_(options) {
    smooth_ = static_cast<size_t>(std::max(1, o_.smooth_rows));
    season_ = static_cast<size_t>(std::max(1, o_.season_rows));
    if (spacing_ms > 0) {
      day_rows_ = static_cast<size_t>(std::max<int64_t>(1, (kDayMs + spacing_ms / 2) / spacing_ms));
    }
  }

  double Score(double x) {
    recent_.push_back(x);
    const size_t keep = std::max(smooth_, day_rows_ + season_);
    while (recent_.size() > keep) recent_.pop_front();
    ++row_;
    // The views: the value; the mean and the median of the last
    // `smooth_rows` (a burst of spikes moves the mean, a shift of level moves
    // the median, one spike does not); the change against a day before.
    double views[kViews];
    bool have[kViews] = {true, false, false, false};
    views[0] = x;
    if (recent_.size() >= smooth_) {
      views[1] = MeanOfLast(smooth_, 0);
      views[2] = MedianOfLast(smooth_);
      have[1] = have[2] = true;
    }
    if (day_rows_ > 0 && recent_.size() >= day_rows_ + season_) {
      views[3] = MeanOfLast(season_, 0) - MeanOfLast(season_, day_rows_);
      have[3] = true;
    }
    // Tails fitted to a short history are rough: the bar is lowered in
    // proportion until `warmup_rows` rows are in.
    double alpha = std::max(o_.tail_expectation, 1e-300);
    if (o_.warmup_rows > 0 && row_ < static_cast<uint64_t>(o_.warmup_rows)) {
      alpha *= static_cast<double>(row_) / static_cast<double>(o_.warmup_rows);
    }
    double expected = kNever;
    for (int i = 0; i < kViews; ++i) {
      if (have[i]) expected = std::min(expected, view_[i].Expected(views[i], o_));
    }
    for (int i = 0; i < kViews; ++i) {
      if (have[i]) view_[i].Add(views[i], o_);
    }
    const bool quiet = last_alert_ != 0 && row_ - last_alert_ <= static_cast<uint64_t>(std::max(0, o_.quiet_rows));
    if (expected < alpha && !quiet) {
      last_alert_ = row_;
      return 0.5 + 0.49 * (1 - expected / alpha);  // expected < alpha here
    }
    if (expected >= kNever) return 0;
    return std::min(0.499, 0.5 * std::pow(alpha / std::max(expected, alpha), 0.25));
  }

  // A long gap: the recent rows and the quiet period are stale; the tails
  // (what values and changes the series takes) are not.
  void Gap() {
    recent_.clear();
    last_alert_ = 0;
  }

 private:
  // Median of the newest `count` rows (the upper one of an even count).
  double MedianOfLast(size_t count) {
    scratch_.assign(recent_.end() - static_cast<std::ptrdiff_t>(count), recent_.end());
    const auto mid = scratch_.begin() + static_cast<std::ptrdiff_t>(count / 2);
    std::nth_element(scratch_.begin(), mid, scratch_.end());
    return *mid;
  }
  // Mean of `count` rows ending `back` rows before the newest.
  double MeanOfLast(size_t count, size_t back) const {
    double sum = 0;
    const size_t end = recent_.size() - back;
    for (size_t i = end - count; i < end; ++i) sum += recent_[i];
    return sum / static_cast<double>(count);
  }

  SeriesOptions o_;
  size_t smooth_ = 12, season_ = 3, day_rows_ = 0;
  std::deque<double> recent_;
  std::vector<double> scratch_;
  View view_[kViews];
  uint64_t row_ = 0, last_alert_ = 0;
};

// The count model: the incident detector's surprise against the series' own
// daily maxima.
class Counts {
 public:
  Counts(const SeriesOptions& options, int64_t bucket_ms) : o_(options), bucket_ms_(bucket_ms) {
    Restart();
    warm_ = 0;  // the series' own first rows were already held back
  }

  void Restart() {
    DetectorOptions d = o_.detector;
    d.bucket_ms = bucket_ms_;
    d.score_every_bucket = true;
    detector_ = std::make_unique<Detector>(d);
    last_bucket_ = INT64_MIN;
    last_alert_ = INT64_MIN;
    first_bucket_ = INT64_MIN;
    day_ = 0;
    day_max_ = 0;
    maxima_.clear();
    level_ = 0;
    warm_ = static_cast<int>(std::max(0, o_.kind_rows));
  }

  double Score(UnixMillis t, double value) {
    int64_t b = (t >= 0 ? t / bucket_ms_ : (t - bucket_ms_ + 1) / bucket_ms_) * bucket_ms_;
    if (last_bucket_ != INT64_MIN && b <= last_bucket_) b = last_bucket_ + bucket_ms_;  // two rows in one bucket
    last_bucket_ = b;
    BucketCounts c;
    const auto v = static_cast<int64_t>(std::llround(std::max(0.0, value)));
    c.authors = c.complaints = c.mentions = v;
    AdvanceDay(b);
    detector_->Feed("series", b, c);
    (void)detector_->TakeEvents();  // the series scorer alerts on rarity, not on incidents
    const double s = detector_->LastScore("series");
    day_max_ = std::max(day_max_, s);
    const double ratio = s / (s + level_);
    // A restarted model's first rows are history, as a series' first rows
    // are: judged (an alert starts the quiet period) but not reported.
    const double cap = warm_ > 0 ? 0.499 : 1.0;
    if (warm_ > 0) --warm_;
    const auto quiet_for = static_cast<int64_t>(o_.refractory_hours * static_cast<double>(kHourMs));
    // Strictly above: a series whose days peak alike (a daily job) does not
    // alert every day.
    if (s > level_ && (last_alert_ == INT64_MIN || b - last_alert_ >= quiet_for)) {
      last_alert_ = b;
      return std::min(cap, std::max(0.5, ratio));
    }
    return std::min(0.499, ratio);
  }

 private:
  // The alert level: the rarity quantile of the recent daily maxima, at least
  // the detector's alarm score; doubled alarm score in cold start.
  double Level() const {
    const double a = o_.detector.alarm_score;
    const size_t n = std::min(maxima_.size(), static_cast<size_t>(std::max(1, o_.rarity_days)));
    if (n < static_cast<size_t>(std::max(1, o_.rarity_min_days))) return 2 * a;
    std::vector<double> v(maxima_.end() - static_cast<std::ptrdiff_t>(n), maxima_.end());
    std::sort(v.begin(), v.end());
    const double pos = std::clamp(o_.rarity_quantile, 0.0, 1.0) * static_cast<double>(n - 1);
    const auto lo = static_cast<size_t>(pos);
    const size_t hi = std::min(lo + 1, n - 1);
    const double q = v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
    return std::max(a, q);
  }

  // Closes the 24-hour blocks before bucket `b`.
  void AdvanceDay(int64_t b) {
    if (first_bucket_ == INT64_MIN) {
      first_bucket_ = b;
      level_ = Level();
    }
    const int64_t d = (b - first_bucket_) / kDayMs;
    if (d == day_) return;
    // The detector's cold-start days judge against a prior, not the series.
    if (day_ >= o_.detector.min_history_days) maxima_.push_back(day_max_);
    if (maxima_.size() > static_cast<size_t>(std::max(1, o_.rarity_days))) maxima_.erase(maxima_.begin());
    day_ = d;
    day_max_ = 0;
    level_ = Level();
  }

  SeriesOptions o_;
  int64_t bucket_ms_;
  std::unique_ptr<Detector> detector_;
  int64_t last_bucket_ = INT64_MIN, last_alert_ = INT64_MIN;
  int64_t first_bucket_ = INT64_MIN;
  int64_t day_ = 0;
  double day_max_ = 0;
  std::vector<double> maxima_;  // finished blocks after the cold start, oldest first
  double level_ = 0;
  int warm_ = 0;  // rows still to come before alerts (after a restart)
};

// Median spacing of the rows (ms); 0 when the times do not move forward.
int64_t MedianSpacing(const std::vector<std::pair<UnixMillis, double>>& rows) {
  std::vector<int64_t> gaps;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].first > rows[i - 1].first) gaps.push_back(rows[i].first - rows[i - 1].first);
  }
  if (gaps.empty()) return 0;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
  return gaps[gaps.size() / 2];
}

// A whole number of minutes dividing an hour, nearest to the spacing.
int64_t BucketFor(int64_t spacing) {
  if (spacing <= 0) return 5 * kMinuteMs;
  int64_t best = 5 * kMinuteMs;
  for (int64_t m : {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60}) {
    if (std::llabs(m * kMinuteMs - spacing) < std::llabs(best - spacing)) best = m * kMinuteMs;
  }
  return best;
}

// Counts: whole numbers >= 0 taking at least three values (a series of two
// levels is a signal, not a number of events), the median of the nonzero ones
// <= 100 (numbers of events are small: bytes or money are not), variance >=
// mean, CV >= 0.25.
bool LooksLikeCounts(const std::vector<std::pair<UnixMillis, double>>& rows) {
  if (rows.empty()) return false;
  std::vector<double> v, nonzero;
  double sum = 0;
  for (const auto& r : rows) {
    if (r.second < 0 || std::fabs(r.second - std::round(r.second)) > 1e-9) return false;
    v.push_back(r.second);
    if (r.second > 0) nonzero.push_back(r.second);
    sum += r.second;
  }
  if (nonzero.empty()) return true;  // all zero: nothing but counts can say so
  const double n = static_cast<double>(v.size());
  const double mean = sum / n;
  double var = 0;
  for (double x : v) var += (x - mean) * (x - mean);
  var /= n;
  std::sort(v.begin(), v.end());
  if (std::unique(v.begin(), v.end()) - v.begin() < 3) return false;
  std::nth_element(nonzero.begin(), nonzero.begin() + static_cast<std::ptrdiff_t>(nonzero.size() / 2), nonzero.end());
  if (nonzero[nonzero.size() / 2] > 100) return false;
  return var >= mean && std::sqrt(var) / mean >= 0.25;
}

// Enough rows to choose the kind: `kind_rows`, and among them at least 8 that
// are not zero (a series that starts at zero says nothing of its kind yet);
// at most 16 x `kind_rows`.
bool EnoughToChoose(size_t rows, size_t nonzero, int kind_rows) {
  const auto want = static_cast<size_t>(std::max(2, kind_rows));
  if (rows < want) return false;
  return rows >= 16 * want || nonzero >= 8;
}

}  // namespace

const char* ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kCounts:
      return "counts";
    case ValueKind::kContinuous:
      return "continuous";
    case ValueKind::kAuto:
      break;
  }
  return "auto";
}

struct SeriesScorer::Impl {
  SeriesOptions options;
  ValueKind kind = ValueKind::kAuto;
  std::vector<std::pair<UnixMillis, double>> pending;  // rows before the kind is chosen
  size_t pending_nonzero = 0;                          // of them, the rows not zero
  int64_t spacing = 0;
  std::unique_ptr<Counts> counts;
  std::unique_ptr<Continuous> continuous;
  bool any = false;
  UnixMillis latest = 0;  // the latest time so far
  uint64_t out_of_order = 0, gaps = 0;

  void Start() {
    spacing = MedianSpacing(pending);
    if (kind == ValueKind::kAuto) kind = LooksLikeCounts(pending) ? ValueKind::kCounts : ValueKind::kContinuous;
    if (kind == ValueKind::kCounts) {
      const int64_t bucket = options.bucket_ms > 0 ? options.bucket_ms : BucketFor(spacing);
      if (spacing <= 0) spacing = bucket;
      counts = std::make_unique<Counts>(options, bucket);
    } else {
      continuous = std::make_unique<Continuous>(options, spacing);
    }
  }

  double Score(UnixMillis t, double value) {
    if (any && t < latest) {
      ++out_of_order;
      return counts ? 0.0 : continuous->Score(value);
    }
    const double gap_ms = std::max(options.gap_hours * static_cast<double>(kHourMs), 12.0 * static_cast<double>(spacing));
    if (any && static_cast<double>(t - latest) > gap_ms) {
      ++gaps;
      if (counts) counts->Restart();
      if (continuous) continuous->Gap();
    }
    any = true;
    latest = t;
    return counts ? counts->Score(t, value) : continuous->Score(value);
  }
};

SeriesScorer::SeriesScorer(const SeriesOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->options.detector.score_every_bucket = true;
}
SeriesScorer::~SeriesScorer() = default;

double SeriesScorer::Add(UnixMillis t, double value) {
  Impl& im = *impl_;
  if (im.counts || im.continuous) return im.Score(t, value);
  im.pending.emplace_back(t, value);
  im.pending_nonzero += value != 0;
  if (!EnoughToChoose(im.pending.size(), im.pending_nonzero, im.options.kind_rows)) return 0;
  im.kind = im.options.kind;
  im.Start();
  std::vector<std::pair<UnixMillis, double>> rows;
  rows.swap(im.pending);
  double score = 0;
  for (const auto& [rt, rv] : rows) score = im.Score(rt, rv);
  return score;  // the score of this (the last) row
}

ValueKind SeriesScorer::kind() const { return impl_->kind; }
uint64_t SeriesScorer::out_of_order() const { return impl_->out_of_order; }
uint64_t SeriesScorer::gaps() const { return impl_->gaps; }

}  // namespace bengle
