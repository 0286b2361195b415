// The fast Traditional -> Simplified path must give exactly what ICU's
// transliterator gives. Compared on 100k+ generated mixed sentences.
#include <doctest/doctest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <random>
#include <string>
#include <vector>

#include "bengle/normalize.h"
#include "normalize/t2s.h"
#include "util/utf8.h"

namespace {

// Sources of ICU's multi-character rules: the context-dependent cases.
std::vector<std::string> RuleSources() {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, err));
  REQUIRE(U_SUCCESS(err));
  icu::UnicodeString rules;
  t->toRules(rules, false);
  std::string r;
  rules.toUTF8String(r);
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < r.size()) {
    size_t eol = r.find('\n', pos);
    if (eol == std::string::npos) eol = r.size();
    std::string line = r.substr(pos, eol - pos);
    pos = eol + 1;
    size_t arrow = line.find(" > ");
    if (arrow != std::string::npos) out.push_back(line.substr(0, arrow));
  }
  return out;
}

std::string ToTraditional(const std::string& s) {
  static std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode err = U_ZERO_ERROR;
    return std::unique_ptr<icu::Transliterator>(
        icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, err));
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

TEST_SUITE("normalize") {
  TEST_CASE("fast Traditional->Simplified equals ICU's transliterator on 100k mixed sentences") {
    const std::vector<std::string> phrases = {
        "微信崩了", "图片发不出去", "大图点不开", "只能看到缩略图", "朋友圈刷不出来", "语音通话打不通",
        "登录不上去", "一直转圈", "支付宝付款失败", "红包发不出去", "转账一直在处理中", "服务器繁忙请稍后重试",
        "网络连接不可用", "我以为是我没开会员", "心态崩了", "剧情崩了", "头发都掉光了", "干杯", "乾隆皇帝",
        "这里面有问题", "后来才发现", "系统维护中", "于是我重启了手机", "范仲淹的岳阳楼记", "一只钟表",
        "出发去机场", "理发店", "面条很好吃", "几只鸟", "皇后", "云南的山", "复杂的关系", "余额不足",
        "了解一下情况", "台风来了", "干净的衣服", "发现新大陆", "游戏卡顿掉线", "文件传输失败", "邮件收不到"};
    const std::vector<std::string> rules = RuleSources();
    REQUIRE(rules.size() > 1000);
    std::vector<std::string> trad;
    for (const auto& p : phrases) trad.push_back(ToTraditional(p));
    const char* extras[] = {"，", "。", "！", "？", " ", "ＱＱ", "WeChat", "123", "😭", "👨‍👩‍👧", "#", "[允悲]", "//@张三:"};
    std::mt19937 rng(20211018);
    size_t mismatches = 0, sentences = 0, changed = 0;
    std::string first_bad;
    for (int i = 0; i < 100000; ++i) {
      std::string s;
      const int parts = 3 + static_cast<int>(rng() % 6);
      for (int k = 0; k < parts; ++k) {
        switch (rng() % 6) {
          case 0: s += phrases[rng() % phrases.size()]; break;
          case 1: case 2: s += trad[rng() % trad.size()]; break;
          case 3: s += rules[rng() % rules.size()]; break;
          case 4: {  // random ideographs from the whole URO block
            for (int n = 0; n < 3; ++n) bengle::internal::AppendUtf8(0x4E00 + rng() % (0x9FFF - 0x4E00), &s);
            break;
          }
          default: s += extras[rng() % (sizeof extras / sizeof *extras)];
        }
      }
      std::string fast;
      bengle::internal::AppendSimplified(s, &fast);
      const std::string ref = bengle::internal::IcuSimplified(s);
      ++sentences;
      changed += fast != s;
      if (fast != ref) {
        if (mismatches++ == 0) first_bad = s;
      }
    }
    CHECK(sentences == 100000);
    CHECK(changed > 50000);  // the sample really exercises the mapping
    CHECK_MESSAGE(mismatches == 0, "first mismatch: " << first_bad);
    CHECK(bengle::ToSimplified("發不了圖片，乾坤") == bengle::internal::IcuSimplified("發不了圖片，乾坤"));
  }

  TEST_CASE("every code point alone maps as ICU maps it") {
    size_t mismatches = 0;
    for (char32_t c = 0x2000; c < 0x30000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      std::string s;
      bengle::internal::AppendUtf8(c, &s);
      std::string fast;
      bengle::internal::AppendSimplified(s, &fast);
      if (fast != s && fast != bengle::internal::IcuSimplified(s)) ++mismatches;
      if (fast == s && (c >= 0x3400 && c < 0xA000) && bengle::internal::IcuSimplified(s) != s) ++mismatches;
    }
    CHECK(mismatches == 0);
  }
}

TEST_SUITE("normalize.t2s") {
  // Issue 15, defect 1: a multi-byte sequence cut short at the end of the
  // text ran the copy past the end (std::length_error, abort).
  TEST_CASE("invalid UTF-8 cut short at the end is copied, never read past") {
    for (const char* s : {"\xe3", "\xe2", "\xe5", "abc\xe3\x80", "\xe9\x80", "微\xe4", "\xf0\x9f"}) {
      std::string out;
      CHECK_NOTHROW(bengle::internal::AppendSimplified(s, &out));
      CHECK(out.size() <= std::string(s).size() + 3);
    }
    std::string out;
    bengle::internal::AppendSimplified("這是\xe3", &out);
    CHECK(out.rfind("这是", 0) == 0);
    // The whole normalizer (case folding, entities) on the same inputs.
    auto n = bengle::Normalizer::Create();
    REQUIRE(n.ok());
    for (const char* s : {"\xe3", "\xe2", "\xe5", "abc\xe3\x80", "#微信\xe5", "//@a:\xf0\x9f"}) {
      bengle::NormalizedText norm;
      CHECK_NOTHROW((void)(*n)->Normalize(s, &norm));
    }
  }
}
