// ReadCsvSeries() (ingest.h).
#include <cmath>
#include <cstdlib>

#include "bengle/ingest.h"
#include "ingest/byte_source.h"
#include "ingest/csv.h"

namespace bengle {

Status ReadCsvSeries(const std::string& path, const CsvSeriesOptions& options,
                     const std::function<void(std::string_view time_name, std::string_view value_name)>& on_header,
                     const std::function<void(const CsvSeriesRow& row)>& on_row, CsvSeriesStats* stats) {
  *stats = CsvSeriesStats();
  auto src = internal::OpenByteSource(path);
  if (!src.ok()) return src.status();
  internal::LineReader lines(std::move(*src), options.max_record_bytes);
  internal::CsvReader csv(&lines, options.max_record_bytes);
  bool header = true, any = false;
  UnixMillis last = 0;
  std::string value_text;
  for (;;) {
    const auto r = csv.Next();
    if (r == internal::CsvReader::Outcome::kEnd) break;
    const uint64_t line = csv.first_line();
    auto bad = [&](uint64_t* counter, const std::string& why, std::string_view time_text, std::string_view value) {
      ++*counter;
      if (options.on_bad) options.on_bad(path + ":" + std::to_string(line) + ": " + why);
      if (options.pass_bad_rows && on_row) {
        CsvSeriesRow row;
        row.time_text = time_text;
        row.value_text = value;
        row.line = line;
        row.valid = false;
        on_row(row);
      }
    };
    if (r == internal::CsvReader::Outcome::kBad || csv.fields().size() < 2) {
      if (header) return Status::InvalidArgument(path + ":" + std::to_string(line) + ": bad header");
      const bool broken = r == internal::CsvReader::Outcome::kBad;
      const std::string_view first = !broken && !csv.fields().empty() ? std::string_view(csv.fields()[0]) : std::string_view();
      bad(&stats->broken, broken ? "broken CSV: " + csv.error() : "fewer than two columns", first, {});
      continue;
    }
    const auto& f = csv.fields();
    if (header) {
      header = false;
      if (on_header) on_header(f[0], f[1]);
      continue;
    }
    Result<UnixMillis> t =
        options.zone ? ParseTime(f[0], *options.zone) : ParseTime(f[0], options.default_offset_minutes);
    if (!t.ok()) {
      bad(&stats->bad_time, t.status().message(), f[0], f[1]);
      continue;
    }
    value_text.assign(f[1]);
    char* end = nullptr;
    const double value = std::strtod(value_text.c_str(), &end);
    if (value_text.empty() || end != value_text.c_str() + value_text.size() || !std::isfinite(value)) {
      bad(&stats->bad_value, "value '" + value_text.substr(0, 32) + "' is not a number", f[0], value_text);
      continue;
    }
    const bool late = any && *t < last;
    if (late) {
      ++stats->out_of_order;
    } else {
      any = true;
      last = *t;
    }
    ++stats->rows;
    if (on_row) on_row(CsvSeriesRow{*t, value, f[0], value_text, line, true, late});
  }
  return lines.status();
}

}  // namespace bengle
