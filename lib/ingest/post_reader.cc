#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "bengle/ingest.h"
#include "ingest/byte_source.h"
#include "ingest/csv.h"
#include "ingest/encoding.h"
#include "ingest/id_set.h"
#include "util/utf8.h"

namespace bengle {

const char* BadRecordName(BadRecord kind) {
  switch (kind) {
    case BadRecord::kBrokenJson: return "broken_json";
    case BadRecord::kBrokenCsv: return "broken_csv";
    case BadRecord::kMissingField: return "missing_field";
    case BadRecord::kWrongType: return "wrong_type";
    case BadRecord::kInvalidUtf8: return "invalid_utf8";
    case BadRecord::kBadTime: return "bad_time";
    case BadRecord::kNulByte: return "nul_byte";
    case BadRecord::kLineTooLong: return "line_too_long";
    case BadRecord::kDuplicateId: return "duplicate_id";
  }
  return "unknown";
}

std::string ReadStats::Summary() const {
  std::string out = std::to_string(skipped()) + " skipped";
  const char* sep = ": ";
  for (int k = 0; k < kBadRecordKinds; ++k) {
    if (bad[k] == 0) continue;
    out += sep;
    out += std::to_string(bad[k]);
    out += ' ';
    out += BadRecordName(static_cast<BadRecord>(k));
    sep = ", ";
  }
  return out;
}

std::string ReadIssue::ToString() const {
  std::string out(file);
  out += ':';
  out += std::to_string(line);
  out += ": ";
  out += reason;
  return out;
}

PostReader::~PostReader() = default;

namespace {

using internal::CsvReader;
using internal::LineReader;

// Why a record failed, before it is reported.
struct Problem {
  BadRecord kind;
  std::string reason;
};

enum Field { kId, kCreatedAt, kText, kUser, kReposts, kSource, kRegion, kNumFields };
constexpr const char* kFieldNames[kNumFields] = {"id", "created_at", "text", "user", "reposts", "source", "region"};

// Other names a CSV header gives each field, tried in this order when the
// field's own name is not there (README, "Input").
const std::vector<std::string_view> kFieldSynonyms[kNumFields] = {
    {"mid", "微博id", "weibo_id", "post_id", "status_id"},
    {"发布时间", "created_time", "create_time", "publish_time", "time", "timestamp", "时间", "date", "日期"},
    {"微博正文", "正文", "微博内容", "内容", "content", "text_raw", "full_text"},
    {"user_id", "用户id", "uid", "用户昵称", "昵称", "screen_name", "user_name", "username", "nickname", "author"},
    {"转发数", "reposts_count", "retweet_count"},
    {"发布工具", "来源"},
    {"ip属地", "ip_location", "地区"},
};

// A JSON number as written (simdjson's raw token keeps the spaces after it).
std::string_view NumberText(simdjson::ondemand::value& v) { return internal::TrimAsciiSpace(v.raw_json_token()); }

bool EqualsAsciiCaseless(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

InputFormat FormatFromName(std::string_view path) {
  if (path.ends_with(".gz")) path.remove_suffix(3);
  if (path.ends_with(".csv") || path.ends_with(".CSV")) return InputFormat::kCsv;
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson") || path.ends_with(".json") ||
      path.ends_with(".JSONL")) {
    return InputFormat::kJsonl;
  }
  return InputFormat::kAuto;
}

bool IsIntegerText(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

class Reader final : public PostReader {
 public:
  Reader(std::vector<std::string> paths, ReadOptions options)
      : paths_(std::move(paths)), options_(std::move(options)) {}

  // Checks the options that can be wrong (encoding, column names).
  Status Init() {
    Status s = internal::ParseEncodingName(options_.encoding, &encoding_, &detect_encoding_);
    if (!s.ok()) return s;
    header_names_.fill("");
    for (int f = 0; f < kNumFields; ++f) header_names_[f] = kFieldNames[f];
    for (const auto& [field, header] : options_.csv_columns) {
      int f = 0;
      while (f < kNumFields && field != kFieldNames[f]) ++f;
      if (f == kNumFields) {
        return Status::InvalidArgument("unknown field '" + field +
                                       "' in the column mapping (id, created_at, text, user, reposts, source, region)");
      }
      if (header.empty()) return Status::InvalidArgument("empty column name for field '" + field + "'");
      header_names_[f] = header;
    }
    return Status::OK();
  }

  void SetInMemory(std::string content) { in_memory_ = std::move(content); }

  bool Next(Post* post) override {
    for (;;) {
      if (!lines_ && !OpenNext()) return false;
      std::optional<Problem> problem;
      bool got = format_ == InputFormat::kCsv ? NextCsv(post, &problem) : NextJson(post, &problem);
      if (!got) {
        if (!lines_->status().ok() && status_.ok()) status_ = lines_->status();
        stats_.bytes += lines_->bytes_consumed();
        stats_.input_bytes += lines_->raw_bytes();
        csv_.reset();
        lines_.reset();
        ++file_;
        continue;
      }
      ++stats_.records;
      if (!problem && options_.skip_duplicate_ids && !ids_.Insert(post->id)) {
        problem = Problem{BadRecord::kDuplicateId, "duplicate id '" + post->id.substr(0, 64) + "'"};
      }
      if (problem) {
        Report(problem->kind, record_line_, problem->reason);
        continue;
      }
      post->line = record_line_;
      post->file_index = static_cast<uint32_t>(file_);
      ++stats_.posts;
      return true;
    }
  }

  Status status() const override { return status_; }
  const ReadStats& stats() const override {
    if (lines_) {
      live_stats_ = stats_;
      live_stats_.bytes += lines_->bytes_consumed();
      live_stats_.input_bytes += lines_->raw_bytes();
      return live_stats_;
    }
    return stats_;
  }
  const std::string& path(uint32_t i) const override { return paths_.at(i); }
  bool WouldWait() const override { return lines_ != nullptr && lines_->WouldWait(); }

 private:
  void Report(BadRecord kind, uint64_t line, std::string_view reason) {
    ++stats_.bad[static_cast<int>(kind)];
    if (options_.on_bad_record) options_.on_bad_record(ReadIssue{paths_[file_], line, kind, reason});
  }

  // Opens paths_[file_]; on failure records the status and moves on.
  bool OpenNext() {
    while (file_ < paths_.size()) {
      std::unique_ptr<internal::ByteSource> src;
      if (in_memory_) {
        src = internal::StringByteSource(std::move(*in_memory_), paths_[file_]);
        in_memory_.reset();
      } else {
        internal::SourceOptions so;
        so.follow = options_.follow;
        so.stop = options_.stop;
        Result<std::unique_ptr<internal::ByteSource>> r = internal::OpenByteSource(paths_[file_], so);
        if (!r.ok()) {
          if (status_.ok()) status_ = r.status();
          ++file_;
          continue;
        }
        src = std::move(*r);
      }
      lines_ = std::make_unique<LineReader>(std::move(src), options_.max_record_bytes);
      if (!SetUpEncoding()) {
        lines_.reset();
        ++file_;
        continue;
      }
      format_ = options_.format != InputFormat::kAuto ? options_.format : FormatFromName(paths_[file_]);
      if (format_ == InputFormat::kAuto) {  // sniff: JSON Lines start with '{'
        format_ = lines_->PeekFirstByte() == '{' ? InputFormat::kJsonl : InputFormat::kCsv;
      }
      if (format_ == InputFormat::kCsv) {
        csv_ = std::make_unique<CsvReader>(lines_.get(), options_.max_record_bytes);
        columns_.fill(-1);
        header_read_ = false;
      }
      return true;
    }
    return false;
  }

  // Chooses the encoding of paths_[file_] and installs its converter.
  bool SetUpEncoding() {
    internal::Encoding enc = encoding_;
    if (detect_encoding_) {
      internal::DetectedEncoding d = internal::DetectEncoding(lines_->PeekHead(kSniffBytes));
      enc = d.encoding;
      if (d.by_detector && options_.on_encoding) {
        options_.on_encoding(paths_[file_], internal::EncodingName(enc), d.confidence);
      }
    }
    if (enc == internal::Encoding::kUtf8) return true;
    Result<std::unique_ptr<internal::LineConverter>> conv = internal::LineConverter::Open(enc);
    if (!conv.ok()) {
      if (status_.ok()) status_ = Status::Unavailable(paths_[file_] + ": " + conv.status().message());
      return false;
    }
    lines_->SetConverter(std::move(*conv));
    return true;
  }

  // ---- JSON Lines -------------------------------------------------------
  bool NextJson(Post* post, std::optional<Problem>* problem) {
    std::string_view line;
    bool too_long = false;
    for (;;) {
      if (!lines_->Next(&line, &too_long)) return false;
      if (too_long) break;
      size_t k = 0;
      while (k < line.size() && internal::IsAsciiSpace(line[k])) ++k;
      if (k < line.size()) break;  // blank lines are not records
    }
    record_line_ = lines_->line_number();
    if (too_long) {
      *problem = Problem{BadRecord::kLineTooLong,
                         "line longer than the limit of " + std::to_string(options_.max_record_bytes) + " bytes"};
      return true;
    }
    ParseJson(line, post, problem);
    return true;
  }

  void ParseJson(std::string_view line, Post* post, std::optional<Problem>* problem) {
    if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
      *problem = Problem{BadRecord::kNulByte, "NUL byte in the line"};
      return;
    }
    size_t first = 0;
    while (first < line.size() && internal::IsAsciiSpace(line[first])) ++first;
    if (first == line.size() || line[first] != '{') {
      *problem = Problem{BadRecord::kBrokenJson, "broken JSON: the line is not a JSON object"};
      return;
    }
    using namespace simdjson;
    ondemand::document doc;
    auto fail = [&](error_code e, const char* where) {
      if (e == UTF8_ERROR) {
        *problem = Problem{BadRecord::kInvalidUtf8, "invalid UTF-8"};
      } else {
        *problem = Problem{BadRecord::kBrokenJson, std::string("broken JSON") + where + ": " + error_message(e)};
      }
    };
    error_code e = parser_.iterate(line.data(), line.size(), line.size() + LineReader::kPadding).get(doc);
    if (e) return fail(e, "");
    ondemand::object obj;
    ondemand::json_type type;
    if ((e = doc.type().get(type))) return fail(e, "");
    if (type != ondemand::json_type::object) {
      *problem = Problem{BadRecord::kBrokenJson, "broken JSON: the line is not a JSON object"};
      return;
    }
    if ((e = doc.get_object().get(obj))) return fail(e, "");
    bool seen[kNumFields] = {};
    post->user.clear();
    post->source.clear();
    post->region.clear();
    post->reposts.reset();
    for (auto field_result : obj) {
      ondemand::field field;
      if ((e = std::move(field_result).get(field))) return fail(e, "");
      std::string_view key;
      if ((e = field.unescaped_key().get(key))) return fail(e, " in a key");
      int f = 0;
      while (f < kNumFields && key != kFieldNames[f]) ++f;
      if (f == kNumFields && key == "reposts_count") f = kReposts;  // the Weibo API's name
      if (f == kNumFields) continue;  // unknown fields are ignored (and skipped by the iterator)
      ondemand::value v = field.value();
      if ((e = v.type().get(type))) return fail(e, "");
      if (type == ondemand::json_type::null) {
        if ((e = v.is_null().error())) return fail(e, "");
        continue;  // null is the same as absent
      }
      seen[f] = true;
      if (!ReadJsonField(static_cast<Field>(f), v, type, post, problem)) {
        if (!*problem) fail(UNEXPECTED_ERROR, "");
        return;
      }
    }
    if (doc.current_location().error() != OUT_OF_BOUNDS) {
      *problem = Problem{BadRecord::kBrokenJson, "broken JSON: trailing content after the object"};
      return;
    }
    for (int f : {kId, kCreatedAt, kText}) {
      if (!seen[f]) {
        *problem = Problem{BadRecord::kMissingField, std::string("missing field '") + kFieldNames[f] + "'"};
        return;
      }
    }
    if (std::memchr(post->text.data(), '\0', post->text.size()) || std::memchr(post->id.data(), '\0', post->id.size()) ||
        std::memchr(post->user.data(), '\0', post->user.size())) {
      *problem = Problem{BadRecord::kNulByte, "NUL character (\\u0000) in a field"};
    }
  }

  static Problem WrongType(Field f, const char* expected) {
    return Problem{BadRecord::kWrongType, std::string("field '") + kFieldNames[f] + "' must be " + expected};
  }

  // A string value; on failure *problem says why. simdjson reports a \u
  // escape that is not a whole character (a lone surrogate, "\ud800") as a
  // string error: it is invalid UTF-8, not broken JSON.
  static bool GetString(simdjson::ondemand::value& v, std::string_view* s, std::optional<Problem>* problem) {
    const std::string_view raw = v.raw_json_token();  // before get_string(), which consumes the value
    const simdjson::error_code e = v.get_string().get(*s);
    if (!e) return true;
    if (e == simdjson::UTF8_ERROR || (e == simdjson::STRING_ERROR && HasSurrogateEscape(raw))) {
      *problem = Problem{BadRecord::kInvalidUtf8, "invalid UTF-8: a \\u escape that is not a whole character "
                                                  "(a lone surrogate such as \\ud800)"};
    } else if (e == simdjson::STRING_ERROR) {
      *problem = Problem{BadRecord::kBrokenJson, "broken JSON: a bad escape in a string"};
    } else {
      *problem = Problem{BadRecord::kBrokenJson, std::string("broken JSON: ") + simdjson::error_message(e)};
    }
    return false;
  }
  // Whether a JSON string token holds a \uD800-\uDFFF escape.
  static bool HasSurrogateEscape(std::string_view raw) {
    for (size_t i = 0; i + 3 < raw.size(); ++i) {
      if (raw[i] == '\\' && raw[i + 1] == 'u' && (raw[i + 2] == 'd' || raw[i + 2] == 'D')) {
        const char c = raw[i + 3];
        if ((c >= '8' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) return true;
      }
      if (raw[i] == '\\') ++i;  // skip the escaped character ("\\u..." is no escape)
    }
    return false;
  }

  bool ReadJsonField(Field f, simdjson::ondemand::value& v, simdjson::ondemand::json_type type, Post* post,
                     std::optional<Problem>* problem) {
    using simdjson::ondemand::json_type;
    std::string_view s;
    switch (f) {
      case kId:
        if (type == json_type::string) {
          if (!GetString(v, &s, problem)) return false;
          if (s.empty()) {
            *problem = Problem{BadRecord::kMissingField, "missing field 'id' (empty string)"};
            return false;
          }
          post->id.assign(s);
          return true;
        }
        if (type == json_type::number) {
          const std::string_view raw = NumberText(v);
          if (!IsIntegerText(raw)) {
            *problem = WrongType(f, "a string or an integer");
            return false;
          }
          post->id.assign(raw);
          return true;
        }
        *problem = WrongType(f, "a string or an integer");
        return false;
      case kCreatedAt:
        if (type == json_type::string) {
          if (!GetString(v, &s, problem)) return false;
          Result<UnixMillis> t = options_.zone ? ParseTime(s, *options_.zone)
                                               : ParseTime(s, options_.default_utc_offset_minutes);
          if (!t.ok()) {
            *problem = Problem{BadRecord::kBadTime, t.status().message()};
            return false;
          }
          post->created_at = *t;
          return true;
        }
        if (type == json_type::number) {
          double d = 0;
          if (v.get_double().get(d)) return false;
          Result<UnixMillis> t = TimeFromEpochNumber(d);
          if (!t.ok()) {
            *problem = Problem{BadRecord::kBadTime, "unparseable time: " + t.status().message()};
            return false;
          }
          post->created_at = *t;
          return true;
        }
        *problem = WrongType(f, "a string or a number");
        return false;
      case kText:
      case kSource:
      case kRegion:
        if (type != json_type::string) {
          *problem = WrongType(f, "a string");
          return false;
        }
        if (!GetString(v, &s, problem)) return false;
        (f == kText ? post->text : f == kSource ? post->source : post->region).assign(s);
        return true;
      case kUser:
        if (type == json_type::string) {
          if (!GetString(v, &s, problem)) return false;
          post->user.assign(s);
          return true;
        }
        if (type == json_type::number) {
          post->user.assign(NumberText(v));
          return true;
        }
        if (type == json_type::object) {
          // The Weibo API's user object: its id (idstr, id), else its screen_name.
          simdjson::ondemand::object obj;
          if (v.get_object().get(obj)) {
            *problem = WrongType(f, "a string, a number or a user object");
            return false;
          }
          std::string id, name;
          for (auto member : obj) {
            std::string_view key;
            if (member.unescaped_key().get(key)) break;
            simdjson::ondemand::value mv;
            if (member.value().get(mv)) break;
            json_type mt;
            if (mv.type().get(mt)) break;
            if ((key == "idstr" || key == "id_str" || key == "id") && id.empty()) {
              if (mt == json_type::string) {
                std::string_view x;
                if (!mv.get_string().get(x)) id.assign(x);
              } else if (mt == json_type::number) {
                id.assign(NumberText(mv));
              }
            } else if ((key == "screen_name" || key == "name") && name.empty() && mt == json_type::string) {
              std::string_view x;
              if (!mv.get_string().get(x)) name.assign(x);
            }
          }
          post->user = !id.empty() ? std::move(id) : std::move(name);
          return true;
        }
        *problem = WrongType(f, "a string, a number or a user object");
        return false;
      case kReposts: {
        int64_t n = 0;
        if (type != json_type::number || v.get_int64().get(n)) {
          *problem = WrongType(f, "an integer");
          return false;
        }
        post->reposts = n;
        return true;
      }
      case kNumFields: break;
    }
    return false;
  }

  // ---- CSV --------------------------------------------------------------
  bool NextCsv(Post* post, std::optional<Problem>* problem) {
    for (;;) {
      CsvReader::Outcome out = csv_->Next();
      if (out == CsvReader::Outcome::kEnd) return false;
      record_line_ = csv_->first_line();
      if (!header_read_) {
        if (out == CsvReader::Outcome::kBad) return FatalCsvHeader(csv_->error());
        if (!ReadHeader()) return false;
        continue;
      }
      if (out == CsvReader::Outcome::kBad) {
        *problem = Problem{csv_->too_long() ? BadRecord::kLineTooLong : BadRecord::kBrokenCsv,
                           csv_->too_long() ? csv_->error() : "broken CSV: " + csv_->error()};
        return true;
      }
      ParseCsvRecord(post, problem);
      return true;
    }
  }

  bool FatalCsvHeader(const std::string& why) {
    if (status_.ok()) {
      status_ = Status::InvalidArgument(paths_[file_] + ":" + std::to_string(record_line_) + ": bad CSV header: " + why);
    }
    return false;
  }

  bool ReadHeader() {
    const auto& fields = csv_->fields();
    header_fields_ = fields.size();
    std::vector<std::string_view> names;
    for (std::string_view field : fields) names.push_back(internal::TrimAsciiSpace(field));
    for (size_t i = 0; i < names.size(); ++i) {
      for (int f = 0; f < kNumFields; ++f) {
        if (names[i] == header_names_[f] && columns_[f] < 0) columns_[f] = static_cast<int>(i);
      }
    }
    // A field the header does not name as such, and --columns did not map: the
    // names the usual exports give it (weibo-crawler's 微博正文 and 发布时间,
    // the API's mid and reposts_count), the first one present.
    for (int f = 0; f < kNumFields; ++f) {
      if (columns_[f] >= 0 || header_names_[f] != kFieldNames[f]) continue;
      for (std::string_view alt : kFieldSynonyms[f]) {
        for (size_t i = 0; i < names.size() && columns_[f] < 0; ++i) {
          if (EqualsAsciiCaseless(names[i], alt)) columns_[f] = static_cast<int>(i);
        }
        if (columns_[f] >= 0) break;
      }
    }
    for (int f : {kId, kCreatedAt, kText}) {
      if (columns_[f] >= 0) continue;
      std::string why = "no column '" + header_names_[f] + "'";
      if (header_names_[f] != kFieldNames[f]) why += std::string(" (the name given for field '") + kFieldNames[f] + "')";
      std::string names;
      for (size_t i = 0; i < fields.size() && i < 20; ++i) {
        names += (i ? ", " : "") + internal::CutForMessage(fields[i], 40);
      }
      if (fields.size() > 20) names += ", …";
      return FatalCsvHeader(why + " (the header has: " + names + ")");
    }
    header_read_ = true;
    return true;
  }

  void ParseCsvRecord(Post* post, std::optional<Problem>* problem) {
    std::string_view raw = csv_->raw();
    if (std::memchr(raw.data(), '\0', raw.size()) != nullptr) {
      *problem = Problem{BadRecord::kNulByte, "NUL byte in the record"};
      return;
    }
    if (!internal::IsValidUtf8(raw)) {
      *problem = Problem{BadRecord::kInvalidUtf8, "invalid UTF-8"};
      return;
    }
    const auto& fields = csv_->fields();
    if (fields.size() != header_fields_) {
      *problem = Problem{BadRecord::kBrokenCsv, "broken CSV: expected " + std::to_string(header_fields_) +
                                                    " fields as in the header, found " + std::to_string(fields.size())};
      return;
    }
    auto get = [&](Field f) -> std::string_view { return columns_[f] < 0 ? std::string_view() : fields[columns_[f]]; };
    for (int f : {kId, kCreatedAt}) {
      if (get(static_cast<Field>(f)).empty()) {
        *problem = Problem{BadRecord::kMissingField, std::string("missing field '") + kFieldNames[f] + "'"};
        return;
      }
    }
    post->id.assign(get(kId));
    Result<UnixMillis> t = options_.zone ? ParseTime(get(kCreatedAt), *options_.zone)
                                         : ParseTime(get(kCreatedAt), options_.default_utc_offset_minutes);
    if (!t.ok()) {
      *problem = Problem{BadRecord::kBadTime, t.status().message()};
      return;
    }
    post->created_at = *t;
    post->text.assign(get(kText));
    post->user.assign(get(kUser));
    post->source.assign(get(kSource));
    post->region.assign(get(kRegion));
    post->reposts.reset();
    std::string_view rp = get(kReposts);
    if (!rp.empty()) {
      if (!IsIntegerText(rp) || rp.size() > 18) {
        *problem = WrongType(kReposts, "an integer");
        return;
      }
      post->reposts = std::stoll(std::string(rp));
    }
  }

  static constexpr size_t kSniffBytes = 64 << 10;

  std::vector<std::string> paths_;
  ReadOptions options_;
  internal::Encoding encoding_ = internal::Encoding::kUtf8;
  bool detect_encoding_ = true;
  std::optional<std::string> in_memory_;
  size_t file_ = 0;
  std::unique_ptr<LineReader> lines_;
  std::unique_ptr<CsvReader> csv_;
  InputFormat format_ = InputFormat::kAuto;
  bool header_read_ = false;
  size_t header_fields_ = 0;
  std::array<int, kNumFields> columns_{};
  std::array<std::string, kNumFields> header_names_;
  uint64_t record_line_ = 0;
  simdjson::ondemand::parser parser_;
  internal::IdSet ids_;
  ReadStats stats_;
  mutable ReadStats live_stats_;
  Status status_;
};

}  // namespace

Result<std::unique_ptr<PostReader>> PostReader::Open(const std::vector<std::string>& paths,
                                                    const ReadOptions& options) {
  if (options.max_record_bytes < 1024) return Status::InvalidArgument("max_record_bytes must be at least 1024");
  auto reader = std::make_unique<Reader>(paths, options);
  Status s = reader->Init();
  if (!s.ok()) return s;
  // Every path must be there and readable before anything is read, but each
  // is opened once, when its turn comes: a named pipe, a process
  // substitution (/dev/fd/N) or a socket cannot be opened twice.
  for (const std::string& p : paths) {
    if (p == "-") continue;
    struct stat st;
    if (::stat(p.c_str(), &st) != 0) {
      const std::string msg = p + ": " + std::strerror(errno);
      return errno == ENOENT ? Status::NotFound(msg) : Status::IOError(msg);
    }
    if (S_ISDIR(st.st_mode)) return Status::IOError(p + ": is a directory");
    if (::access(p.c_str(), R_OK) != 0) return Status::IOError(p + ": " + std::strerror(errno));
  }
  return std::unique_ptr<PostReader>(std::move(reader));
}

Result<std::unique_ptr<PostReader>> PostReader::FromString(std::string name, std::string content,
                                                          const ReadOptions& options) {
  if (options.max_record_bytes < 1024) return Status::InvalidArgument("max_record_bytes must be at least 1024");
  auto reader = std::make_unique<Reader>(std::vector<std::string>{std::move(name)}, options);
  Status s = reader->Init();
  if (!s.ok()) return s;
  reader->SetInMemory(std::move(content));
  return std::unique_ptr<PostReader>(std::move(reader));
}

}  // namespace bengle
