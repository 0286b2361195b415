// NFKC_Casefold with a fast path. Internal; not installed. Thread-safe.
//
// A code point that has a normalization boundary before and after it never
// interacts with its neighbours, so text made only of such code points (ASCII,
// CJK ideographs and punctuation, full-width forms ...) folds one code point
// at a time through a table derived from ICU at first use. Anything else
// (combining marks, Hangul jamo, compatibility sequences, astral planes) goes
// through ICU's normalizer: the output is ICU's in every case.
#ifndef BENGLE_LIB_NORMALIZE_FOLD_H_
#define BENGLE_LIB_NORMALIZE_FOLD_H_

#include <string>
#include <string_view>

namespace bengle::internal {

// Returns false when ICU's normalization data is missing.
bool FoldAvailable();

// Appends NFKC_Casefold(in) to *out. REQUIRES: valid UTF-8.
void AppendFolded(std::string_view in, std::string* out);

// The same through ICU alone (reference; slower).
void AppendFoldedIcu(std::string_view in, std::string* out);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_NORMALIZE_FOLD_H_
