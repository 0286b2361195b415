#include <dirent.h>
#include <sys/stat.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdlib>
#include <cerrno>
#include <cstdio>
#include <mutex>

#include "bengle/data_dir.h"
#include "bengle/segment.h"
#include "normalize/entities.h"
#include "segment/dictionary.h"
#include "util/cache_dir.h"
#include "util/utf8.h"

namespace bengle {

using internal::CacheDir;
using internal::MakeDirs;

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kCjkWord: return "cjk";
    case TokenKind::kLatinWord: return "latin";
    case TokenKind::kNumber: return "number";
    case TokenKind::kHashtag: return "hashtag";
    case TokenKind::kMention: return "mention";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmoji: return "emoji";
    case TokenKind::kEmoticon: return "emoticon";
    case TokenKind::kPunctuation: return "punct";
    case TokenKind::kOther: return "other";
  }
  return "other";
}

namespace {

using internal::DecodeUtf8;
using internal::Dictionary;

// One ICU word-break iterator per thread (ICU break iterators are not
// thread-safe); all clones of one process-wide prototype.
icu::BreakIterator* ThreadWordBreaker() {
  static std::once_flag once;
  static icu::BreakIterator* prototype = nullptr;
  std::call_once(once, [] {
    UErrorCode err = U_ZERO_ERROR;
    prototype = icu::BreakIterator::createWordInstance(icu::Locale("zh"), err);
    if (U_FAILURE(err)) prototype = nullptr;
  });
  thread_local std::unique_ptr<icu::BreakIterator> mine(prototype ? prototype->clone() : nullptr);
  return mine.get();
}

bool IsHan(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;
  if (c < 0x2E80) return false;
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC) ||
         uscript_getScript(static_cast<UChar32>(c), nullptr) == USCRIPT_HAN;
}

bool IsDigit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

// Letters and digits that make up Latin/number runs (ASCII, full-width,
// and Latin-script letters such as é).
bool IsAlnum(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
  if (c >= 0xFF10 && c <= 0xFF19) return true;
  if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) return true;
  return u_isalpha(static_cast<UChar32>(c)) && uscript_getScript(static_cast<UChar32>(c), nullptr) == USCRIPT_LATIN;
}

bool IsJoiner(char32_t c) {  // attaches to the code point before it
  if (c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F)) return true;
  if (c < 0x300) return false;
  const int8_t t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

bool IsSpace(char32_t c) {
  if (c < 0x80) return internal::IsAsciiSpace(static_cast<char>(c));
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0x200B || c == 0xFEFF;
}

bool IsNumberUnit(char32_t c) {
  return c == U'年' || c == U'月' || c == U'日' || c == U'号' || c == U'时' || c == U'点' || c == U'分' ||
         c == U'秒';
}

// A signature of everything the loaded dictionary depends on.
uint64_t Signature(const std::string& general, const std::vector<std::string>& lexicons,
                   const SegmenterOptions& o) {
  uint64_t h = internal::Fnv1a({});
  auto mix = [&h](const void* p, size_t n) { h = internal::Fnv1a({static_cast<const char*>(p), n}, h); };
  auto file = [&](const std::string& path) {
    mix(path.data(), path.size());
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      mix(&st.st_size, sizeof st.st_size);
      mix(&st.st_mtim, sizeof st.st_mtim);
      mix(&st.st_ino, sizeof st.st_ino);
    }
  };
  const int version = 1;
  mix(&version, sizeof version);
  file(general);
  for (const auto& l : lexicons) file(l);
  mix(&o.pku_style, sizeof o.pku_style);
  mix(&o.default_frequency, sizeof o.default_frequency);
  return h;
}

struct Unit {
  uint32_t begin, end;
  bool alnum;      // a Latin/number run (atomic)
  bool all_digits;
};

}  // namespace

struct Segmenter::Impl {
  SegmenterOptions options;
  Dictionary dict;
  double default_freq = 1;

  void Segment(std::string_view text, std::vector<Token>* out) const;
  void SegmentRun(std::string_view text, const std::vector<Unit>& units, std::vector<Token>* out) const;
  void IcuWords(std::string_view text, uint32_t begin, uint32_t end, TokenKind kind, std::vector<Token>* out) const;
};

Segmenter::Segmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Segmenter::~Segmenter() = default;

