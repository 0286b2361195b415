// Where compiled images (the segmenter's dictionary, the classifier's
// Hyperscan database) are cached between runs. Internal; not installed.
#ifndef BENGLE_LIB_UTIL_CACHE_DIR_H_
#define BENGLE_LIB_UTIL_CACHE_DIR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace bengle::internal {

// `option` as given ("<default>" = $BENGLE_CACHE_DIR, else
// $XDG_CACHE_HOME/bengle, else ~/.cache/bengle; "" = no cache).
std::string CacheDir(const std::string& option);

// mkdir -p; false when a component cannot be made.
bool MakeDirs(const std::string& dir);

// FNV-1a, 64 bits: cache file names and payload checks (not cryptographic).
uint64_t Fnv1a(std::string_view bytes, uint64_t h = 14695981039346656037ull);

// Writes `bytes` to `path` through a temporary file and rename(), so that a
// reader never sees half a file. False on any error (nothing left behind).
bool WriteFileAtomically(const std::string& path, std::string_view bytes);

// The whole file, or false.
bool ReadWholeFile(const std::string& path, std::string* out);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_UTIL_CACHE_DIR_H_
