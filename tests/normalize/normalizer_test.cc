#include "bengle/normalize.h"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <fstream>
#include <string>
#include <vector>

#include "test_paths.h"

namespace {

using bengle::NormalizedText;

const bengle::Normalizer& N() {
  static auto n = bengle::Normalizer::Create();
  REQUIRE(n.ok());
  return **n;
}

NormalizedText Norm(std::string_view s) {
  NormalizedText out;
  REQUIRE(N().Normalize(s, &out).ok());
  return out;
}

std::vector<std::string> Strings(simdjson::dom::array a) {
  std::vector<std::string> v;
  for (auto x : a) v.emplace_back(std::string_view(x.get_string().value()));
  return v;
}

std::vector<bengle::Span> Spans(simdjson::dom::array a) {
  std::vector<bengle::Span> v;
  for (auto x : a) {
    simdjson::dom::array p = x.get_array().value();
    v.push_back(bengle::Span{static_cast<uint32_t>(int64_t(p.at(0))), static_cast<uint32_t>(int64_t(p.at(1)))});
  }
  return v;
}

template <typename T, typename F>
std::vector<std::string> Names(const std::vector<T>& v, F f) {
  std::vector<std::string> out;
  for (const T& x : v) out.push_back(f(x));
  return out;
}

}  // namespace

TEST_SUITE("normalize") {
  TEST_CASE("golden cases (tests/data/normalize_golden.jsonl)") {
    std::ifstream in(BENGLE_TEST_DATA_DIR "/normalize_golden.jsonl");
    REQUIRE(in.good());
    simdjson::dom::parser parser;
    std::string line;
    int cases = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      simdjson::dom::element c = parser.parse(line);
      const std::string name{std::string_view(c["name"])};
      const std::string input{std::string_view(c["in"])};
      CAPTURE(name);
      CAPTURE(input);
      ++cases;
      NormalizedText out = Norm(input);
      simdjson::dom::element v;
      if (!c["text"].get(v)) CHECK(out.text == std::string_view(v));
      if (!c["own"].get(v)) CHECK(out.own_text == std::string_view(v));
      if (!c["default_repost"].get(v)) CHECK(out.default_repost == bool(v));
      if (!c["quoted"].get(v)) {
        std::vector<std::string> want, got;
        for (auto q : v.get_array()) {
          want.push_back(std::string(std::string_view(q["author"])) + "|" + std::string(std::string_view(q["text"])));
        }
        for (const auto& q : out.quoted) got.push_back(q.author + "|" + q.text);
        CHECK(got == want);
      }
      if (!c["hashtags"].get(v)) CHECK(Names(out.hashtags, [](auto& h) { return h.name; }) == Strings(v));
      if (!c["hashtag_spans"].get(v)) {
        std::vector<bengle::Span> got;
        for (const auto& h : out.hashtags) got.push_back(h.span);
        CHECK(got == Spans(v));
      }
      auto value = [](const bengle::Entity& e) { return e.value; };
      if (!c["mentions"].get(v)) CHECK(Names(out.mentions, value) == Strings(v));
      if (!c["urls"].get(v)) CHECK(Names(out.urls, value) == Strings(v));
      if (!c["emoticons"].get(v)) CHECK(Names(out.emoticons, value) == Strings(v));
      if (!c["emoji"].get(v)) CHECK(Names(out.emoji, value) == Strings(v));
      if (!c["emoji_spans"].get(v)) {
        std::vector<bengle::Span> got;
        for (const auto& e : out.emoji) got.push_back(e.span);
        CHECK(got == Spans(v));
      }
      // Every span points at its entity in the original text.
      for (const auto& e : out.mentions) {
        CHECK(input.substr(e.span.begin, e.span.end - e.span.begin).ends_with(e.value));
      }
      for (const auto& e : out.urls) CHECK(input.substr(e.span.begin, e.span.end - e.span.begin) == e.value);
    }
    CHECK(cases >= 60);
  }

  TEST_CASE("the examples of the issue") {
    CHECK(Norm("ＷｅＣｈａｔ１２３").text == "wechat123");
    CHECK(Norm("＃").text == "#");
    CHECK(Norm("微信崩了嗎？發不了圖片").text == "微信崩了吗?发不了图片");
    NormalizedText r = Norm("我也是//@张三:图片发不出去//@李四:#微信崩了#");
    CHECK(r.own_text == "我也是");
    REQUIRE(r.quoted.size() == 2);
    CHECK(r.quoted[0].author == "张三");
    CHECK(r.quoted[0].text == "图片发不出去");
    CHECK(r.quoted[1].author == "李四");
    CHECK(r.quoted[1].text == "#微信崩了#");
    REQUIRE(r.hashtags.size() == 1);
    CHECK(r.hashtags[0].name == "微信崩了");
    NormalizedText rp = Norm("转发微博//@王五:登不上");
    CHECK(rp.own_text.empty());
    CHECK(rp.default_repost);
  }

  TEST_CASE("spans of hashtags, mentions, URLs, emoticons and emoji index the original bytes") {
    const std::string s = "＃微信崩了＃ @客服 看 http://t.cn/A6x [允悲]👨‍👩‍👧";
    NormalizedText r = Norm(s);
    REQUIRE(r.hashtags.size() == 1);
    CHECK(s.substr(r.hashtags[0].span.begin, r.hashtags[0].span.end - r.hashtags[0].span.begin) == "＃微信崩了＃");
    REQUIRE(r.mentions.size() == 1);
    CHECK(s.substr(r.mentions[0].span.begin, r.mentions[0].span.end - r.mentions[0].span.begin) == "@客服");
    REQUIRE(r.emoticons.size() == 1);
    CHECK(s.substr(r.emoticons[0].span.begin, r.emoticons[0].span.end - r.emoticons[0].span.begin) == "[允悲]");
    REQUIRE(r.emoji.size() == 1);
    CHECK(r.emoji[0].value == "👨‍👩‍👧");
    CHECK(r.emoji[0].span.end == s.size());
    CHECK(r.hashtags[0].kind == bengle::HashtagKind::kWeibo);
    CHECK(Norm("#鹿晗[超话]#").hashtags.at(0).kind == bengle::HashtagKind::kSuperTopic);
    CHECK(Norm("#WeChatDown").hashtags.at(0).kind == bengle::HashtagKind::kTwitter);
  }

  TEST_CASE("invalid UTF-8 is refused, not crashed on") {
    NormalizedText out;
    CHECK(N().Normalize("\xE5\xBE", &out).code() == bengle::Status::Code::kInvalidArgument);
    CHECK(N().Normalize("", &out).ok());
    CHECK(out.text.empty());
  }

  TEST_CASE("options switch steps off") {
    auto keep = bengle::Normalizer::Create({.casefold = false, .to_simplified = false, .collapse_whitespace = false,
                                            .extract_entities = false});
    REQUIRE(keep.ok());
    NormalizedText out;
    REQUIRE((*keep)->Normalize(" 微信 崩了嗎 ＱＱ ", &out).ok());
    CHECK(out.text == " 微信 崩了嗎 ＱＱ ");
    CHECK(out.hashtags.empty());
    CHECK((*keep)->NormalizeString("發") == "發");
    CHECK(N().NormalizeString("  發  圖 ") == "发 图");
  }
}
