// Service names in a text: every catalogue alias in one pattern set (one
// Hyperscan pass over the text, pattern_set.h), then resolved leftmost-
// longest, so "企业微信" is WeCom and never WeChat, "qq音乐" is QQ Music and
// never QQ. Latin aliases match whole words only ("qq" not in "qqq"). Built
// once; the work per text does not grow with the number of aliases (only
// texts that name a service pay for locating the names).
// Internal. Thread safety: Match() is const and thread-safe.
#ifndef BENGLE_LIB_CLASSIFY_ALIAS_MATCHER_H_
#define BENGLE_LIB_CLASSIFY_ALIAS_MATCHER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bengle/status.h"
#include "classify/pattern_set.h"

namespace bengle::internal {

class AliasMatcher {
 public:
  AliasMatcher();
  ~AliasMatcher();
  AliasMatcher(AliasMatcher&&) noexcept;
  AliasMatcher& operator=(AliasMatcher&&) noexcept;

  // `aliases`: (literal alias, value). Replaces what was built. `engine` and
  // `cache_dir` as for PatternSet. Without `own_set` nothing is compiled:
  // the patterns only go to another set (AddTo()), and Match() finds nothing.
  Status Build(const std::vector<std::pair<std::string, int>>& aliases,
               PatternSet::Engine engine = PatternSet::Engine::kAuto, const std::string& cache_dir = "",
               bool own_set = true);
  // Appends (value, begin, end) of each match, left to right, not overlapping.
  struct Hit {
    int value;
    size_t begin, end;
  };
  // Without `spans`, a text that names one service only gets that hit with
  // begin = end = 0 (nothing to resolve, so nothing is located: faster).
  void Match(std::string_view text, std::vector<Hit>* out, bool spans = true) const;
  bool empty() const { return values_.empty(); }
  // The patterns AddTo() adds, in order.
  const std::vector<std::string>& patterns() const { return patterns_; }

  // The same patterns in another set, so that one pass over a text finds
  // them with that set's own (the classifier's): added from `set`'s next
  // index on, which is returned.
  Result<int> AddTo(PatternSet* set) const;
  // What Match() appends, from the patterns AddTo() put in `set` at `base`
  // that matched `text` (`hits`: their numbers counted from `base`).
  void Resolve(std::string_view text, const std::vector<int>& hits, const PatternSet& set, int base,
               std::vector<Hit>* out, bool spans = true) const;

 private:
  PatternSet set_;
  bool own_set_ = false;                // set_ holds the patterns (Build(own_set))
  std::vector<std::string> patterns_;  // one per value
  std::vector<int> values_;            // pattern index -> value
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_CLASSIFY_ALIAS_MATCHER_H_
