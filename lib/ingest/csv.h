// RFC 4180 CSV records over a LineReader: quoted fields, doubled quotes,
// newlines inside quotes. Internal; not installed. Not thread-safe.
#ifndef BENGLE_LIB_INGEST_CSV_H_
#define BENGLE_LIB_INGEST_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/byte_source.h"

namespace bengle::internal {

class CsvReader {
 public:
  enum class Outcome { kRecord, kBad, kEnd };

  CsvReader(LineReader* lines, size_t max_record) : lines_(lines), max_record_(max_record) {}

  // Reads the next record. kRecord: fields() holds it. kBad: error() says why
  // (the record is skipped; reading can go on). kEnd: no more input (or a read
  // error: see the LineReader's status). Blank lines are skipped.
  Outcome Next();

  const std::vector<std::string_view>& fields() const { return fields_; }
  const std::string& error() const { return error_; }
  bool too_long() const { return too_long_; }
  uint64_t first_line() const { return first_line_; }
  // The whole record's raw bytes (for UTF-8 and NUL checks).
  std::string_view raw() const { return raw_; }

 private:
  LineReader* lines_;
  size_t max_record_;
  std::string raw_;      // the record's physical lines joined by '\n'
  std::string storage_;  // unescaped field contents
  std::vector<std::string_view> fields_;
  std::vector<std::pair<size_t, size_t>> spans_;
  std::string error_;
  bool too_long_ = false;
  uint64_t first_line_ = 0;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_INGEST_CSV_H_
