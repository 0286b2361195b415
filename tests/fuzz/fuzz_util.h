// Shared by the fuzz harnesses: a check that ends the run the way libFuzzer
// reports a crash, so a broken invariant is a finding like any crash.
#ifndef BENGLE_TESTS_FUZZ_FUZZ_UTIL_H_
#define BENGLE_TESTS_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "util/utf8.h"

#define FUZZ_CHECK(cond)                                                             \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

namespace bengle::fuzz {

// A per-process scratch file (the lexicon parser and the dictionary image
// loader read files), removed when the process exits normally (libFuzzer
// calls exit() at the end of a timed run; a crash leaves it for the
// reproduction).
inline std::string ScratchPath(const char* name, const char* suffix) {
  static auto* files = new std::vector<std::string>;  // never destroyed: the exit handler reads it
  if (files->empty()) {
    std::atexit([] {
      for (const std::string& f : *files) ::unlink(f.c_str());
    });
  }
  const char* dir = std::getenv("TMPDIR");
  files->push_back(std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/bengle-fuzz-" + name + "-" +
                   std::to_string(::getpid()) + suffix);
  return files->back();
}

inline bool ValidUtf8(std::string_view s) { return internal::IsValidUtf8(s); }

}  // namespace bengle::fuzz

#endif  // BENGLE_TESTS_FUZZ_FUZZ_UTIL_H_
