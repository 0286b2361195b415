// A set of RE2 patterns matched together, the way RE2::Set is used: Add()
// returns an index, Compile() runs once, then a const Match() reports which
// patterns occur (one pass over the text) and Find() gives where one occurs.
// Internal; not installed. Thread-safe after Compile().
#ifndef BENGLE_LIB_CLASSIFY_PATTERN_SET_H_
#define BENGLE_LIB_CLASSIFY_PATTERN_SET_H_

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
  PatternSet();
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;

  // Adds a pattern (RE2 syntax, UTF-8). Returns its index, or
  // InvalidArgument with RE2's reason.
  Result<int> Add(std::string_view pattern);
  // Patterns added after this go into a new RE2 set (no effect before the
  // first Add or right after another Break).
  void Break() { break_ = true; }
  // REQUIRES: called once, after every Add().
  Status Compile();

  // Indices of the patterns that match somewhere in `text`, in no particular
  // order ("callers must not expect v to be sorted", as RE2::Set says).
  void Match(std::string_view text, std::vector<int>* hits) const;
  // Every non-overlapping match of pattern `index`, as byte ranges.
  void Find(int index, std::string_view text, std::vector<std::pair<size_t, size_t>>* spans) const;

  size_t size() const { return patterns_.size(); }

 private:
  // Several small sets instead of one large one: the lazily built DFA of one
  // set over all patterns explodes (a state per combination of partial
  // matches) and keeps rebuilding; small sets stay warm.
  std::vector<std::unique_ptr<RE2::Set>> sets_;
  std::vector<int> first_index_;  // pattern index of each set's index 0
  std::vector<std::unique_ptr<RE2>> patterns_;
  size_t in_last_ = 0;   // patterns in the last set
  bool break_ = false;   // start a new set at the next Add
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_CLASSIFY_PATTERN_SET_H_
