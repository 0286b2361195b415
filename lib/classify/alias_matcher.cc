#include "classify/alias_matcher.h"

#include <re2/re2.h>

#include <algorithm>

namespace bengle::internal {

namespace {
bool Word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
}  // namespace

std::string AliasPattern(std::string_view alias) {
  std::string p;
  if (!alias.empty() && Word(alias.front())) p += "\\b";
  p += RE2::QuoteMeta(re2::StringPiece(alias.data(), alias.size()));
  if (!alias.empty() && Word(alias.back())) p += "\\b";
  return p;
}

AliasMatcher::AliasMatcher() = default;
AliasMatcher::~AliasMatcher() = default;
AliasMatcher::AliasMatcher(AliasMatcher&&) noexcept = default;
AliasMatcher& AliasMatcher::operator=(AliasMatcher&&) noexcept = default;

Status AliasMatcher::Build(const std::vector<std::pair<std::string, int>>& aliases) {
  re_.reset();
  value_.clear();
  if (aliases.empty()) return Status::OK();
  // Longer aliases first: with leftmost-longest matching the order does not
  // change the result, but it keeps the pattern readable in messages.
  std::vector<std::pair<std::string, int>> sorted = aliases;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string pattern = "(";
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i) pattern += '|';
    pattern += AliasPattern(sorted[i].first);
    value_.emplace(sorted[i].first, sorted[i].second);
  }
  pattern += ")";
  RE2::Options o;
  o.set_longest_match(true);
  o.set_log_errors(false);
  o.set_max_mem(int64_t{64} << 20);
  auto re = std::make_unique<RE2>(pattern, o);
  if (!re->ok()) return Status::InvalidArgument("service aliases: " + re->error().substr(0, 200));
  re_ = std::move(re);
  return Status::OK();
}

void AliasMatcher::Match(std::string_view text, std::vector<Hit>* out) const {
  if (!re_) return;
  re2::StringPiece input(text.data(), text.size()), m;
  while (RE2::FindAndConsume(&input, *re_, &m)) {
    auto it = value_.find(std::string(m.data(), m.size()));
    if (it != value_.end()) {
      const size_t begin = static_cast<size_t>(m.data() - text.data());
      out->push_back(Hit{it->second, begin, begin + m.size()});
    }
    if (m.empty()) {  // cannot happen with non-empty aliases; never loop forever
      if (input.empty()) break;
      input.remove_prefix(1);
    }
  }
}

}  // namespace bengle::internal
