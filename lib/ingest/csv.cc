#include "ingest/csv.h"

namespace bengle::internal {

CsvReader::Outcome CsvReader::Next() {
  std::string_view line;
  bool too_long = false;
  // Skip blank lines between records.
  do {
    if (!lines_->Next(&line, &too_long)) return Outcome::kEnd;
  } while (!too_long && line.empty());
  first_line_ = lines_->line_number();
  too_long_ = false;
  error_.clear();
  raw_.clear();
  storage_.clear();
  spans_.clear();
  fields_.clear();

  // State machine over the record, pulling more physical lines while a quoted
  // field is open.
  enum class St { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  St st = St::kFieldStart;
  size_t field_begin = 0;
  for (;;) {
    if (too_long || raw_.size() + line.size() > max_record_) {
      too_long_ = true;
      error_ = "record longer than the limit of " + std::to_string(max_record_) + " bytes";
      // Skip the rest of an open quoted record, line by line, bounded.
      while (st == St::kQuoted) {
        if (!lines_->Next(&line, &too_long)) break;
        if (too_long) continue;
        size_t quotes = 0;
        for (char c : line) quotes += c == '"';
        if (quotes % 2 == 1) st = St::kFieldStart;
      }
      return Outcome::kBad;
    }
    if (!raw_.empty() || st == St::kQuoted) raw_.push_back('\n');
    const size_t base = raw_.size();
    raw_.append(line);
    for (size_t i = base; i < raw_.size(); ++i) {
      const char c = raw_[i];
      switch (st) {
        case St::kFieldStart:
          field_begin = storage_.size();
          if (c == '"') {
            st = St::kQuoted;
          } else if (c == ',') {
            spans_.emplace_back(field_begin, 0);
          } else {
            storage_.push_back(c);
            st = St::kUnquoted;
          }
          break;
        case St::kUnquoted:
          if (c == ',') {
            spans_.emplace_back(field_begin, storage_.size() - field_begin);
            st = St::kFieldStart;
          } else {
            storage_.push_back(c);  // a stray quote inside an unquoted field is kept as text
          }
          break;
        case St::kQuoted:
          if (c == '"') {
            st = St::kQuoteInQuoted;
          } else {
            storage_.push_back(c);
          }
          break;
        case St::kQuoteInQuoted:
          if (c == '"') {
            storage_.push_back('"');
            st = St::kQuoted;
          } else if (c == ',') {
            spans_.emplace_back(field_begin, storage_.size() - field_begin);
            st = St::kFieldStart;
          } else {
            error_ = "unexpected character after a closing quote in field " + std::to_string(spans_.size() + 1);
            return Outcome::kBad;
          }
          break;
      }
    }
    if (st != St::kQuoted) break;
    // Newline inside a quoted field: it belongs to the field.
    storage_.push_back('\n');
    if (!lines_->Next(&line, &too_long)) {
      error_ = "unterminated quoted field " + std::to_string(spans_.size() + 1) + " at end of input";
      return Outcome::kBad;
    }
  }
  spans_.emplace_back(field_begin, st == St::kFieldStart ? 0 : storage_.size() - field_begin);
  for (const auto& [b, n] : spans_) fields_.emplace_back(storage_.data() + b, n);
  return Outcome::kRecord;
}

}  // namespace bengle::internal
