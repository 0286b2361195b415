#include "util/utf8.h"

#include <simdjson.h>

namespace bengle::internal {

char32_t PrevCodePoint(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && i - start < 4) --start;
  size_t len = 0;
  return DecodeUtf8(s, start, &len);
}

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

}  // namespace bengle::internal
