#include "normalize/entities.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "util/utf8.h"

namespace bengle::internal {
namespace {

constexpr char32_t kZwj = 0x200D;
constexpr char32_t kVs16 = 0xFE0F;
constexpr char32_t kKeycap = 0x20E3;

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsWordChar(char32_t c) {  // letters (any script), decimal digits, '_'
  if (c < 0x80) return IsAsciiAlnum(c) || c == '_';
  return u_isalpha(static_cast<UChar32>(c)) || u_isdigit(static_cast<UChar32>(c));
}

bool IsSpace(char32_t c) {
  if (c < 0x80) return IsAsciiSpace(static_cast<char>(c));
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool IsPictographicIcu(char32_t c) {
  if (c < 0xA9) return false;
  if (c >= 0x3000 && c <= 0x9FFF && c != 0x3030 && c != 0x303D && c != 0x3297 && c != 0x3299) return false;
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC);
}

// Bit c: IsPictographicIcu(c), for the BMP (8 KiB, asked of ICU once).
// Full-width punctuation and the like, in every Chinese text, are then
// told apart from emoji by one bit test instead of a property lookup.
const std::array<uint64_t, 0x10000 / 64>& PictographicBmp() {
  static const auto* bits = [] {
    auto* b = new std::array<uint64_t, 0x10000 / 64>{};  // never destroyed: used until exit
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (IsPictographicIcu(c)) (*b)[c >> 6] |= uint64_t{1} << (c & 63);
    }
    return b;
  }();
  return *bits;
}

bool IsPictographic(char32_t c) {
  if (c < 0x10000) return (PictographicBmp()[c >> 6] >> (c & 63)) & 1;
  return IsPictographicIcu(c);
}

bool IsRegionalIndicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
bool IsEmojiModifier(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
bool IsTagChar(char32_t c) { return c >= 0xE0020 && c <= 0xE007F; }
bool IsHash(char32_t c) { return c == '#' || c == 0xFF03; }
bool IsAt(char32_t c) { return c == '@' || c == 0xFF20; }

// A small cursor over valid UTF-8.
struct Text {
  std::string_view s;
  char32_t At(size_t i, size_t* len) const {
    if (i >= s.size()) {
      *len = 0;
      return 0;
    }
    return DecodeUtf8(s, i, len);
  }
  char32_t At(size_t i) const {
    size_t len;
    return At(i, &len);
  }
};

// Length in bytes of the emoji sequence starting at i, or 0.
size_t EmojiAt(const Text& t, size_t i) {
  size_t len = 0;
  char32_t c = t.At(i, &len);
  size_t end = i;
  if (c == '#' || c == '*' || (c >= '0' && c <= '9')) {  // keycap
    size_t j = i + 1, l2 = 0;
    char32_t n = t.At(j, &l2);
    if (n == kVs16) {
      j += l2;
      n = t.At(j, &l2);
    }
    return n == kKeycap ? j + l2 - i : 0;
  }
  if (IsRegionalIndicator(c)) {
    size_t l2 = 0;
    char32_t n = t.At(i + len, &l2);
    return IsRegionalIndicator(n) ? len + l2 : 0;
  }
  if (!IsPictographic(c)) return 0;
  end = i + len;
  for (;;) {
    size_t l2 = 0;
    char32_t n = t.At(end, &l2);
    if (n == kVs16 || IsEmojiModifier(n) || IsTagChar(n) || n == kKeycap) {
      end += l2;
      continue;
    }
    if (n == kZwj) {
      size_t l3 = 0;
      char32_t m = t.At(end + l2, &l3);
      if (IsPictographic(m)) {
        end += l2 + l3;
        continue;
      }
    }
    break;
  }
  return end - i;
}

bool IsUrlStop(char32_t c) {
  if (c < 0x80) return IsAsciiSpace(static_cast<char>(c)) || c < 0x20;
  if (IsSpace(c)) return true;
  if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) return true;
  if (IsPictographic(c)) return true;
  static const char32_t kStops[] = U"，。！？、；：“”‘’（）【】《》";
  return std::find(std::begin(kStops), std::end(kStops) - 1, c) != std::end(kStops) - 1;
}

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char a = s[i + k];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[k]) return false;
  }
  return true;
}