Result<std::unique_ptr<Segmenter>> Segmenter::Create(const SegmenterOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // Our lexicons, found first: a general-dictionary word that swallows a
  // lexicon term (抢红包 around 红包) is not loaded, so the term comes out whole.
  std::vector<std::string> lexicons;
  for (const std::string& l : options.lexicons) {
    if (l != "<default>") {
      lexicons.push_back(l);
      continue;
    }
    const std::string dir = DefaultDataDir() + "/dict";
    if (DIR* d = ::opendir(dir.c_str())) {
      std::vector<std::string> found;
      while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name.size() > 5 && name.ends_with(".dict")) found.push_back(dir + "/" + name);
      }
      ::closedir(d);
      std::sort(found.begin(), found.end());
      lexicons.insert(lexicons.end(), found.begin(), found.end());
    }
  }
  std::string general = options.general_dictionary == "<default>" ? DefaultGeneralDictionary()
                                                                   : options.general_dictionary;
  const std::string cache_dir = CacheDir(options.cache_dir);
  const uint64_t signature = Signature(general, lexicons, options);
  char name[64];
  std::snprintf(name, sizeof name, "/dict-%016llx.bin", static_cast<unsigned long long>(signature));
  const std::string cache = cache_dir.empty() ? "" : cache_dir + name;
  if (!cache.empty() && impl->dict.Map(cache, signature, &impl->default_freq)) {
    return std::unique_ptr<Segmenter>(new Segmenter(std::move(impl)));
  }
  Dictionary terms;
  for (const std::string& l : lexicons) {
    Status st = terms.Load(l, 1, /*require_freq=*/false);
    if (!st.ok()) return st;
  }
  if (!general.empty()) {
    const bool pku = options.pku_style;
    Status st = impl->dict.Load(general, 1, /*require_freq=*/true, [&](std::u32string_view w) {
      return (pku && Dictionary::PkuSplits(w)) || terms.ContainsProperly(w);
    });
    if (!st.ok()) return st;
  }
  impl->default_freq = options.default_frequency > 0 ? options.default_frequency
                                                     : std::max(1000.0, impl->dict.total() / 2000.0);
  for (const std::string& l : lexicons) {
    Status st = impl->dict.Load(l, impl->default_freq, /*require_freq=*/false);
    if (!st.ok()) return st;
  }
  if (!cache.empty() && MakeDirs(cache_dir)) impl->dict.Save(cache, signature, impl->default_freq);
  return std::unique_ptr<Segmenter>(new Segmenter(std::move(impl)));
}

Status Segmenter::AddWord(std::string_view word, double freq) {
  if (word.empty()) return Status::InvalidArgument("empty word");
  if (!internal::IsValidUtf8(word)) return Status::InvalidArgument("word is not valid UTF-8");
  for (size_t i = 0; i < word.size();) {
    size_t len = 0;
    if (IsSpace(DecodeUtf8(word, i, &len))) return Status::InvalidArgument("word contains whitespace");
    i += len;
  }
  impl_->dict.Add(word, freq > 0 ? freq : impl_->default_freq);
  return Status::OK();
}

Status Segmenter::LoadDictionary(const std::string& path) {
  return impl_->dict.Load(path, impl_->default_freq, /*require_freq=*/false);
}

size_t Segmenter::size() const { return impl_->dict.words(); }

void Segmenter::Segment(std::string_view text, std::vector<Token>* out) const { impl_->Segment(text, out); }

std::vector<std::string> Segmenter::Words(std::string_view text) const {
  std::vector<Token> tokens;
  Segment(text, &tokens);
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) words.emplace_back(text.substr(t.begin, t.end - t.begin));
  return words;
}

void Segmenter::Impl::IcuWords(std::string_view text, uint32_t begin, uint32_t end, TokenKind kind,
                               std::vector<Token>* out) const {
  icu::BreakIterator* bi = options.icu_fallback || kind == TokenKind::kOther ? ThreadWordBreaker() : nullptr;
  if (bi == nullptr) {
    for (uint32_t i = begin; i < end;) {
      size_t len = 0;
      DecodeUtf8(text, i, &len);
      out->push_back(Token{i, static_cast<uint32_t>(i + len), kind});
      i += static_cast<uint32_t>(len);
    }
    return;
  }
  UErrorCode err = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data() + begin, static_cast<int64_t>(end - begin), &err);
  bi->setText(ut, err);
  int32_t prev = bi->first();
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
    out->push_back(Token{begin + static_cast<uint32_t>(prev), begin + static_cast<uint32_t>(b), kind});
    prev = b;
  }
  utext_close(ut);
}

