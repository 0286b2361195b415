// Hashtag clustering and emerging terms (the rule is in cluster.h).
#include "bengle/cluster.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bengle/aggregate.h"
#include "bengle/data_dir.h"
#include "bengle/normalize.h"
#include "bengle/segment.h"
#include "util/stats.h"

namespace bengle {
namespace {

constexpr double kMsPerHour = 3600.0 * 1000.0;


int64_t Get(const std::map<std::string, int64_t>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

// "tag:微信崩了" -> "#微信崩了#" (built by appends: GCC 12 warns falsely on
// operator+ chains here).
std::string TagText(const std::string& node) {
  std::string r;
  r.reserve(node.size());
  r += '#';
  r.append(node, SeriesKey::Prefix(SeriesKind::kHashtag).size(), std::string::npos);
  r += '#';
  return r;
}

struct Edge {
  size_t a, b;
  double overlap;
};

}  // namespace

NodeClusters ClusterNodes(const std::vector<std::string>& services, const CooccurrenceCounts& window,
                          const CooccurrenceCounts& baseline, const ClusterOptions& o) {
  NodeClusters out;
  const double hw = std::max(window.hours, 1e-9), hb = std::max(baseline.hours, 1e-9);
  // Nodes: the services, then the hashtags that rose.
  std::vector<std::string> nodes = services;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < nodes.size(); ++i) index.emplace(nodes[i], i);
  std::vector<std::pair<int64_t, std::string>> tags;
  for (const auto& [node, n] : window.nodes) {
    if (!node.starts_with(SeriesKey::Prefix(SeriesKind::kHashtag)) || n < o.min_node_posts) continue;
    const double base_rate = (static_cast<double>(Get(baseline.nodes, node)) + 1.0) / hb;
    if (static_cast<double>(n) / hw >= o.min_node_ratio * base_rate) tags.emplace_back(n, node);
  }
  std::sort(tags.begin(), tags.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  if (tags.size() > o.max_hashtags) tags.resize(o.max_hashtags);
  for (const auto& [n, node] : tags) {
    index.emplace(node, nodes.size());
    nodes.push_back(node);
  }
  // Edges that pass the three tests.
  std::vector<Edge> edges;
  for (const auto& [pair, both] : window.pairs) {
    auto ia = index.find(pair.first), ib = index.find(pair.second);
    if (ia == index.end() || ib == index.end() || both < o.min_pair_posts) continue;
    const int64_t smaller = std::min(Get(window.nodes, pair.first), Get(window.nodes, pair.second));
    if (smaller <= 0) continue;
    const double overlap = static_cast<double>(both) / static_cast<double>(smaller);
    if (overlap < o.min_overlap) continue;
    auto bp = baseline.pairs.find(pair);
    const double base_rate = (static_cast<double>(bp == baseline.pairs.end() ? 0 : bp->second) + 1.0) / hb;
    if (static_cast<double>(both) / hw < o.min_pair_ratio * base_rate) continue;
    edges.push_back(Edge{ia->second, ib->second, overlap});
  }
  // 1. Services connected by service-service edges.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph g(services.size());
  for (const Edge& e : edges) {
    if (e.a < services.size() && e.b < services.size()) boost::add_edge(e.a, e.b, g);
  }
  std::vector<int> comp(services.size());
  const int ncomp = services.empty() ? 0 : boost::connected_components(g, comp.data());
  out.groups.resize(ncomp);
  for (size_t i = 0; i < services.size(); ++i) out.groups[comp[i]].push_back(services[i]);
  // 2. Hashtags join a group by the widest path through hashtags: Kruskal on
  // the edges, widest first, where a set owned by a group never joins a set
  // owned by another.
  std::vector<size_t> rank(nodes.size()), parent(nodes.size());
  boost::disjoint_sets<size_t*, size_t*> sets(rank.data(), parent.data());
  std::vector<int> owner(nodes.size(), -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    sets.make_set(i);
    if (i < services.size()) owner[i] = comp[i];
  }
  for (size_t i = 0; i < services.size(); ++i) {  // a group's services are one set
    for (size_t j = i + 1; j < services.size(); ++j) {
      if (comp[i] == comp[j]) sets.union_set(i, j);
    }
  }
  auto owner_of = [&](size_t i) -> int& { return owner[sets.find_set(i)]; };
  std::stable_sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) { return x.overlap > y.overlap; });
  for (const Edge& e : edges) {
    const size_t ra = sets.find_set(e.a), rb = sets.find_set(e.b);
    if (ra == rb) continue;
    const int oa = owner[ra], ob = owner[rb];
    if (oa >= 0 && ob >= 0) continue;  // two groups: only rule 1 merges them
    sets.link(ra, rb);
    owner[sets.find_set(e.a)] = oa >= 0 ? oa : ob;
  }
  out.hashtags.resize(ncomp);
  std::map<size_t, std::vector<std::string>> loose;
  for (size_t i = services.size(); i < nodes.size(); ++i) {  // hashtags, most posts first
    const int ow = owner_of(i);
    if (ow >= 0) {
      out.hashtags[ow].push_back(nodes[i]);
    } else {
      loose[sets.find_set(i)].push_back(nodes[i]);
    }
  }
  // 3. The rest: components of their own.
  for (auto& [root, members] : loose) out.unrelated.push_back(std::move(members));
  std::stable_sort(out.unrelated.begin(), out.unrelated.end(), [&](const auto& x, const auto& y) {
    return Get(window.nodes, x.front()) > Get(window.nodes, y.front());
  });
  return out;
}