// Length of a URL starting at i, or 0.
size_t UrlAt(const Text& t, size_t i) {
  const std::string_view s = t.s;
  size_t body = 0;
  if (StartsWithNoCase(s, i, "https://")) {
    body = 8;
  } else if (StartsWithNoCase(s, i, "http://")) {
    body = 7;
  } else if (StartsWithNoCase(s, i, "t.cn/") || StartsWithNoCase(s, i, "www.")) {
    char32_t prev = PrevCodePoint(s, i);
    if (i > 0 && prev < 0x80 && !IsSpace(prev) && (IsAsciiAlnum(prev) || prev == '.' || prev == '/')) return 0;
    body = 0;
  } else {
    return 0;
  }
  size_t end = i + body;
  while (end < s.size()) {
    size_t len = 0;
    char32_t c = t.At(end, &len);
    if (IsUrlStop(c)) break;
    end += len;
  }
  while (end > i + body) {
    char c = s[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' ||
        c == '\'' || c == '"') {
      --end;
    } else {
      break;
    }
  }
  const size_t min_body = body == 0 ? 5 : 1;  // "t.cn/" alone is not a link
  return end - i - body >= min_body ? end - i : 0;
}

}  // namespace

void RawEntities::Clear() {
  hashtags.clear();
  mentions.clear();
  urls.clear();
  emoticons.clear();
  emoji.clear();
  markers.clear();
}

void FindEmoji(std::string_view s, std::vector<Span>* out) {
  out->clear();
  Text t{s};
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    // Fast skips: ASCII other than keycap bases; U+4000..U+9FFF (ideographs,
    // never pictographic).
    if (b < 0x80 && b != '#' && b != '*' && !(b >= '0' && b <= '9')) {
      ++i;
      continue;
    }
    if (b >= 0xE4 && b <= 0xE9) {
      i += 3;
      continue;
    }
    // Any other character of the BMP starts an emoji only when pictographic
    // (keycaps start with ASCII, flags beyond the BMP).
    if (b >= 0xC0 && b < 0xF0) {
      size_t len = 0;
      if (!IsPictographic(DecodeUtf8(s, i, &len))) {
        i += Utf8SequenceLength(b);
        continue;
      }
    }
    size_t n = EmojiAt(t, i);
    if (n > 0) {
      out->push_back(Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + n)});
      i += n;
      continue;
    }
    i += Utf8SequenceLength(b);
  }
}

