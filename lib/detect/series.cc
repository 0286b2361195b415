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
  bool open = false;
  int64_t last_alert = INT64_MIN;  // bucket of the last alert

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
    detector->Feed("series", b, c);
    bool opened = false;
    for (const DetectorEvent& e : detector->TakeEvents()) {
      if (e.kind == DetectorEvent::Kind::kOpen) opened = true;
      if (e.kind == DetectorEvent::Kind::kOpen) open = true;
      if (e.kind == DetectorEvent::Kind::kClose) open = false;
    }
    const double s = detector->LastScore("series");
    const double a = options.detector.alarm_score;
    const double below = std::min(0.499, s / (s + a));
    const int64_t quiet_for = static_cast<int64_t>(options.refractory_hours * 3600000.0);
    if (opened && (last_alert == INT64_MIN || b - last_alert >= quiet_for)) {
      last_alert = b;
      return std::max(0.5, s / (s + a));
    }
    return open ? std::min(below, 0.45) : below;
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
