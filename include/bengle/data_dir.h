// Where bengle's data files (lexicons, dictionaries, samples) are found.
//
// Thread safety: safe from any thread.
#ifndef BENGLE_DATA_DIR_H_
#define BENGLE_DATA_DIR_H_

#include <string>

#include "bengle/export.h"

namespace bengle {

// The first of: $BENGLE_DATA_DIR; the installed share/bengle folder; the
// source tree's data/ folder this library was built from. Returns the
// installed path when none exists (so error messages name it).
BENGLE_EXPORT std::string DefaultDataDir();

// The general-vocabulary dictionary: $BENGLE_GENERAL_DICT, else jieba's
// dict.txt as installed by the Debian package python3-jieba. "" when neither
// exists.
BENGLE_EXPORT std::string DefaultGeneralDictionary();

}  // namespace bengle

#endif  // BENGLE_DATA_DIR_H_
