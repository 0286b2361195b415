// Normalizer + classifier (with service discovery) on any valid UTF-8, the
// first line as the author. Invariants: services and their display names
// align, ids are known or discovered ("new:..."), scores lie in [0, 1] and
// are sorted, explanations hold every field's decision.
#include <cstdint>
#include <memory>
#include <string_view>

#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<bengle::Normalizer> normalizer = std::move(bengle::Normalizer::Create()).value();
  static std::unique_ptr<bengle::Classifier> classifier = std::move(bengle::Classifier::Create()).value();
  static bengle::NormalizedText norm;
  static bengle::Classification c;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view author;
  if (size_t nl = in.find('\n'); nl != std::string_view::npos && nl < 64) {
    author = in.substr(0, nl);
    in.remove_prefix(nl + 1);
  }
  if (!bengle::fuzz::ValidUtf8(in) || !bengle::fuzz::ValidUtf8(author)) return 0;
  if (!normalizer->Normalize(in, &norm).ok()) return 0;
  bengle::Explanation why;
  classifier->Classify(norm, &c, author, (size & 1) ? &why : nullptr);
  FUZZ_CHECK(c.services.size() == c.service_names.size());
  for (size_t i = 0; i < c.services.size(); ++i) {
    FUZZ_CHECK(!c.services[i].empty());
    FUZZ_CHECK(bengle::fuzz::ValidUtf8(c.services[i]));
    FUZZ_CHECK(bengle::fuzz::ValidUtf8(c.service_names[i]));
  }
  for (size_t i = 0; i < c.categories.size(); ++i) {
    FUZZ_CHECK(c.categories[i].score >= 0 && c.categories[i].score <= 1);
    if (i > 0) FUZZ_CHECK(c.categories[i - 1].score >= c.categories[i].score);
  }
  if (size & 1) {
    for (const auto& h : why.hits) FUZZ_CHECK(bengle::fuzz::ValidUtf8(h.text));
  }
  return 0;
}
