// The segmenter (jieba's dictionary, our lexicons, ICU for unknown runs) on
// any valid UTF-8. Invariants: tokens are non-empty, in order, do not
// overlap, and lie inside the text.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "bengle/segment.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<bengle::Segmenter> segmenter = [] {
    bengle::SegmenterOptions o;
    o.cache_dir = "";  // the image loader has a harness of its own
    return std::move(bengle::Segmenter::Create(o)).value();
  }();
  static std::vector<bengle::Token> tokens;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!bengle::fuzz::ValidUtf8(text)) return 0;  // REQUIRES of Segment()
  segmenter->Segment(text, &tokens);
  uint32_t last = 0;
  for (const bengle::Token& t : tokens) {
    FUZZ_CHECK(t.begin < t.end);
    FUZZ_CHECK(t.begin >= last);
    FUZZ_CHECK(t.end <= text.size());
    last = t.end;
  }
  return 0;
}
