// The dictionary image loader on any bytes. The harness reseals the image
// (magic, signature, payload checksum) so that Map() gets past the checksum
// to its structural checks; a mapped image is then walked and changed.
// Invariants: Map() refuses or accepts, never crashes; every read of an
// accepted image stays inside it (ASan), every lookup ends.
//
// Run with BENGLE_FUZZ_WRITE_SEED=DIR once to write a small valid image
// into DIR as a seed (scripts/fuzz does).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "fuzz_util.h"
#include "segment/dictionary.h"

namespace {

constexpr uint64_t kSignature = 0x62656e676c65;

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("BENGLE_FUZZ_WRITE_SEED")) {
    bengle::internal::Dictionary d;
    for (const char* w : {"微信", "崩了", "微信崩了", "图片", "发不出去", "qq", "登录", "登录不上", "服务器"}) {
      d.Add(w, 10);
    }
    d.Save(std::string(dir) + "/small.img", kSignature, 1.5);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = bengle::fuzz::ScratchPath("dict", ".img");
  std::string image(reinterpret_cast<const char*>(data), size);
  bengle::internal::Dictionary::ResealImage(&image, kSignature);
  Write(path, image);
  bengle::internal::Dictionary d;
  double extra = 0;
  if (!d.Map(path, kSignature, &extra)) return 0;
  // Walk every path of a few words, as the segmenter does.
  const std::u32string probes[] = {U"微信崩了", U"登录不上", U"qq", U"服务器", U"\U0001F600x", U"abc"};
  for (const std::u32string& w : probes) {
    uint32_t node = 0;
    for (char32_t c : w) {
      node = d.Child(node, c);
      if (node == bengle::internal::Dictionary::kNone) break;
      (void)d.IsWord(node);
      (void)d.LogProb(node);
    }
  }
  (void)d.ContainsProperly(U"微信崩了吗");
  d.Add("新词", 3);  // copies the image into memory first
  FUZZ_CHECK(d.Child(d.Child(0, U'新'), U'词') != bengle::internal::Dictionary::kNone);
  return 0;
}
