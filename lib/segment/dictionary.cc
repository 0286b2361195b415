#include "segment/dictionary.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "util/cache_dir.h"
#include "util/utf8.h"

namespace bengle::internal {

Dictionary::Dictionary() : root_(0x10000, kNone), starts_(0x10000 / 64, 0), log_freq_(1, -INFINITY), freq_(1, 0) {
  keys_.assign(1 << 16, 0);
  vals_.assign(1 << 16, kNone);
  mask_ = (1 << 16) - 1;
  shift_ = 64 - 16;
  Repoint();
}

Dictionary::~Dictionary() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

void Dictionary::Repoint() {
  if (map_ != nullptr) return;
  root_p_ = root_.data();
  keys_p_ = keys_.data();
  vals_p_ = vals_.data();
  log_freq_p_ = log_freq_.data();
  starts_p_ = starts_.data();
  nodes_ = log_freq_.size();
}

void Dictionary::Own() {
  if (map_ == nullptr) return;
  root_.assign(root_p_, root_p_ + 0x10000);
  starts_.assign(starts_p_, starts_p_ + 0x10000 / 64);
  keys_.assign(keys_p_, keys_p_ + mask_ + 1);
  vals_.assign(vals_p_, vals_p_ + mask_ + 1);
  log_freq_.assign(log_freq_p_, log_freq_p_ + nodes_);
  freq_.resize(nodes_);
  for (size_t i = 0; i < nodes_; ++i) freq_[i] = std::isfinite(log_freq_[i]) ? std::exp(double(log_freq_[i])) : 0;
  ::munmap(map_, map_size_);
  map_ = nullptr;
  Repoint();
}

namespace {
struct ImageHeader {
  char magic[8];
  uint64_t signature;
  uint64_t checksum;  // of everything after the header (PayloadChecksum)
  uint64_t slots, nodes, words, used;
  int64_t shift;
  double total;
  double extra;
};
// Version 2 added the payload checksum: an image whose bytes were changed on
// disk (the size kept) is rebuilt, never trusted.
constexpr char kMagic[8] = {'B', 'N', 'G', 'L', 'D', 'I', 'C', '2'};
size_t Pad8(size_t n) { return (n + 7) & ~size_t{7}; }

// A 64-bit checksum of a payload (a multiple of 8 bytes), eight bytes at a
// time: about 1 ms per 10 MB, so checking an image costs little at start.
uint64_t PayloadChecksum(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  return h;
}
// The checks that make every read of a mapped image stay inside it: node
// numbers below `nodes`, at least one free slot (lookups end), the hash shift
// that matches the table size, a positive total.
bool ImageIsConsistent(const ImageHeader& h, const char* payload) {
  if (h.slots == 0 || h.nodes == 0 || h.used >= h.slots) return false;
  int log2 = 0;
  while ((uint64_t{1} << log2) < h.slots) ++log2;
  if (h.shift != 64 - log2 || !std::isfinite(h.total) || h.total <= 0) return false;
  const char* p = payload;
  for (size_t c = 0; c < 0x10000; ++c) {
    uint32_t v;
    std::memcpy(&v, p + 4 * c, 4);
    if (v >= h.nodes) return false;
  }
  p += 0x10000 * 4 + 0x10000 / 8 + Pad8(h.slots * 8);
  uint64_t used = 0;
  for (size_t i = 0; i < h.slots; ++i) {
    uint32_t v;
    std::memcpy(&v, p + 4 * i, 4);
    if (v >= h.nodes) return false;
    used += v != Dictionary::kNone;
  }
  return used == h.used;
}

}  // namespace

void Dictionary::ResealImage(std::string* image, uint64_t signature) {
  const size_t header = Pad8(sizeof(ImageHeader));
  if (image->size() < header) return;
  ImageHeader h;
  std::memcpy(&h, image->data(), sizeof h);
  std::memcpy(h.magic, kMagic, 8);
  h.signature = signature;
  h.checksum = PayloadChecksum(image->data() + header, image->size() - header);
  std::memcpy(image->data(), &h, sizeof h);
}

bool Dictionary::Save(const std::string& path, uint64_t signature, double extra) const {
  ImageHeader h{};
  std::memcpy(h.magic, kMagic, 8);
  h.signature = signature;
  h.slots = mask_ + 1;
  h.nodes = nodes_;
  h.words = words_;
  h.used = used_;
  h.shift = shift_;
  h.total = total_;
  h.extra = extra;
  std::string image;
  auto put = [&image](const void* p, size_t n) {
    image.append(static_cast<const char*>(p), n);
    image.append(Pad8(n) - n, '\0');
  };
  put(&h, sizeof h);
  put(root_p_, 0x10000 * 4);
  put(starts_p_, 0x10000 / 8);
  put(keys_p_, h.slots * 8);
  put(vals_p_, h.slots * 4);
  put(log_freq_p_, h.nodes * 4);
  const size_t header = Pad8(sizeof h);
  h.checksum = PayloadChecksum(image.data() + header, image.size() - header);
  std::memcpy(image.data(), &h, sizeof h);
  return internal::WriteFileAtomically(path, image);
}

bool Dictionary::Map(const std::string& path, uint64_t signature, double* extra) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) != 0 || static_cast<size_t>(st.st_size) < sizeof(ImageHeader)) {
    ::close(fd);
    return false;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return false;
  ImageHeader h;
  std::memcpy(&h, m, sizeof h);
  if (h.slots > size / 8 || h.nodes > size / 4) {  // a damaged header: sizes that cannot fit
    ::munmap(m, size);
    return false;
  }
  const size_t need = Pad8(sizeof h) + 0x10000 * 4 + 0x10000 / 8 + Pad8(h.slots * 8) + Pad8(h.slots * 4) +
                      Pad8(h.nodes * 4);
  const size_t header = Pad8(sizeof h);
  if (std::memcmp(h.magic, kMagic, 8) != 0 || h.signature != signature || need != size ||
      (h.slots & (h.slots - 1)) != 0 ||
      PayloadChecksum(static_cast<const char*>(m) + header, size - header) != h.checksum) {
    ::munmap(m, size);
    return false;
  }
  if (!ImageIsConsistent(h, static_cast<const char*>(m) + header)) {  // crafted, or written by a bug
    ::munmap(m, size);
    return false;
  }
  if (map_ != nullptr) ::munmap(map_, map_size_);
  map_ = m;
  map_size_ = size;
  const char* p = static_cast<const char*>(m) + Pad8(sizeof h);
  root_p_ = reinterpret_cast<const uint32_t*>(p);
  p += 0x10000 * 4;
  starts_p_ = reinterpret_cast<const uint64_t*>(p);
  p += 0x10000 / 8;
  keys_p_ = reinterpret_cast<const uint64_t*>(p);
  p += Pad8(h.slots * 8);
  vals_p_ = reinterpret_cast<const uint32_t*>(p);
  p += Pad8(h.slots * 4);
  log_freq_p_ = reinterpret_cast<const float*>(p);
  nodes_ = h.nodes;
  mask_ = h.slots - 1;
  shift_ = static_cast<int>(h.shift);
  used_ = h.used;
  words_ = h.words;
  total_ = h.total;
  log_total_ = std::log(total_);
  *extra = h.extra;
  root_.clear();
  starts_.clear();
  keys_.clear();
  vals_.clear();
  log_freq_.clear();
  freq_.clear();
  return true;
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
  struct Repointer {
    Dictionary* d;
    ~Repointer() { d->Repoint(); }
  } repoint{this};
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
  std::u32string cps;
  for (size_t i = 0; i < word.size();) {
    size_t len = 0;
    cps.push_back(DecodeUtf8(word, i, &len));
    i += len;
  }
  Add(cps, freq);
  return true;
}

