// A program that uses bengle only through its installed public headers.
#include <bengle/ingest.h>
#include <bengle/normalize.h>

#include <cstdio>

int main() {
  auto reader = bengle::PostReader::FromString(
      "inline.jsonl", "{\"id\":1,\"created_at\":\"2021-10-18T09:40:00+08:00\",\"text\":\"#微信崩了# 圖片發不出去\"}\n");
  if (!reader.ok()) return 1;
  auto normalizer = bengle::Normalizer::Create();
  if (!normalizer.ok()) return 1;
  bengle::Post post;
  bengle::NormalizedText out;
  if (!(*reader)->Next(&post)) return 1;
  if (!(*normalizer)->Normalize(post.text, &out).ok()) return 1;
  std::printf("%s %s %s\n", post.id.c_str(), out.hashtags.at(0).name.c_str(), out.text.c_str());
  return out.text == "#微信崩了# 图片发不出去" ? 0 : 1;
}
