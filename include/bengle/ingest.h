// Reading posts: JSON Lines and CSV, plain or gzip, files or standard input.
//
// PostReader is a pull-style source (like leveldb::Iterator): call Next() until
// it returns false. Memory stays constant whatever the input size: input is
// read in blocks and records are parsed one at a time.
//
// A bad record never stops reading. It is skipped, counted by reason in
// ReadStats, and reported through ReadOptions::on_bad_record as
// "file:line: reason". Only an input that cannot be read at all (missing file,
// damaged gzip stream, CSV without the required columns) sets status().
//
// Thread safety: a PostReader is used by one thread at a time. Distinct
// readers are independent.
#ifndef BENGLE_INGEST_H_
#define BENGLE_INGEST_H_

#include <array>
#include <cstddef>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bengle/export.h"
#include "bengle/status.h"
#include "bengle/time.h"

namespace bengle {

// One post as read from the input (fields of README "Interfaces").
struct Post {
  std::string id;             // integer ids are kept as their decimal text
  UnixMillis created_at = 0;  // UTC
  std::string text;           // UTF-8, as written (not normalized)
  std::string user;           // empty when absent
  std::optional<int64_t> reposts;
  std::string source;         // empty when absent
  std::string region;         // the author's region as the platform shows it ("广东"); empty when absent
  uint64_t line = 0;          // first input line of the record (1-based)
  uint32_t file_index = 0;    // index into the paths given to PostReader::Open
};

enum class InputFormat {
  kAuto,   // from the file name (.jsonl/.ndjson/.json, .csv; after .gz), else sniffed
  kJsonl,  // one JSON object per line
  kCsv,    // RFC 4180 with a header row
};

// Why a record was skipped.
enum class BadRecord : int {
  kBrokenJson = 0,  // not a JSON object, syntax error, trailing garbage
  kBrokenCsv,       // wrong field count, unterminated quote, text after a closing quote
  kMissingField,    // id, created_at or text absent (or null)
  kWrongType,       // a field of the wrong JSON type (e.g. text is a number)
  kInvalidUtf8,     // the record is not valid UTF-8
  kBadTime,         // created_at is not one of the accepted time forms
  kNulByte,         // a NUL byte (raw or escaped) in the record
  kLineTooLong,     // the record exceeds ReadOptions::max_record_bytes
  kDuplicateId,     // the id was already read in this run
};
inline constexpr int kBadRecordKinds = 9;

// "broken_json", "broken_csv", "missing_field", "wrong_type", "invalid_utf8",
// "bad_time", "nul_byte", "line_too_long", "duplicate_id".
BENGLE_EXPORT const char* BadRecordName(BadRecord kind);

struct ReadStats {
  uint64_t records = 0;  // records seen, good and bad (blank lines are not records)
  uint64_t posts = 0;    // posts handed out by Next()
  uint64_t bytes = 0;    // uncompressed input bytes consumed
  uint64_t input_bytes = 0;  // bytes read from the inputs as stored (gzip: compressed), for progress
  std::array<uint64_t, kBadRecordKinds> bad{};  // skipped records, by BadRecord

  uint64_t skipped() const {
    uint64_t n = 0;
    for (uint64_t v : bad) n += v;
    return n;
  }
  uint64_t count(BadRecord kind) const { return bad[static_cast<int>(kind)]; }
  // "12 skipped: 3 broken_json, 9 duplicate_id" or "0 skipped".
  BENGLE_EXPORT std::string Summary() const;
};

// A skipped record, as passed to ReadOptions::on_bad_record.
struct ReadIssue {
  std::string_view file;  // the path as given ("-" for standard input)
  uint64_t line = 0;      // 1-based
  BadRecord kind = BadRecord::kBrokenJson;
  std::string_view reason;  // e.g. "missing field 'created_at'"
  // "file:line: reason"
  BENGLE_EXPORT std::string ToString() const;
};

struct ReadOptions {
  // Input format for every path. Default: kAuto.
  InputFormat format = InputFormat::kAuto;
  // Offset east of UTC, in minutes, for times written without one.
  // Default: 480 (+08:00, China Standard Time).
  int default_utc_offset_minutes = 480;
  // When set, zone-less times are read in this zone instead (an IANA zone
  // follows its daylight-saving rules). Default: none.
  std::optional<TimeZone> zone;
  // Longest record accepted, in bytes; a longer one is skipped as kLineTooLong
  // without being held in memory. Default: 1 MiB. REQUIRES: >= 1024.
  size_t max_record_bytes = size_t{1} << 20;
  // Skip (and count as kDuplicateId) a post whose id was already read in this
  // run, across all paths. Costs 8 bytes of memory per distinct id (about
  // 16 bytes with the hash table's slack). Default: true.
  bool skip_duplicate_ids = true;
  // Called once per skipped record, in input order. Default: none (the record
  // is only counted).
  std::function<void(const ReadIssue&)> on_bad_record;
  // Character encoding of every input: "utf-8", "gb18030" (also right for
  // GBK and GB2312 files; "gbk" and "gb2312" are accepted as names), "big5",
  // or "auto": per input, a UTF-8 BOM or valid UTF-8 in the first 64 KiB
  // means UTF-8, else ICU's charset detector chooses GB18030 or Big5 (UTF-8
  // when it recognizes neither). Other encodings are converted to UTF-8 line
  // by line; a byte sequence not valid in the encoding skips its record as
  // kInvalidUtf8. Default: "auto".
  std::string encoding = "auto";
  // Called once per input when "auto" chose an encoding other than UTF-8,
  // with the input's name, the encoding chosen and the detector's confidence
  // (0..100). Default: none.
  std::function<void(std::string_view file, std::string_view encoding, int confidence)> on_encoding;
  // CSV only: the header name of a field, for headers that do not use the
  // field names themselves, e.g. {{"id", "mid"}, {"created_at", "发布时间"},
  // {"text", "微博正文"}}. Keys are field names (id, created_at, text, user,
  // reposts, source, region); a field not listed is looked up under its own name.
  // Default: empty.
  std::vector<std::pair<std::string, std::string>> csv_columns;
  // Follow regular files as they grow, like `tail -F`: at the end of a file
  // the reader waits for more (WouldWait() is true meanwhile); a file
  // truncated is read again from its start; a file replaced at its path
  // (log rotation) is read to its end, then the new one. Only `stop` ends
  // such a read. Default: false.
  bool follow = false;
  // When set, a reader waiting for input (a pipe, a socket, a followed file)
  // ends as at the end of its input within 100 ms of *stop turning true
  // (what a signal handler sets). Default: none.
  const std::atomic<bool>* stop = nullptr;
};

class BENGLE_EXPORT PostReader {
 public:
  // Reads `paths` one after the other; "-" is standard input. Gzip input is
  // recognized by its magic bytes. Returns NotFound/IOError when a path cannot
  // be opened (nothing is read then).
  static Result<std::unique_ptr<PostReader>> Open(const std::vector<std::string>& paths,
                                                  const ReadOptions& options = {});
  // Reads posts from an in-memory document named `name` (used in messages).
  static Result<std::unique_ptr<PostReader>> FromString(std::string name, std::string content,
                                                        const ReadOptions& options = {});

