#include "cli_common.h"

#include "cli_commands.h"

#include <memory>

namespace bengle::cli {

void AppendJsonArray(const std::vector<std::string>& v, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(v[i], out);
  }
  out->push_back(']');
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  // JSON escaping of UTF-8 text.
  static const char kHex[] = "0123456789abcdef";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"') {
      out->append("\\\"");
    } else if (c == '\\') {
      out->append("\\\\");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\t') {
      out->append("\\t");
    } else if (c == '\r') {
      out->append("\\r");
    } else if (c < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}


void InputFlags::Register(CLI::App* app, bool stores) {
  app->add_option("FILE", files, "Input files (JSON Lines or CSV, optionally .gz); none or '-' = standard input");
  app->add_option("--format", format, "Input format: auto (from the file name, else sniffed), jsonl, csv")
      ->check(CLI::IsMember({"auto", "jsonl", "csv"}))
      ->capture_default_str();
  app->add_option("--encoding", encoding,
                  "Input encoding: auto (UTF-8 unless the first bytes are not; then ICU's detector picks "
                  "gb18030 or big5), utf-8, gb18030 (also GBK/GB2312), big5")
      ->capture_default_str();
  app->add_option("--columns", columns,
                  "CSV header names of the fields, e.g. id=mid,created_at=发布时间,text=微博正文 "
                  "(fields: id, created_at, text, user, reposts, source)");
  app->add_option("--tz", tz, "Zone of times written without one: an offset (+08:00) or an IANA name (Asia/Shanghai)")->capture_default_str();
  app->add_option("--max-line-bytes", max_line_bytes, "Longest record accepted; longer ones are skipped")
      ->capture_default_str();
  if (!stores) app->add_flag("--keep-duplicates", keep_duplicates, "Do not skip posts whose id was already read");
  app->add_option("--max-messages", max_messages, "Print at most this many bad-record messages (all are counted)")
      ->capture_default_str();
}

bool InputFlags::ToReadOptions(const char* command, ReadOptions* out) {
  Result<TimeZone> zone = TimeZone::Parse(tz);
  if (!zone.ok()) {
    std::fprintf(stderr, "bengle %s: --tz: %s\n", command, zone.status().message().c_str());
    return false;
  }
  if (max_line_bytes < 1024) {
    std::fprintf(stderr, "bengle %s: --max-line-bytes must be at least 1024\n", command);
    return false;
  }
  out->encoding = encoding;
  out->csv_columns.clear();
  for (size_t pos = 0; !columns.empty() && pos <= columns.size();) {
    size_t comma = columns.find(',', pos);
    if (comma == std::string::npos) comma = columns.size();
    const std::string item = columns.substr(pos, comma - pos);
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      std::fprintf(stderr, "bengle %s: --columns: expected FIELD=NAME, got '%s'\n", command, item.c_str());
      return false;
    }
    out->csv_columns.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    pos = comma + 1;
  }
  std::string cmd = command;
  out->on_encoding = [cmd](std::string_view file, std::string_view enc, int confidence) {
    std::fprintf(stderr, "bengle %s: %.*s: reading as %.*s (detected, confidence %d%%; --encoding to choose)\n",
                 cmd.c_str(), static_cast<int>(file.size()), file.data(), static_cast<int>(enc.size()), enc.data(),
                 confidence);
  };
  out->format = format == "jsonl" ? InputFormat::kJsonl : format == "csv" ? InputFormat::kCsv : InputFormat::kAuto;
  out->zone = *zone;
  out->max_record_bytes = max_line_bytes;
  out->skip_duplicate_ids = !keep_duplicates;
  auto printed = std::make_shared<size_t>(0);
  const size_t limit = max_messages;
  out->on_bad_record = [printed, limit](const ReadIssue& issue) {
    if (*printed < limit) {
      std::fprintf(stderr, "%s\n", issue.ToString().c_str());
    } else if (*printed == limit) {
      std::fprintf(stderr, "(further bad-record messages suppressed; all are counted in the summary)\n");
    }
    ++*printed;
  };
  if (files.empty()) files.push_back("-");
  return true;
}

void AddThreadsOption(CLI::App* app, CommandState& state) {
  app->add_option("--threads", state.threads,
                  "Worker threads that normalize and classify; 0 = one per core, 1 = no extra threads")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
}

int FinishReading(const char* command, const PostReader& reader) {
  const ReadStats& st = reader.stats();
  std::fprintf(stderr, "bengle %s: %llu posts read, %s\n", command, static_cast<unsigned long long>(st.posts),
               st.Summary().c_str());
  if (!reader.status().ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command, reader.status().ToString().c_str());
    if (reader.status().message().find("bad CSV header: no column") != std::string::npos) {
      std::fprintf(stderr, "bengle %s: name the header's columns with --columns, e.g. "
                   "--columns id=mid,created_at=发布时间,text=微博正文\n", command);
    }
    return kExitInput;
  }
  if (st.posts == 0 && st.skipped() > 0) {
    // Not one good record: the wrong file, encoding or format, not a few bad lines.
    std::fprintf(stderr, "bengle %s: every record was skipped (%s); is this the right file, format and encoding?\n",
                 command, st.Summary().c_str());
    return kExitAllSkipped;
  }
  return kExitOk;
}

}  // namespace bengle::cli
