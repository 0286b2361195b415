// Normalizing post text and extracting its structure.
//
// Normalizer turns a post's UTF-8 text into the form every later stage works
// on, and pulls out what is not plain text, each with its byte span in the
// ORIGINAL text:
//   text       NFKC with case folding ("ＷｅＣｈａｔ１２３" -> "wechat123",
//              "＃" -> "#"), Traditional -> Simplified exactly as ICU's
//              "Traditional-Simplified" transliterator ("發不了圖片" ->
//              "发不了图片"), whitespace runs collapsed to one space and trimmed.
//              Emoji sequences are kept as written (ZWJ and VS16 survive).
//   own_text   the author's own words: the text before the first repost marker
//              "//@name:"; empty for a default repost text ("转发微博", "Repost").
//   quoted     the reposted segments with their authors, oldest last.
//   hashtags   Weibo "#话题#" pairs (also full-width "＃"), Twitter-style "#tag",
//              超话 names; names normalized like text.
//   mentions, urls, emoticons ("[允悲]" -> "允悲"), emoji: as written.
//
//   auto n = bengle::Normalizer::Create();
//   bengle::NormalizedText out;
//   (*n)->Normalize("#微信崩了# 圖片發不出去//@李四:我也是", &out);
//   // out.own_text == "#微信崩了# 图片发不出去", out.quoted[0].author == "李四"
//
// Thread safety: a Normalizer is immutable after Create(); Normalize() may be
// called from any number of threads at once.
#ifndef BENGLE_NORMALIZE_H_
#define BENGLE_NORMALIZE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/export.h"
#include "bengle/status.h"

namespace bengle {

// A byte range [begin, end) in the original text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

enum class HashtagKind {
  kWeibo,       // #话题#
  kTwitter,     // #tag (no closing '#')
  kSuperTopic,  // a Weibo 超话: #名字超话# or #名字[超话]#
};

struct Hashtag {
  std::string name;  // normalized, without the '#' marks ("微信崩了")
  Span span;         // the whole tag including its '#' marks
  HashtagKind kind = HashtagKind::kWeibo;
};

// A mention, URL, Weibo emoticon or emoji, as written.
struct Entity {
  std::string value;  // mention: the name without '@'; emoticon: the name without brackets
  Span span;          // the whole entity including '@' or brackets
};

// One reposted segment "//@author:text".
struct QuotedSegment {
  std::string author;  // as written
  std::string text;    // normalized like NormalizedText::text
  Span span;           // from the "//@" to the segment's end
};

struct NormalizedText {
  std::string text;
  std::string own_text;
  bool default_repost = false;  // own text was a default repost text or empty
  std::vector<QuotedSegment> quoted;
  std::vector<Hashtag> hashtags;  // every occurrence, in text order
  std::vector<Entity> mentions;
  std::vector<Entity> urls;
  std::vector<Entity> emoticons;
  std::vector<Entity> emoji;

  void Clear();  // keeps the allocated capacity
};

struct NormalizeOptions {
  // NFKC with case folding. Default: true.
  bool casefold = true;
  // Traditional -> Simplified. Default: true.
  bool to_simplified = true;
  // Collapse whitespace runs (space, tab, newline ...) to one space and trim.
  // Default: true.
  bool collapse_whitespace = true;
  // Fill hashtags, mentions, urls, emoticons, emoji and quoted. When false only
  // text and own_text (= text) are filled. Default: true.
  bool extract_entities = true;
};

namespace internal {
class NormalizerAccess;  // lets the pipeline skip a check its reader made
}

class BENGLE_EXPORT Normalizer {
 public:
  // Returns Unavailable when ICU's normalization data cannot be loaded.
  static Result<std::unique_ptr<Normalizer>> Create(const NormalizeOptions& options = {});

  Normalizer(const Normalizer&) = delete;  // holds no state worth copying
  Normalizer& operator=(const Normalizer&) = delete;
  ~Normalizer();

  // Normalizes `text` into *out (previous contents replaced). Returns
  // InvalidArgument when `text` is not valid UTF-8 or longer than 4 GiB.
  Status Normalize(std::string_view text, NormalizedText* out) const;

  // Only the normalized text (no entity extraction, no repost split).
  // REQUIRES: `text` is valid UTF-8 (invalid bytes become U+FFFD).
  std::string NormalizeString(std::string_view text) const;

 private:
  friend class internal::NormalizerAccess;
  explicit Normalizer(const NormalizeOptions& options);
  // Normalize() without the UTF-8 check, for text already checked.
  Status NormalizeValidUtf8(std::string_view text, NormalizedText* out) const;
  NormalizeOptions options_;
};

// Traditional -> Simplified alone, identical to ICU's "Traditional-Simplified"
// transliterator. REQUIRES: valid UTF-8. Thread-safe.
BENGLE_EXPORT std::string ToSimplified(std::string_view text);

}  // namespace bengle

#endif  // BENGLE_NORMALIZE_H_
