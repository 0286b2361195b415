// Incidents that belong together, and what they were about.
//
// The detector finds incidents one service at a time. ClusterIncidents()
// looks at each group of incidents that overlap in time and decides, from
// what the posts of that window say together, which of them are one outage
// (WeChat and QQ on the night of 2023-03-29), which hashtags belong to each,
// which rising hashtags are unrelated (a #剧情崩了# trending the same night),
// and which words no lexicon knows rose with it (emerging terms).
//
// The co-occurrence graph (built with Boost.Graph). For a window W (the
// group's span) and its baseline B (the `baseline_days` before W):
//   nodes  the services of the group's incidents, and every hashtag that rose
//          in W: at least `min_node_posts` posts and a rate of at least
//          `min_node_ratio` times its rate in B (one post of prior in B);
//   edges  between two nodes a and b when posts in W name both (the store's
//          "co:" counts, aggregate.h) and all of these hold:
//            both >= min_pair_posts;
//            overlap = both / posts of the smaller node >= min_overlap;
//            the rate of such posts in W >= min_pair_ratio times their rate
//            in B (one post of prior): the link is new, not a pair that
//            always goes together ("QQ和微信哪个好用").
// The rule:
//   1. Services connected by service-service edges are merged into one
//      incident (posts naming both: "微信和QQ都崩了", "#微信崩了# #QQ崩了#").
//   2. A hashtag joins the merged incident it is most strongly linked to: by
//      the widest path (largest smallest overlap) to a service that passes
//      through hashtags only. A hashtag never merges two services by itself,
//      so a generic tag shared by two unrelated outages does not chain them.
//   3. Hashtags with no path to a service are connected components of their
//      own and are reported as unrelated (Incident::unrelated).
//   4. Services of one owner (ClusterOptions::catalogue: 腾讯 runs 微信, QQ
//      and 腾讯会议) whose incidents overlap in time are one incident, linked
//      or not by posts: one company's shared infrastructure failing.
//
// Emerging terms, per merged incident: the stored sample complaint posts of
// its services inside the incident and in B are normalized and segmented;
// a word (two or more characters; Latin words of two or more letters) that
// is not in a bengle lexicon (data/dict/*.dict) nor a stop word
// (data/cluster/stopwords.txt) is emerging when it is in at
// least `min_term_posts` sampled posts of the incident, at least
// `min_term_ratio` times what its share of the baseline samples predicts
// (half a post of prior), and its Poisson surprise -log10 P(X >= count) is
// at least `min_term_surprise`. The incident's linked hashtags whose names are
// not lexicon words are listed too, with their counts in W and B. Strongest
// surprise first, at most `max_terms`.
//
// Thread safety: ClusterNodes() is a pure function; ClusterIncidents() uses
// the store it is given (one thread at a time, as the store requires).
#ifndef BENGLE_CLUSTER_H_
#define BENGLE_CLUSTER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bengle/catalogue.h"
#include "bengle/export.h"
#include "bengle/incident.h"
#include "bengle/status.h"
#include "bengle/store.h"

namespace bengle {

struct ClusterOptions {
  // Days before a window that make its baseline. Default: 7.
  int baseline_days = 7;
  // Owners of services, for rule 4. Default: nullptr = no owner links
  // (Analyze() passes its catalogue).
  std::shared_ptr<const ServiceCatalogue> catalogue;
  // Incidents this close in time (or overlapping) are looked at together.
  // Default: 30 minutes.
  int64_t group_slack_ms = 30 * 60 * 1000;
  // A hashtag enters the graph with at least this many posts in the window...
  // Default: 5.
  int64_t min_node_posts = 5;
  // ... and a rate at least this many times its baseline rate. Default: 3.
  double min_node_ratio = 3.0;
  // At most this many hashtags (the most used) per window. Default: 60.
  size_t max_hashtags = 60;
  // Edge: posts naming both nodes. Default: 5.
  int64_t min_pair_posts = 5;
  // Edge: share of the smaller node's posts that name the other. Default: 0.1.
  double min_overlap = 0.1;
  // Edge: rate of posts naming both vs the baseline's. Default: 3.
  double min_pair_ratio = 3.0;
  // Emerging terms: see above. Defaults: 3 posts, 4x, surprise 3, 10 terms.
  int64_t min_term_posts = 3;
  double min_term_ratio = 4.0;
  double min_term_surprise = 3.0;
  size_t max_terms = 10;
};

// Co-occurrence counts of one span of time (the input of ClusterNodes()).
struct CooccurrenceCounts {
  double hours = 0;                      // length of the span
  std::map<std::string, int64_t> nodes;  // "svc:wechat" / "tag:微信崩了" -> posts
  std::map<std::pair<std::string, std::string>, int64_t> pairs;  // (a, b), a < b -> posts naming both
};

struct NodeClusters {
  // Services merged together; each group keeps the order of `services`.
  std::vector<std::vector<std::string>> groups;
  // For each group, the hashtags ("tag:...") that joined it, most posts first.
  std::vector<std::vector<std::string>> hashtags;
  // Rising hashtags linked to no service, in connected components.
  std::vector<std::vector<std::string>> unrelated;
};

// Applies the rule above to the services ("svc:<id>") of one window.
BENGLE_EXPORT NodeClusters ClusterNodes(const std::vector<std::string>& services, const CooccurrenceCounts& window,
                                        const CooccurrenceCounts& baseline, const ClusterOptions& options = {});

// Merges, describes and re-sorts (by start) per-service incidents found in
// `store` (DetectFromStore() calls it). Incidents get `parts`, `cluster`,
// `emerging` and `unrelated`; merged ones also get combined counts, category
// shares (weighted by complaints), hashtags and samples.
BENGLE_EXPORT Status ClusterIncidents(BaselineStore& store, const ClusterOptions& options,
                                      std::vector<Incident>* incidents);

}  // namespace bengle

#endif  // BENGLE_CLUSTER_H_
