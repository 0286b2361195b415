#include "classify/pattern_set.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace bengle::internal {
namespace {
RE2::Options Opts() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_max_mem(32 << 20);
  return o;
}
}  // namespace

constexpr size_t kPerSet = 64;  // at most; callers Break() earlier

PatternSet::PatternSet() = default;
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

Result<int> PatternSet::Add(std::string_view pattern) {
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), Opts());
  if (!re->ok()) return Status::InvalidArgument("bad pattern '" + std::string(pattern) + "': " + re->error());
  // A pattern that matches the empty string matches every text: almost
  // always a stray '|' at the end of an alternation.
  if (RE2::PartialMatch("", *re)) {
    return Status::InvalidArgument("pattern matches the empty string (a stray '|'?): '" + std::string(pattern) + "'");
  }
  if (sets_.empty() || in_last_ == kPerSet || break_) {
    sets_.push_back(std::make_unique<RE2::Set>(Opts(), RE2::UNANCHORED));
    first_index_.push_back(static_cast<int>(patterns_.size()));
    in_last_ = 0;
    break_ = false;
  }
  ++in_last_;
  std::string error;
  if (sets_.back()->Add(re2::StringPiece(pattern.data(), pattern.size()), &error) < 0) {
    return Status::InvalidArgument("bad pattern '" + std::string(pattern) + "': " + error);
  }
  patterns_.push_back(std::move(re));
  return static_cast<int>(patterns_.size() - 1);
}

Status PatternSet::Compile() {
  for (auto& set : sets_) {
    if (!set->Compile()) return Status::InvalidArgument("the patterns need more memory than allowed to compile");
  }
  return Status::OK();
}

void PatternSet::Match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
  thread_local std::vector<int> part;
  for (size_t k = 0; k < sets_.size(); ++k) {
    part.clear();
    sets_[k]->Match(re2::StringPiece(text.data(), text.size()), &part);
    for (int i : part) hits->push_back(first_index_[k] + i);
  }
}

void PatternSet::Find(int index, std::string_view text, std::vector<std::pair<size_t, size_t>>* spans) const {
  spans->clear();
  const RE2& re = *patterns_[static_cast<size_t>(index)];
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  size_t pos = 0;
  while (pos <= text.size() &&
         re.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t b = static_cast<size_t>(m.data() - text.data());
    const size_t e = b + m.size();
    spans->emplace_back(b, e);
    pos = e > b ? e : e + 1;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
}

}  // namespace bengle::internal
