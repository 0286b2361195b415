// Pieces shared by the bengle subcommands.
#ifndef BENGLE_TOOLS_CLI_COMMON_H_
#define BENGLE_TOOLS_CLI_COMMON_H_

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "bengle/ingest.h"

namespace bengle::cli {

// Exit codes of README "Interfaces".
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitInput = 2;
// Input that could be read, but of which every record was skipped.
inline constexpr int kExitAllSkipped = 3;

// Input options every post-reading command takes.
struct InputFlags {
  std::vector<std::string> files;
  std::string format = "auto";
  std::string encoding = "auto";
  std::string columns;  // "id=mid,created_at=发布时间,text=微博正文"
  std::string tz = "+08:00";
  size_t max_line_bytes = size_t{1} << 20;
  bool keep_duplicates = false;
  size_t max_messages = 100;

  // `stores`: the command writes a store, which keeps one post per id
  // ("already in the store"), so --keep-duplicates is not offered.
  void Register(CLI::App* app, bool stores = false);
  // Builds ReadOptions; the bad-record callback prints "file:line: reason" on
  // stderr (at most max_messages lines). Returns false after printing a usage
  // error.
  bool ToReadOptions(const char* command, ReadOptions* out);
};

// Prints "bengle CMD: N posts, M skipped: ..." (and the fatal status, if any)
// on stderr; returns the exit code the command should end with.
int FinishReading(const char* command, const PostReader& reader);

// Appends `s` as a JSON string literal (quoted, escaped) to *out.
void AppendJsonString(std::string_view s, std::string* out);
// Appends a JSON array of strings.
void AppendJsonArray(const std::vector<std::string>& v, std::string* out);

// Buffered stdout writer.
class Out {
 public:
  ~Out() { Flush(); }
  std::string& buf() { return buf_; }
  void MaybeFlush() {
    if (buf_.size() >= (1u << 16)) Flush();
  }
  void Flush() {
    if (!buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
  }

 private:
  std::string buf_;
};

}  // namespace bengle::cli

#endif  // BENGLE_TOOLS_CLI_COMMON_H_
