// Internal entry points of Normalizer for the pipeline. Not installed.
#ifndef BENGLE_LIB_NORMALIZE_NORMALIZER_ACCESS_H_
#define BENGLE_LIB_NORMALIZE_NORMALIZER_ACCESS_H_

#include <string_view>

#include "bengle/normalize.h"

namespace bengle::internal {

class NormalizerAccess {
 public:
  // Normalizer::Normalize() for text a PostReader returned: the reader
  // rejected every record that is not valid UTF-8, so the check is not made
  // twice (on short real posts it was about 2% of classify time).
  // REQUIRES: `text` is valid UTF-8 (otherwise invalid bytes decode as
  // DecodeUtf8 says; nothing is read out of bounds).
  static Status NormalizeValidUtf8(const Normalizer& n, std::string_view text, NormalizedText* out) {
    return n.NormalizeValidUtf8(text, out);
  }
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_NORMALIZE_NORMALIZER_ACCESS_H_
