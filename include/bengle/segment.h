// Chinese word segmentation that keeps outage language whole.
//
// Segmenter cuts UTF-8 text into tokens with byte offsets. Hashtags
// ("#微信崩了#"), @mentions, URLs, Weibo emoticons ("[允悲]"), emoji sequences,
// and Latin/number runs are single tokens and never cut. Runs of Chinese
// characters are segmented on a dictionary DAG with the unigram
// maximum-probability path: a general dictionary (jieba's dict.txt, word
// frequencies) with bengle's outage lexicon (data/dict/*.dict) layered on top,
// plus words added at run time. Characters the dictionaries do not know are
// handed to ICU's dictionary-based word breaker. Other scripts (kana, Hangul,
// Thai ...) get ICU word breaks.
//
//   auto seg = bengle::Segmenter::Create();   // loads the dictionaries (~50 ms)
//   std::vector<bengle::Token> tokens;
//   (*seg)->Segment("#微信崩了# 图片发不出去", &tokens);
//   // "#微信崩了#" | "图片" | "发不出去"
//
// Thread safety: Segment() is const and may be called from many threads at
// once. AddWord() and LoadDictionary() modify the dictionary: call them before
// sharing the Segmenter, never concurrently with Segment().
#ifndef BENGLE_SEGMENT_H_
#define BENGLE_SEGMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/export.h"
#include "bengle/status.h"

namespace bengle {

enum class TokenKind {
  kCjkWord,      // 微信, 发不出去, b站 (a word with Chinese characters)
  kLatinWord,    // wechat, iPhone15, 5G
  kNumber,       // 12306, 3.5, 2021年 (digits, or a number with its date/time unit)
  kHashtag,      // #微信崩了#
  kMention,      // @张三
  kUrl,          // http://t.cn/A6x
  kEmoji,        // 😭 👨‍👩‍👧
  kEmoticon,     // [允悲]
  kPunctuation,  // ， 。 ！！！ ……
  kOther,        // other scripts and symbols
};

// "cjk", "latin", "number", "hashtag", "mention", "url", "emoji",
// "emoticon", "punct", "other".
BENGLE_EXPORT const char* TokenKindName(TokenKind kind);

struct Token {
  uint32_t begin = 0;  // byte offsets into the segmented text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kCjkWord;
};

struct SegmenterOptions {
  // The general dictionary ("word freq [tag]" per line, jieba's format).
  // Default: DefaultGeneralDictionary() (jieba's dict.txt from python3-jieba).
  // "" = no general dictionary.
  std::string general_dictionary = "<default>";
  // Lexicons layered over it, same format with freq optional. Default:
  // every *.dict file in DefaultDataDir()/dict.
  std::vector<std::string> lexicons = {"<default>"};
  // Frequency given to lexicon and run-time words that state none.
  // Default: 0 = the general dictionary's total / 2000 (about 30,000 with
  // jieba's), enough for a lexicon term to beat its own pieces.
  double default_frequency = 0;
  // Folder for a binary image of the loaded dictionaries, memory-mapped on
  // the next start (a few ms instead of ~80 ms). Rebuilt whenever a
  // dictionary file or an option changes. Default: "<default>" =
  // $BENGLE_CACHE_DIR, else $XDG_CACHE_HOME/bengle, else ~/.cache/bengle.
  // "" = no cache. A folder that cannot be written is silently not used.
  std::string cache_dir = "<default>";
  // Use ICU's dictionary for runs of characters no dictionary knows.
  // Default: true.
  bool icu_fallback = true;
  // Follow the PKU standard (SIGHAN 2005; NLPCC Weibo data) where the
  // general dictionary lumps words together: numeral + measure word (一 个,
  // 三 次), A-not-A (是 不 是), 不 + verb (不 是), potential complements
  // (看 不 到). Such entries of the general dictionary are not loaded; the
  // outage lexicon is never filtered. Default: true.
  bool pku_style = true;
  // Keep a number with a following date/time unit (年 月 日 号 时 点 分 秒) as
  // one token, as the PKU standard does. Default: true.
  bool merge_number_units = true;
};

class BENGLE_EXPORT Segmenter {
 public:
  // Loads the dictionaries. Returns NotFound / InvalidArgument naming the
  // file (and line) when one cannot be read or parsed.
  static Result<std::unique_ptr<Segmenter>> Create(const SegmenterOptions& options = {});

  Segmenter(const Segmenter&) = delete;  // owns a large dictionary
  Segmenter& operator=(const Segmenter&) = delete;
  ~Segmenter();

  // Replaces *out with the tokens of `text` (whitespace is dropped).
  // REQUIRES: `text` is valid UTF-8 shorter than 4 GiB (invalid bytes become
  // kOther tokens).
  void Segment(std::string_view text, std::vector<Token>* out) const;

  // Convenience: the tokens' strings.
  std::vector<std::string> Words(std::string_view text) const;

  // Adds (or re-weights) a word. freq <= 0 means the default frequency.
  // Returns InvalidArgument for an empty word or one with whitespace.
  Status AddWord(std::string_view word, double freq = 0);

  // Loads a lexicon file in the format above (later entries win).
  Status LoadDictionary(const std::string& path);

  // Number of dictionary words.
  size_t size() const;

 private:
  struct Impl;
  explicit Segmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengle

#endif  // BENGLE_SEGMENT_H_
