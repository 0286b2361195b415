// The fast NFKC_Casefold path must give exactly ICU's output.
#include "normalize/fold.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "util/utf8.h"

using bengle::internal::AppendFolded;
using bengle::internal::AppendFoldedIcu;
using bengle::internal::AppendUtf8;

namespace {
std::string Fast(const std::string& s) {
  std::string out;
  AppendFolded(s, &out);
  return out;
}
std::string Icu(const std::string& s) {
  std::string out;
  AppendFoldedIcu(s, &out);
  return out;
}
}  // namespace

TEST_SUITE("normalize") {
  TEST_CASE("fast NFKC_Casefold equals ICU for every code point alone") {
    size_t bad = 0;
    for (char32_t c = 1; c < 0x30000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      std::string s;
      AppendUtf8(c, &s);
      bad += Fast(s) != Icu(s);
    }
    CHECK(bad == 0);
  }

  TEST_CASE("fast NFKC_Casefold equals ICU on 100k mixed sentences") {
    // Pieces that interact across code points: combining marks, Hangul jamo,
    // compatibility sequences, full-width forms, ideographs, emoji parts.
    const char* pieces[] = {"微信崩了", "ＷｅＣｈａｔ", "ＱＱ", "１２３", "，", "？", "！", "　", "A", "e", "\u0301",
                            "\u0308", "\u1100", "\u1161", "\u11A8", "가", "ｶﾞ", "ﾞ", "㎏", "①", "ﬁ", "Å", "ß",
                            "İ", "ς", "Σ", "\u00A0", "\u200D", "\uFE0F", "😭", "👍🏻", "\u2126", "\u212B", "™",
                            "\u3099", "か", "\U00020000", "丽", "\uFA10", "𝐀", "ǅ", "ﷺ", "...", "\n"};
    std::mt19937 rng(29032023);
    size_t bad = 0;
    std::string first_bad;
    for (int i = 0; i < 100000; ++i) {
      std::string s;
      const int n = 2 + static_cast<int>(rng() % 10);
      for (int k = 0; k < n; ++k) {
        if (rng() % 4 == 0) {
          AppendUtf8(0x20 + rng() % 0xFFC0, &s);  // any BMP code point
          if (static_cast<unsigned char>(s.back()) == 0xED) s.pop_back();
        } else {
          s += pieces[rng() % (sizeof pieces / sizeof *pieces)];
        }
      }
      if (!bengle::internal::IsValidUtf8(s)) continue;
      if (Fast(s) != Icu(s) && bad++ == 0) first_bad = s;
    }
    CHECK_MESSAGE(bad == 0, "first mismatch: " << first_bad);
  }
}
