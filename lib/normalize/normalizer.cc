#include <cstring>

#include "bengle/normalize.h"
#include "normalize/entities.h"
#include "normalize/fold.h"
#include "normalize/t2s.h"
#include "util/utf8.h"

namespace bengle {
namespace {

using internal::RawEntities;

bool IsAscii(std::string_view s) {
  size_t i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    acc |= w;
  }
  for (; i < s.size(); ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ull) == 0;
}

// Per-thread scratch buffers, so normalization allocates nothing in the
// steady state.
struct Scratch {
  std::string folded;
  RawEntities entities;
  std::vector<Span> emoji;
};
Scratch& ThreadScratch() {
  thread_local Scratch s;
  return s;
}

// Collapses ASCII whitespace runs in (*out)[from, end) to one space and trims.
void CollapseWhitespace(std::string* out, size_t from) {
  // Common case: nothing to do (no leading/trailing space, no runs, no tabs
  // or newlines).
  const size_t n = out->size();
  if (n == from) return;
  if ((*out)[from] != ' ' && (*out)[n - 1] != ' ') {
    bool clean = true;
    for (size_t r = from; r < n && clean; ++r) {
      const char c = (*out)[r];
      if (static_cast<unsigned char>(c) <= ' ') {
        clean = c == ' ' && (*out)[r + 1] != ' ';
      }
    }
    if (clean) return;
  }
  size_t w = from;
  bool pending_space = false;
  for (size_t r = from; r < out->size(); ++r) {
    const char c = (*out)[r];
    if (internal::IsAsciiSpace(c)) {
      pending_space = w > from;
      continue;
    }
    if (pending_space) {
      (*out)[w++] = ' ';
      pending_space = false;
    }
    (*out)[w++] = c;
  }
  out->resize(w);
}

}  // namespace

void NormalizedText::Clear() {
  text.clear();
  own_text.clear();
  default_repost = false;
  quoted.clear();
  hashtags.clear();
  mentions.clear();
  urls.clear();
  emoticons.clear();
  emoji.clear();
}

Normalizer::Normalizer(const NormalizeOptions& options) : options_(options) {}
Normalizer::~Normalizer() = default;

Result<std::unique_ptr<Normalizer>> Normalizer::Create(const NormalizeOptions& options) {
  if (options.casefold && !internal::FoldAvailable()) {
    return Status::Unavailable("ICU NFKC_Casefold data cannot be loaded");
  }
  return std::unique_ptr<Normalizer>(new Normalizer(options));
}

