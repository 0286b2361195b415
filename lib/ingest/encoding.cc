#include "ingest/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "util/utf8.h"

namespace bengle::internal {
namespace {

// Our name and ICU's converter name, by Encoding.
struct Names {
  const char* ours;
  const char* icu;
};
constexpr Names kNames[] = {{"utf-8", "UTF-8"}, {"gb18030", "GB18030"}, {"big5", "Big5"}};
static_assert(static_cast<int>(Encoding::kUtf8) == 0 && static_cast<int>(Encoding::kGb18030) == 1 &&
              static_cast<int>(Encoding::kBig5) == 2);

const char* IcuName(Encoding e) { return kNames[static_cast<int>(e)].icu; }

// Valid UTF-8, allowing the last character to be cut off by the end of `s`.
bool IsUtf8Prefix(std::string_view s) {
  size_t cut = s.size();
  // Back up over at most 3 continuation bytes to the start of the last character.
  for (size_t k = 0; k < 4 && cut > 0; ++k) {
    const auto c = static_cast<unsigned char>(s[cut - 1]);
    --cut;
    if ((c & 0xC0) != 0x80) break;
  }
  if (IsValidUtf8(s)) return true;
  // The tail from `cut` may be an incomplete character: check the rest.
  return IsValidUtf8(s.substr(0, cut));
}

// Replaces each U+FFFF (what the callback below writes for bad input) by 0xFF.
void MarkBad(std::string* out, size_t len) {
  size_t w = 0;
  for (size_t r = 0; r < len;) {
    if (r + 2 < len && std::memcmp(out->data() + r, "\xEF\xBF\xBF", 3) == 0) {
      (*out)[w++] = '\xFF';
      r += 3;
    } else {
      (*out)[w++] = (*out)[r++];
    }
  }
  out->resize(w);
}

}  // namespace

const char* EncodingName(Encoding e) { return kNames[static_cast<int>(e)].ours; }

Status ParseEncodingName(std::string_view name, Encoding* encoding, bool* detect) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  *detect = false;
  if (n == "auto") {
    *detect = true;
    *encoding = Encoding::kUtf8;
  } else if (n == "utf-8" || n == "utf8") {
    *encoding = Encoding::kUtf8;
  } else if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") {
    *encoding = Encoding::kGb18030;
  } else if (n == "big5") {
    *encoding = Encoding::kBig5;
  } else {
    return Status::InvalidArgument("unsupported encoding '" + std::string(name) +
                                   "' (auto, utf-8, gb18030 (also for GBK/GB2312), big5)");
  }
  return Status::OK();
}

DetectedEncoding DetectEncoding(std::string_view head) {
  DetectedEncoding d;
  if (head.starts_with("\xEF\xBB\xBF") || IsUtf8Prefix(head)) return d;
  // A UTF-8 archive with a broken record or two is still UTF-8: another
  // encoding is considered only when at least two lines, and more lines than
  // not among those with non-ASCII bytes, are not UTF-8.
  size_t valid = 0, invalid = 0;
  for (size_t pos = 0; pos < head.size();) {
    size_t nl = head.find('\n', pos);
    const bool last = nl == std::string_view::npos;
    std::string_view line = head.substr(pos, last ? std::string_view::npos : nl - pos);
    pos = last ? head.size() : nl + 1;
    bool ascii = true;
    for (char c : line) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) continue;
    ((last ? IsUtf8Prefix(line) : IsValidUtf8(line)) ? valid : invalid) += 1;
  }
  if (invalid < 2 || valid >= invalid) return d;
  d.confidence = 0;
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err)) return d;
  ucsdet_setText(det, head.data(), static_cast<int32_t>(head.size()), &err);
  int32_t n = 0;
  const UCharsetMatch** matches = U_SUCCESS(err) ? ucsdet_detectAll(det, &n, &err) : nullptr;
  for (int32_t i = 0; U_SUCCESS(err) && matches != nullptr && i < n; ++i) {
    const char* name = ucsdet_getName(matches[i], &err);
    const int32_t conf = ucsdet_getConfidence(matches[i], &err);
    if (U_FAILURE(err) || name == nullptr) break;
    if (std::strcmp(name, "GB18030") == 0 || std::strcmp(name, "Big5") == 0) {
      d.encoding = name[0] == 'G' ? Encoding::kGb18030 : Encoding::kBig5;
      d.confidence = conf;
      d.by_detector = true;
      break;
    }
  }
  ucsdet_close(det);
  return d;
}

struct LineConverter::Impl {
  UConverter* from = nullptr;
  UConverter* to = nullptr;
  bool bad = false;
  ~Impl() {
    if (from != nullptr) ucnv_close(from);
    if (to != nullptr) ucnv_close(to);
  }
};

namespace {

// ICU to-Unicode callback: an illegal or unassigned sequence becomes U+FFFF
// (a noncharacter) and is remembered, so the converter can mark it.
void OnBadBytes(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
  *const_cast<bool*>(static_cast<const bool*>(context)) = true;
  *err = U_ZERO_ERROR;
  static const UChar kMark = 0xFFFF;
  ucnv_cbToUWriteUChars(args, &kMark, 1, 0, err);
}

}  // namespace

Result<std::unique_ptr<LineConverter>> LineConverter::Open(Encoding from) {
  std::unique_ptr<LineConverter> c(new LineConverter);
  c->impl_ = std::make_unique<Impl>();
  UErrorCode err = U_ZERO_ERROR;
  c->impl_->from = ucnv_open(IcuName(from), &err);
  if (U_SUCCESS(err)) c->impl_->to = ucnv_open("UTF-8", &err);
  if (U_SUCCESS(err)) {
    ucnv_setToUCallBack(c->impl_->from, OnBadBytes, &c->impl_->bad, nullptr, nullptr, &err);
  }
  if (U_FAILURE(err)) {
    return Status::Unavailable(std::string("cannot open the ICU converter for ") + EncodingName(from) + ": " +
                               u_errorName(err));
  }
  return c;
}

LineConverter::~LineConverter() = default;

size_t LineConverter::Convert(std::string_view in, std::string* out, size_t padding) {
  // Every source byte yields at most 3 UTF-8 bytes (a bad byte: U+FFFF).
  out->resize(3 * in.size() + 16 + padding);
  char* target = out->data();
  const char* source = in.data();
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  UErrorCode err = U_ZERO_ERROR;
  impl_->bad = false;
  ucnv_convertEx(impl_->to, impl_->from, &target, out->data() + out->size() - padding, &source, in.data() + in.size(),
                 pivot, &pivot_source, &pivot_target, pivot + 1024, /*reset=*/true, /*flush=*/true, &err);
  size_t len = static_cast<size_t>(target - out->data());
  if (U_FAILURE(err)) {  // cannot happen with the room given; mark the line bad
    out->clear();
    out->push_back(static_cast<char>(0xFF));
    len = 1;
  } else if (impl_->bad) {
    MarkBad(out, len);
    len = out->size();
  }
  out->resize(len + padding);
  std::memset(out->data() + len, 0, padding);
  return len;
}

}  // namespace bengle::internal
