// Service names in a text: every catalogue alias in one RE2 automaton,
// matched leftmost-longest, so "企业微信" is WeCom and never WeChat, "qq音乐"
// is QQ Music and never QQ. Latin aliases match whole words only ("qq" not in
// "qqq"). Built once; the work per text does not grow with the number of
// aliases. Internal. Thread safety: Match() is const and thread-safe.
#ifndef BENGLE_LIB_CLASSIFY_ALIAS_MATCHER_H_
#define BENGLE_LIB_CLASSIFY_ALIAS_MATCHER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bengle/status.h"

namespace re2 {
class RE2;
}

namespace bengle::internal {

class AliasMatcher {
 public:
  AliasMatcher();
  ~AliasMatcher();
  AliasMatcher(AliasMatcher&&) noexcept;
  AliasMatcher& operator=(AliasMatcher&&) noexcept;

  // `aliases`: (literal alias, value). Replaces what was built.
  Status Build(const std::vector<std::pair<std::string, int>>& aliases);
  // Appends (value, begin, end) of each match, left to right, not overlapping.
  struct Hit {
    int value;
    size_t begin, end;
  };
  void Match(std::string_view text, std::vector<Hit>* out) const;
  bool empty() const { return re_ == nullptr; }

 private:
  std::unique_ptr<re2::RE2> re_;
  std::unordered_map<std::string, int> value_;
};

// The alias as a regular expression (RE2 syntax): quoted, with \b on a Latin
// letter or digit end.
std::string AliasPattern(std::string_view alias);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_CLASSIFY_ALIAS_MATCHER_H_
