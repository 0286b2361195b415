#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

#include "bengle/detect.h"

namespace bengle {

struct SeriesScorer::Impl {
  SeriesOptions options;
  std::unique_ptr<Detector> detector;
  std::vector<std::pair<UnixMillis, double>> pending;  // rows before the bucket length is known
  int64_t bucket_ms = 0;
  int64_t last_bucket = 0;
  int64_t last_alert = INT64_MIN;  // bucket of the last alert
  // Rarity: the maximum surprise of each finished 24-hour block.
  int64_t first_bucket = INT64_MIN;
  int64_t day = 0;       // block of the last row
  double day_max = 0;    // the maximum surprise so far in that block
  std::vector<double> maxima;  // finished blocks after the cold start, oldest first
  double level = 0;      // the alert level for the current block

  // The alert level: the rarity quantile of the recent daily maxima, at least
  // the detector's alarm score; doubled alarm score in cold start.
  double Level() const {
    const double a = options.detector.alarm_score;
    const size_t n = std::min(maxima.size(), static_cast<size_t>(std::max(1, options.rarity_days)));
    if (n < static_cast<size_t>(std::max(1, options.rarity_min_days))) return 2 * a;
    std::vector<double> v(maxima.end() - static_cast<std::ptrdiff_t>(n), maxima.end());
    std::sort(v.begin(), v.end());
    const double pos = std::clamp(options.rarity_quantile, 0.0, 1.0) * static_cast<double>(n - 1);
    const auto lo = static_cast<size_t>(pos);
    const size_t hi = std::min(lo + 1, n - 1);
    const double q = v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
    return std::max(a, q);
  }

  // Closes the 24-hour blocks before bucket `b`.
  void AdvanceDay(int64_t b) {
    if (first_bucket == INT64_MIN) {
      first_bucket = b;
      level = Level();
    }
    const int64_t d = (b - first_bucket) / kDayMs;
    if (d == day) return;
    // The detector's cold-start days judge against a prior, not the series.
    if (day >= options.detector.min_history_days) maxima.push_back(day_max);
    if (maxima.size() > static_cast<size_t>(std::max(1, options.rarity_days))) maxima.erase(maxima.begin());
    day = d;
    day_max = 0;
    level = Level();
  }

  int64_t InferBucket() const {
    std::vector<int64_t> gaps;
    for (size_t i = 1; i < pending.size(); ++i) gaps.push_back(pending[i].first - pending[i - 1].first);
    if (gaps.empty()) return 5 * 60000;
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
    const int64_t median = gaps[gaps.size() / 2];
    // A whole number of minutes dividing an hour, nearest to the median spacing.
    int64_t best = 5 * 60000;
    for (int64_t m : {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60}) {
      if (std::llabs(m * 60000 - median) < std::llabs(best - median)) best = m * 60000;
    }
    return best;
  }

  double Score(UnixMillis t, double value) {
    int64_t b = (t >= 0 ? t / bucket_ms : (t - bucket_ms + 1) / bucket_ms) * bucket_ms;
    if (b <= last_bucket && last_bucket != 0) b = last_bucket + bucket_ms;  // two rows in one bucket
    last_bucket = b;
    BucketCounts c;
    const auto v = static_cast<int64_t>(std::llround(std::max(0.0, value)));
    c.authors = c.complaints = c.mentions = v;
    AdvanceDay(b);
    detector->Feed("series", b, c);
    (void)detector->TakeEvents();  // the series scorer alerts on rarity, not on incidents
    const double s = detector->LastScore("series");
    day_max = std::max(day_max, s);
    const double ratio = s / (s + level);
    const int64_t quiet_for = static_cast<int64_t>(options.refractory_hours * static_cast<double>(kHourMs));
    if (s >= level && (last_alert == INT64_MIN || b - last_alert >= quiet_for)) {
      last_alert = b;
      return std::max(0.5, ratio);
    }
    return std::min(0.499, ratio);
  }
};

SeriesScorer::SeriesScorer(const SeriesOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->options.detector.score_every_bucket = true;
  impl_->bucket_ms = options.bucket_ms;
}
SeriesScorer::~SeriesScorer() = default;

double SeriesScorer::Add(UnixMillis t, double value) {
  Impl& im = *impl_;
  if (im.bucket_ms == 0) {
    // Learn the spacing from the first rows; until then the rows score 0
    // (they are history, not yet judged).
    im.pending.emplace_back(t, value);
    if (im.pending.size() < 16) return 0;
    im.bucket_ms = im.InferBucket();
    std::vector<std::pair<UnixMillis, double>> rows;
    rows.swap(im.pending);
    DetectorOptions d = im.options.detector;
    d.bucket_ms = im.bucket_ms;
    im.detector = std::make_unique<Detector>(d);
    double score = 0;
    for (const auto& [rt, rv] : rows) score = im.Score(rt, rv);
    return score;  // the score of this (the last) row
  }
  if (!im.detector) {
    DetectorOptions d = im.options.detector;
    d.bucket_ms = im.bucket_ms;
    im.detector = std::make_unique<Detector>(d);
  }
  return im.Score(t, value);
}

}  // namespace bengle
