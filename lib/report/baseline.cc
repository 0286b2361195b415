#include "report/baseline.h"

namespace bengle::internal {

Status DrawnBaseline(BaselineStore& store, const Analysis& analysis, std::string_view service, UnixMillis from,
                     UnixMillis to, std::vector<double>* y, std::vector<double>* sd) {
  const int64_t b = store.bucket_ms();
  y->assign(static_cast<size_t>(std::max<int64_t>(0, (to - from) / b)), 0.0);
  if (sd != nullptr) sd->assign(y->size(), 0.0);
  if (analysis.detector.bucket_ms != b) return Status::InvalidArgument("analysis and store bucket lengths differ");
  DetectorOptions d = analysis.detector;
  d.score_every_bucket = true;  // the expected count of every bucket (the baseline is the same)
  Detector det(d);
  return ReplayStored(
      store, service, analysis.replay_from, to, /*with_breakdown=*/false, &det,
      [&](UnixMillis t) {
        const size_t i = static_cast<size_t>((t - from) / b);
        if (i >= y->size()) return;
        (*y)[i] = det.LastBucketExpected(service);
        if (sd != nullptr) (*sd)[i] = det.LastBucketSpread(service);
      },
      from);
}

}  // namespace bengle::internal
