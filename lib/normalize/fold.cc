#include "normalize/fold.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <vector>

#include "util/utf8.h"

namespace bengle::internal {
namespace {

const icu::Normalizer2* Nfkccf() {
  static const icu::Normalizer2* n = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(err);
    return U_SUCCESS(err) ? p : nullptr;
  }();
  return n;
}

constexpr uint32_t kSlow = 0xFFFFFFFF;  // must go through ICU

struct FoldTable {
  // For every BMP code point: kSlow, or the single code point it folds to.
  std::vector<uint32_t> map = std::vector<uint32_t>(0x10000, kSlow);
  // Bit c set: c folds to itself (8 KiB, so the common case stays in L1).
  std::vector<uint64_t> same = std::vector<uint64_t>(0x10000 / 64, 0);
  // Every code point U+4000..U+9FFF (UTF-8 lead bytes E4..E9: the
  // ideographs, most of a Chinese text) folds to itself, so those
  // characters are passed over without being decoded.
  bool ideographs_same = false;
};

const FoldTable& Table() {
  static const FoldTable* table = [] {
    auto* ft = new FoldTable;
    std::vector<uint32_t>* t = &ft->map;
    const icu::Normalizer2* n = Nfkccf();
    if (n == nullptr) return ft;
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      if (!n->hasBoundaryBefore(c) || !n->hasBoundaryAfter(c)) continue;
      if (n->isInert(c)) {
        (*t)[c] = static_cast<uint32_t>(c);
        continue;
      }
      UErrorCode err = U_ZERO_ERROR;
      icu::UnicodeString folded = n->normalize(icu::UnicodeString(c), err);
      if (U_FAILURE(err) || folded.countChar32() != 1) continue;
      (*t)[c] = static_cast<uint32_t>(folded.char32At(0));
    }
    for (uint32_t c = 0; c < 0x10000; ++c) {
      if ((*t)[c] == c) ft->same[c >> 6] |= uint64_t{1} << (c & 63);
    }
    ft->ideographs_same = true;
    for (uint32_t c = 0x4000; c < 0xA000; ++c) ft->ideographs_same &= (*t)[c] == c;
    return ft;
  }();
  return *table;
}

}  // namespace

bool FoldAvailable() { return Nfkccf() != nullptr; }

void AppendFoldedIcu(std::string_view in, std::string* out) {
  icu::StringByteSink<std::string> sink(out);
  UErrorCode err = U_ZERO_ERROR;
  const size_t start = out->size();
  Nfkccf()->normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink, nullptr, err);
  if (U_FAILURE(err)) {
    out->resize(start);
    out->append(in);
  }
}

void AppendFolded(std::string_view in, std::string* out) {
  const FoldTable& table = Table();
  const size_t start = out->size();
  size_t copied = 0;
  for (size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') {
        out->append(in.data() + copied, i - copied);
        out->push_back(static_cast<char>(b - 'A' + 'a'));
        copied = i + 1;
      }
      ++i;
      continue;
    }
    if (b >= 0xE4 && b <= 0xE9 && table.ideographs_same) {  // valid UTF-8: a 3-byte U+4000..U+9FFF
      i += 3;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeUtf8(in, i, &len);
    if (c < 0x10000 && ((table.same[c >> 6] >> (c & 63)) & 1)) {
      i += len;
      continue;
    }
    const uint32_t m = c < 0x10000 ? table.map[c] : kSlow;
    if (m == kSlow) {
      out->resize(start);
      AppendFoldedIcu(in, out);
      return;
    }
    if (m != c) {
      out->append(in.data() + copied, i - copied);
      AppendUtf8(static_cast<char32_t>(m), out);
      copied = i + len;
    }
    i += len;
  }
  out->append(in.data() + copied, in.size() - copied);
}

}  // namespace bengle::internal