  PostReader() = default;
  PostReader(const PostReader&) = delete;
  PostReader& operator=(const PostReader&) = delete;
  virtual ~PostReader();

  // Stores the next good post in *post (its previous contents are replaced;
  // reusing one Post avoids allocations) and returns true. Returns false when
  // the input is exhausted or a fatal error ended it; status() tells which.
  virtual bool Next(Post* post) = 0;

  // OK, or the first fatal error (the reader moves on to the next path after
  // a fatal error in one, so later paths are still read).
  virtual Status status() const = 0;

  // Counts so far.
  virtual const ReadStats& stats() const = 0;

  // The path of file_index as given to Open.
  virtual const std::string& path(uint32_t file_index) const = 0;

  // True when the next Next() may have to wait for input that has not
  // arrived yet: the input being read is a pipe, terminal or socket, and no
  // whole line of it is buffered. Regular files never wait. Lets a consumer
  // hand on what it has before it blocks (bengle classify on a live feed).
  virtual bool WouldWait() const { return false; }
};

// A plain series in CSV (what `bengle series` reads): a header, then rows
// whose first two columns are a time (the forms of ParseTime()) and a finite
// number. Bad rows (broken CSV, fewer than two columns, a bad time or value)
// are reported through `on_bad` as "path:line: reason", counted, and skipped
// (or passed on as not `valid`, see `pass_bad_rows`). A row whose time is
// earlier than the previous good row's is a good row: counted in
// `out_of_order` and passed on with `out_of_order` set.
struct CsvSeriesOptions {
  // Zone of times without one, minutes east of UTC. Default: 480 (+08:00).
  int default_offset_minutes = kChinaUtcOffsetMinutes;
  // When set, the zone of times without one instead. Default: none.
  std::optional<TimeZone> zone;
  // Longest record accepted, bytes. Default: 1 MiB.
  size_t max_record_bytes = size_t{1} << 20;
  // Called for each bad row with "path:line: reason". Default: none.
  std::function<void(const std::string& message)> on_bad;
  // Also pass bad rows to `on_row` (not `valid`, texts as far as they could
  // be read), so that every data row of the input gets an output row.
  // Default: false.
  bool pass_bad_rows = false;
};

struct CsvSeriesRow {
  UnixMillis time = 0;
  double value = 0;
  std::string_view time_text, value_text;  // as written (valid during the callback)
  uint64_t line = 0;
  bool valid = true;          // false: a bad row passed on (pass_bad_rows); time and value are 0
  bool out_of_order = false;  // the time is earlier than the previous good row's
};

struct CsvSeriesStats {
  uint64_t rows = 0;          // good rows, out of order or not
  uint64_t out_of_order = 0;  // good rows earlier than the previous good row
  uint64_t bad_time = 0, bad_value = 0, broken = 0;
};

// Reads `path` ("-" = standard input; gzip recognized). `on_header` gets the
// first two header names, `on_row` each good row in order (empty input is
// no rows). Returns InvalidArgument for a bad header, IOError when the file
// cannot be read; *stats holds the counts either way.
BENGLE_EXPORT Status ReadCsvSeries(const std::string& path, const CsvSeriesOptions& options,
                                   const std::function<void(std::string_view time_name, std::string_view value_name)>& on_header,
                                   const std::function<void(const CsvSeriesRow& row)>& on_row, CsvSeriesStats* stats);

}  // namespace bengle

#endif  // BENGLE_INGEST_H_
