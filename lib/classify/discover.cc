#include "classify/discover.h"

#include <algorithm>
#include <sstream>

#include "util/cache_dir.h"
#include "util/utf8.h"

namespace bengle::internal {
namespace {

size_t Chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool Ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

// The first UTF-8 character of s (not empty).
std::string_view FirstChar(std::string_view s) {
  size_t n = 0;
  DecodeUtf8(s, 0, &n);
  return s.substr(0, n);
}

std::unique_ptr<RE2> SubjectPattern() {
  RE2::Options o;
  o.set_log_errors(false);
  // X: Han letters, Latin letters and digits, at the start of the text or
  // after a mark, space or '#'; an optional adverb; the statement; and the
  // end of the clause or a duration ("秀动崩了", "#秀动崩了#", "X宕机7小时",
  // not "...崩了的人设"). Not "崩溃了": said of people far more often than of
  // services ("情绪崩溃了").
  return std::make_unique<RE2>(
      "(?:^|[#\\s,.!?;:，。！？；：、“”\"'（）()【】\\[\\]])"
      "([\\p{Han}a-z0-9]{2,16}?)"
      "(?:又|也|再次|再度|突然|集体|全面|大面积)?"
      "(?:崩了|宕机了?|服务器(?:又|也)?(?:崩了|炸了|挂了|宕机了?)|闪退了?|登不上了?|进不去了?|"
      "(?:再次|再)?(?:出现|出|发生)(?:大面积)?故障)"
      "(?:$|[#\\s,.!?;:，。！？；：、“”\"'（）()【】\\[\\]~…]|啊|吗|吧|呀|啦|了|"
      // or how long it lasted ("语雀宕机7小时")
      "(?:近|超|超过|长达)?[0-9一二三四五六七八九十两几多半]+(?:个)?多?(?:小时|分钟|天))",
      o);
}

}  // namespace

Result<std::unique_ptr<Discoverer>> Discoverer::Load(const std::string& path) {
  std::string text;
  if (!ReadWholeFile(path, &text)) return Status::NotFound(path + ": cannot open the discovery rules");
  return FromString(text, path);
}

Result<std::unique_ptr<Discoverer>> Discoverer::FromString(std::string_view text, const std::string& name) {
  auto d = std::unique_ptr<Discoverer>(new Discoverer());
  d->pattern_ = SubjectPattern();
  if (!d->pattern_->ok()) return Status::InvalidArgument("discovery pattern: " + d->pattern_->error());
  std::istringstream lines{std::string(text)};
  std::string line;
  int no = 0;
  while (std::getline(lines, line)) {
    ++no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find(' ');
    const std::string kind = line.substr(0, sp);
    const std::string item = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (item.empty()) return Status::InvalidArgument(name + ":" + std::to_string(no) + ": expected KIND TEXT");
    if (kind == "ending") {
      d->endings_.push_back(item);
    } else if (kind == "start") {
      d->starts_.push_back(item);
    } else if (kind == "contains") {
      d->contains_.push_back(item);
    } else if (kind == "word") {
      d->words_.push_back(item);
    } else if (kind == "head") {
      d->heads_.push_back(item);
    } else if (kind == "surnames") {
      for (std::string_view rest = item; !rest.empty();) {
        const std::string_view c = FirstChar(rest);
        d->surnames_.emplace_back(c);
        rest.remove_prefix(c.size());
      }
    } else {
      return Status::InvalidArgument(name + ":" + std::to_string(no) + ": unknown kind '" + kind +
                                     "' (expected ending, start, contains, word, head or surnames)");
    }
  }
  return d;
}

bool Discoverer::Acceptable(std::string_view x) const {
  if (x.empty()) return false;
  auto any = [&](const std::vector<std::string>& v, auto&& pred) { return std::any_of(v.begin(), v.end(), pred); };
  if (any(contains_, [&](const std::string& c) { return x.find(c) != std::string_view::npos; })) return false;
  if (any(starts_, [&](const std::string& b) { return x.starts_with(b); })) return false;
  if (any(words_, [&](const std::string& w) { return x == w; })) return false;
  for (const std::string& h : heads_) {
    // A specific name before a service ending (two characters or letters at least).
    if (x.ends_with(h)) return Chars(x.substr(0, x.size() - h.size())) >= 2 && Chars(x) <= 12;
  }
  if (any(endings_, [&](const std::string& e) { return x.ends_with(e); })) return false;
  if (Ascii(x)) return x.size() >= 2 && x.size() <= 16;  // a Latin brand: "kook"
  const size_t n = Chars(x);
  if (n < 2 || n > 6) return false;
  // A person: a common surname and one or two more characters.
  if (n <= 3 && any(surnames_, [&](const std::string& s) { return FirstChar(x) == s; })) return false;
  return true;
}

namespace {
// The failure words of the statement pattern: a text without any of them
// has no statement, and skips the regular expression.
constexpr std::string_view kWords[] = {"崩", "宕机", "闪退", "登不上", "进不去", "故障", "服务器"};

// One pass over the characters (most texts name none of these words): a
// word of valid UTF-8 in valid UTF-8 text can only start at a character.
bool MayHaveStatement(std::string_view text) {
  for (size_t i = 0; i < text.size(); i += Utf8SequenceLength(static_cast<unsigned char>(text[i]))) {
    if ((static_cast<unsigned char>(text[i]) & 0xF0) != 0xE0) continue;  // every word starts with a 3-byte character
    const std::string_view rest = text.substr(i);
    for (std::string_view w : kWords) {
      if (rest.starts_with(w)) return true;
    }
  }
  return false;
}
}  // namespace

std::string_view Discoverer::FailureWordsPattern() {
  static const std::string pattern = [] {
    std::string p;
    for (std::string_view w : kWords) {
      if (!p.empty()) p += '|';
      p += w;
    }
    return p;
  }();
  return pattern;
}

void Discoverer::Subjects(std::string_view text, std::vector<std::string>* out) const {
  out->clear();
  if (!MayHaveStatement(text)) return;
  re2::StringPiece input(text.data(), text.size());
  std::string x;
  while (RE2::FindAndConsume(&input, *pattern_, &x)) out->push_back(x);
}

bool Discoverer::Find(std::string_view text, std::string* subject) const {
  thread_local std::vector<std::string> subjects;
  Subjects(text, &subjects);
  for (const std::string& x : subjects) {
    if (Acceptable(x)) {
      *subject = x;
      return true;
    }
  }
  return false;
}

}  // namespace bengle::internal
