// The classifier's pattern matching on Hyperscan and on RE2 gives the same
// answers; the cached Hyperscan image is checked and rebuilt when damaged
// or made with other filter atoms; service aliases matched in the rules'
// pass resolve as in a pass of their own.
#include "classify/pattern_set.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bengle/classify.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "classify/alias_matcher.h"
#include "test_paths.h"

namespace {

using bengle::internal::PatternSet;

std::vector<int> Sorted(const PatternSet& set, std::string_view text) {
  std::vector<int> hits;
  set.Match(text, &hits);
  std::sort(hits.begin(), hits.end());
  return hits;
}

std::string TempDir(const char* name) {
  auto d = std::filesystem::temp_directory_path() / (std::string("bengle-test-") + name + "-" +
                                                     std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  return d.string();
}

std::string Describe(const bengle::Classification& c) {
  std::string s;
  for (const auto& x : c.services) s += x + ",";
  s += "|";
  char buf[64];
  for (const auto& x : c.categories) {
    std::snprintf(buf, sizeof buf, "%s:%.6f,", x.name.c_str(), x.score);
    s += buf;
  }
  s += c.complaint ? "|C" : "|-";
  s += c.negated ? "N" : "-";
  s += c.recovery ? "R" : "-";
  s += c.official ? "O" : "-";
  for (const auto& x : c.causes) s += "," + x;
  return s;
}

}  // namespace

TEST_SUITE("classify.pattern_set") {
  TEST_CASE("both engines report the same patterns, including ones only RE2 compiles") {
    PatternSet hs, re(PatternSet::Engine::kRe2);
    const std::vector<std::string> patterns = {"微信{0}崩了", "(?:打不开|点不开)(?:微信|qq)", "^#?[^\\s#]{2,8}崩了#?$",
                                               "\\bqq\\b", "图片[^,.!?，。！？]{0,8}发不出", "\\C崩"};
    for (PatternSet* s : {&hs, &re}) {
      for (size_t i = 0; i < patterns.size(); ++i) {
        s->Break();
        REQUIRE(s->Add(patterns[i]).ok());
      }
      REQUIRE(s->Compile().ok());
    }
    CHECK(re.hyperscan_patterns() == 0);
    for (const char* t : {"微信崩了", "打不开微信", "qq崩了", "我的qq2号", "图片一直发不出去", "图片，发不出", "", "崩"}) {
      CAPTURE(t);
      CHECK(Sorted(hs, t) == Sorted(re, t));
    }
  }

  TEST_CASE("matches one at a time are Find()'s, in order, empty ones stepping over whole characters") {
    PatternSet set;
    // "崩了?" matches twice; \b matches empty, at the edges of "qq" and "xx".
    REQUIRE(set.Add("崩了?").ok());
    REQUIRE(set.Add("\\b").ok());
    REQUIRE(set.Compile().ok());
    const std::string text = "微信崩了，qq也崩 xx";
    std::vector<std::pair<size_t, size_t>> all;
    set.Find(0, text, &all);
    REQUIRE(all.size() == 2);
    CHECK(text.substr(all[0].first, all[0].second - all[0].first) == "崩了");
    CHECK(text.substr(all[1].first, all[1].second - all[1].first) == "崩");
    set.Find(1, text, &all);
    CHECK(all.size() == 4);
    for (int p : {0, 1}) {
      CAPTURE(p);
      set.Find(p, text, &all);
      std::vector<std::pair<size_t, size_t>> one_by_one;
      std::pair<size_t, size_t> span;
      for (size_t from = 0; set.FindFrom(p, text, from, &span); from = PatternSet::NextFrom(text, span)) {
        one_by_one.push_back(span);
        CHECK(span.first <= text.size());
        CHECK((span.first == text.size() || (static_cast<unsigned char>(text[span.first]) & 0xC0) != 0x80));
      }
      CHECK(one_by_one == all);
    }
    std::pair<size_t, size_t> span;
    CHECK_FALSE(set.FindFrom(0, text, text.size() + 1, &span));
  }

  TEST_CASE("a bounded gap Hyperscan runs unbounded still matches only within its bound") {
    // Hyperscan scans for "[...]*" where the pattern says "[...]{0,N}" and
    // RE2 checks its hits: a text with a longer gap matches neither engine.
    PatternSet hs, re(PatternSet::Engine::kRe2);
    const std::vector<std::string> patterns = {"图片[^,，]{0,3}发不出", "[a-z]{0,2}[\\]]{0,1}崩", "微信[^，]{0,12}?卡"};
    for (PatternSet* s : {&hs, &re}) {
      for (const std::string& p : patterns) REQUIRE(s->Add(p).ok());
      REQUIRE(s->Compile().ok());
    }
    // All three on Hyperscan, in a build that has it.
    CHECK((hs.hyperscan_patterns() == patterns.size() || hs.hyperscan_patterns() == 0));
    for (const char* t : {"图片发不出", "图片一二三发不出", "图片一二三四发不出", "图片一，发不出", "ab]崩", "]]崩",
                          "微信一二三四五六七八九十一二卡", "微信一二三四五六七八九十一二三卡"}) {
      CAPTURE(t);
      CHECK(Sorted(hs, t) == Sorted(re, t));
    }
    CHECK(Sorted(hs, "图片一二三发不出") == std::vector<int>{0});
    CHECK(Sorted(hs, "图片一二三四发不出").empty());
    CHECK(Sorted(hs, "微信一二三四五六七八九十一二三卡").empty());
  }

  TEST_CASE("patterns kept on RE2 sit behind a literal filter and answer the same") {
    // re2_only patterns (the long name lists) run on RE2 only where the
    // atoms they need occur: short atoms, anchors, a pattern with no atom
    // at all (never filtered out), case the filter folds and RE2 does not.
    PatternSet hs, re(PatternSet::Engine::kRe2);
    const std::vector<std::pair<const char*, bool>> patterns = {
        {"(?:微信|\\bqq|支付宝)(?:又|也)*(?:崩了|挂了)", true},
        {"^#?(?:钉钉|飞书)(?:[^,.!?;，。！？；\\n]{0,4})崩", true},
        {"(?:打不开|进不去)(?:了)?(?:微信|qq)", true},
        {"[a-z]{3}崩", true},
        {"支付(?:[^宝]|$)", true},
        {"图片{0,1}发不出", false}};
    for (PatternSet* s : {&hs, &re}) {
      for (const auto& [p, long_list] : patterns) REQUIRE(s->Add(p, long_list).ok());
      REQUIRE(s->Compile().ok());
    }
    for (const char* t : {"微信又崩了", "QQ崩了", "qq也挂了", "我的qq2号", "#钉钉 今天崩", "说钉钉崩了", "打不开了qq",
                          "进不去微信", "abc崩", "ab崩", "支付", "支付宝", "支付了", "", "图片发不出", "崩了"}) {
      CAPTURE(t);
      CHECK(Sorted(hs, t) == Sorted(re, t));
    }
    CHECK(Sorted(hs, "qq也挂了") == std::vector<int>{0});
    CHECK(Sorted(hs, "QQ崩了").empty());
  }

  TEST_CASE("a one-character atom opens the filter only when it can pass a pattern by itself") {
    // Pattern 0 needs a name and 卡 or 了 (one-character atoms, in most
    // texts): a text with only 卡 or 了 skips the filter. Pattern 1 passes
    // on the one-character atoms 卡 and 死, so they must still open it.
    PatternSet hs, re(PatternSet::Engine::kRe2);
    for (PatternSet* s : {&hs, &re}) {
      REQUIRE(s->Add("(?:微信|支付宝)[^，]{0,4}(?:卡|了)", true).ok());
      REQUIRE(s->Add("卡[^，]{0,3}死", true).ok());
      REQUIRE(s->Compile().ok());
    }
    for (const char* t : {"卡死", "卡了", "微信卡了", "了", "微信", "支付宝又卡", "好卡住死了", "卡", "微信，卡了", "卡，死"}) {
      CAPTURE(t);
      CHECK(Sorted(hs, t) == Sorted(re, t));
    }
    CHECK(Sorted(hs, "好卡住死了") == std::vector<int>{1});
    CHECK(Sorted(hs, "微信卡了") == std::vector<int>{0});
    CHECK(Sorted(hs, "卡了").empty());
  }

  TEST_CASE("what the filter passed for some atoms is remembered per database, not across sets") {
    // Set a's pattern needs both its atoms, set b's either of its own: the
    // atom numbers of the two filters coincide, so the answer remembered for
    // a text of a with one atom ("nothing passes") must not be b's answer.
    PatternSet a, b;
    REQUIRE(a.Add("甲乙[^，]*丙丁", true).ok());
    REQUIRE(b.Add("(?:戊己|庚辛)", true).ok());
    for (PatternSet* s : {&a, &b}) REQUIRE(s->Compile().ok());
    for (int round = 0; round < 2; ++round) {
      CHECK(Sorted(a, "甲乙").empty());
      CHECK(Sorted(a, "丙丁").empty());
      CHECK(Sorted(b, "戊己") == std::vector<int>{0});
      CHECK(Sorted(b, "庚辛") == std::vector<int>{0});
      CHECK(Sorted(a, "甲乙又丙丁") == std::vector<int>{0});
      CHECK(Sorted(a, "丙丁甲乙").empty());
    }
  }

  TEST_CASE("patterns compiled ahead on several threads answer as those compiled one by one") {
    const std::vector<std::pair<std::string, bool>> patterns = {
        {"(?:微信|\\bqq|支付宝)(?:又|也)*(?:崩了|挂了)", true},
        {"(?:打不开|进不去)(?:了)?(?:微信|qq)", true},
        {"图片[^，]{0,4}发不出", false},
        {"登(?:不上|录失败)", false},
        {"图片[^，]{0,4}发不出", false}};  // twice: each Add() takes one compiled form
    const std::string cache = TempDir("prebuild");
    auto make = [&](const std::vector<std::pair<std::string, bool>>* ahead, int threads) {
      auto s = std::make_unique<PatternSet>();
      if (ahead) s->Prebuild(*ahead, threads);
      for (const auto& [p, re2_only] : patterns) REQUIRE(s->Add(p, re2_only).ok());
      REQUIRE(s->Compile(cache).ok());
      return s;
    };
    auto other = patterns;  // another list: its filter is not the one Compile() builds
    other.erase(other.begin());
    const auto ahead = make(&patterns, 3);  // first: the database is compiled with the prebuilt filter's atoms
    const auto plain = make(nullptr, 1);
    const auto cached = make(&patterns, 2);  // the database from the cache, the filter prebuilt
    const auto partly = make(&other, 2);
    CHECK(ahead->hyperscan_patterns() == plain->hyperscan_patterns());
    for (const char* t : {"微信又崩了", "支付宝也挂了", "qq也挂了", "打不开了qq", "进不去微信", "图片一直发不出", "登不上", "图片，发不出", "", "崩了"}) {
      CAPTURE(t);
      CHECK(Sorted(*ahead, t) == Sorted(*plain, t));
      CHECK(Sorted(*cached, t) == Sorted(*plain, t));
      CHECK(Sorted(*partly, t) == Sorted(*plain, t));
    }
    CHECK(Sorted(*ahead, "图片一直发不出") == std::vector<int>{2, 4});
    // A pattern that does not compile is refused by Add() as before.
    PatternSet bad;
    bad.Prebuild({{"(?:微信", false}, {"微信", false}}, 2);
    CHECK_FALSE(bad.Add("(?:微信").ok());
    CHECK(bad.Add("微信").ok());
    std::filesystem::remove_all(cache);
  }

  TEST_CASE("the whole lexicon classifies every post the same on Hyperscan and on RE2") {
    bengle::ClassifierOptions ho, ro;
    ho.cache_dir = ro.cache_dir = TempDir("same");
    ro.use_hyperscan = false;
    ho.build_threads = 2;  // the patterns compiled ahead on two threads (PatternSet::Prebuild)
    auto h = bengle::Classifier::Create(ho);
    auto r = bengle::Classifier::Create(ro);
    auto n = bengle::Normalizer::Create();
    REQUIRE(h.ok());
    REQUIRE(r.ok());
    REQUIRE(n.ok());
    const std::string data = BENGLE_DATA_DIR;
    std::vector<std::string> files = {data + "/eval/posts_labeled.jsonl", data + "/eval/posts_heldout.jsonl",
                                      data + "/eval/probes_posts_a.jsonl", data + "/eval/probes_titles_b.jsonl",
                                      data + "/eval/probes_heldout_c.jsonl", data + "/samples/archive.jsonl.gz"};
    // Real Weibo posts, when ../shared is at hand: real text reaches the
    // patterns kept on RE2 (behind their literal filter) far more often.
    const std::string real = data + "/../../shared/data/real/weibo_smp2020_train.jsonl.gz";
    if (std::filesystem::exists(real)) files.push_back(real);
    auto reader = bengle::PostReader::Open(files);
    REQUIRE(reader.ok());
    bengle::Post post;
    bengle::NormalizedText norm;
    bengle::Classification a, b;
    size_t posts = 0, differ = 0;
    while ((*reader)->Next(&post)) {
      if (!(*n)->Normalize(post.text, &norm).ok()) continue;
      const std::string author = post.user.empty() ? "" : (*n)->NormalizeString(post.user);
      (*h)->Classify(norm, &a, author);
      (*r)->Classify(norm, &b, author);
      ++posts;
      if (Describe(a) != Describe(b)) {
        if (++differ <= 5) MESSAGE(post.id << ": " << Describe(a) << " vs " << Describe(b));
      }
    }
    MESSAGE(posts << " posts compared");
    CHECK(posts > 80000);
    CHECK(differ == 0);
    std::filesystem::remove_all(ho.cache_dir);
  }

  TEST_CASE("a cached image holds the filter's atoms, and one made with other atoms is rebuilt") {
    // The filter's atoms are matched in the same database as the patterns;
    // an image whose atoms are not the ones the filter now derives (another
    // RE2 version) must not be used.
    const std::string dir = TempDir("atoms");
    const std::vector<const char*> texts = {"微信又崩了", "qq也挂了", "图片发不出", "卡死", "微信卡了", "了", ""};
    auto build = [&] {
      PatternSet s;
      REQUIRE(s.Add("(?:微信|\\bqq|支付宝)(?:又|也)*(?:崩了|挂了)", true).ok());
      REQUIRE(s.Add("(?:微信|支付宝)[^，]{0,4}(?:卡|了)", true).ok());
      REQUIRE(s.Add("图片{0,1}发不出").ok());
      REQUIRE(s.Compile(dir).ok());
      std::vector<std::vector<int>> got;
      for (const char* t : texts) got.push_back(Sorted(s, t));
      return got;
    };
    const std::vector<std::vector<int>> want = {{0, 1}, {0}, {2}, {}, {1}, {}, {}};
    CHECK(build() == want);  // compiled
    CHECK(build() == want);  // from the image
    std::vector<std::filesystem::path> images;
    if (std::filesystem::exists(dir)) {
      for (const auto& e : std::filesystem::directory_iterator(dir)) images.push_back(e.path());
    }
    if (images.empty()) return;  // a build without Hyperscan caches nothing
    REQUIRE(images.size() == 1);
    auto read = [&] {
      std::ifstream f(images[0], std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(f), {});
    };
    const std::string image = read();
    REQUIRE(image.size() > 40);
    {
      // The header: magic, signature, pattern count, then the atoms' signature.
      std::fstream f(images[0], std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(24);
      f.write("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    }
    REQUIRE(read() != image);
    CHECK(build() == want);
    CHECK(read() == image);  // rebuilt and written again
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a damaged cache image is rebuilt, never trusted") {
    const std::string dir = TempDir("cache");
    auto build = [&] {
      PatternSet s;
      REQUIRE(s.Add("微信(?:又)?崩了").ok());
      REQUIRE(s.Add("图片[^,.!?，。！？]{0,8}发不出").ok());
      REQUIRE(s.Compile(dir).ok());
      return Sorted(s, "微信又崩了，图片发不出");
    };
    const std::vector<int> want = {0, 1};
    CHECK(build() == want);
    std::vector<std::filesystem::path> images;
    if (std::filesystem::exists(dir)) {
      for (const auto& e : std::filesystem::directory_iterator(dir)) images.push_back(e.path());
    }
    if (images.empty()) return;  // a build without Hyperscan caches nothing
    REQUIRE(images.size() == 1);
    const auto size = std::filesystem::file_size(images[0]);
    {
      std::fstream f(images[0], std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(size / 2));
      const std::string junk(std::min<size_t>(4096, size / 4), '\xff');
      f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    CHECK(build() == want);  // rebuilt from the patterns
    {
      std::ofstream f(images[0], std::ios::binary | std::ios::trunc);
      f << "short";
    }
    CHECK(build() == want);
    CHECK(std::filesystem::file_size(images[0]) == size);  // rewritten whole
    std::filesystem::remove_all(dir);
  }
}

TEST_SUITE("classify.alias_matcher") {
  TEST_CASE("aliases matched in another set's pass resolve as in their own") {
    // The classifier puts the aliases' patterns after its rules in one set
    // (AddTo) and resolves the names from that pass (Resolve).
    using bengle::internal::AliasMatcher;
    for (auto engine : {PatternSet::Engine::kAuto, PatternSet::Engine::kRe2}) {
      AliasMatcher aliases;
      REQUIRE(aliases.Build({{"微信", 0}, {"企业微信", 1}, {"qq", 2}, {"qq音乐", 3}, {"wx", 0}}, engine).ok());
      PatternSet set(engine);
      REQUIRE(set.Add("崩了").ok());
      REQUIRE(set.Add("打不开").ok());
      bengle::Result<int> base = aliases.AddTo(&set);
      REQUIRE(base.ok());
      CHECK(*base == 2);
      REQUIRE(set.Compile().ok());
      for (const char* t : {"企业微信崩了，微信没崩", "qq音乐打不开 qq也是", "qqq崩了", "wx和微信", "崩了", ""}) {
        for (bool spans : {false, true}) {
          CAPTURE(t);
          CAPTURE(spans);
          std::vector<AliasMatcher::Hit> own, merged;
          aliases.Match(t, &own, spans);
          std::vector<int> hits, alias_hits;
          set.Match(t, &hits);
          for (int h : hits) {
            if (h >= *base) alias_hits.push_back(h - *base);
          }
          aliases.Resolve(t, alias_hits, set, *base, &merged, spans);
          REQUIRE(own.size() == merged.size());
          for (size_t k = 0; k < own.size(); ++k) {
            CHECK(own[k].value == merged[k].value);
            CHECK(own[k].begin == merged[k].begin);
            CHECK(own[k].end == merged[k].end);
          }
        }
      }
      std::vector<AliasMatcher::Hit> names;
      aliases.Match("企业微信崩了，微信没崩", &names);
      REQUIRE(names.size() == 2);
      CHECK(names[0].value == 1);
      CHECK(names[1].value == 0);
    }
  }
}
