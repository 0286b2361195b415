#include "normalize/t2s.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "util/utf8.h"

namespace bengle::internal {
namespace {

#include "t2s_table.inc"

// The fast path skips every code point below U+2000 without a lookup.
static_assert(kT2SMinCodePoint >= 0x2000, "ICU maps a code point below U+2000; widen the fast path");

constexpr uint32_t kContext = 1u << 30;    // always needs ICU
constexpr uint32_t kRuleStart = 1u << 29;  // a multi-character rule starts with this code point
constexpr uint32_t kTargetMask = 0x1FFFFF;

struct Table {
  std::vector<uint32_t> bmp;                         // 0x10000 entries
  std::vector<uint64_t> bmp_any;                     // bit c: bmp[c] != 0 (8 KiB, stays in L1)
  std::vector<std::pair<char32_t, uint32_t>> astral;  // sorted
  // Multi-character rules by first code point, each list in ICU's order.
  std::vector<std::vector<std::pair<std::string_view, std::string_view>>> rules;
  std::vector<std::pair<char32_t, uint32_t>> rule_index;  // first code point -> rules slot
  // Bit PairBit(a, b): some multi-character rule starts with code points a, b
  // (every rule has at least two). A fifth of the characters of real posts
  // (不, 一, 有, 人) start some rule, almost never followed by its second
  // character: one bit test instead of a search through the rules.
  std::vector<uint64_t> pairs;

  static uint32_t PairBit(char32_t a, char32_t b) {
    return static_cast<uint32_t>((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u)) >> 16;  // 65,536 bits
  }
  bool MaybePair(char32_t a, char32_t b) const {
    const uint32_t k = PairBit(a, b);
    return (pairs[k >> 6] >> (k & 63)) & 1;
  }

  Table() : bmp(0x10000, 0), pairs(0x10000 / 64, 0) {
    auto entry = [this](char32_t c) -> uint32_t& {
      if (c < 0x10000) return bmp[c];
      auto it = std::lower_bound(astral.begin(), astral.end(), std::make_pair(c, 0u),
                                 [](const auto& a, const auto& b) { return a.first < b.first; });
      if (it == astral.end() || it->first != c) it = astral.insert(it, {c, 0u});
      return it->second;
    };
    for (const auto& m : kT2SMap) entry(m[0]) |= static_cast<uint32_t>(m[1]);
    for (const char32_t* c = kT2SContext; *c; ++c) entry(*c) |= kContext;
    for (const auto* rule = kT2SMultiRules; (*rule)[0] != nullptr; ++rule) {
      std::string_view src((*rule)[0]);
      size_t len = 0;
      char32_t first = DecodeUtf8(src, 0, &len);
      entry(first) |= kRuleStart;
      auto it = std::find_if(rule_index.begin(), rule_index.end(), [&](const auto& p) { return p.first == first; });
      if (it == rule_index.end()) {
        rule_index.emplace_back(first, static_cast<uint32_t>(rules.size()));
        rules.emplace_back();
        it = rule_index.end() - 1;
      }
      rules[it->second].emplace_back(src, std::string_view((*rule)[1]));
      size_t len2 = 0;
      const uint32_t k = PairBit(first, DecodeUtf8(src, len, &len2));
      pairs[k >> 6] |= uint64_t{1} << (k & 63);
    }
    std::sort(rule_index.begin(), rule_index.end());
    bmp_any.assign(0x10000 / 64, 0);
    for (uint32_t c = 0; c < 0x10000; ++c) {
      if (bmp[c] != 0) bmp_any[c >> 6] |= uint64_t{1} << (c & 63);
    }
  }

  uint32_t Lookup(char32_t c) const {
    if (c < 0x10000) return (bmp_any[c >> 6] >> (c & 63)) & 1 ? bmp[c] : 0;
    auto it = std::lower_bound(astral.begin(), astral.end(), std::make_pair(c, 0u),
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    return it != astral.end() && it->first == c ? it->second : 0;
  }

  // The first multi-character rule starting with `first` whose source is a
  // prefix of `rest`, or nullptr.
  const std::pair<std::string_view, std::string_view>* RuleAt(char32_t first, std::string_view rest) const {
    auto it = std::lower_bound(rule_index.begin(), rule_index.end(), std::make_pair(first, 0u));
    if (it == rule_index.end() || it->first != first) return nullptr;
    for (const auto& rule : rules[it->second]) {
      if (rest.starts_with(rule.first)) return &rule;
    }
    return nullptr;
  }
};

const Table& GetTable() {
  static const Table* table = new Table();  // never destroyed: used until exit
  return *table;
}

// One transliterator per thread: ICU transliterators are not documented as
// safe for concurrent use.
icu::Transliterator* ThreadTransliterator() {
  static std::once_flag once;
  static icu::Transliterator* prototype = nullptr;
  std::call_once(once, [] {
    UErrorCode err = U_ZERO_ERROR;
    prototype = icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, err);
    if (U_FAILURE(err)) prototype = nullptr;
  });
  thread_local std::unique_ptr<icu::Transliterator> mine(prototype ? prototype->clone() : nullptr);
  return mine.get();
}

}  // namespace

std::string IcuSimplified(std::string_view in) {
  icu::Transliterator* t = ThreadTransliterator();
  if (t == nullptr) return std::string(in);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(in.data(), static_cast<int32_t>(in.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

void AppendSimplified(std::string_view in, std::string* out) {
  const Table& table = GetTable();
  const size_t out_start = out->size();
  size_t copied = 0;  // bytes of `in` already appended
  size_t i = 0;
  while (i < in.size()) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0xE2) {  // ASCII, Latin, Greek, Cyrillic ...: nothing maps
      i += b < 0x80 ? 1 : (b < 0xE0 ? 2 : 3);
      continue;
    }
    size_t len = 3;
    char32_t c;
    if (b < 0xF0 && i + 3 <= in.size()) {  // the common case, a whole 3-byte sequence (CJK), decoded in place
      c = (static_cast<char32_t>(b & 0x0F) << 12) | (static_cast<char32_t>(in[i + 1] & 0x3F) << 6) |
          static_cast<char32_t>(in[i + 2] & 0x3F);
    } else {
      c = DecodeUtf8(in, i, &len);
    }
    const uint32_t e = table.Lookup(c);
    if (e != 0) {
      if (e & kContext) {
        out->resize(out_start);
        out->append(IcuSimplified(in));
        return;
      }
      size_t len2 = 0;
      if ((e & kRuleStart) && i + len < in.size() && table.MaybePair(c, DecodeUtf8(in, i + len, &len2))) {
        if (const auto* rule = table.RuleAt(c, in.substr(i))) {
          out->append(in.data() + copied, i - copied);
          out->append(rule->second);
          i += rule->first.size();
          copied = i;
          continue;
        }
      }
      if (e & kTargetMask) {
        out->append(in.data() + copied, i - copied);
        AppendUtf8(static_cast<char32_t>(e & kTargetMask), out);
        copied = i + len;
      }
    }
    i += len;
  }
  out->append(in.data() + copied, in.size() - copied);
}

}  // namespace bengle::internal
