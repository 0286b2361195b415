#include "bengle/data_dir.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <cstdlib>
#include <string_view>

namespace bengle {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return !path.empty() && ::stat(path.c_str(), &st) == 0;
}

std::string Parent(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// The file this code was loaded from: libbengle.so, or the program that
// linked libbengle.a.
std::string LoadedFrom() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&DefaultDataDir), &info) == 0 || info.dli_fname == nullptr) return "";
  char* real = ::realpath(info.dli_fname, nullptr);
  if (real == nullptr) return "";
  std::string path(real);
  std::free(real);
  return path;
}

}  // namespace

std::string DefaultDataDir() {
  if (const char* env = std::getenv("BENGLE_DATA_DIR"); env != nullptr && *env != '\0') return env;
  // An install tree found from where the library (or program) lives, so a
  // moved install still finds its own data: <prefix>/bin or <prefix>/lib
  // (or lib/<multiarch>, or lib/python3.X/dist-packages/bengle for the
  // Python module) next to <prefix>/share/bengle.
  const std::string self = LoadedFrom();
  const std::string build_dir = BENGLE_BUILD_DIR;
  const bool in_build_tree = !self.empty() && std::string_view(self).starts_with(build_dir + "/");
  if (!self.empty() && !in_build_tree) {
    std::string dir = Parent(self);
    for (int up = 0; up < 4 && dir != "/"; ++up) {
      dir = Parent(dir);
      if (Exists(dir + "/share/bengle/lexicon")) return dir + "/share/bengle";
    }
  }
  if (Exists(BENGLE_DATA_DIR_INSTALL)) return BENGLE_DATA_DIR_INSTALL;
  // The source tree only for code running from its own build tree: an
  // installed library or program never reads the tree it was built from.
  if ((in_build_tree || self.empty()) && Exists(BENGLE_DATA_DIR_BUILD)) return BENGLE_DATA_DIR_BUILD;
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
