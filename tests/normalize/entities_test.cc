// Entity finding (lib/normalize/entities.cc): the emoji scan's fast paths
// (lead bytes, a bitmap of the BMP's pictographic code points) find exactly
// what ICU's Extended_Pictographic property says.
#include "normalize/entities.h"

#include <doctest/doctest.h>
#include <unicode/uchar.h>

#include <string>
#include <vector>

#include "util/utf8.h"

TEST_SUITE("normalize.entities") {
  TEST_CASE("a code point of the BMP starts an emoji exactly when ICU calls it pictographic") {
    std::vector<bengle::Span> found;
    size_t bad = 0, pictographic = 0;
    char32_t first_bad = 0;
    for (char32_t c = 0x80; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      // Alone, between ideographs, and before an emoji presentation selector.
      for (const char* tail : {"", "\uFE0F"}) {
        std::string s = "崩";
        bengle::internal::AppendUtf8(c, &s);
        s += tail;
        s += "了";
        bengle::internal::FindEmoji(s, &found);
        const bool expected = u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC);
        const bool got = found.size() == 1 && found[0].begin == 3;
        if (got != expected || found.size() > 1) {
          if (bad++ == 0) first_bad = c;
        }
        pictographic += expected && *tail == 0;
      }
    }
    CHECK_MESSAGE(bad == 0, "first mismatch: U+" << std::hex << static_cast<uint32_t>(first_bad));
    CHECK(pictographic > 300);  // ©, ™, ☀ ... are there
  }

  TEST_CASE("entities after multi-byte characters are found at their bytes") {
    bengle::internal::RawEntities e;
    bengle::internal::FindEntities("微信崩了＃微信崩了＃看https://t.cn/abc 说@张三 [允悲]//@李四:图片发不出去 😭", &e);
    REQUIRE(e.hashtags.size() == 1);
    CHECK(e.hashtags[0].span.begin == 12);
    REQUIRE(e.urls.size() == 1);
    CHECK(e.urls[0].begin == 33);
    CHECK(e.mentions.size() == 2);
    CHECK(e.emoticons.size() == 1);
    CHECK(e.markers.size() == 1);
    CHECK(e.emoji.size() == 1);
  }
}
