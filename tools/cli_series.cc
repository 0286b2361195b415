// bengle series FILE.csv: anomaly score for a plain timestamp,value series.
#include <cmath>
#include <cstdlib>

#include <memory>

#include "bengle/detect.h"
#include "bengle/ingest.h"
#include "cli_commands.h"

namespace bengle::cli {
namespace {

struct SeriesFlags {
  std::string file;
  std::string output;
  int bucket_minutes = 0;
  double alarm_score = 7.0;
  double min_ratio = 3.0;
  int window = 3;
  double refractory_hours = 24;
  double rarity_quantile = 0.75;
  int rarity_days = 28;
};

int Run(const SeriesFlags& flags, const CommandState& state) {
  Result<TimeZone> zone = TimeZone::Parse(state.input.tz);
  if (!zone.ok()) {
    std::fprintf(stderr, "bengle series: --tz: %s\n", zone.status().message().c_str());
    return kExitUsage;
  }
  const std::string path = flags.file.empty() ? "-" : flags.file;
  FILE* out = stdout;
  if (!flags.output.empty() && !(out = std::fopen(flags.output.c_str(), "w"))) {
    std::fprintf(stderr, "bengle series: cannot write %s\n", flags.output.c_str());
    return kExitInput;
  }
  SeriesOptions so;
  so.bucket_ms = static_cast<int64_t>(flags.bucket_minutes) * kMinuteMs;
  so.detector.alarm_score = flags.alarm_score;
  so.detector.min_ratio = flags.min_ratio;
  so.detector.window_buckets = flags.window;
  so.detector.utc_offset_minutes = zone->OffsetAt(0);
  so.refractory_hours = flags.refractory_hours;
  so.rarity_quantile = flags.rarity_quantile;
  so.rarity_days = flags.rarity_days;
  SeriesScorer scorer(so);
  CsvSeriesOptions co;
  co.zone = *zone;
  co.on_bad = [](const std::string& message) { std::fprintf(stderr, "%s\n", message.c_str()); };
  std::string buf;
  CsvSeriesStats stats;
  Status st = ReadCsvSeries(
      path, co,
      [&](std::string_view time_name, std::string_view value_name) {
        buf.assign(time_name);
        buf += ',';
        buf.append(value_name);
        buf += ",anomaly_score\n";
        std::fputs(buf.c_str(), out);
      },
      [&](const CsvSeriesRow& row) {
        const double score = scorer.Add(row.time, row.value);
        buf.assign(row.time_text);
        buf += ',';
        buf.append(row.value_text);
        char num[32];
        std::snprintf(num, sizeof num, ",%.6f\n", score);
        buf += num;
        std::fputs(buf.c_str(), out);
      },
      &stats);
  if (out != stdout) std::fclose(out);
  if (!st.ok() && st.code() == Status::Code::kInvalidArgument) {
    std::fprintf(stderr, "bengle series: %s\n", st.message().c_str());
    return kExitInput;
  }
  std::fprintf(stderr, "bengle series: %llu rows scored; skipped %llu bad time, %llu bad value, %llu out of order, %llu broken\n",
               static_cast<unsigned long long>(stats.rows), static_cast<unsigned long long>(stats.bad_time),
               static_cast<unsigned long long>(stats.bad_value), static_cast<unsigned long long>(stats.out_of_order),
               static_cast<unsigned long long>(stats.broken));
  if (!st.ok()) std::fprintf(stderr, "bengle series: %s\n", st.message().c_str());
  return st.ok() ? kExitOk : kExitInput;
}

}  // namespace

void RegisterSeries(CLI::App& root, int* exit_code) {
  auto flags = std::make_shared<SeriesFlags>();
  auto own = std::make_shared<CommandState>();
  CommandState& state = *own;
  CLI::App* app = root.add_subcommand(
      "series", "Anomaly score for a timestamp,value CSV: the same rows plus anomaly_score in [0,1] (0.5 = alert)");
  app->add_option("FILE", flags->file, "CSV with a header; first two columns timestamp and value ('-' = stdin)");
  app->add_option("-o,--output", flags->output, "Write here instead of standard output");
  app->add_option("--bucket-minutes", flags->bucket_minutes, "Bucket length; 0 = from the rows' spacing")
      ->capture_default_str();
  app->add_option("--alarm-score", flags->alarm_score, "-log10 tail probability that raises an alert")
      ->capture_default_str();
  app->add_option("--min-ratio", flags->min_ratio, "An alert needs the window at least this many times its expected value")
      ->capture_default_str();
  app->add_option("--window", flags->window, "Buckets summed for the test")->capture_default_str();
  app->add_option("--refractory-hours", flags->refractory_hours, "No new alert this long after one")
      ->capture_default_str();
  app->add_option("--rarity-quantile", flags->rarity_quantile,
                  "An alert needs a surprise above this quantile of the recent daily maximum surprises")
      ->capture_default_str();
  app->add_option("--rarity-days", flags->rarity_days, "Days of daily maxima behind the quantile")
      ->capture_default_str();
  app->add_option("--tz", state.input.tz, "Zone of times without one: an offset (+08:00) or an IANA name (Asia/Shanghai)")->capture_default_str();
  app->callback([exit_code, flags, own] { *exit_code = Run(*flags, *own); });
}

}  // namespace bengle::cli
