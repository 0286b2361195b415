#include "bengle/segment.h"
#include "segment/dictionary.h"

#include <doctest/doctest.h>

#include <cstdio>

#include <iterator>

#include <cstring>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "test_paths.h"

namespace {

const bengle::Segmenter& Seg() {
  static auto s = bengle::Segmenter::Create();
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return **s;
}

std::string Cut(const bengle::Segmenter& seg, std::string_view text) {
  std::string out;
  for (const std::string& w : seg.Words(text)) {
    if (!out.empty()) out += '/';
    out += w;
  }
  return out;
}
std::string Cut(std::string_view text) { return Cut(Seg(), text); }

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find(' ', i);
    if (j == std::string::npos) j = line.size();
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

struct Score {
  size_t gold = 0, pred = 0, correct = 0;
  double F1() const {
    const double p = pred ? double(correct) / pred : 0, r = gold ? double(correct) / gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

std::set<std::pair<size_t, size_t>> Spans(const std::vector<std::string>& words) {
  std::set<std::pair<size_t, size_t>> s;
  size_t pos = 0;
  for (const auto& w : words) {
    s.emplace(pos, pos + w.size());
    pos += w.size();
  }
  return s;
}

// Raw ICU word breaks (zh), whitespace dropped: the baseline to beat.
std::vector<std::string> IcuWords(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale("zh"), err));
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &err);
  bi->setText(ut, err);
  std::vector<std::string> out;
  int32_t prev = bi->first();
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
    std::string w = s.substr(static_cast<size_t>(prev), static_cast<size_t>(b - prev));
    if (w.find_first_not_of(' ') != std::string::npos) out.push_back(w);
    prev = b;
  }
  utext_close(ut);
  return out;
}

void Add(Score* sc, const std::set<std::pair<size_t, size_t>>& gs, const std::set<std::pair<size_t, size_t>>& ps) {
  sc->gold += gs.size();
  sc->pred += ps.size();
  for (const auto& x : ps) sc->correct += gs.count(x);
}

// The gold file: outage posts first, ordinary chatter after kChatterFrom
// (see tests/data/README.md).
constexpr size_t kChatterFrom = 254;

}  // namespace

