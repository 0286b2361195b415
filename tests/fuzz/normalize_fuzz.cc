// The normalizer on any bytes. Invariants: invalid UTF-8 is an error, never
// a crash; normalized text and entities are valid UTF-8; spans lie inside
// the text they index.
#include <cstdint>
#include <memory>
#include <string_view>

#include "bengle/normalize.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<bengle::Normalizer> normalizer = std::move(bengle::Normalizer::Create()).value();
  static bengle::NormalizedText out;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bengle::Status s = normalizer->Normalize(text, &out);
  if (!bengle::fuzz::ValidUtf8(text)) {
    FUZZ_CHECK(!s.ok());
    return 0;
  }
  if (!s.ok()) return 0;  // e.g. a post longer than the limit
  FUZZ_CHECK(bengle::fuzz::ValidUtf8(out.text));
  FUZZ_CHECK(bengle::fuzz::ValidUtf8(out.own_text));
  for (const auto& h : out.hashtags) {
    FUZZ_CHECK(bengle::fuzz::ValidUtf8(h.name));
    FUZZ_CHECK(h.span.begin <= h.span.end && h.span.end <= text.size());
  }
  for (const auto* list : {&out.mentions, &out.urls, &out.emoticons, &out.emoji}) {
    for (const auto& e : *list) {
      FUZZ_CHECK(bengle::fuzz::ValidUtf8(e.value));
      FUZZ_CHECK(e.span.begin <= e.span.end && e.span.end <= text.size());
    }
  }
  for (const auto& q : out.quoted) {
    FUZZ_CHECK(bengle::fuzz::ValidUtf8(q.text));
    FUZZ_CHECK(q.span.begin <= q.span.end && q.span.end <= text.size());
  }
  return 0;
}
