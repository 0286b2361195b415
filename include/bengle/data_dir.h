// Where bengle's data files (lexicons, dictionaries, samples) are found.
//
// Thread safety: safe from any thread.
#ifndef BENGLE_DATA_DIR_H_
#define BENGLE_DATA_DIR_H_

#include <string>

#include "bengle/export.h"

namespace bengle {

// The first of: $BENGLE_DATA_DIR; share/bengle of the install tree this
// library (or the program it is linked into) lives in, wherever that tree
// was moved; the configured install folder; and, only for code running from
// its own build tree, the source tree's data/ folder (an installed bengle
// never reads the tree it was built from). Returns the configured install
// path when none exists (so error messages name it). A program linked with
// libbengle.a and kept outside the install tree cannot tell where that tree
// went: give it $BENGLE_DATA_DIR (`pkg-config --variable=datadir bengle`).
BENGLE_EXPORT std::string DefaultDataDir();

// The general-vocabulary dictionary: $BENGLE_GENERAL_DICT, else jieba's
// dict.txt as installed by the Debian package python3-jieba. "" when neither
// exists.
BENGLE_EXPORT std::string DefaultGeneralDictionary();

}  // namespace bengle

#endif  // BENGLE_DATA_DIR_H_