// Maximum-probability path over a run of units (Chinese characters and
// Latin/number runs), then ICU for stretches of characters nobody knows.
void Segmenter::Impl::SegmentRun(std::string_view text, const std::vector<Unit>& units,
                                 std::vector<Token>* out) const {
  const size_t n = units.size();
  thread_local std::vector<double> best;
  thread_local std::vector<uint32_t> next;
  best.assign(n + 1, 0.0);
  next.assign(n + 1, 0);
  const double unknown = -dict.log_total();  // frequency 1
  const double alnum = std::log(default_freq) - dict.log_total();
  for (size_t i = n; i-- > 0;) {
    // Single unit: a dictionary word, a Latin/number run, or an unknown character.
    double single = units[i].alnum ? alnum : unknown;
    double best_score = -INFINITY;
    uint32_t best_end = static_cast<uint32_t>(i + 1);
    uint32_t node = 0;
    for (size_t k = i; k < n && (node != 0 || k == i); ++k) {
      const Unit& u = units[k];
      for (uint32_t p = u.begin; p < u.end && (node != 0 || p == u.begin);) {
        size_t len = 0;
        const char32_t c = DecodeUtf8(text, p, &len);
        node = dict.Child(node, c);
        p += static_cast<uint32_t>(len);
        if (node == Dictionary::kNone) break;
      }
      if (node == Dictionary::kNone) break;
      if (dict.IsWord(node)) {
        double s = dict.LogProb(node) + best[k + 1];
        if (k == i) {
          single = std::max(single, dict.LogProb(node));
          continue;
        }
        if (s > best_score) {
          best_score = s;
          best_end = static_cast<uint32_t>(k + 1);
        }
      }
    }
    const double s1 = single + best[i + 1];
    if (s1 >= best_score) {
      best[i] = s1;
      next[i] = static_cast<uint32_t>(i + 1);
    } else {
      best[i] = best_score;
      next[i] = best_end;
    }
  }
  // Emit, collecting consecutive single unknown characters for ICU.
  size_t pending = n;  // start of a stretch of single unknown characters
  auto flush = [&](size_t upto) {
    if (pending >= upto) return;
    if (upto - pending >= 2) {
      IcuWords(text, units[pending].begin, units[upto - 1].end, TokenKind::kCjkWord, out);
    } else {
      out->push_back(Token{units[pending].begin, units[pending].end, TokenKind::kCjkWord});
    }
    pending = n;
  };
  for (size_t i = 0; i < n; i = next[i]) {
    const size_t j = next[i];
    bool known = true;
    if (j == i + 1 && !units[i].alnum) {
      uint32_t node = 0;
      for (uint32_t p = units[i].begin; p < units[i].end && (node != 0 || p == units[i].begin);) {
        size_t len = 0;
        node = dict.Child(node, DecodeUtf8(text, p, &len));
        p += static_cast<uint32_t>(len);
      }
      known = node != Dictionary::kNone && dict.IsWord(node);
    }
    if (!known) {
      if (pending == n) pending = i;
      continue;
    }
    flush(i);
    TokenKind kind = TokenKind::kCjkWord;
    bool all_alnum = true, all_digits = true;
    for (size_t k = i; k < j; ++k) {
      all_alnum &= units[k].alnum;
      all_digits &= units[k].all_digits;
    }
    if (all_alnum) kind = all_digits ? TokenKind::kNumber : TokenKind::kLatinWord;
    // PKU style: a number keeps its date/time unit (2021年, 18日).
    if (kind == TokenKind::kNumber && options.merge_number_units && j < n && next[j] == j + 1 &&
        !units[j].alnum) {
      size_t len = 0;
      if (IsNumberUnit(DecodeUtf8(text, units[j].begin, &len)) && units[j].end == units[j].begin + len) {
        out->push_back(Token{units[i].begin, units[j].end, TokenKind::kNumber});
        i = j;  // the loop's step moves past the unit
        continue;
      }
    }
    out->push_back(Token{units[i].begin, units[j - 1].end, kind});
  }
  flush(n);
}

