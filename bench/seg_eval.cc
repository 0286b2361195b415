// Word-level precision / recall / F1 of a segmentation against a gold file,
// the way the SIGHAN 2005 score script counts: a word is correct when its
// character span matches a gold word's span exactly.
//
//   seg_eval GOLD PRED            score PRED (words separated by spaces)
//   seg_eval GOLD --bengle        segment GOLD's lines (spaces removed) with bengle
//   seg_eval GOLD --icu           ... with raw ICU BreakIterator (zh), for comparison
// Options: --lines A-B (score only lines A..B, 1-based), --no-lexicon,
//   --no-icu-fallback, --general-dict PATH, --show N (print N differing lines).
// Prints one summary line: "P=0.9712 R=0.9688 F1=0.9700 gold=... pred=... correct=... lines=..."
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bengle/segment.h"

namespace {

std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string Join(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += x;
  return s;
}

std::set<std::pair<size_t, size_t>> Spans(const std::vector<std::string>& words) {
  std::set<std::pair<size_t, size_t>> spans;
  size_t pos = 0;
  for (const auto& w : words) {
    spans.emplace(pos, pos + w.size());
    pos += w.size();
  }
  return spans;
}

std::vector<std::string> IcuWords(const std::string& s) {
  static std::unique_ptr<icu::BreakIterator> bi = [] {
    UErrorCode err = U_ZERO_ERROR;
    return std::unique_ptr<icu::BreakIterator>(icu::BreakIterator::createWordInstance(icu::Locale("zh"), err));
  }();
  UErrorCode err = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &err);
  bi->setText(ut, err);
  std::vector<std::string> out;
  int32_t prev = bi->first();
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
    std::string w = s.substr(static_cast<size_t>(prev), static_cast<size_t>(b - prev));
    if (w.find_first_not_of(" \t") != std::string::npos) out.push_back(w);
    prev = b;
  }
  utext_close(ut);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s GOLD (PRED | --bengle | --icu) [--lines A-B] [--no-lexicon] "
                         "[--no-icu-fallback] [--general-dict PATH] [--show N]\n", argv[0]);
    return 1;
  }
  std::string gold_path = argv[1], mode = argv[2];
  size_t first = 1, last = SIZE_MAX;
  int show = 0;
  bengle::SegmenterOptions so;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--lines" && i + 1 < argc) {
      std::sscanf(argv[++i], "%zu-%zu", &first, &last);
    } else if (a == "--no-lexicon") {
      so.lexicons.clear();
    } else if (a == "--no-icu-fallback") {
      so.icu_fallback = false;
    } else if (a == "--general-dict" && i + 1 < argc) {
      so.general_dictionary = argv[++i];
    } else if (a == "--show" && i + 1 < argc) {
      show = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 1;
    }
  }
  std::unique_ptr<bengle::Segmenter> seg;
  if (mode == "--bengle") {
    auto r = bengle::Segmenter::Create(so);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 2;
    }
    seg = std::move(*r);
  }
  std::ifstream gold(gold_path);
  std::ifstream pred;
  if (mode != "--bengle" && mode != "--icu") pred.open(mode);
  if (!gold || (mode != "--bengle" && mode != "--icu" && !pred)) {
    std::fprintf(stderr, "cannot open input\n");
    return 2;
  }
  size_t n_gold = 0, n_pred = 0, n_correct = 0, lines = 0, line_no = 0;
  std::string gl, pl;
  while (std::getline(gold, gl)) {
    ++line_no;
    if (pred.is_open() && !std::getline(pred, pl)) {
      std::fprintf(stderr, "%s: fewer lines than the gold file\n", mode.c_str());
      return 2;
    }
    if (line_no < first || line_no > last) continue;
    std::vector<std::string> g = SplitWords(gl);
    if (g.empty()) continue;
    const std::string raw = Join(g);
    std::vector<std::string> p = mode == "--bengle" ? seg->Words(raw) : mode == "--icu" ? IcuWords(raw) : SplitWords(pl);
    if (Join(p) != raw) {
      std::fprintf(stderr, "line %zu: the segmentation does not spell the gold sentence\n", line_no);
      return 2;
    }
    auto gs = Spans(g), ps = Spans(p);
    size_t correct = 0;
    for (const auto& s : ps) correct += gs.count(s);
    if (correct != gs.size() && show > 0) {
      --show;
      std::string a, b;
      for (const auto& w : g) a += w + " ";
      for (const auto& w : p) b += w + " ";
      std::fprintf(stderr, "line %zu\n  gold: %s\n  pred: %s\n", line_no, a.c_str(), b.c_str());
    }
    n_gold += gs.size();
    n_pred += ps.size();
    n_correct += correct;
    ++lines;
  }
  const double p = n_pred ? double(n_correct) / n_pred : 0, r = n_gold ? double(n_correct) / n_gold : 0;
  const double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("P=%.4f R=%.4f F1=%.4f gold=%zu pred=%zu correct=%zu lines=%zu\n", p, r, f, n_gold, n_pred, n_correct,
              lines);
  return 0;
}