TEST_SUITE("segment") {
  TEST_CASE("outage language stays whole; entities are never cut") {
    CHECK(Cut("#微信崩了# 图片发不出去，大图点不开") == "#微信崩了#/图片/发不出去/，/大图/点不开");
    CHECK(Cut("朋友圈刷不出来，小程序白屏，公众号一直转圈") == "朋友圈/刷不出来/，/小程序/白屏/，/公众号/一直转圈");
    CHECK(Cut("支付宝闪退了，淘宝也卡顿") == "支付宝/闪退/了/，/淘宝/也/卡顿");
    CHECK(Cut("QQ登不上，验证码收不到") == "QQ/登不上/，/验证码/收不到");
    CHECK(Cut("@微信团队 看看 http://t.cn/A6xYz 吧[允悲]😭👨‍👩‍👧") == "@微信团队/看看/http://t.cn/A6xYz/吧/[允悲]/😭/👨‍👩‍👧");
    CHECK(Cut("B站和抖音都崩了！！！") == "B站/和/抖音/都/崩了/！！！");
  }

  TEST_CASE("token kinds and byte offsets") {
    std::vector<bengle::Token> t;
    const std::string s = "#QQ崩了# 12306买不了票 iPhone15 3.5元……";
    Seg().Segment(s, &t);
    std::vector<std::string> got;
    for (const auto& tok : t) {
      got.push_back(s.substr(tok.begin, tok.end - tok.begin) + ":" + bengle::TokenKindName(tok.kind));
    }
    CHECK(got == std::vector<std::string>{"#QQ崩了#:hashtag", "12306:number", "买:cjk", "不:cjk", "了:cjk", "票:cjk",
                                          "iPhone15:latin", "3.5:number", "元:cjk", "……:punct"});
    CHECK(Cut("2021年10月18日上午") == "2021年/10月/18日/上午");
  }

  TEST_CASE("a word added at run time changes the segmentation") {
    bengle::SegmenterOptions o;
    auto seg = bengle::Segmenter::Create(o);
    REQUIRE(seg.ok());
    const std::string before = Cut(**seg, "我在喝啵啵奶茶");
    CHECK(before.find("啵啵奶茶") == std::string::npos);
    REQUIRE((*seg)->AddWord("啵啵奶茶").ok());
    CHECK(Cut(**seg, "我在喝啵啵奶茶") == "我/在/喝/啵啵奶茶");
    CHECK((*seg)->AddWord("").code() == bengle::Status::Code::kInvalidArgument);
    CHECK((*seg)->AddWord("a b").code() == bengle::Status::Code::kInvalidArgument);
  }

  TEST_CASE("user dictionary files: loaded, and a malformed one is refused whole") {
    const std::string dir = "/tmp/bengle_seg_test";
    REQUIRE(std::system(("mkdir -p " + dir).c_str()) == 0);
    std::ofstream(dir + "/good.dict") << "# comment\n啵啵奶茶 50000 slang\n\n蓝鲸支付\n";
    std::ofstream(dir + "/bad.dict") << "喵喵喵喵\n汪汪 -3\n";
    auto seg = bengle::Segmenter::Create();
    REQUIRE(seg.ok());
    const size_t n = (*seg)->size();
    bengle::Status st = (*seg)->LoadDictionary(dir + "/bad.dict");
    CHECK(st.code() == bengle::Status::Code::kInvalidArgument);
    CHECK(st.message() == dir + "/bad.dict:2: bad frequency '-3'");
    CHECK((*seg)->size() == n);  // nothing of the bad file was kept
    REQUIRE((*seg)->LoadDictionary(dir + "/good.dict").ok());
    CHECK(Cut(**seg, "用蓝鲸支付买啵啵奶茶") == "用/蓝鲸支付/买/啵啵奶茶");
    CHECK((*seg)->LoadDictionary(dir + "/missing.dict").code() == bengle::Status::Code::kNotFound);
    bengle::SegmenterOptions o;
    o.lexicons = {dir + "/bad.dict"};
    CHECK_FALSE(bengle::Segmenter::Create(o).ok());
  }

  TEST_CASE("the memory-mapped dictionary image gives the same segmentation and can still grow") {
    const std::string dir = "/tmp/bengle_seg_cache_" + std::to_string(::getpid());
    bengle::SegmenterOptions o;
    o.cache_dir = dir;
    auto built = bengle::Segmenter::Create(o);   // loads the text files, writes the image
    auto mapped = bengle::Segmenter::Create(o);  // maps the image
    REQUIRE(built.ok());
    REQUIRE(mapped.ok());
    CHECK((*mapped)->size() == (*built)->size());
    for (const char* t : {"#微信崩了# 图片发不出去，大图点不开", "今天天气不错，去吃火锅", "QQ空间刷不出来了"}) {
      CHECK(Cut(**mapped, t) == Cut(**built, t));
    }
    REQUIRE((*mapped)->AddWord("啵啵奶茶").ok());
    CHECK(Cut(**mapped, "我在喝啵啵奶茶") == "我/在/喝/啵啵奶茶");
    CHECK(Cut(**mapped, "#微信崩了# 图片发不出去") == Cut(**built, "#微信崩了# 图片发不出去"));
    CHECK(std::system(("rm -rf " + dir).c_str()) == 0);
  }

  // Issue 15, defect 7: 256 KB of 0xFF inside the image (size kept) made
  // every later start segfault, and the image was never rebuilt.
  TEST_CASE("a damaged dictionary image is rebuilt, never trusted") {
    const std::string dir = "/tmp/bengle_seg_damage_" + std::to_string(::getpid());
    bengle::SegmenterOptions o;
    o.cache_dir = dir;
    auto built = bengle::Segmenter::Create(o);
    REQUIRE(built.ok());
    const std::string expected = Cut(**built, "#微信崩了# 图片发不出去，大图点不开");
    std::string image;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().filename().string().rfind("dict-", 0) == 0) image = e.path().string();
    }
    REQUIRE_FALSE(image.empty());
    const auto size = std::filesystem::file_size(image);
    REQUIRE(size > 600 * 1024);
    {
      std::fstream f(image, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(300 * 1024);
      const std::string ff(256 * 1024, '\xff');
      f.write(ff.data(), static_cast<std::streamsize>(ff.size()));
    }
    REQUIRE(std::filesystem::file_size(image) == size);
    auto again = bengle::Segmenter::Create(o);  // must not map the damaged image
    REQUIRE(again.ok());
    CHECK(Cut(**again, "#微信崩了# 图片发不出去，大图点不开") == expected);
    auto mapped = bengle::Segmenter::Create(o);  // the rebuilt image maps and agrees
    REQUIRE(mapped.ok());
    CHECK(Cut(**mapped, "#微信崩了# 图片发不出去，大图点不开") == expected);
    std::filesystem::remove_all(dir);
  }

  // Found by the dictionary fuzzer's kind of input: an image whose checksum
  // matches (written by a bug, or crafted) but whose node numbers point past
  // its end, or whose hash table has no free slot, must be refused.
  TEST_CASE("a dictionary image with a right checksum but a wrong structure is refused") {
    using bengle::internal::Dictionary;
    const std::string path = "/tmp/bengle_dict_image_" + std::to_string(::getpid());
    Dictionary d;
    d.Add("微信", 5);
    d.Add("崩了", 5);
    REQUIRE(d.Save(path, 42, 0));
    auto slurp = [&] {
      std::ifstream in(path, std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    };
    auto spit = [&](const std::string& bytes) {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    };
    const std::string good = slurp();
    double extra = 0;
    {
      Dictionary m;
      CHECK(m.Map(path, 42, &extra));
      CHECK(m.IsWord(m.Child(m.Child(0, U'微'), U'信')));
    }
    const size_t header = good.size() - (0x10000 * 4 + 0x10000 / 8 + (1 << 16) * 12 +
                                         ((d.words() * 2 + 1) * 4 + 7) / 8 * 8);
    std::string bad = good;
    // The root entry of 微 points far past the nodes.
    const uint32_t huge = 0x7fffffff;
    std::memcpy(bad.data() + header + 4 * U'微', &huge, 4);
    Dictionary::ResealImage(&bad, 42);
    spit(bad);
    {
      Dictionary m;
      CHECK_FALSE(m.Map(path, 42, &extra));
    }
    // Every slot of the edge table taken: a lookup would never end.
    bad = good;
    const size_t vals = header + 0x10000 * 4 + 0x10000 / 8 + (1 << 16) * 8;
    for (size_t i = 0; i < (1 << 16); ++i) {
      const uint32_t one = 1;
      std::memcpy(bad.data() + vals + 4 * i, &one, 4);
    }
    Dictionary::ResealImage(&bad, 42);
    spit(bad);
    {
      Dictionary m;
      CHECK_FALSE(m.Map(path, 42, &extra));
    }
    // Resealing the good image keeps it good.
    bad = good;
    Dictionary::ResealImage(&bad, 42);
    spit(bad);
    {
      Dictionary m;
      CHECK(m.Map(path, 42, &extra));
    }
    std::remove(path.c_str());
  }

  TEST_CASE("Segment() from several threads at once gives the same tokens") {
    const std::vector<std::string> texts = {"#微信崩了# 图片发不出去", "QQ空间刷不出来了，是我网不好吗", "今天天气不错，去吃火锅"};
    std::vector<std::string> expected;
    for (const auto& t : texts) expected.push_back(Cut(t));
    std::vector<std::thread> threads;
    std::vector<int> bad(4, 0);
    for (int k = 0; k < 4; ++k) {
      threads.emplace_back([&, k] {
        for (int r = 0; r < 2000; ++r) {
          for (size_t i = 0; i < texts.size(); ++i) bad[k] += Cut(texts[i]) != expected[i];
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(bad == std::vector<int>(4, 0));
  }

  TEST_CASE("gold set: F1 >= 0.95, lexicon terms whole, chatter no worse than raw ICU") {
    std::ifstream in(BENGLE_TEST_DATA_DIR "/seg_gold_outage.txt");
    REQUIRE(in.good());
    std::set<std::string> lexicon;
    {
      std::ifstream lex(BENGLE_DATA_DIR "/dict/bengle.dict");
      std::string line;
      while (std::getline(lex, line)) {
        if (line.empty() || line[0] == '#') continue;
        lexicon.insert(line.substr(0, line.find(' ')));
      }
    }
    REQUIRE(lexicon.size() > 100);
    Score all, chatter, icu_all, icu_chatter;
    size_t line_no = 0, lexicon_hits = 0;
    std::vector<std::string> broken_terms;
    std::string line;
    while (std::getline(in, line)) {
      ++line_no;
      std::vector<std::string> gold = Split(line);
      std::string raw;
      for (const auto& w : gold) raw += w;
      auto gs = Spans(gold), ps = Spans(Seg().Words(raw)), is = Spans(IcuWords(raw));
      Add(&all, gs, ps);
      Add(&icu_all, gs, is);
      if (line_no >= kChatterFrom) {
        Add(&chatter, gs, ps);
        Add(&icu_chatter, gs, is);
      }
      // Every lexicon term of the gold comes out whole.
      size_t pos = 0;
      for (const auto& w : gold) {
        std::string key;
        for (char c : w) key += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (lexicon.count(key)) {
          ++lexicon_hits;
          if (!ps.count({pos, pos + w.size()})) broken_terms.push_back(w + " (line " + std::to_string(line_no) + ")");
        }
        pos += w.size();
      }
    }
    REQUIRE(line_no >= 300);
    MESSAGE("gold F1 " << all.F1() << " (raw ICU " << icu_all.F1() << "), chatter F1 " << chatter.F1()
                       << " (raw ICU " << icu_chatter.F1() << "), lexicon occurrences " << lexicon_hits);
    CHECK(all.F1() >= 0.95);
    CHECK(lexicon_hits > 200);
    CHECK_MESSAGE(broken_terms.empty(), "first broken term: " << (broken_terms.empty() ? "" : broken_terms[0]));
    CHECK(chatter.F1() >= icu_chatter.F1());
  }
}
