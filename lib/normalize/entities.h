// Finds hashtags, mentions, URLs, emoticons, emoji and repost markers in the
// original (not normalized) text. Internal; not installed. Thread-safe (pure).
#ifndef BENGLE_LIB_NORMALIZE_ENTITIES_H_
#define BENGLE_LIB_NORMALIZE_ENTITIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "bengle/normalize.h"

namespace bengle::internal {

struct RawHashtag {
  Span span;   // with the '#' marks
  Span inner;  // the name as written
  HashtagKind kind;
};

struct RepostMarker {
  Span span;          // "//@name:"
  Span author;        // "name"
};

struct RawEntities {
  std::vector<RawHashtag> hashtags;
  std::vector<Span> mentions;   // with the '@'
  std::vector<Span> urls;
  std::vector<Span> emoticons;  // the name, without brackets
  std::vector<Span> emoji;
  std::vector<RepostMarker> markers;
  void Clear();
};

// REQUIRES: `text` is valid UTF-8 and shorter than 4 GiB.
void FindEntities(std::string_view text, RawEntities* out);

// Only the emoji sequences (what the normalizer must keep verbatim).
void FindEmoji(std::string_view text, std::vector<Span>* out);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_NORMALIZE_ENTITIES_H_
