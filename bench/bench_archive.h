// Shared by the benchmarks that run on a generated archive
// (bench/gen_archive.py): the --archive=FILE flag and the post texts.
#ifndef BENGLE_BENCH_BENCH_ARCHIVE_H_
#define BENGLE_BENCH_BENCH_ARCHIVE_H_

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bengle/ingest.h"

namespace bench {

// Removes --archive=FILE from argv (the rest goes to Google Benchmark) and
// returns FILE, else $BENGLE_BENCH_ARCHIVE; prints usage and returns "" when
// neither is given.
inline std::string TakeArchiveFlag(int* argc, char** argv) {
  std::string archive;
  if (const char* env = std::getenv("BENGLE_BENCH_ARCHIVE")) archive = env;
  int kept = 0;
  for (int i = 0; i < *argc; ++i) {
    if (std::strncmp(argv[i], "--archive=", 10) == 0) {
      archive = argv[i] + 10;
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  if (archive.empty()) {
    std::fprintf(stderr, "usage: %s --archive=FILE.jsonl (make one with bench/gen_archive.py)\n", argv[0]);
  }
  return archive;
}

// The texts of the archive's first `max` posts; prints their count and mean
// length in characters and bytes.
inline std::vector<std::string> LoadTexts(const std::string& archive, size_t max = 200000) {
  std::vector<std::string> texts;
  auto reader = bengle::PostReader::Open({archive});
  bengle::Post post;
  size_t bytes = 0, chars = 0;
  while (reader.ok() && texts.size() < max && (*reader)->Next(&post)) {
    bytes += post.text.size();
    for (char ch : post.text) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    texts.push_back(post.text);
  }
  const double n = texts.empty() ? 1.0 : static_cast<double>(texts.size());
  std::printf("texts: %zu posts, mean %.1f characters / %.1f bytes\n", texts.size(), chars / n, bytes / n);
  return texts;
}

}  // namespace bench

#endif  // BENGLE_BENCH_BENCH_ARCHIVE_H_
