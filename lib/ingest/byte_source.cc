#include "ingest/byte_source.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace bengle::internal {
namespace {

constexpr size_t kBlock = 1 << 20;

constexpr int kPollMs = 100;  // how often a waiting read looks at the stop flag

bool Stopped(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(std::memory_order_relaxed); }

class FdSource final : public ByteSource {
 public:
  FdSource(int fd, std::string path, bool owned, const std::atomic<bool>* stop = nullptr)
      : fd_(fd), path_(std::move(path)), owned_(owned), stop_(stop) {
    struct stat st;
    stream_ = ::fstat(fd_, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode);
  }
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      // A stream that may wait is read when it has data, and a stop request
      // ends it (as end of input) within kPollMs.
      if (stream_ && stop_ != nullptr) {
        if (Stopped(stop_)) return size_t{0};
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, kPollMs);
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
      }
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        raw_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      return Status::IOError(path_ + ": " + std::strerror(errno));
    }
  }
  uint64_t raw_bytes() const override { return raw_; }
  bool is_stream() const override { return stream_; }

 private:
  bool stream_ = false;
  int fd_;
  std::string path_;
  bool owned_;
  const std::atomic<bool>* stop_;
  uint64_t raw_ = 0;
};

// A regular file that keeps growing, read like `tail -F`: at its end the
// source waits for more; a file truncated under it is read again from its
// start; a file replaced at its path (rotation) is read to its end, then the
// new file at the path from its start. A stop request ends it.
class FollowSource final : public ByteSource {
 public:
  FollowSource(int fd, std::string path, const std::atomic<bool>* stop) : fd_(fd), path_(std::move(path)), stop_(stop) {}
  ~FollowSource() override { ::close(fd_); }
  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t r = ::read(fd_, buf, n);
      if (r > 0) {
        raw_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return Status::IOError(path_ + ": " + std::strerror(errno));
      // At the end: rotated, truncated, or not yet written.
      if (Stopped(stop_)) return size_t{0};
      struct stat now, open_file;
      if (::fstat(fd_, &open_file) != 0) return Status::IOError(path_ + ": " + std::strerror(errno));
      if (::stat(path_.c_str(), &now) == 0 && (now.st_ino != open_file.st_ino || now.st_dev != open_file.st_dev)) {
        const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
          ::close(fd_);
          fd_ = fd;
          continue;
        }
      }
      const off_t pos = ::lseek(fd_, 0, SEEK_CUR);
      if (pos > open_file.st_size) {
        ::lseek(fd_, 0, SEEK_SET);
        continue;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
    }
  }
  uint64_t raw_bytes() const override { return raw_; }
  bool is_stream() const override { return true; }

 private:
  int fd_;
  std::string path_;
  const std::atomic<bool>* stop_;
  uint64_t raw_ = 0;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string s) : s_(std::move(s)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    n = std::min(n, s_.size() - pos_);
    std::memcpy(buf, s_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  uint64_t raw_bytes() const override { return pos_; }

 private:
  std::string s_;
  size_t pos_ = 0;
};

// Puts already-read bytes back in front of a source.
class PrefixSource final : public ByteSource {
 public:
  PrefixSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      n = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, n);
      pos_ += n;
      return n;
    }
    return rest_->Read(buf, n);
  }
  uint64_t raw_bytes() const override { return rest_->raw_bytes(); }
  bool is_stream() const override { return rest_->is_stream(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class GzipSource final : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> raw, std::string name) : raw_(std::move(raw)), name_(std::move(name)) {
    in_.resize(kBlock);
    std::memset(&z_, 0, sizeof z_);
    ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~GzipSource() override {
    if (ok_) inflateEnd(&z_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    if (!ok_) return Status::Unavailable(name_ + ": cannot initialize zlib");
    if (done_) {
      if (!deferred_.ok()) return deferred_;
      if (truncated_) return Status::Corruption(name_ + ": gzip stream is truncated");
      return size_t{0};
    }
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        Result<size_t> r = raw_->Read(in_.data(), in_.size());
        if (!r.ok()) return r.status();
        if (*r == 0) {
          done_ = true;
          if (member_started_) truncated_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(*r);
      }
      member_started_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_started_ = false;  // another member may follow
        inflateReset(&z_);
        continue;
      }
      if (rc == Z_BUF_ERROR) continue;
      if (rc != Z_OK) {
        Status bad = Status::Corruption(name_ + ": damaged gzip data (" + (z_.msg ? z_.msg : "zlib error") + ")");
        if (z_.avail_out == n) return bad;
        deferred_ = bad;  // hand out what was inflated first
        done_ = true;
        break;
      }
    }
    if (z_.avail_out == n && !deferred_.ok()) return deferred_;
    if (z_.avail_out == n && truncated_) return Status::Corruption(name_ + ": gzip stream is truncated");
    return n - z_.avail_out;
  }
  uint64_t raw_bytes() const override { return raw_->raw_bytes(); }
  bool is_stream() const override { return raw_->is_stream(); }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  std::vector<char> in_;
  z_stream z_;
  bool ok_ = false;
  bool done_ = false;
  bool member_started_ = false;
  bool truncated_ = false;
  Status deferred_;
};

