// A set of regular expressions matched together: Add() returns an index,
// Compile() runs once, then a const Match() reports which patterns occur
// and Find() gives where one occurs. Internal; not installed.
//
// Match() runs on Hyperscan when the library was built with it (one
// database, one pass over the text, per-thread scratch) and on small RE2
// sets otherwise. With Hyperscan, the patterns it cannot compile and the
// long name lists (which it compiles slowly) run on RE2 behind a literal
// filter: the atoms re2::FilteredRE2 says each needs are literals in the same
// Hyperscan database, found in the same pass, and only patterns whose atoms
// are there run. Every way gives the
// same answer (tests/classify/pattern_set_test.cc compares them). Find()
// always uses RE2, which gives leftmost match positions.
//
// Thread safety: Prebuild(), Add(), Break() and Compile() are not (Prebuild()
// runs threads of its own and joins them); after Compile(),
// Match() and Find() may be called from many threads at once.
#ifndef BENGLE_LIB_CLASSIFY_PATTERN_SET_H_
#define BENGLE_LIB_CLASSIFY_PATTERN_SET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bengle/status.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace bengle::internal {

class PatternSet {
 public:
  enum class Engine { kAuto, kRe2 };
  explicit PatternSet(Engine engine = Engine::kAuto);
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;

  // Adds a pattern (RE2 syntax, UTF-8). Returns its index, or
  // InvalidArgument with RE2's reason.
  // `re2_only`: match it on RE2 (behind the literal filter) even when
  // Hyperscan is there: long name lists, which Hyperscan takes tens of
  // seconds to compile. Alone, RE2 runs them at about 10 us per real text
  // (its lazily built DFA keeps meeting new states); behind the filter, RE2
  // runs only where a name and a failure word both occur.
  Result<int> Add(std::string_view pattern, bool re2_only = false);
  // With RE2 sets: patterns added after this go into a new set.
  void Break() { breaks_.push_back(patterns_.size()); }
  // Optional, before the Add()s: compiles `patterns` (.second: re2_only, as
  // Add() will be told) on `threads` threads at once, and with Hyperscan the
  // literal filter of the re2_only ones. Each later Add() of one of them
  // takes its compiled form; Compile() takes the filter when it is the one
  // it would build. Changes no result, only how long the build takes on
  // more than one core. threads <= 1: does nothing.
  void Prebuild(const std::vector<std::pair<std::string, bool>>& patterns, int threads);
  // REQUIRES: called once, after every Add(). `cache_dir` (may be ""):
  // where the compiled Hyperscan database is kept between runs, as
  // hs-<signature>.bin; an image that does not check out is rebuilt.
  Status Compile(const std::string& cache_dir = "");

  // Indices of the patterns that match somewhere in `text`, in no
  // particular order.
  void Match(std::string_view text, std::vector<int>* hits) const;
  // Every non-overlapping match of pattern `index`, as byte ranges.
  void Find(int index, std::string_view text, std::vector<std::pair<size_t, size_t>>* spans) const;
  // The same matches one at a time, in order, while go_on(span) returns
  // true: for a caller that may stop at the first that decides (the last
  // search, which finds nothing, costs as much as one that does).
  template <typename F>
  void ForEachMatch(int index, std::string_view text, F&& go_on) const {
    std::pair<size_t, size_t> span;
    for (size_t from = 0; FindFrom(index, text, from, &span); from = NextFrom(text, span)) {
      if (!go_on(span)) return;
    }
  }
  // One step of that loop: the first match at or after byte `from`, or
  // false; the next search starts at NextFrom(text, *span).
  bool FindFrom(int index, std::string_view text, size_t from, std::pair<size_t, size_t>* span) const;
  static size_t NextFrom(std::string_view text, std::pair<size_t, size_t> span);

  size_t size() const { return patterns_.size(); }
  // How many patterns Match() runs on Hyperscan (0 without it).
  size_t hyperscan_patterns() const;

 private:
  struct Hs;  // the Hyperscan database, when there is one
  struct Prebuilt;  // what Prebuild() compiled, until Add() and Compile() take it
  Status CompileRe2Sets(const std::vector<bool>& on_re2);
  // Hyperscan builds: puts the patterns not in `in_db` (indices) behind a
  // literal filter, whose atoms, returned, go into the same database.
  void BuildFilter(const std::vector<int>& in_db, std::vector<std::string>* atoms);
  void ClearFilter();

  Engine engine_;
  std::vector<std::string> sources_;
  std::vector<bool> re2_only_;
  std::vector<std::unique_ptr<RE2>> patterns_;
  std::vector<size_t> breaks_;  // pattern counts at Break()
  // RE2 sets for what Hyperscan does not run. Several small sets instead of
  // one large one: the lazily built DFA of one set over all patterns
  // explodes (a state per combination of partial matches).
  std::vector<std::unique_ptr<RE2::Set>> sets_;
  std::vector<std::vector<int>> set_index_;  // set -> its patterns' indices
  std::unique_ptr<Hs> hs_;
  std::unique_ptr<Prebuilt> prebuilt_;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_CLASSIFY_PATTERN_SET_H_
