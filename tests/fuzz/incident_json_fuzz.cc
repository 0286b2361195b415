// The incident JSON codec (what the store keeps and `detect --format json`
// prints) on any bytes. Invariants: bad JSON is an error, never a crash;
// what parses, written in the exact form and read back, gives the same
// JSON again (a fixed point after one round).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/incident.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  std::vector<bengle::Incident> incidents;
  if (!bengle::IncidentsFromJson(json, &incidents).ok()) {
    (void)bengle::IncidentFromJson(json);
    return 0;
  }
  bengle::IncidentJsonOptions exact;
  exact.exact = true;
  const std::string once = bengle::IncidentsToJson(incidents, exact);
  std::vector<bengle::Incident> again;
  bengle::Status s = bengle::IncidentsFromJson(once, &again);
  FUZZ_CHECK(s.ok());
  FUZZ_CHECK(again.size() == incidents.size());
  FUZZ_CHECK(bengle::IncidentsToJson(again, exact) == once);
  (void)bengle::IncidentsToJson(incidents);  // the rounded report form
  return 0;
}
