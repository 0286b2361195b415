// Outage detection against a seasonal, robust baseline.
//
// Detector consumes closed time buckets of each service's complaint counts
// (distinct complaining authors, as Downdetector counts reports) and reports
// incidents as they open, grow and close. The same code serves streaming
// (Feed() buckets as they close, FeedDetector()), batch (analysis.h replays a
// stored range with ReplayStored()) and the report's baseline (the same
// replay from the same start).
//
// Baseline: what is normal for this service at this time of day, learned from
// the same hour (and its neighbours) on the previous days, weekdays and
// weekends apart once there is enough history; a trimmed mean, so past
// outages do not inflate it, and hours inside incidents are left out of the
// history altogether. Counts are compared with a negative-binomial tail
// (Poisson when the history shows no over-dispersion), which stays correct
// for sparse series (2 complaints an hour). A series with less than
// `min_history_days` of history uses `cold_start_rate` and doubled minimums.
//
// Alarm rule, on a sliding window of `window_buckets` buckets:
//   -log10 P(X >= x) >= alarm_score, x >= min_authors, x >= min_ratio x
//   expected, and the complaint share of mentions at least `share_factor`
//   times its normal share (a product launch multiplies mentions, not the
//   share of complaints). The onset is back-dated to the first bucket of the
//   rise. An incident closes after `end_quiet_buckets` quiet buckets.
//
// Thread safety: a Detector is used by one thread at a time.
#ifndef BENGLE_DETECT_H_
#define BENGLE_DETECT_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/aggregate.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle {

struct DetectorOptions {
  // Bucket length; must match the data fed. Default: 5 minutes.
  int64_t bucket_ms = 5 * 60 * 1000;
  // Buckets summed for the alarm test. Default: 3 (15 minutes).
  int window_buckets = 3;
  // Days of history the baseline looks at. Default: 28.
  int history_days = 28;
  // -log10 tail probability that opens an incident. Default: 7.
  double alarm_score = 7.0;
  // Below this (-log10 p of the window) a bucket counts as quiet. Default: 2.
  double quiet_score = 2.0;
  // Quiet buckets in a row that close an incident. Default: 6 (30 minutes).
  int end_quiet_buckets = 6;
  // Fewest distinct complaining authors in the window to open. Default: 5.
  int64_t min_authors = 5;
  // Window count must be at least this many times the expected. Default: 3.
  double min_ratio = 3.0;
  // Complaint share of mentions must be this many times its normal share.
  // Default: 2.
  double share_factor = 2.0;
  // Days of history below which the series is in cold start. Default: 3.
  int min_history_days = 3;
  // Complaints per hour assumed for a series in cold start. Default: 0.5.
  double cold_start_rate = 0.5;
  // An incident longer than this is a new normal, not an outage: it closes,
  // and its hours return to the baseline history. Default: 24.
  int max_incident_hours = 24;
  // How far back the onset may be moved from the alarm. Default: 36 buckets.
  int max_backdate_buckets = 36;
  // Compute the tail score and the expected count of every bucket
  // (LastScore(), LastExpected()). When false, they are computed only where
  // they can open or continue an incident (faster; other buckets report 0).
  // Incidents found are the same either way. Default: false.
  bool score_every_bucket = false;
  // The zone whose days split weekdays from weekends in the baseline,
  // minutes east of UTC. Default: 480 (China, +08:00).
  int utc_offset_minutes = kChinaUtcOffsetMinutes;
};

struct DetectorEvent {
  enum class Kind { kOpen, kUpdate, kClose };
  Kind kind = Kind::kOpen;
  Incident incident;  // the state at the time of the event
};

class BENGLE_EXPORT Detector {
 public:
  explicit Detector(const DetectorOptions& options = {});
  ~Detector();
  Detector(const Detector&) = delete;  // holds per-series history
  Detector& operator=(const Detector&) = delete;

  // Feeds the closed bucket starting at `bucket` of service `service`.
  // Buckets of one service must come in time order; missing buckets count as
  // zero. Events are queued (see TakeEvents()).
  void Feed(std::string_view service, int64_t bucket, const BucketCounts& counts);
  // Breakdown of the same bucket: complaint posts per category / hashtag.
  // Call before Feed() of that bucket.
  void FeedCategory(std::string_view service, std::string_view category, int64_t bucket, int64_t complaints);
  void FeedHashtag(std::string_view service, std::string_view hashtag, int64_t bucket, int64_t complaints);
  // Closes every open incident (end of data; they are marked open).
  void Finish();

