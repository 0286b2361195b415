// The lexicon parser (rules, cues, `define` expansion) on any file, and
// every pattern it accepts compiled into a pattern set and run once.
// Invariants: a bad file is an InvalidArgument naming file:line; expansion
// stays within its limits; accepted patterns compile or fail cleanly.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "classify/lexicon.h"
#include "classify/pattern_set.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = bengle::fuzz::ScratchPath("lexicon", ".lex");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::vector<bengle::internal::Rule> rules;
  bengle::Status s = bengle::internal::ParseLexicon({path}, &rules);
  if (!s.ok()) {
    FUZZ_CHECK(s.message().rfind(path + ":", 0) == 0);
    FUZZ_CHECK(s.message().size() < 4096);  // messages are cut, never a whole pattern
    FUZZ_CHECK(rules.empty());
    return 0;
  }
  bengle::internal::PatternSet set(bengle::internal::PatternSet::Engine::kRe2);
  for (const auto& r : rules) {
    FUZZ_CHECK(r.pattern.size() <= (size_t{1} << 20));
    auto added = set.Add(r.pattern);
    if (!added.ok()) FUZZ_CHECK(added.status().message().size() < 4096);
  }
  if (set.Compile("").ok()) {
    std::vector<int> hits;
    set.Match("#微信崩了# 图片发不出去，登录不上 qq挂了", &hits);
    for (int h : hits) FUZZ_CHECK(h >= 0 && static_cast<size_t>(h) < set.size());
  }
  return 0;
}