void Segmenter::Impl::Segment(std::string_view text, std::vector<Token>* out) const {
  out->clear();
  if (text.empty()) return;
  // Atomic entities first: they are never cut.
  thread_local internal::RawEntities ents;
  thread_local std::vector<Token> atoms;
  atoms.clear();
  if (internal::IsValidUtf8(text)) {
    internal::FindEntities(text, &ents);
    for (const auto& h : ents.hashtags) atoms.push_back(Token{h.span.begin, h.span.end, TokenKind::kHashtag});
    for (const auto& m : ents.mentions) atoms.push_back(Token{m.begin, m.end, TokenKind::kMention});
    for (const auto& u : ents.urls) atoms.push_back(Token{u.begin, u.end, TokenKind::kUrl});
    for (const auto& e : ents.emoticons) atoms.push_back(Token{e.begin - 1, e.end + 1, TokenKind::kEmoticon});
    for (const auto& e : ents.emoji) atoms.push_back(Token{e.begin, e.end, TokenKind::kEmoji});
    std::sort(atoms.begin(), atoms.end(), [](const Token& a, const Token& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
  } else {
    out->push_back(Token{0, static_cast<uint32_t>(text.size()), TokenKind::kOther});
    return;
  }
  thread_local std::vector<Unit> run;
  run.clear();
  auto flush_run = [&] {
    if (!run.empty()) SegmentRun(text, run, out);
    run.clear();
  };
  size_t next_atom = 0;
  uint32_t other_begin = 0;
  bool in_other = false;
  auto flush_other = [&](uint32_t end) {
    if (in_other) IcuWords(text, other_begin, end, TokenKind::kOther, out);
    in_other = false;
  };
  for (uint32_t i = 0; i < text.size();) {
    while (next_atom < atoms.size() && atoms[next_atom].end <= i) ++next_atom;
    if (next_atom < atoms.size() && atoms[next_atom].begin == i) {
      flush_run();
      flush_other(i);
      out->push_back(atoms[next_atom]);
      i = atoms[next_atom].end;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeUtf8(text, i, &len);
    const uint32_t e = i + static_cast<uint32_t>(len);
    if (IsJoiner(c)) {  // grapheme extension: stays with what precedes it
      if (in_other) {
      } else if (!run.empty() && run.back().end == i) {
        run.back().end = e;
      } else if (!out->empty() && out->back().end == i) {
        out->back().end = e;
      }
      i = e;
      continue;
    }
    if (IsHan(c)) {
      flush_other(i);
      run.push_back(Unit{i, e, false, false});
    } else if (IsAlnum(c) || (c == '.' && !run.empty() && run.back().alnum && run.back().end == i &&
                              IsDigit(internal::PrevCodePoint(text, i)) && e < text.size() &&
                              IsDigit(DecodeUtf8(text, e, &len)))) {
      flush_other(i);
      if (!run.empty() && run.back().alnum && run.back().end == i) {
        run.back().end = e;
        run.back().all_digits &= IsDigit(c) || c == '.';
      } else {
        run.push_back(Unit{i, e, true, IsDigit(c)});
      }
    } else if ((c == '%' || c == 0xFF05) && !run.empty() && run.back().alnum && run.back().all_digits &&
               run.back().end == i) {
      run.back().end = e;  // 99% is one number
    } else if (IsSpace(c)) {
      flush_run();
      flush_other(i);
    } else if (u_isalpha(static_cast<UChar32>(c)) || u_isdigit(static_cast<UChar32>(c))) {
      flush_run();
      if (!in_other) {
        in_other = true;
        other_begin = i;
      }
    } else {  // punctuation and symbols: one token; a run of the same mark is one token
      flush_run();
      flush_other(i);
      if (!out->empty() && out->back().kind == TokenKind::kPunctuation && out->back().end == i &&
          text.substr(out->back().begin, len) == text.substr(i, len) &&
          (out->back().end - out->back().begin) % len == 0) {
        out->back().end = e;
      } else {
        out->push_back(Token{i, e, TokenKind::kPunctuation});
      }
    }
    i = e;
  }
  flush_run();
  flush_other(static_cast<uint32_t>(text.size()));
}

}  // namespace bengle
