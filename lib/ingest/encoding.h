// Input encodings other than UTF-8: detection and line-by-line conversion.
// Internal; not installed.
//
// Only encodings in which the byte 0x0A is always a line feed (never part of a
// multi-byte character) are offered, so lines can be split before they are
// converted: UTF-8, GB18030 (a superset of GBK and GB2312) and Big5.
#ifndef BENGLE_LIB_INGEST_ENCODING_H_
#define BENGLE_LIB_INGEST_ENCODING_H_

#include <memory>
#include <string>
#include <string_view>

#include "bengle/status.h"

namespace bengle::internal {

enum class Encoding { kUtf8, kGb18030, kBig5 };

// "utf-8", "gb18030", "big5".
const char* EncodingName(Encoding e);

// Parses a name as given by a user: "auto" (sets *detect), "utf-8"/"utf8",
// "gb18030"/"gbk"/"gb2312", "big5" (any case). InvalidArgument otherwise.
Status ParseEncodingName(std::string_view name, Encoding* encoding, bool* detect);

struct DetectedEncoding {
  Encoding encoding = Encoding::kUtf8;
  int confidence = 100;          // 0..100
  bool by_detector = false;      // false: a BOM, or the bytes are valid UTF-8
};

// Chooses the encoding of a document from its first bytes (which may end in
// the middle of a character): a UTF-8 BOM or valid UTF-8 is UTF-8, and so is
// text in which fewer than two lines, or no more lines than the valid ones,
// are not UTF-8 (an archive with a few broken records). Otherwise ICU's
// charset detector decides among GB18030 and Big5. Falls back to UTF-8
// (confidence 0) when the detector recognizes neither.
DetectedEncoding DetectEncoding(std::string_view head);

// Converts lines of one encoding to UTF-8. Not thread-safe.
class LineConverter {
 public:
  static Result<std::unique_ptr<LineConverter>> Open(Encoding from);
  ~LineConverter();
  LineConverter(const LineConverter&) = delete;
  LineConverter& operator=(const LineConverter&) = delete;

  // Replaces *out with `in` converted to UTF-8, followed by `padding` zero
  // bytes that are not part of the result; returns the length of the result.
  // A byte sequence that is not valid in the source encoding becomes the
  // byte 0xFF, which is never valid UTF-8, so the record is reported as
  // invalid_utf8 by the reader.
  size_t Convert(std::string_view in, std::string* out, size_t padding);

 private:
  LineConverter() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_INGEST_ENCODING_H_
