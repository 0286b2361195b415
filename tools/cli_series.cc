// bengle series FILE.csv: anomaly score for a plain timestamp,value series.
#include <cmath>
#include <cstdlib>

#include <memory>

#include "bengle/detect.h"
#include "bengle/ingest.h"
#include "cli_commands.h"

namespace bengle::cli {
namespace {

// Writes a field as read back: quoted when it holds a comma, quote or line break.
void AppendCsvField(std::string* out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  *out += '"';
  for (char c : field) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

// The options are bound to a SeriesOptions, so the defaults shown by --help
// are the library's own.
struct SeriesFlags {
  std::string file;
  std::string output;
  int bucket_minutes = 0;
  std::string kind = "auto";
  SeriesOptions options;
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
  SeriesOptions so = flags.options;
  so.bucket_ms = static_cast<int64_t>(flags.bucket_minutes) * kMinuteMs;
  so.detector.utc_offset_minutes = zone->OffsetAt(0);
  so.kind = flags.kind == "counts" ? ValueKind::kCounts
            : flags.kind == "continuous" ? ValueKind::kContinuous
                                         : ValueKind::kAuto;
  SeriesScorer scorer(so);
  CsvSeriesOptions co;
  co.zone = *zone;
  co.on_bad = [](const std::string& message) { std::fprintf(stderr, "%s\n", message.c_str()); };
  co.pass_bad_rows = true;  // every data row gets an output row; a bad one an empty score
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
        buf.clear();
        AppendCsvField(&buf, row.time_text);
        buf += ',';
        AppendCsvField(&buf, row.value_text);
        if (row.valid) {
          char num[32];
          std::snprintf(num, sizeof num, ",%.6f\n", scorer.Add(row.time, row.value));
          buf += num;
        } else {
          buf += ",\n";
        }
        std::fwrite(buf.data(), 1, buf.size(), out);
      },
      &stats);
  if (out != stdout) std::fclose(out);
  if (!st.ok() && st.code() == Status::Code::kInvalidArgument) {
    std::fprintf(stderr, "bengle series: %s\n", st.message().c_str());
    return kExitInput;
  }
  std::fprintf(stderr,
               "bengle series: %llu rows scored as %s (%llu out of time order, %llu gaps that restarted the model); "
               "%llu bad rows left unscored (%llu bad time, %llu bad value, %llu broken)\n",
               static_cast<unsigned long long>(stats.rows),
               scorer.kind() == ValueKind::kAuto ? "history only (too few rows to judge)" : ValueKindName(scorer.kind()),
               static_cast<unsigned long long>(stats.out_of_order), static_cast<unsigned long long>(scorer.gaps()),
               static_cast<unsigned long long>(stats.bad_time + stats.bad_value + stats.broken),
               static_cast<unsigned long long>(stats.bad_time), static_cast<unsigned long long>(stats.bad_value),
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
  app->add_option("--alarm-score", flags->options.detector.alarm_score, "-log10 tail probability that raises an alert")
      ->capture_default_str();
  app->add_option("--min-ratio", flags->options.detector.min_ratio, "An alert needs the window at least this many times its expected value")
      ->capture_default_str();
  app->add_option("--window", flags->options.detector.window_buckets, "Buckets summed for the test")->capture_default_str();
  app->add_option("--refractory-hours", flags->options.refractory_hours, "No new alert this long after one")
      ->capture_default_str();
  app->add_option("--rarity-quantile", flags->options.rarity_quantile,
                  "An alert needs a surprise above this quantile of the recent daily maximum surprises")
      ->capture_default_str();
  app->add_option("--rarity-days", flags->options.rarity_days, "Days of daily maxima behind the quantile")
      ->capture_default_str();
  app->add_option("--kind", flags->kind, "auto (from the first rows), counts or continuous")
      ->check(CLI::IsMember({"auto", "counts", "continuous"}))
      ->capture_default_str();
  app->add_option("--tail-expect", flags->options.tail_expectation,
                  "Continuous: alert when fewer past rows than this are expected to be as extreme")
      ->capture_default_str();
  app->add_option("--tail-bandwidth", flags->options.tail_bandwidth,
                  "Continuous: past extremes near a value count towards its expectation, each spread over this x the "
                  "spread of the tail (0 = off)")
      ->capture_default_str();
  app->add_option("--tail-size", flags->options.tail_size, "Continuous: tail fitted to this x sqrt(n) most extreme values")
      ->capture_default_str();
  app->add_option("--smooth-rows", flags->options.smooth_rows, "Continuous: rows in the short mean")->capture_default_str();
  app->add_option("--season-rows", flags->options.season_rows, "Continuous: rows in the means compared a day apart")
      ->capture_default_str();
  app->add_option("--quiet-rows", flags->options.quiet_rows, "Continuous: rows after an alert without another")
      ->capture_default_str();
  app->add_option("--warmup-rows", flags->options.warmup_rows,
                  "Continuous: the bar is lowered in proportion until this many rows are in (0 = off)")
      ->capture_default_str();
  app->add_option("--gap-hours", flags->options.gap_hours, "A gap longer than this restarts the stale state")
      ->capture_default_str();
  app->add_option("--tz", state.input.tz, "Zone of times without one: an offset (+08:00) or an IANA name (Asia/Shanghai)")->capture_default_str();
  app->callback([exit_code, flags, own] { *exit_code = Run(*flags, *own); });
}

}  // namespace bengle::cli
