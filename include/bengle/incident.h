// An outage incident: what `bengle detect` reports (INTERFACES.md).
//
// Thread safety: a plain value.
#ifndef BENGLE_INCIDENT_H_
#define BENGLE_INCIDENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bengle/time.h"

namespace bengle {

struct CategoryShare {
  std::string name;
  double share = 0;  // of the incident's categorized complaints
};

struct Incident {
  std::string service;                // the main service
  std::vector<std::string> services;  // every service it covers
  UnixMillis start = 0;               // onset: when the rise began
  UnixMillis peak = 0;                // start of the peak bucket
  UnixMillis end = 0;                 // end of the last elevated bucket
  UnixMillis alarm = 0;               // when a streaming detector raised it
  int64_t peak_count = 0;             // distinct complaining authors in the peak bucket
  double baseline = 0;                // expected count for the peak bucket
  double score = 0;                   // -log10 of the smallest tail probability seen
  int64_t complaints = 0;             // complaint posts over the incident
  std::vector<CategoryShare> categories;  // highest share first
  std::vector<std::string> hashtags;      // most used first
  std::vector<std::string> sample_ids;
  std::vector<std::string> sample_texts;
  bool recovered = false;  // recovery posts rose as it ended
  bool open = false;       // still going at the end of the data
};

}  // namespace bengle

#endif  // BENGLE_INCIDENT_H_
