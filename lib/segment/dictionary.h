// A word dictionary as a hashed trie over code points, with word
// frequencies. Internal; not installed.
//
// Children of the root are a direct array over the BMP; deeper edges live in
// one open-addressing table keyed by (parent node, code point). About 20
// bytes per trie node: jieba's 349k-word dictionary takes ~16 MB and loads in
// ~50 ms. Not thread-safe for writing; const methods may run concurrently.
#ifndef BENGLE_LIB_SEGMENT_DICTIONARY_H_
#define BENGLE_LIB_SEGMENT_DICTIONARY_H_

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/status.h"

namespace bengle::internal {

class Dictionary {
 public:
  static constexpr uint32_t kNone = 0;  // no node (the root is node 0, never a child)

  Dictionary();

  // Word keys fold ASCII upper case to lower case (and nothing else).
  static char32_t FoldKey(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

  // Adds `word` (UTF-8) with `freq` > 0, replacing an earlier frequency.
  // Returns false for an empty word or invalid UTF-8.
  bool Add(std::string_view word, double freq);
  // The same for a word already decoded (and non-empty).
  void Add(std::u32string_view word, double freq);

  // Loads "word [freq] [tag]" lines. Lines without a frequency get
  // `default_freq`; when `require_freq`, such a line is an error. Returns
  // InvalidArgument "path:line: reason" on a malformed line (nothing of the
  // file is kept then), NotFound when the file does not exist.
  // `skip` (optional) drops entries: it sees each word's code points.
  Status Load(const std::string& path, double default_freq, bool require_freq,
              const std::function<bool(std::u32string_view word)>& skip = nullptr);

  // True when a word of this dictionary occurs inside `w` and is not `w`
  // itself (抢红包 holds 红包).
  bool ContainsProperly(std::u32string_view w) const;

  // The PKU standard (SIGHAN 2005, also followed by the NLPCC Weibo data)
  // writes some things as two words that general dictionaries such as
  // jieba's list as one: numeral + measure word (一 个, 三 次, 第一 天, 半 小时),
  // A-not-A questions (是 不 是), 不 + verb/adjective (不 是, 不 好), potential
  // complements (看 不 到, 开 不 了), and verb + 着/了 phrases (下 着 雨,
  // 急 死 了). True for such an entry.
  static bool PkuSplits(std::u32string_view word);

  // A binary image of the dictionary, for a fast start: Save() writes it
  // (atomically, via a temporary file); Map() memory-maps one written for the
  // same `signature` and returns false when there is none or it does not
  // match. A mapped dictionary copies itself into memory on the first change.
  // `extra` is a caller's value stored with the image.
  bool Save(const std::string& path, uint64_t signature, double extra) const;
  bool Map(const std::string& path, uint64_t signature, double* extra);
  // For fuzzing and tests: sets the magic, `signature` and the checksum of an
  // image held in memory to match its payload, so that Map() reaches the
  // structural checks behind them. Does nothing to a too-short image.
  static void ResealImage(std::string* image, uint64_t signature);
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  uint32_t Child(uint32_t node, char32_t c) const {
    c = FoldKey(c);
    if (node == 0) return c < 0x10000 ? root_p_[c] : Lookup(0, c);
    return Lookup(node, c);
  }
  // log(frequency / total) of the word ending at `node`, or -inf.
  double LogProb(uint32_t node) const {
    const float f = log_freq_p_[node];
    return std::isfinite(f) ? f - log_total_ : -INFINITY;
  }
  bool IsWord(uint32_t node) const { return std::isfinite(log_freq_p_[node]); }
  double total() const { return total_; }
  size_t words() const { return words_; }
  double log_total() const { return log_total_; }

 private:
  uint32_t Lookup(uint32_t parent, char32_t c) const {
    const uint64_t key = (static_cast<uint64_t>(parent) << 21) | c;
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (keys_p_[i] == key) return vals_p_[i];
      if (vals_p_[i] == kNone) return kNone;
    }
  }
  size_t Slot(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  uint32_t ChildOrAdd(uint32_t parent, char32_t c);
  void Grow();

  std::vector<uint32_t> root_;  // BMP code point -> node
  std::vector<uint64_t> starts_;  // bit c: some word starts with BMP code point c
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> vals_;  // kNone = empty slot
  size_t mask_ = 0;
  int shift_ = 64;
  size_t used_ = 0;
  std::vector<float> log_freq_;  // per node; -inf = not a word
  std::vector<double> freq_;     // per node (needed to re-weight)
  // Where reads go: the vectors above, or a mapped image.
  void Repoint();
  void Own();  // copy a mapped image into the vectors
  const uint32_t* root_p_ = nullptr;
  const uint64_t* keys_p_ = nullptr;
  const uint32_t* vals_p_ = nullptr;
  const float* log_freq_p_ = nullptr;
  const uint64_t* starts_p_ = nullptr;
  size_t nodes_ = 0;
  void* map_ = nullptr;
  size_t map_size_ = 0;
  double total_ = 0;
  double log_total_ = 0;
  size_t words_ = 0;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_SEGMENT_DICTIONARY_H_