  // Runs `feed`, which feeds buckets of `service` only (say, ReplayStored()
  // over the buckets still filling, with their counts so far), returns the
  // events they raised, and puts the detector back as it was: nothing of them
  // stays. A live watcher asks it whether the counts so far already open an
  // incident (complaints only add up, so what opens on partial counts opens
  // on the full bucket too, up to a rise in mentions alone). An error of
  // `feed` is returned, the detector put back all the same.
  Result<std::vector<DetectorEvent>> Probe(std::string_view service, const std::function<Status(Detector*)>& feed);

  // Events since the last call, in the order they happened.
  std::vector<DetectorEvent> TakeEvents();

  // The tail surprise (-log10 p) and expected value of the last window fed
  // for `service` (0, 0 when unknown; see DetectorOptions::score_every_bucket).
  double LastScore(std::string_view service) const;
  double LastExpected(std::string_view service) const;
  // The expected count of the last bucket fed alone (LastExpected() over the
  // buckets of its window): the baseline a report draws. Like LastScore(),
  // computed for every bucket only with score_every_bucket.
  double LastBucketExpected(std::string_view service) const;
  // The standard deviation of that bucket's count under the detector's model
  // (negative binomial, or Poisson): the spread of the baseline a report draws.
  double LastBucketSpread(std::string_view service) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Anomaly scores for a plain series (`bengle series`): counts (mentions,
// reports, requests) or continuous measurements (CPU, latency, temperature,
// speed). Add() takes the rows in the order they come and returns each row's
// score in [0, 1], computed causally from this row and the ones before it.
// 0.5 is the alert threshold (the same default as `detect`): a row scores
// >= 0.5 when it raises an alert.
//
// The kind is chosen from the first `kind_rows` rows, and at least 8 rows
// that are not zero (at most 16 x `kind_rows` rows; or set by `kind`):
// counts are whole numbers >= 0 taking at least three values (two levels are
// a signal), the median of the nonzero ones at most 100 (counting noise
// matters; bytes and money are not counted events), spread at least as much
// as counting noise (variance >= mean) and not held near a set point
// (coefficient of variation >= 0.25). Until then the rows score 0: they are
// history, not yet judged.
//
// Counts: each row's window gets the incident detector's negative-binomial
// tail surprise s = -log10 p. Mention counts have news bursts far above the
// detector's alarm level on most days, so a series is judged against its own
// past: the alert level is the `rarity_quantile` quantile of the daily
// maximum surprises of the last `rarity_days` days (the detector's cold-start
// days left out), never below the detector's alarm_score, and twice that
// until `rarity_min_days` such days exist. A row alerts when s is above the
// level and no alert was raised in the last `refractory_hours`; other rows
// score s / (s + level), capped below 0.5.
//
// Continuous: four views of each row -- the value, the mean and the median
// of the last `smooth_rows` values (a burst of spikes moves the mean, a
// shift of level the median), and the change of the last `season_rows`
// values' mean against the same rows one day earlier -- are each compared
// with the upper and lower tails of their own history. Above the (k+1)-th
// most extreme value (k = `tail_size` x sqrt(history), at least 5) a tail is
// taken as exponential, its scale from the median excess of the k values
// (one old spike does not hide what follows), and a value is expected at
// least as often as the past extremes near or above it (`tail_bandwidth`:
// a spike that recurs is not rare). A row alerts when, for some view, fewer
// than `tail_expectation` past rows are expected to be as extreme (less in
// the first `warmup_rows`), and no alert was raised in the last `quiet_rows`
// rows.
//
// Rows out of time order are scored against the rows before them (counted
// in out_of_order()); a count row out of order cannot join its closed bucket
// and scores 0. A gap longer than `gap_hours` (and than 12 rows' spacing)
// restarts what the gap made stale: the quiet period, the count model (a
// new cold start whose first `kind_rows` rows are history), the continuous
// model's recent rows (its tails are kept).
// Thread safety: one SeriesScorer per thread.
enum class ValueKind { kAuto, kCounts, kContinuous };

// "auto", "counts", "continuous".
BENGLE_EXPORT const char* ValueKindName(ValueKind kind);

struct SeriesOptions {
  DetectorOptions detector;
  // Counts or continuous; kAuto chooses from the first rows. Default: kAuto.
  ValueKind kind = ValueKind::kAuto;
  // Rows read before the kind and the spacing are chosen. Default: 128.
  int kind_rows = 128;
  // Counts: bucket length; 0 = the median spacing of the first rows, rounded
  // to a whole number of minutes that divides an hour. Default: 0.
  int64_t bucket_ms = 0;
  // Counts: after an alert, the series does not alert again for this long (a
  // burst of incidents is one event to whoever gets the alert). Default: 24.
  double refractory_hours = 24;
  // Counts: an alert needs a surprise above this quantile of the daily
  // maxima: 0.75 = a day's peak beaten on at most one day in four.
  // Default: 0.75.
  double rarity_quantile = 0.75;
  // Counts: days of daily maxima kept for the quantile. Default: 28.
  int rarity_days = 28;
  // Counts: fewest days of maxima for the quantile; before that the level is
  // 2 x alarm_score. Default: 3.
  int rarity_min_days = 3;
  // Continuous: alert when fewer past rows than this are expected to be as
  // extreme as the row (1 = "about as extreme as the most extreme so far").
  // Default: 0.3 (chosen by cross-validation on NAB; bench/nab).
  double tail_expectation = 0.3;
  // Continuous: the tail is fitted to the k = tail_size x sqrt(n) most
  // extreme of n past values (at least 5). Default: 0.5.
  double tail_size = 0.5;
  // Continuous: a value is expected at least as often as past extremes near
  // or above it, each spread over this x the spread of the tail's values (a
  // spike that comes back every day is not rare, though the fitted tail says
  // so). 0 = off. Default: 0.25.
  double tail_bandwidth = 0.25;
  // Continuous: rows in the short mean. Default: 12.
  int smooth_rows = 12;
  // Continuous: rows in the means compared a day apart. Default: 3.
  int season_rows = 3;
  // Continuous: rows after an alert without another. Default: 80.
  int quiet_rows = 80;
  // Continuous: with n < warmup_rows rows in, the bar is tail_expectation x
  // n / warmup_rows (tails fitted to a short history are rough). 0 = off.
  // Default: 2500.
  int warmup_rows = 2500;
  // Continuous: fewest past values before a view is judged. Default: 20.
  int min_history_rows = 20;
  // A gap longer than this (and than 12 rows' usual spacing) restarts the
  // stale state. Default: 24.
  double gap_hours = 24;
};

class BENGLE_EXPORT SeriesScorer {
 public:
  explicit SeriesScorer(const SeriesOptions& options = {});
  ~SeriesScorer();
  SeriesScorer(const SeriesScorer&) = delete;
  SeriesScorer& operator=(const SeriesScorer&) = delete;

  // Scores the next row (any time order; see above).
  double Add(UnixMillis t, double value);

  // The kind in use: kAuto until the first `kind_rows` rows are in.
  ValueKind kind() const;
  // Rows so far whose time was earlier than an earlier row's.
  uint64_t out_of_order() const;
  // Gaps so far that restarted the stale state.
  uint64_t gaps() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the replay of a detection over [from, ...) starts: `history_days`
// before `from`, not before the store's first bucket. Batch detection and
// the report use it, so both see the same detector state.
BENGLE_EXPORT UnixMillis ReplayStart(UnixMillis store_first, UnixMillis from, const DetectorOptions& options);

// Replays one service's stored series over [from, to) through `detector`:
// from the series' first stored bucket in range to the end of the range, in
// time order, empty buckets as zeros, with the category and hashtag
// breakdowns fed first when `with_breakdown`. When `after` is set it is
// called after each bucket from `after_from` on (every bucket, stored or
// empty) with its start; before `after_from` only the stored buckets are fed
// (the detector fills the gaps itself, the same state, with less work).
// REQUIRES: detector's bucket length is the store's.
BENGLE_EXPORT Status ReplayStored(BaselineStore& store, std::string_view service, UnixMillis from, UnixMillis to,
                                  bool with_breakdown, Detector* detector,
                                  const std::function<void(UnixMillis)>& after = {},
                                  UnixMillis after_from = std::numeric_limits<UnixMillis>::min());

// Streaming: feeds closed buckets (StreamAggregator::TakeClosed()) to a
// detector: "svc:" counts, with the "cat:" and "stag:" breakdowns of the
// same bucket first.
BENGLE_EXPORT void FeedDetector(const std::vector<StreamAggregator::Closed>& closed, Detector* detector);

}  // namespace bengle

#endif  // BENGLE_DETECT_H_