namespace {

Status Total(BaselineStore& store, const std::string& key, UnixMillis from, UnixMillis to, int64_t* posts) {
  std::vector<SeriesPoint> pts;
  if (Status s = store.ReadSeries(key, from, to, &pts); !s.ok()) return s;
  *posts = 0;
  for (const SeriesPoint& p : pts) *posts += p.counts.mentions;
  return Status::OK();
}

// Every word of bengle's lexicons (data/dict/*.dict), for "not in any lexicon",
// and the stop words that are never emerging.
const std::unordered_set<std::string>& LexiconWords() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> w;
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::path(DefaultDataDir()) / "dict";
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".dict") continue;
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t sp = line.find_first_of(" \t\r");
        std::string word = line.substr(0, sp);
        for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (!word.empty()) w.insert(std::move(word));
      }
    }
    // Function and everyday words (data/cluster/stopwords.txt), whitespace-separated.
    std::ifstream in(std::filesystem::path(DefaultDataDir()) / "cluster" / "stopwords.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
      size_t pos = 0;
      while (pos < line.size()) {
        const size_t b = line.find_first_not_of(" \t\r", pos);
        if (b == std::string::npos) break;
        const size_t e = line.find_first_of(" \t\r", b);
        w.insert(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
        pos = e == std::string::npos ? line.size() : e;
      }
    }
    return w;
  }();
  return words;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Words of a post that may be emerging terms (each once).
void CandidateWords(const Segmenter& seg, const std::string& text, std::vector<Token>* tokens,
                    std::set<std::string>* out) {
  out->clear();
  seg.Segment(text, tokens);
  const auto& lexicon = LexiconWords();
  for (const Token& t : *tokens) {
    const std::string w = text.substr(t.begin, t.end - t.begin);
    if (t.kind == TokenKind::kCjkWord) {
      if (CodePoints(w) < 2) continue;
    } else if (t.kind == TokenKind::kLatinWord) {
      if (w.size() < 2) continue;
    } else {
      continue;
    }
    if (!lexicon.contains(w)) out->insert(w);
  }
}

struct Group {
  std::vector<size_t> members;  // indices into the incidents
  UnixMillis from = 0, to = 0;
};

