#include "classify/alias_matcher.h"

#include <algorithm>
#include <map>

namespace bengle::internal {

namespace {
bool Word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The alias as a regular expression (RE2 syntax): quoted, with \b on a Latin
// letter or digit end.
std::string AliasPattern(std::string_view alias) {
  std::string p;
  if (!alias.empty() && Word(alias.front())) p += "\\b";
  p += RE2::QuoteMeta(re2::StringPiece(alias.data(), alias.size()));
  if (!alias.empty() && Word(alias.back())) p += "\\b";
  return p;
}
}  // namespace

AliasMatcher::AliasMatcher() = default;
AliasMatcher::~AliasMatcher() = default;
AliasMatcher::AliasMatcher(AliasMatcher&&) noexcept = default;
AliasMatcher& AliasMatcher::operator=(AliasMatcher&&) noexcept = default;

Status AliasMatcher::Build(const std::vector<std::pair<std::string, int>>& aliases, PatternSet::Engine engine,
                           const std::string& cache_dir, bool own_set) {
  set_ = PatternSet(engine);
  own_set_ = own_set;
  patterns_.clear();
  values_.clear();
  // One pattern per value: the alternation of its aliases, longest first
  // (RE2 takes the first alternative that matches at a position).
  std::map<int, std::vector<std::string>> by_value;
  for (const auto& [alias, value] : aliases) by_value[value].push_back(alias);
  for (auto& [value, list] : by_value) {
    std::stable_sort(list.begin(), list.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    std::string pattern;
    for (const std::string& a : list) {
      if (!pattern.empty()) pattern += '|';
      pattern += AliasPattern(a);
    }
    if (own_set) {
      if (values_.size() % 16 == 0) set_.Break();  // small RE2 sets when there is no Hyperscan
      Result<int> idx = set_.Add(pattern);
      if (!idx.ok()) return Status::InvalidArgument("service aliases: " + idx.status().message());
    }
    patterns_.push_back(std::move(pattern));
    values_.push_back(value);
  }
  if (values_.empty() || !own_set) return Status::OK();
  return set_.Compile(cache_dir);
}

Result<int> AliasMatcher::AddTo(PatternSet* set) const {
  int base = -1;
  for (size_t k = 0; k < patterns_.size(); ++k) {
    if (k % 16 == 0) set->Break();  // as in Build()
    Result<int> idx = set->Add(patterns_[k]);
    if (!idx.ok()) return Status::InvalidArgument("service aliases: " + idx.status().message());
    if (k == 0) base = *idx;
  }
  return base;
}

void AliasMatcher::Match(std::string_view text, std::vector<Hit>* out, bool spans_wanted) const {
  if (values_.empty() || !own_set_) return;
  thread_local std::vector<int> hits;
  set_.Match(text, &hits);
  Resolve(text, hits, set_, 0, out, spans_wanted);
}

void AliasMatcher::Resolve(std::string_view text, const std::vector<int>& hits, const PatternSet& set, int base,
                           std::vector<Hit>* out, bool spans_wanted) const {
  thread_local std::vector<std::pair<size_t, size_t>> spans;
  thread_local std::vector<Hit> found;
  if (hits.empty()) return;
  if (hits.size() == 1 && !spans_wanted) {
    out->push_back(Hit{values_[static_cast<size_t>(hits[0])], 0, 0});
    return;
  }
  found.clear();
  for (int h : hits) {
    set.Find(base + h, text, &spans);
    for (const auto& [b, e] : spans) found.push_back(Hit{values_[static_cast<size_t>(h)], b, e});
  }
  // Leftmost-longest, not overlapping.
  std::sort(found.begin(), found.end(), [](const Hit& a, const Hit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  size_t taken_to = 0;
  for (const Hit& f : found) {
    if (f.begin < taken_to) continue;
    out->push_back(f);
    taken_to = f.end;
  }
}

}  // namespace bengle::internal
