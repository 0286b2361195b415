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

// One service's part of an incident (an incident of several services, such as
// WeChat and QQ on 2023-03-29, has one part per service).
struct ServicePart {
  std::string service;
  UnixMillis start = 0, peak = 0, end = 0;
  int64_t peak_count = 0;
  double baseline = 0;
  double score = 0;
  int64_t complaints = 0;
  std::vector<CategoryShare> categories;  // highest share first
};

// A word or hashtag that no bengle lexicon knows and that rose inside the
// incident (see cluster.h for how it is found).
struct EmergingTerm {
  std::string term;     // a word ("机房"), or a hashtag with its marks ("#微信裂图#")
  int64_t count = 0;    // posts with it inside the incident (sampled posts, for words)
  double expected = 0;  // what its rate before the incident predicts for the same posts
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
  // Filled by the clustering step (cluster.h), empty otherwise:
  std::vector<ServicePart> parts;      // per service, main service first
  std::vector<std::string> cluster;    // hashtags ("#微信崩了#") and terms linked to the incident
  std::vector<EmergingTerm> emerging;  // strongest rise first
  std::vector<std::string> unrelated;  // hashtags rising at the same time, kept apart
};

}  // namespace bengle

#endif  // BENGLE_INCIDENT_H_
