#include "segment/dictionary.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "util/utf8.h"

namespace bengle::internal {

Dictionary::Dictionary() : root_(0x10000, kNone), log_freq_(1, -INFINITY), freq_(1, 0) {
  keys_.assign(1 << 16, 0);
  vals_.assign(1 << 16, kNone);
  mask_ = (1 << 16) - 1;
  shift_ = 64 - 16;
}

void Dictionary::Grow() {
  std::vector<uint64_t> old_keys;
  std::vector<uint32_t> old_vals;
  old_keys.swap(keys_);
  old_vals.swap(vals_);
  const size_t cap = old_keys.size() * 2;
  keys_.assign(cap, 0);
  vals_.assign(cap, kNone);
  mask_ = cap - 1;
  --shift_;
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (old_vals[i] == kNone) continue;
    size_t s = Slot(old_keys[i]);
    while (vals_[s] != kNone) s = (s + 1) & mask_;
    keys_[s] = old_keys[i];
    vals_[s] = old_vals[i];
  }
}

uint32_t Dictionary::ChildOrAdd(uint32_t parent, char32_t c) {
  c = FoldKey(c);
  if (parent == 0 && c < 0x10000) {
    if (root_[c] == kNone) {
      root_[c] = static_cast<uint32_t>(log_freq_.size());
      log_freq_.push_back(-INFINITY);
      freq_.push_back(0);
    }
    return root_[c];
  }
  if ((used_ + 1) * 10 > keys_.size() * 7) Grow();
  const uint64_t key = (static_cast<uint64_t>(parent) << 21) | c;
  size_t i = Slot(key);
  for (; vals_[i] != kNone; i = (i + 1) & mask_) {
    if (keys_[i] == key) return vals_[i];
  }
  keys_[i] = key;
  vals_[i] = static_cast<uint32_t>(log_freq_.size());
  ++used_;
  log_freq_.push_back(-INFINITY);
  freq_.push_back(0);
  return vals_[i];
}

bool Dictionary::Add(std::string_view word, double freq) {
  if (word.empty() || freq <= 0 || !IsValidUtf8(word)) return false;
  uint32_t node = 0;
  for (size_t i = 0; i < word.size();) {
    size_t len = 0;
    const char32_t c = DecodeUtf8(word, i, &len);
    node = ChildOrAdd(node, c);
    i += len;
  }
  if (freq_[node] > 0) {
    total_ -= freq_[node];
  } else {
    ++words_;
  }
  freq_[node] = freq;
  log_freq_[node] = static_cast<float>(std::log(freq));
  total_ += freq;
  log_total_ = std::log(total_);
  return true;
}

Status Dictionary::Load(const std::string& path, double default_freq, bool require_freq) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::string msg = path + ": " + std::strerror(errno);
    return errno == ENOENT ? Status::NotFound(msg) : Status::IOError(msg);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(path + ": " + std::strerror(errno));
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < data.size()) {
    ssize_t r = ::read(fd, data.data() + got, data.size() - got);
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  data.resize(got);
  if (!IsValidUtf8(data)) return Status::InvalidArgument(path + ": not valid UTF-8");

  // Parse everything first, so a bad line leaves the dictionary untouched.
  std::vector<std::pair<std::string_view, double>> entries;
  std::string_view text(data);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t line_no = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    while (!line.empty() && IsAsciiSpace(line.back())) line.remove_suffix(1);
    while (!line.empty() && IsAsciiSpace(line.front())) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string_view word = line.substr(0, sp);
    double freq = default_freq;
    if (sp != std::string_view::npos) {
      std::string_view rest = line.substr(sp);
      while (!rest.empty() && IsAsciiSpace(rest.front())) rest.remove_prefix(1);
      std::string_view f = rest.substr(0, rest.find_first_of(" \t"));
      const bool numeric = !f.empty() && (f.front() >= '0' && f.front() <= '9');
      if (numeric) {
        auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), freq);
        if (ec != std::errc() || ptr != f.data() + f.size() || !(freq > 0)) {
          return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": bad frequency '" +
                                         std::string(f) + "'");
        }
      } else if (require_freq) {
        return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": missing frequency");
      }
    } else if (require_freq) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": missing frequency");
    }
    entries.emplace_back(word, freq);
  }
  for (const auto& [word, freq] : entries) Add(word, freq);
  return Status::OK();
}

}  // namespace bengle::internal