void Dictionary::Add(std::u32string_view word, double freq) {
  Own();
  const char32_t first = FoldKey(word[0]);
  if (first < 0x10000) starts_[first >> 6] |= uint64_t{1} << (first & 63);
  uint32_t node = 0;
  for (char32_t c : word) node = ChildOrAdd(node, c);
  if (freq_[node] > 0) {
    total_ -= freq_[node];
  } else {
    ++words_;
  }
  freq_[node] = freq;
  log_freq_[node] = static_cast<float>(std::log(freq));
  total_ += freq;
  log_total_ = std::log(total_);
  Repoint();
}

namespace {
bool In(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }
constexpr std::u32string_view kNumerals = U"零一二三四五六七八九十两几半百千万";
constexpr std::u32string_view kMeasures =
    U"个次遍张台天年岁位件条只家场本份种名杯碗句首片秒分回趟周页层块元毛角辆部篇段封把双对群批套顿声步口"
    U"棵朵门间所座架艘颗粒滴斤米里号届代集期轮";
constexpr std::u32string_view kTwoCharMeasures[] = {U"分钟", U"小时", U"整天", U"星期", U"礼拜", U"公里", U"个月"};
constexpr std::u32string_view kNotAfterBu = U"是能好够该会对到了想敢肯愿太";
constexpr std::u32string_view kComplements = U"到了够起动住开完见出来去上下着懂清";
}  // namespace