void FindEntities(std::string_view s, RawEntities* out) {
  out->Clear();
  Text t{s};
  FindEmoji(s, &out->emoji);

  // One pass. Only a few bytes can start an entity; every other byte is
  // passed over without decoding. A URL is taken whole, so nothing else is
  // looked for inside it.
  static const auto kStart = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'#', '@', '[', '/', 'h', 'H', 't', 'T', 'w', 'W'}) t[c] = true;
    t[0xEF] = true;  // full-width '＃' and '＠'
    return t;
  }();
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (!kStart[b]) {
      // A character of more than one byte (but for the full-width marks):
      // passed over whole (valid UTF-8: its other bytes start nothing).
      len = b >= 0xC0 ? Utf8SequenceLength(b) : 1;
      continue;
    }
    len = 1;
    if (b == 'h' || b == 'H' || b == 't' || b == 'T' || b == 'w' || b == 'W') {
      const size_t n = UrlAt(t, i);
      if (n > 0) {
        out->urls.push_back(Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + n)});
        len = n;
      }
      continue;
    }
    const char32_t c = t.At(i, &len);
    if (c != '#' && c != '@' && c != '[' && c != '/' && c != 0xFF03 && c != 0xFF20) continue;

    if (c == '/' ) {  // repost marker "//@name:"
      if (s.compare(i, 3, "//@") != 0) continue;
      size_t j = i + 3, chars = 0, l2 = 0;
      while (j < s.size()) {
        char32_t n = t.At(j, &l2);
        if (IsSpace(n) || n == ':' || n == 0xFF1A || n == '/' || n == '@') break;
        j += l2;
        ++chars;
      }
      char32_t colon = t.At(j, &l2);
      if (chars >= 1 && chars <= 30 && (colon == ':' || colon == 0xFF1A)) {
        out->markers.push_back(RepostMarker{Span{static_cast<uint32_t>(i), static_cast<uint32_t>(j + l2)},
                                            Span{static_cast<uint32_t>(i + 3), static_cast<uint32_t>(j)}});
      }
      continue;  // the '@' is looked at next, as a mention
    }

    if (IsAt(c)) {
      const char32_t prev = PrevCodePoint(s, i);
      if (i > 0 && IsAsciiAlnum(prev)) continue;  // e-mail address
      size_t j = i + len, chars = 0, l2 = 0;
      while (j < s.size() && chars < 30) {
        char32_t n = t.At(j, &l2);
        if (!IsWordChar(n) && n != '-') break;
        j += l2;
        ++chars;
      }
      if (chars > 0) {
        out->mentions.push_back(Span{static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
        len = j - i;
      }
      continue;
    }

    if (c == '[') {
      size_t j = i + 1, chars = 0, l2 = 0;
      while (j < s.size() && chars <= 8) {
        char32_t n = t.At(j, &l2);
        if (!IsWordChar(n) || n == '_') break;
        j += l2;
        ++chars;
      }
      if (chars >= 1 && chars <= 8 && j < s.size() && s[j] == ']') {
        out->emoticons.push_back(Span{static_cast<uint32_t>(i + 1), static_cast<uint32_t>(j)});
        len = j + 1 - i;
      }
      continue;
    }

    // '#' or '＃'. A keycap "#️⃣" is an emoji, not a hashtag mark.
    if (EmojiAt(t, i) > 0) continue;
    // 1. A Weibo pair: the next '#' on the same line closes it.
    size_t j = i + len, chars = 0, l2 = 0;
    char32_t n = 0;
    bool closed = false;
    while (j < s.size()) {
      n = t.At(j, &l2);
      if (n == '\n' || n == '\r') break;
      if (IsHash(n) && EmojiAt(t, j) == 0) {
        closed = true;
        break;
      }
      j += l2;
      ++chars;
    }
    if (closed && chars >= 1 && chars <= 64 && !IsSpace(t.At(i + len)) && !IsSpace(PrevCodePoint(s, j))) {
      const Span inner{static_cast<uint32_t>(i + len), static_cast<uint32_t>(j)};
      std::string_view name = s.substr(inner.begin, inner.end - inner.begin);
      const bool super = name.ends_with("超话") || name.ends_with("[超话]");
      out->hashtags.push_back(RawHashtag{Span{static_cast<uint32_t>(i), static_cast<uint32_t>(j + l2)}, inner,
                                         super ? HashtagKind::kSuperTopic : HashtagKind::kWeibo});
      len = j + l2 - i;
      continue;
    }
    // 2. Twitter style: "#tag" not glued to a preceding ASCII word.
    if (i > 0 && IsAsciiAlnum(PrevCodePoint(s, i))) continue;
    j = i + len;
    while (j < s.size()) {
      n = t.At(j, &l2);
      if (!IsWordChar(n)) break;
      j += l2;
    }
    if (j > i + len) {
      out->hashtags.push_back(RawHashtag{Span{static_cast<uint32_t>(i), static_cast<uint32_t>(j)},
                                         Span{static_cast<uint32_t>(i + len), static_cast<uint32_t>(j)},
                                         HashtagKind::kTwitter});
      len = j - i;
    }
  }
}

}  // namespace bengle::internal
