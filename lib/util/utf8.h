// UTF-8 helpers shared by the pipeline stages. Internal; not installed.
#ifndef BENGLE_LIB_UTIL_UTF8_H_
#define BENGLE_LIB_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bengle::internal {

// Decodes the code point starting at s[i] (which must be valid UTF-8) and
// stores its byte length in *len.
inline char32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  auto cont = [&](size_t k) -> char32_t {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) & 0x3F : 0;
  };
  // A sequence cut short at the end of `s` (invalid UTF-8) is as long as
  // what is left, so that callers never step or copy past the end.
  const size_t left = s.size() - i;
  if (b0 < 0xE0) {
    *len = left < 2 ? left : 2;
    return ((b0 & 0x1F) << 6) | cont(1);
  }
  if (b0 < 0xF0) {
    *len = left < 3 ? left : 3;
    return ((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  }
  *len = left < 4 ? left : 4;
  return ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
}

// The byte length of the UTF-8 sequence that `lead` starts (1-4); a stray
// continuation byte counts as 2, as in DecodeUtf8.
inline size_t Utf8SequenceLength(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// The code point ending just before s[i] (i > 0), or 0 at the start.
char32_t PrevCodePoint(std::string_view s, size_t i);

inline void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// True when the whole string is valid UTF-8 (simdjson's validator).
bool IsValidUtf8(std::string_view s);

// `s` cut to at most `max` bytes at a character boundary, with "…" added
// when something was cut: for messages that quote input (patterns, lines).
inline std::string CutForMessage(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// `s` without the ASCII spaces (IsAsciiSpace) at either end.
inline std::string_view TrimAsciiSpace(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  return s;
}

}  // namespace bengle::internal

#endif  // BENGLE_LIB_UTIL_UTF8_H_