namespace {

// Appends the normalized form of plain text (no emoji inside) to *out.
void AppendPlain(const NormalizeOptions& opt, std::string_view s, std::string* out) {
  if (s.empty()) return;
  if (IsAscii(s)) {  // NFKC is the identity on ASCII and nothing maps to Simplified
    const size_t at = out->size();
    out->append(s);
    if (opt.casefold) {
      for (size_t k = at; k < out->size(); ++k) {
        char& c = (*out)[k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return;
  }
  std::string_view folded = s;
  std::string& buf = ThreadScratch().folded;
  if (opt.casefold) {
    buf.clear();
    internal::AppendFolded(s, &buf);
    folded = buf;
  }
  if (opt.to_simplified) {
    internal::AppendSimplified(folded, out);
  } else {
    out->append(folded);
  }
}

// Appends the normalized form of s[range) with emoji kept verbatim.
void AppendRange(const NormalizeOptions& opt, std::string_view s, Span range, const std::vector<Span>& emoji,
                 std::string* out) {
  const size_t start = out->size();
  size_t pos = range.begin;
  for (const Span& e : emoji) {
    if (e.end <= pos || e.begin < range.begin) continue;
    if (e.begin >= range.end) break;
    AppendPlain(opt, s.substr(pos, e.begin - pos), out);
    out->append(s.substr(e.begin, std::min(e.end, range.end) - e.begin));
    pos = std::min(e.end, range.end);
  }
  if (pos < range.end) AppendPlain(opt, s.substr(pos, range.end - pos), out);
  if (opt.collapse_whitespace) CollapseWhitespace(out, start);
}

bool IsDefaultRepostText(std::string_view own) {
  return own.empty() || own == "转发微博" || own == "repost" || own == "转发" || own == "轉發微博";
}

}  // namespace

std::string Normalizer::NormalizeString(std::string_view text) const {
  std::string out;
  std::vector<Span>& emoji = ThreadScratch().emoji;
  internal::FindEmoji(text, &emoji);
  AppendRange(options_, text, Span{0, static_cast<uint32_t>(text.size())}, emoji, &out);
  return out;
}

Status Normalizer::Normalize(std::string_view text, NormalizedText* out) const {
  // The length is checked (and reported) by NormalizeValidUtf8().
  if (text.size() < (uint64_t{1} << 32) && !internal::IsValidUtf8(text)) {
    out->Clear();
    return Status::InvalidArgument("text is not valid UTF-8");
  }
  return NormalizeValidUtf8(text, out);
}

Status Normalizer::NormalizeValidUtf8(std::string_view text, NormalizedText* out) const {
  out->Clear();
  if (text.size() >= (uint64_t{1} << 32)) return Status::InvalidArgument("text longer than 4 GiB");
  const Span whole{0, static_cast<uint32_t>(text.size())};
  if (!options_.extract_entities) {
    std::vector<Span>& emoji = ThreadScratch().emoji;
    internal::FindEmoji(text, &emoji);
    AppendRange(options_, text, whole, emoji, &out->text);
    out->own_text = out->text;
    return Status::OK();
  }
  RawEntities& raw = ThreadScratch().entities;
  internal::FindEntities(text, &raw);
  AppendRange(options_, text, whole, raw.emoji, &out->text);

  auto str = [&](Span sp) { return std::string(text.substr(sp.begin, sp.end - sp.begin)); };
  if (raw.markers.empty()) {
    out->own_text = out->text;
  } else {
    AppendRange(options_, text, Span{0, raw.markers[0].span.begin}, raw.emoji, &out->own_text);
    if (IsDefaultRepostText(out->own_text)) {
      out->own_text.clear();
      out->default_repost = true;
    }
    for (size_t k = 0; k < raw.markers.size(); ++k) {
      const uint32_t end = k + 1 < raw.markers.size() ? raw.markers[k + 1].span.begin : whole.end;
      QuotedSegment q;
      q.author = str(raw.markers[k].author);
      q.span = Span{raw.markers[k].span.begin, end};
      AppendRange(options_, text, Span{raw.markers[k].span.end, end}, raw.emoji, &q.text);
      out->quoted.push_back(std::move(q));
    }
  }
  for (const internal::RawHashtag& h : raw.hashtags) {
    Hashtag tag;
    tag.span = h.span;
    tag.kind = h.kind;
    std::string_view inner = text.substr(h.inner.begin, h.inner.end - h.inner.begin);
    if (inner.ends_with("[超话]")) {  // "#鹿晗[超话]#" is the 超话 "鹿晗超话"
      std::string joined(inner.substr(0, inner.size() - 8));
      joined += "超话";
      std::vector<Span> none;
      internal::FindEmoji(joined, &none);
      AppendRange(options_, joined, Span{0, static_cast<uint32_t>(joined.size())}, none, &tag.name);
    } else {
      AppendRange(options_, text, h.inner, raw.emoji, &tag.name);
    }
    out->hashtags.push_back(std::move(tag));
  }
  for (const Span& m : raw.mentions) {
    const uint32_t at_len = text[m.begin] == '@' ? 1 : 3;  // '@' or full-width '＠'
    out->mentions.push_back(Entity{str(Span{m.begin + at_len, m.end}), m});
  }
  for (const Span& u : raw.urls) out->urls.push_back(Entity{str(u), u});
  for (const Span& e : raw.emoticons) out->emoticons.push_back(Entity{str(e), Span{e.begin - 1, e.end + 1}});
  for (const Span& e : raw.emoji) out->emoji.push_back(Entity{str(e), e});
  return Status::OK();
}

std::string ToSimplified(std::string_view text) {
  std::string out;
  internal::AppendSimplified(text, &out);
  return out;
}

}  // namespace bengle