// Peeks the first bytes and wraps the source in GzipSource when they are the
// gzip magic.
Result<std::unique_ptr<ByteSource>> MaybeGzip(std::unique_ptr<ByteSource> raw, const std::string& name) {
  std::string head(2, '\0');
  size_t got = 0;
  while (got < 2) {
    Result<size_t> r = raw->Read(head.data() + got, 2 - got);
    if (!r.ok()) return r.status();
    if (*r == 0) break;
    got += *r;
  }
  head.resize(got);
  const bool gzip = got == 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
                    static_cast<unsigned char>(head[1]) == 0x8b;
  std::unique_ptr<ByteSource> src = std::make_unique<PrefixSource>(std::move(head), std::move(raw));
  if (gzip) src = std::make_unique<GzipSource>(std::move(src), name);
  return src;
}

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path, const SourceOptions& options) {
  if (path == "-") return MaybeGzip(std::make_unique<FdSource>(0, "<stdin>", false, options.stop), "<stdin>");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::string msg = path + ": " + std::strerror(errno);
    return errno == ENOENT ? Status::NotFound(msg) : Status::IOError(msg);
  }
  struct stat st;
  if (options.follow && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    return MaybeGzip(std::make_unique<FollowSource>(fd, path, options.stop), path);
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return MaybeGzip(std::make_unique<FdSource>(fd, path, true, options.stop), path);
}

std::unique_ptr<ByteSource> StringByteSource(std::string content, const std::string& name) {
  Result<std::unique_ptr<ByteSource>> r = MaybeGzip(std::make_unique<MemorySource>(std::move(content)), name);
  return std::move(r).value();  // a memory source cannot fail
}

LineReader::LineReader(std::unique_ptr<ByteSource> source, size_t max_line)
    : source_(std::move(source)), max_line_(max_line) {
  buf_size_ = std::max(kBlock, max_line_) + kBlock + kPadding;
  buf_ = std::make_unique_for_overwrite<char[]>(buf_size_);
}

bool LineReader::Fill() {
  if (eof_ || !status_.ok()) return false;
  if (begin_ > 0) {  // move the partial line to the front
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const size_t room = buf_size_ - kPadding - end_;
  if (room == 0) return false;
  Result<size_t> r = source_->Read(buf_.get() + end_, room);
  if (!r.ok()) {
    status_ = r.status();
    return false;
  }
  if (*r == 0) {
    eof_ = true;
    return false;
  }
  end_ += *r;
  std::memset(buf_.get() + end_, 0, kPadding);  // what follows the last line is defined
  return true;
}

int LineReader::PeekFirstByte() {
  size_t i = begin_;
  for (;;) {
    for (; i < end_; ++i) {
      const auto c = static_cast<unsigned char>(buf_[i]);
      if (c == 0xEF || c == 0xBB || c == 0xBF || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      return c;
    }
    if (end_ - begin_ >= kBlock) return -1;  // a megabyte of blanks: give up sniffing
    const size_t scanned = i - begin_;
    if (!Fill()) return -1;
    i = begin_ + scanned;
  }
}

std::string_view LineReader::PeekHead(size_t n) {
  // From a pipe, what the first read brings: waiting for n bytes would hold
  // up a live feed until its writer has written them all.
  const bool stream = source_->is_stream();
  while (end_ - begin_ < n && (!stream || end_ == begin_) && Fill()) {
  }
  return std::string_view(buf_.get() + begin_, std::min(n, end_ - begin_));
}

bool LineReader::Next(std::string_view* line, bool* too_long) {
  *too_long = false;
  size_t scan_from = begin_;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.get() + scan_from, '\n', end_ - scan_from));
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(nl - (buf_.get() + begin_));
      ++line_number_;
      consumed_ += len + 1;
      const char* start = buf_.get() + begin_;
      begin_ += len + 1;
      if (*too_long || len > max_line_) {
        *too_long = true;
        *line = std::string_view();
        return true;
      }
      if (len > 0 && start[len - 1] == '\r') --len;
      if (first_) {
        first_ = false;
        if (len >= 3 && std::memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
          start += 3;
          len -= 3;
        }
      }
      if (converter_) {
        const size_t n = converter_->Convert(std::string_view(start, len), &converted_, kPadding);
        *line = std::string_view(converted_.data(), n);
      } else {
        *line = std::string_view(start, len);
      }
      return true;
    }
    if (end_ - begin_ > max_line_) {  // drop the overlong line's bytes, keep scanning for its end
      consumed_ += end_ - begin_;
      *too_long = true;
      begin_ = end_ = 0;
      first_ = false;
    }
    scan_from = end_ - begin_;
    if (!Fill()) {
      if (!status_.ok()) return false;
      if (*too_long) {  // overlong last line without '\n'
        ++line_number_;
        consumed_ += end_ - begin_;
        begin_ = end_;
        *line = std::string_view();
        return true;
      }
      if (begin_ == end_) return false;
      // Last line without a trailing newline.
      std::memset(buf_.get() + end_, 0, kPadding);
      buf_[end_] = '\n';
      ++end_;
      --consumed_;  // the added '\n' was not input
      scan_from = begin_;
      eof_ = true;
      continue;
    }
    scan_from += begin_;
  }
}

}  // namespace bengle::internal