// One incident out of the parts of a merged group (parts[0] is the main one).
Incident Merge(const std::vector<const Incident*>& parts) {
  Incident m = *parts[0];
  for (size_t k = 1; k < parts.size(); ++k) {
    const Incident& p = *parts[k];
    m.start = std::min(m.start, p.start);
    m.end = std::max(m.end, p.end);
    m.alarm = std::min(m.alarm, p.alarm);
    m.score = std::max(m.score, p.score);
    m.open = m.open || p.open;
  }
  // The peak of the part with the most complaining users in one bucket.
  const Incident* top = parts[0];
  for (const Incident* p : parts) {
    if (p->peak_count > top->peak_count) top = p;
  }
  m.peak = top->peak;
  m.peak_count = top->peak_count;
  m.baseline = top->baseline;
  m.recovered = std::all_of(parts.begin(), parts.end(), [](const Incident* p) { return p->recovered; });
  m.services.clear();
  m.complaints = 0;
  std::map<std::string, double> cats;
  std::map<std::string, size_t> tag_rank;
  for (const Incident* p : parts) {
    for (const std::string& s : p->services) {
      if (std::find(m.services.begin(), m.services.end(), s) == m.services.end()) m.services.push_back(s);
    }
    m.complaints += p->complaints;
    for (const CategoryShare& c : p->categories) cats[c.name] += c.share * static_cast<double>(p->complaints);
    for (size_t r = 0; r < p->hashtags.size(); ++r) {
      auto [it, fresh] = tag_rank.emplace(p->hashtags[r], r);
      if (!fresh) it->second = std::min(it->second, r);
    }
  }
  m.categories.clear();
  for (const auto& [name, w] : cats) {
    m.categories.push_back(CategoryShare{name, m.complaints > 0 ? w / static_cast<double>(m.complaints) : 0});
  }
  std::stable_sort(m.categories.begin(), m.categories.end(),
                   [](const CategoryShare& a, const CategoryShare& b) { return a.share > b.share; });
  std::vector<std::pair<size_t, std::string>> tags;
  for (const auto& [t, r] : tag_rank) tags.emplace_back(r, t);
  std::stable_sort(tags.begin(), tags.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  m.hashtags.clear();
  for (const auto& [r, t] : tags) m.hashtags.push_back(t);
  // Samples taken in turn from each part.
  m.sample_ids.clear();
  m.sample_texts.clear();
  m.sample_times.clear();
  m.sample_users.clear();
  for (size_t k = 0; m.sample_ids.size() < 6; ++k) {
    bool any = false;
    for (const Incident* p : parts) {
      if (k < p->sample_ids.size()) {
        any = true;
        if (m.sample_ids.size() < 6) {
          m.sample_ids.push_back(p->sample_ids[k]);
          m.sample_texts.push_back(p->sample_texts[k]);
          m.sample_times.push_back(k < p->sample_times.size() ? p->sample_times[k] : 0);
          m.sample_users.push_back(k < p->sample_users.size() ? p->sample_users[k] : std::string());
        }
      }
    }
    if (!any) break;
  }
  return m;
}

ServicePart PartOf(const Incident& i) {
  return ServicePart{i.service,  i.service_name, i.start,      i.peak,      i.end,
                     i.peak_count, i.baseline,    i.score,      i.complaints, i.categories};
}

class Clusterer {
 public:
  Clusterer(BaselineStore& store, const ClusterOptions& o) : store_(store), o_(o) {}

  // Rule 4: groups whose services share an owner become one.
  void LinkOwners(NodeClusters* nc) const {
    if (!o_.catalogue) return;
    auto owner = [&](const std::string& node) -> std::string {
      SeriesKey key;
      if (!SeriesKey::Parse(node, &key) || key.kind != SeriesKind::kService) return {};
      const ServiceInfo* s = o_.catalogue->Find(o_.catalogue->Resolve(key.first));
      return s ? s->owner : std::string();
    };
    for (size_t i = 0; i < nc->groups.size(); ++i) {
      for (size_t j = i + 1; j < nc->groups.size();) {
        bool shared = false;
        for (const std::string& a : nc->groups[i]) {
          const std::string oa = owner(a);
          for (const std::string& b : nc->groups[j]) shared |= !oa.empty() && oa == owner(b);
        }
        if (!shared) {
          ++j;
          continue;
        }
        nc->groups[i].insert(nc->groups[i].end(), nc->groups[j].begin(), nc->groups[j].end());
        nc->hashtags[i].insert(nc->hashtags[i].end(), nc->hashtags[j].begin(), nc->hashtags[j].end());
        nc->groups.erase(nc->groups.begin() + static_cast<std::ptrdiff_t>(j));
        nc->hashtags.erase(nc->hashtags.begin() + static_cast<std::ptrdiff_t>(j));
      }
    }
  }

  Status Run(std::vector<Incident>* incidents) {
    if (incidents->empty()) return Status::OK();
    if (Status s = store_.TimeRange(&first_, &last_); !s.ok()) return s;
    std::vector<Incident>& in = *incidents;
    std::stable_sort(in.begin(), in.end(), [](const Incident& a, const Incident& b) { return a.start < b.start; });
    const int64_t bucket = store_.bucket_ms();
    std::vector<Group> groups;
    for (size_t i = 0; i < in.size(); ++i) {
      const UnixMillis end = std::max(in[i].end, in[i].start + bucket);
      if (!groups.empty() && in[i].start <= groups.back().to + o_.group_slack_ms) {
        groups.back().members.push_back(i);
        groups.back().to = std::max(groups.back().to, end);
      } else {
        groups.push_back(Group{{i}, in[i].start, end});
      }
    }
    std::vector<Incident> out;
    for (const Group& g : groups) {
      if (Status s = DoGroup(in, g, &out); !s.ok()) return s;
    }
    std::stable_sort(out.begin(), out.end(), [](const Incident& a, const Incident& b) {
      return a.start != b.start ? a.start < b.start : a.service < b.service;
    });
    *incidents = std::move(out);
    return Status::OK();
  }

 private:
  UnixMillis BaselineFrom(UnixMillis from) const {
    return std::max(first_, from - static_cast<int64_t>(o_.baseline_days) * kDayMs);
  }

  Status DoGroup(const std::vector<Incident>& in, const Group& g, std::vector<Incident>* out) {
    const UnixMillis bfrom = BaselineFrom(g.from);
    CooccurrenceCounts win, base;
    win.hours = static_cast<double>(g.to - g.from) / kMsPerHour;
    base.hours = std::max(static_cast<double>(g.from - bfrom) / kMsPerHour, 1.0);
    std::vector<std::string> services;
    for (size_t i : g.members) {
      const std::string key = SeriesKey::Service(in[i].service).ToString();
      if (std::find(services.begin(), services.end(), key) == services.end()) services.push_back(key);
    }
    std::vector<SeriesTotal> totals;
    for (SeriesKind kind : {SeriesKind::kService, SeriesKind::kHashtag}) {
      if (Status s = store_.SumSeries(SeriesKey::Prefix(kind), g.from, g.to, &totals); !s.ok()) return s;
      for (const SeriesTotal& t : totals) {
        const bool keep = kind == SeriesKind::kService
                              ? std::find(services.begin(), services.end(), t.key) != services.end()
                              : t.counts.mentions >= o_.min_node_posts;
        if (keep) win.nodes[t.key] = t.counts.mentions;
      }
    }
    for (const auto& [key, n] : win.nodes) {
      if (Status s = Total(store_, key, bfrom, g.from, &base.nodes[key]); !s.ok()) return s;
    }
    if (Status s = store_.SumSeries(SeriesKey::Prefix(SeriesKind::kPair), g.from, g.to, &totals); !s.ok()) return s;
    for (const SeriesTotal& t : totals) {
      SeriesKey key;
      if (!SeriesKey::Parse(t.key, &key) || key.kind != SeriesKind::kPair) continue;
      std::pair<std::string, std::string> pair{key.first, key.second};
      if (!win.nodes.contains(pair.first) || !win.nodes.contains(pair.second)) continue;
      int64_t b = 0;
      if (Status s = Total(store_, t.key, bfrom, g.from, &b); !s.ok()) return s;
      win.pairs[pair] = t.counts.mentions;
      base.pairs[pair] = b;
    }
    NodeClusters nc = ClusterNodes(services, win, base, o_);
    LinkOwners(&nc);
    std::vector<std::string> unrelated;
    for (const auto& comp : nc.unrelated) {
      for (const std::string& t : comp) {
        if (unrelated.size() < 10) unrelated.push_back(TagText(t));
      }
    }
    for (size_t k = 0; k < nc.groups.size(); ++k) {
      // The group's incidents, most complaints first.
      std::vector<const Incident*> parts;
      for (size_t i : g.members) {
        const std::string key = SeriesKey::Service(in[i].service).ToString();
        if (std::find(nc.groups[k].begin(), nc.groups[k].end(), key) != nc.groups[k].end()) parts.push_back(&in[i]);
      }
      std::stable_sort(parts.begin(), parts.end(),
                       [](const Incident* a, const Incident* b) { return a->complaints > b->complaints; });
      Incident m = parts.size() == 1 ? *parts[0] : Merge(parts);
      m.parts.clear();
      for (const Incident* p : parts) m.parts.push_back(PartOf(*p));
      m.cluster.clear();
      for (const std::string& t : nc.hashtags[k]) m.cluster.push_back(TagText(t));
      m.unrelated = unrelated;
      if (Status s = Emerging(nc.hashtags[k], win, base, &m); !s.ok()) return s;
      for (const EmergingTerm& e : m.emerging) {
        if (e.term.front() != '#') m.cluster.push_back(e.term);
      }
      out->push_back(std::move(m));
    }
    return Status::OK();
  }

  Status Emerging(const std::vector<std::string>& tags, const CooccurrenceCounts& win,
                  const CooccurrenceCounts& base, Incident* m) {
    m->emerging.clear();
    struct Scored {
      EmergingTerm term;
      double surprise;
    };
    std::vector<Scored> found;
    const auto& lexicon = LexiconWords();
    auto consider = [&](std::string term, int64_t n, double expected) {
      if (n < o_.min_term_posts || static_cast<double>(n) < o_.min_term_ratio * expected) return;
      const double s = internal::Surprise(internal::LogPoissonTail(static_cast<double>(n), expected));
      if (s >= o_.min_term_surprise) found.push_back(Scored{EmergingTerm{std::move(term), n, expected}, s});
    };
    // Hashtags of the cluster that no lexicon knows.
    EnsureTools();
    for (const std::string& t : tags) {
      SeriesKey key;
      if (!SeriesKey::Parse(t, &key) || key.kind != SeriesKind::kHashtag) continue;
      const std::string& name = key.first;
      if (lexicon.contains(name)) continue;
      // A hashtag made of lexicon words only (#qq服务器崩了#) is nothing new.
      if (segmenter_) {
        CandidateWords(*segmenter_, name, &tokens_, &words_);
        if (words_.empty()) continue;
      }
      const double expected = (static_cast<double>(Get(base.nodes, t)) + 0.5) / base.hours * win.hours;
      consider(TagText(t), Get(win.nodes, t), expected);
    }
    // Words of the sampled complaint posts.
    if (segmenter_) {
      std::unordered_map<std::string, int64_t> in_df, base_df;
      int64_t in_docs = 0, base_docs = 0;
      const UnixMillis end = std::max(m->end, m->start + store_.bucket_ms());
      for (const std::string& svc : m->services) {
        if (Status s = CountWords(svc, m->start, end, &in_df, &in_docs); !s.ok()) return s;
        if (Status s = CountWords(svc, BaselineFrom(m->start), m->start, &base_df, &base_docs); !s.ok()) return s;
      }
      for (const auto& [w, n] : in_df) {
        auto it = base_df.find(w);
        const double b = it == base_df.end() ? 0 : static_cast<double>(it->second);
        consider(w, n, static_cast<double>(in_docs) * (b + 0.5) / (static_cast<double>(base_docs) + 1.0));
      }
    }
    std::sort(found.begin(), found.end(), [](const Scored& a, const Scored& b) {
      return a.surprise != b.surprise ? a.surprise > b.surprise : a.term.term < b.term.term;
    });
    for (const Scored& s : found) {
      if (m->emerging.size() >= o_.max_terms) break;
      m->emerging.push_back(s.term);
    }
    return Status::OK();
  }

  // The normalizer and segmenter, made on first use (none: no words).
  void EnsureTools() {
    if (tools_ready_) return;
    tools_ready_ = true;
    auto norm = Normalizer::Create();
    auto seg = Segmenter::Create();
    if (norm.ok() && seg.ok()) {
      normalizer_ = std::move(*norm);
      segmenter_ = std::move(*seg);
    }
  }

  // Document frequency of candidate words in a service's samples of [from, to).
  Status CountWords(const std::string& service, UnixMillis from, UnixMillis to,
                    std::unordered_map<std::string, int64_t>* df, int64_t* docs) {
    if (Status s = store_.ReadSamples(service, from, to, &samples_); !s.ok()) return s;
    for (const StoredSample& smp : samples_) {
      if (!normalizer_->Normalize(smp.text, &norm_).ok()) continue;
      CandidateWords(*segmenter_, norm_.own_text.empty() ? norm_.text : norm_.own_text, &tokens_, &words_);
      ++*docs;
      for (const std::string& w : words_) ++(*df)[w];
    }
    return Status::OK();
  }

  BaselineStore& store_;
  const ClusterOptions& o_;
  UnixMillis first_ = 0, last_ = 0;
  bool tools_ready_ = false;
  std::unique_ptr<Normalizer> normalizer_;
  std::unique_ptr<Segmenter> segmenter_;
  std::vector<StoredSample> samples_;
  NormalizedText norm_;
  std::vector<Token> tokens_;
  std::set<std::string> words_;
};

}  // namespace

Status ClusterIncidents(BaselineStore& store, const ClusterOptions& options, std::vector<Incident>* incidents) {
  return Clusterer(store, options).Run(incidents);
}

}  // namespace bengle
