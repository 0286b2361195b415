// bengle series FILE.csv: anomaly score for a plain timestamp,value series.
#include <cmath>
#include <cstdlib>

#include "bengle/detect.h"
#include "cli_commands.h"
#include "ingest/byte_source.h"
#include "ingest/csv.h"

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
SeriesFlags g_series;

int Run(CommandState& state) {
  Result<int> offset = ParseUtcOffset(state.input.tz);
  if (!offset.ok()) {
    std::fprintf(stderr, "bengle series: --tz: %s\n", offset.status().message().c_str());
    return kExitUsage;
  }
  const std::string path = g_series.file.empty() ? "-" : g_series.file;
  auto src = internal::OpenByteSource(path);
  if (!src.ok()) {
    std::fprintf(stderr, "bengle series: %s\n", src.status().message().c_str());
    return kExitInput;
  }
  internal::LineReader lines(std::move(*src), size_t{1} << 20);
  internal::CsvReader csv(&lines, size_t{1} << 20);
  FILE* out = stdout;
  if (!g_series.output.empty() && !(out = std::fopen(g_series.output.c_str(), "w"))) {
    std::fprintf(stderr, "bengle series: cannot write %s\n", g_series.output.c_str());
    return kExitInput;
  }
  SeriesOptions so;
  so.bucket_ms = static_cast<int64_t>(g_series.bucket_minutes) * 60000;
  so.detector.alarm_score = g_series.alarm_score;
  so.detector.min_ratio = g_series.min_ratio;
  so.detector.window_buckets = g_series.window;
  so.refractory_hours = g_series.refractory_hours;
  so.rarity_quantile = g_series.rarity_quantile;
  so.rarity_days = g_series.rarity_days;
  SeriesScorer scorer(so);
  bool header = true;
  uint64_t rows = 0, bad_value = 0, bad_time = 0, out_of_order = 0, broken = 0;
  UnixMillis last = 0;
  bool any = false;
  std::string buf;
  for (;;) {
    auto r = csv.Next();
    if (r == internal::CsvReader::Outcome::kEnd) break;
    const uint64_t line = csv.first_line();
    auto bad = [&](uint64_t* counter, const std::string& why) {
      ++*counter;
      std::fprintf(stderr, "%s:%llu: %s\n", path.c_str(), static_cast<unsigned long long>(line), why.c_str());
    };
    if (r == internal::CsvReader::Outcome::kBad || csv.fields().size() < 2) {
      if (header) {
        std::fprintf(stderr, "bengle series: %s:%llu: bad header\n", path.c_str(), static_cast<unsigned long long>(line));
        return kExitInput;
      }
      bad(&broken, r == internal::CsvReader::Outcome::kBad ? "broken CSV: " + csv.error() : "fewer than two columns");
      continue;
    }
    const auto& f = csv.fields();
    if (header) {
      header = false;
      buf.assign(f[0]);
      buf += ',';
      buf.append(f[1]);
      buf += ",anomaly_score\n";
      std::fputs(buf.c_str(), out);
      continue;
    }
    Result<UnixMillis> t = ParseTime(f[0], *offset);
    if (!t.ok()) {
      bad(&bad_time, t.status().message());
      continue;
    }
    std::string v(f[1]);
    char* end = nullptr;
    const double value = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(value)) {
      bad(&bad_value, "value '" + v.substr(0, 32) + "' is not a number");
      continue;
    }
    if (any && *t < last) {
      bad(&out_of_order, "time " + std::string(f[0]) + " is earlier than the previous row's");
      continue;
    }
    any = true;
    last = *t;
    ++rows;
    const double score = scorer.Add(*t, value);
    buf.assign(f[0]);
    buf += ',';
    buf += v;
    char num[32];
    std::snprintf(num, sizeof num, ",%.6f\n", score);
    buf += num;
    std::fputs(buf.c_str(), out);
  }
  if (out != stdout) std::fclose(out);
  std::fprintf(stderr, "bengle series: %llu rows scored; skipped %llu bad time, %llu bad value, %llu out of order, %llu broken\n",
               static_cast<unsigned long long>(rows), static_cast<unsigned long long>(bad_time),
               static_cast<unsigned long long>(bad_value), static_cast<unsigned long long>(out_of_order),
               static_cast<unsigned long long>(broken));
  return lines.status().ok() ? kExitOk : kExitInput;
}

}  // namespace

void RegisterSeries(CLI::App& root, CommandState& state) {
  CLI::App* app = root.add_subcommand(
      "series", "Anomaly score for a timestamp,value CSV: the same rows plus anomaly_score in [0,1] (0.5 = alert)");
  app->add_option("FILE", g_series.file, "CSV with a header; first two columns timestamp and value ('-' = stdin)");
  app->add_option("-o,--output", g_series.output, "Write here instead of standard output");
  app->add_option("--bucket-minutes", g_series.bucket_minutes, "Bucket length; 0 = from the rows' spacing")
      ->capture_default_str();
  app->add_option("--alarm-score", g_series.alarm_score, "-log10 tail probability that raises an alert")
      ->capture_default_str();
  app->add_option("--min-ratio", g_series.min_ratio, "An alert needs the window at least this many times its expected value")
      ->capture_default_str();
  app->add_option("--window", g_series.window, "Buckets summed for the test")->capture_default_str();
  app->add_option("--refractory-hours", g_series.refractory_hours, "No new alert this long after one")
      ->capture_default_str();
  app->add_option("--rarity-quantile", g_series.rarity_quantile,
                  "An alert needs a surprise above this quantile of the recent daily maximum surprises")
      ->capture_default_str();
  app->add_option("--rarity-days", g_series.rarity_days, "Days of daily maxima behind the quantile")
      ->capture_default_str();
  app->add_option("--tz", state.input.tz, "UTC offset for times without one")->capture_default_str();
  app->callback([&state] { state.exit_code = Run(state); });
}

}  // namespace bengle::cli
