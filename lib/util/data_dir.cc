#include "bengle/data_dir.h"

#include <sys/stat.h>

#include <cstdlib>

namespace bengle {
namespace {
bool Exists(const std::string& path) {
  struct stat st;
  return !path.empty() && ::stat(path.c_str(), &st) == 0;
}
}  // namespace

std::string DefaultDataDir() {
  if (const char* env = std::getenv("BENGLE_DATA_DIR"); env != nullptr && *env != '\0') return env;
  if (Exists(BENGLE_DATA_DIR_INSTALL)) return BENGLE_DATA_DIR_INSTALL;
  if (Exists(BENGLE_DATA_DIR_BUILD)) return BENGLE_DATA_DIR_BUILD;
  return BENGLE_DATA_DIR_INSTALL;
}

std::string DefaultGeneralDictionary() {
  if (const char* env = std::getenv("BENGLE_GENERAL_DICT"); env != nullptr) return env;
  for (const char* p : {"/usr/lib/python3/dist-packages/jieba/dict.txt", "/usr/share/python3-jieba/dict.txt"}) {
    if (Exists(p)) return p;
  }
  return "";
}

}  // namespace bengle
