// Traditional -> Simplified conversion that gives exactly the output of ICU's
// "Traditional-Simplified" transliterator, fast. Internal; not installed.
//
// The per-code-point table and ICU's multi-character rules are derived from
// ICU at build time (tools/t2s_gen.cc) and applied in ICU's order.
// Thread-safe.
#ifndef BENGLE_LIB_NORMALIZE_T2S_H_
#define BENGLE_LIB_NORMALIZE_T2S_H_

#include <string>
#include <string_view>

namespace bengle::internal {

// Appends the simplified form of valid UTF-8 `in` to *out.
void AppendSimplified(std::string_view in, std::string* out);

// The same through ICU's transliterator alone (reference; slow).
std::string IcuSimplified(std::string_view in);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_NORMALIZE_T2S_H_
