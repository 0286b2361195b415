// Pieces the incident codecs (JSON, CSV) share. Internal; not installed.
#ifndef BENGLE_LIB_INCIDENT_NAMES_H_
#define BENGLE_LIB_INCIDENT_NAMES_H_

#include <string>
#include <vector>

namespace bengle::internal {

// Display names aligned with ids; an id stands in for a missing name.
inline std::vector<std::string> DisplayNames(const std::vector<std::string>& ids,
                                             const std::vector<std::string>& names) {
  std::vector<std::string> out = ids;
  for (size_t k = 0; k < out.size() && k < names.size(); ++k) {
    if (!names[k].empty()) out[k] = names[k];
  }
  return out;
}

}  // namespace bengle::internal

#endif  // BENGLE_LIB_INCIDENT_NAMES_H_