bool Dictionary::ContainsProperly(std::u32string_view w) const {
  for (size_t i = 0; i < w.size(); ++i) {
    const char32_t c = FoldKey(w[i]);
    if (c < 0x10000 && !((starts_p_[c >> 6] >> (c & 63)) & 1)) continue;
    uint32_t node = 0;
    for (size_t k = i; k < w.size(); ++k) {
      node = Child(node, w[k]);
      if (node == kNone) break;
      if (IsWord(node) && k - i + 1 < w.size()) return true;
    }
  }
  return false;
}

bool Dictionary::PkuSplits(std::u32string_view w) {
  const size_t n = w.size();
  if (n < 2) return false;
  // Numeral + measure word, optionally after 第 (第一 stays one word).
  size_t k = w[0] == U'第' ? 1 : 0;
  const size_t num_begin = k;
  while (k < n && In(w[k], kNumerals)) ++k;
  if (k > num_begin && k < n) {
    std::u32string_view rest = w.substr(k);
    if (rest.size() == 1 && In(rest[0], kMeasures)) return !(w == U"一下" || w == U"半天");
    for (std::u32string_view m : kTwoCharMeasures) {
      if (rest == m) return true;
    }
  }
  // A-not-A: 是不是, 有没有.
  if (n == 3 && (w[1] == U'不' || w[1] == U'没') && w[0] == w[2]) return true;
  // 不 + verb/adjective.
  if (n == 2 && w[0] == U'不' && In(w[1], kNotAfterBu)) return true;
  // Potential complements: 看不到, 开不了.
  if (n == 3 && w[1] == U'不' && In(w[2], kComplements)) return true;
  // Verb + 着 + object, and phrases ending in 了 (急死了, 抢走了).
  if (n == 3 && w[1] == U'着') return true;
  if (n >= 3 && w[n - 1] == U'了') return true;
  return false;
}

Status Dictionary::Load(const std::string& path, double default_freq, bool require_freq,
                        const std::function<bool(std::u32string_view word)>& skip) {
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
    line = TrimAsciiSpace(line);
    if (line.empty() || line.front() == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string_view word = line.substr(0, sp);
    double freq = default_freq;
    if (sp != std::string_view::npos) {
      const std::string_view rest = TrimAsciiSpace(line.substr(sp));  // the line's end is trimmed already
      std::string_view f = rest.substr(0, rest.find_first_of(" \t"));
      const bool tag = !f.empty() && ((f.front() >= 'a' && f.front() <= 'z') || (f.front() >= 'A' && f.front() <= 'Z'));
      if (!tag) {
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
  std::u32string cps;
  for (const auto& [word, freq] : entries) {
    cps.clear();
    for (size_t i = 0; i < word.size();) {
      size_t len = 0;
      cps.push_back(DecodeUtf8(word, i, &len));
      i += len;
    }
    if (skip != nullptr && skip(cps)) continue;
    Add(cps, freq);
  }
  return Status::OK();
}

}  // namespace bengle::internal
