#include "classify/lexicon.h"

#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "bengle/classify.h"

namespace bengle::internal {
namespace {

constexpr const char* kCueNames[kNumCues] = {"outage", "figurative", "negation", "recovery", "still",
                                             "official", "official_account", "news", "present", "ad",
                                             "howto", "hypothetical", "agree", "not_me",
                                             "weak", "retro", "policy", "app", "online",
                                             "headline", "guide", "rumor"};

int IndexOf(const char* const* names, int n, const std::string& s) {
  for (int i = 0; i < n; ++i) {
    if (s == names[i]) return i;
  }
  return -1;
}

// Splits off the next whitespace-separated field.
std::string NextField(std::string_view* rest) {
  size_t i = 0;
  while (i < rest->size() && ((*rest)[i] == ' ' || (*rest)[i] == '\t')) ++i;
  size_t j = i;
  while (j < rest->size() && (*rest)[j] != ' ' && (*rest)[j] != '\t') ++j;
  std::string f(rest->substr(i, j - i));
  rest->remove_prefix(j);
  return f;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

bool ParseWeight(const std::string& f, double* w) {
  auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), *w);
  return ec == std::errc() && p == f.data() + f.size();
}

bool IsNumberLike(const std::string& f) {
  return !f.empty() && ((f[0] >= '0' && f[0] <= '9') || f[0] == '-' || f[0] == '+' || f[0] == '.');
}

// The longest pattern a definition or rule may expand to. Nested
// definitions grow geometrically ({D1} = {D0}{D0}, ...); without a bound a
// few hundred bytes of lexicon ask for gigabytes. The largest pattern of the
// bundled lexicon is about 20 KiB.
constexpr size_t kMaxPatternBytes = size_t{1} << 20;
constexpr const char* kTooLong = "\x01";  // Expand()'s answer when the bound is passed

// Replaces each {NAME} by "(?:definition)". Braces that do not hold an
// upper-case name (repetitions like {2,3}) are left alone. Returns the
// undefined name, kTooLong past kMaxPatternBytes, or "" when all was well.
std::string Expand(const std::string& pattern, const std::map<std::string, std::string>& defines,
                   std::string* out) {
  out->clear();
  size_t pos = 0;
  while (pos < pattern.size()) {
    if (out->size() > kMaxPatternBytes) return kTooLong;
    const size_t open = pattern.find('{', pos);
    if (open == std::string::npos) {
      *out += pattern.substr(pos);
      break;
    }
    const size_t close = pattern.find('}', open);
    const std::string ref = close == std::string::npos ? "" : pattern.substr(open + 1, close - open - 1);
    if (ref.empty() || !std::isupper(static_cast<unsigned char>(ref[0]))) {
      *out += pattern.substr(pos, open + 1 - pos);
      pos = open + 1;
      continue;
    }
    auto it = defines.find(ref);
    if (it == defines.end()) return ref;
    if (out->size() + it->second.size() > kMaxPatternBytes) return kTooLong;
    *out += pattern.substr(pos, open - pos) + "(?:" + it->second + ")";
    pos = close + 1;
  }
  return out->size() > kMaxPatternBytes ? kTooLong : "";
}

std::string ExpandError(const std::string& bad) {
  if (bad == kTooLong) {
    return "pattern expands to more than " + std::to_string(kMaxPatternBytes >> 10) +
           " KiB (definitions nested too deep?)";
  }
  return "undefined name {" + bad + "}";
}

}  // namespace

const char* CueName(int cue) { return cue >= 0 && cue < kNumCues ? kCueNames[cue] : "?"; }

Status ParseLexicon(const std::vector<std::string>& files, std::vector<Rule>* rules) {
  rules->clear();
  std::vector<Rule> out;
  std::map<std::string, std::string> defines;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) return Status::NotFound(file + ": cannot open lexicon file");
    std::string raw;
    int line_no = 0;
    while (std::getline(in, raw)) {
      ++line_no;
      const std::string where = file + ":" + std::to_string(line_no);
      auto fail = [&](const std::string& why) { return Status::InvalidArgument(where + ": " + why); };
      std::string_view rest(raw);
      std::string kind = NextField(&rest);
      if (kind.empty() || kind[0] == '#') continue;
      Rule r;
      r.where = where;
      std::string id;
      if (kind == "define") {
        std::string name = NextField(&rest);
        std::string pattern = Trim(rest);
        if (name.empty() || pattern.empty()) return fail("define needs a NAME and a pattern");
        for (char c : name) {
          if (!(std::isupper(static_cast<unsigned char>(c)) || c == '_' || std::isdigit(static_cast<unsigned char>(c)))) {
            return fail("define NAME must be upper case letters, digits and '_': '" + name + "'");
          }
        }
        // Definitions may use earlier ones.
        std::string expanded;
        if (std::string bad = Expand(pattern, defines, &expanded); !bad.empty()) return fail(ExpandError(bad));
        defines[name] = expanded;
        continue;
      }
      if (kind == "service" || kind == "not_service") {
        r.kind = kind == "service" ? RuleKind::kService : RuleKind::kNotService;
        id = NextField(&rest);
        r.id = IndexOf(kServiceIds, kNumServices, id);
        if (r.id < 0) return fail("unknown service id '" + id + "'");
      } else if (kind == "category" || kind == "fallback") {
        r.kind = kind == "category" ? RuleKind::kCategory : RuleKind::kFallback;
        id = NextField(&rest);
        r.id = IndexOf(kCategoryIds, kNumCategories, id);
        if (r.id < 0) return fail("unknown category id '" + id + "'");
        std::string w = NextField(&rest);
        if (!ParseWeight(w, &r.weight) || !(r.weight > 0 && r.weight <= 1)) {
          return fail("bad weight '" + w + "' (a number in (0, 1])");
        }
      } else if (kind == "cue") {
        r.kind = RuleKind::kCue;
        id = NextField(&rest);
        r.id = IndexOf(kCueNames, kNumCues, id);
        if (r.id < 0) return fail("unknown cue '" + id + "'");
        std::string_view save = rest;
        std::string w = NextField(&rest);
        if (IsNumberLike(w)) {
          if (!ParseWeight(w, &r.weight) || !(r.weight > 0 && r.weight <= 1)) {
            return fail("bad weight '" + w + "' (a number in (0, 1])");
          }
        } else {
          rest = save;
        }
      } else if (kind == "cause") {
        r.kind = RuleKind::kCause;
        id = NextField(&rest);
        r.id = IndexOf(kCauseIds, kNumCauses, id);
        if (r.id < 0) return fail("unknown cause id '" + id + "'");
      } else {
        return fail("unknown rule kind '" + kind +
                    "' (expected define, service, not_service, category, fallback, cue or cause)");
      }
      std::string pattern = Trim(rest);
      if (pattern.empty()) return fail("missing pattern");
      std::string expanded;
      if (std::string bad = Expand(pattern, defines, &expanded); !bad.empty()) {
        return fail(ExpandError(bad));
      }
      r.pattern = expanded;
      out.push_back(std::move(r));
    }
  }
  *rules = std::move(out);
  return Status::OK();
}

}  // namespace bengle::internal
