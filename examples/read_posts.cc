// Read posts (JSONL/CSV, plain or .gz), normalize them, count hashtags.
//   example_read_posts FILE...
#include <bengle/ingest.h>
#include <bengle/normalize.h>

#include <cstdio>
#include <map>
#include <string>

int main(int argc, char** argv) {
  bengle::ReadOptions options;
  options.on_bad_record = [](const bengle::ReadIssue& issue) {
    std::fprintf(stderr, "%s\n", issue.ToString().c_str());  // "file:line: reason"
  };
  auto reader = bengle::PostReader::Open({argv + 1, argv + argc}, options);
  auto normalizer = bengle::Normalizer::Create();
  if (!reader.ok() || !normalizer.ok()) {
    std::fprintf(stderr, "%s\n", (reader.ok() ? normalizer.status() : reader.status()).ToString().c_str());
    return 2;
  }
  bengle::Post post;
  bengle::NormalizedText text;
  std::map<std::string, int> hashtags;
  while ((*reader)->Next(&post)) {
    if (!(*normalizer)->Normalize(post.text, &text).ok()) continue;
    for (const bengle::Hashtag& tag : text.hashtags) ++hashtags[tag.name];
  }
  for (const auto& [name, n] : hashtags) std::printf("#%s# %d\n", name.c_str(), n);
  std::printf("%llu posts, %s\n", static_cast<unsigned long long>((*reader)->stats().posts),
              (*reader)->stats().Summary().c_str());
  return (*reader)->status().ok() ? 0 : 2;
}
