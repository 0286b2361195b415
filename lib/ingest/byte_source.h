// Block sources of raw input bytes and a line splitter over them.
// Internal; not installed. Not thread-safe.
#ifndef BENGLE_LIB_INGEST_BYTE_SOURCE_H_
#define BENGLE_LIB_INGEST_BYTE_SOURCE_H_

#include <atomic>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/status.h"
#include "ingest/encoding.h"

namespace bengle::internal {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; 0 means end of input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Bytes taken from the underlying file or string so far (for gzip, the
  // compressed bytes).
  virtual uint64_t raw_bytes() const = 0;
  // True for a pipe, terminal or socket (reads may wait for a writer).
  virtual bool is_stream() const { return false; }
};

struct SourceOptions {
  // A regular file is followed as it grows (FollowSource, like tail -F).
  bool follow = false;
  // When set and true, a source that waits (a pipe, a followed file) ends
  // as if its input had ended, within 100 ms.
  const std::atomic<bool>* stop = nullptr;
};

// Opens `path` ("-" = standard input). Gzip streams (also several
// concatenated members) are recognized by their magic bytes and inflated.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path, const SourceOptions& options = {});
// A source over an in-memory string (gzip recognized as well).
std::unique_ptr<ByteSource> StringByteSource(std::string content, const std::string& name);

// Splits a source into lines. Lines are returned without '\n' (and without a
// trailing '\r'). A line longer than `max_line` is not kept: Next() reports it
// with *too_long = true and an empty view, and memory stays bounded.
// Views stay valid until the next call and are followed by at least
// kPadding readable bytes (what simdjson needs).
class LineReader {
 public:
  static constexpr size_t kPadding = 128;

  LineReader(std::unique_ptr<ByteSource> source, size_t max_line);

  // Returns false at the end of input or on a read error (see status()).
  bool Next(std::string_view* line, bool* too_long);
  // The first byte that is not whitespace or a BOM, without consuming
  // anything; -1 when the input is empty.
  int PeekFirstByte();
  // Up to the first n unread bytes (fewer at the end of input, and from a
  // stream only what its first read brought), without consuming anything.
  // REQUIRES: n <= 1 MiB.
  std::string_view PeekHead(size_t n);
  // Converts every line from now on to UTF-8 (nullptr: lines are returned
  // as read). Limits (max_line) apply to the bytes as read.
  void SetConverter(std::unique_ptr<LineConverter> converter) { converter_ = std::move(converter); }
  uint64_t line_number() const { return line_number_; }  // of the last line returned
  uint64_t bytes_consumed() const { return consumed_; }
  uint64_t raw_bytes() const { return source_->raw_bytes(); }
  // A pipe, terminal or socket with no whole line buffered: Next() may wait.
  bool WouldWait() const {
    return source_->is_stream() && !eof_ && std::memchr(buf_.get() + begin_, '\n', end_ - begin_) == nullptr;
  }
  const Status& status() const { return status_; }

 private:
  bool Fill();  // reads more; false at end of input or on error

  std::unique_ptr<ByteSource> source_;
  size_t max_line_;
  std::unique_ptr<char[]> buf_;  // not zero-filled: only [begin_, end_) is read
  size_t buf_size_ = 0;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  bool eof_ = false;
  bool first_ = true;
  uint64_t line_number_ = 0;
  uint64_t consumed_ = 0;
  Status status_;
  std::unique_ptr<LineConverter> converter_;
  std::string converted_;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_INGEST_BYTE_SOURCE_H_
