#include <dirent.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "bengle/catalogue.h"
#include "bengle/classify.h"
#include "bengle/data_dir.h"
#include "classify/alias_matcher.h"
#include "classify/discover.h"
#include "classify/lexicon.h"
#include "classify/pattern_set.h"
#include "util/utf8.h"
#include "util/cache_dir.h"

namespace bengle {

using internal::Cue;
using internal::PatternSet;
using internal::Rule;
using internal::RuleKind;

void Classification::Clear() {
  services.clear();
  service_names.clear();
  categories.clear();
  complaint = negated = recovery = official = false;
  causes.clear();
}

struct Classifier::Impl {
  ClassifierOptions options;
  std::vector<Rule> rules;
  PatternSet set;             // every rule but official-account names
  std::vector<int> rule_of;   // set index -> rule index
  int failure_words = -1;     // set index of the discoverer's failure words (not a rule), or -1
  PatternSet accounts;        // cue official_account, matched on the author
  // The service catalogue: ids beyond the sixteen (kNumServices + i is
  // extra_ids[i]) and every alias, resolved to the service counted.
  std::vector<std::string> extra_ids, extra_names;
  std::array<std::string, kNumServices> names;  // display names of the sixteen
  internal::AliasMatcher aliases;
  // Where the aliases' patterns start in `set` (they are matched in the same
  // pass as the rules), or -1 with no catalogue.
  int alias_base = -1;
  // Services nobody listed: the subject of an outage statement ("秀动崩了").
  std::unique_ptr<internal::Discoverer> discover;

  // What one piece of text shows.
  struct Evidence {
    std::array<double, kNumCategories> category{};  // noisy-or of rule weights
    std::array<double, kNumCategories> fallback{};  // the same for fallback rules
    std::array<double, internal::kNumCues> cue{};
    std::array<bool, kNumServices> service{};
    std::vector<int> extra;  // catalogue services beyond the sixteen (index into extra_ids), first seen first
    std::array<bool, kNumCauses> cause{};
    bool failure_words = false;  // one of the discoverer's words occurs
  };
  void Scan(std::string_view text, double weight, Evidence* ev, const char* segment, Explanation* why) const;
  // The service names in `text`, located (the aliases' patterns live in `set`).
  void Names(std::string_view text, std::vector<internal::AliasMatcher::Hit>* out) const;
  // Splits set.Match()'s hits: *hits keeps the rules', *alias_hits gets the
  // aliases' (numbered from alias_base); returns whether the failure words
  // were among them (dropped).
  bool SplitHits(std::vector<int>* hits, std::vector<int>* alias_hits) const;
};

namespace {

constexpr size_t kLargePattern = 2000;  // bytes, after definitions are expanded
// A long pattern stays on RE2 (behind the literal filter) when Hyperscan
// would take seconds to compile it: a name list followed by a clause gap
// ("X{NEAR}闪退"), or a name list longer than this. Measured with Debian's
// Hyperscan 5.4: the lexicon's gapless lists of 5-6 kB add about 3 s to a
// first (uncached) compile and save about 8% of classify time; the gapped
// ones take 1-7 s each.
constexpr size_t kHyperscanNameList = 6000;

bool KeepOnRe2(const std::string& pattern) {
  return pattern.size() >= kLargePattern &&
         (pattern.find("[^") != std::string::npos || pattern.size() > kHyperscanNameList);
}

const char* KindName(RuleKind k) {
  switch (k) {
    case RuleKind::kService: return "service";
    case RuleKind::kNotService: return "not_service";
    case RuleKind::kCategory: return "category";
    case RuleKind::kFallback: return "fallback";
    case RuleKind::kCue: return "cue";
    case RuleKind::kCause: return "cause";
  }
  return "?";
}

std::string RuleIdName(const Rule& r) {
  switch (r.kind) {
    case RuleKind::kService:
    case RuleKind::kNotService: return kServiceIds[r.id];
    case RuleKind::kCategory:
    case RuleKind::kFallback: return kCategoryIds[r.id];
    case RuleKind::kCue: return internal::CueName(r.id);
    case RuleKind::kCause: return kCauseIds[r.id];
  }
  return "?";
}

}  // namespace

Classifier::Classifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Classifier::~Classifier() = default;
size_t Classifier::rules() const { return impl_->rules.size(); }

Result<std::unique_ptr<Classifier>> Classifier::Create(const ClassifierOptions& options) {
  std::vector<std::string> files;
  const std::string dir = options.lexicon_dir == "<default>" ? DefaultDataDir() + "/lexicon" : options.lexicon_dir;
  if (!dir.empty()) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return Status::NotFound(dir + ": cannot open lexicon folder");
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 4 && name.ends_with(".lex")) files.push_back(dir + "/" + name);
    }
    ::closedir(d);
    std::sort(files.begin(), files.end());
  }
  files.insert(files.end(), options.extra_files.begin(), options.extra_files.end());
  if (files.empty()) return Status::NotFound(dir + ": no *.lex lexicon files");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (!options.use_hyperscan) {
    impl->set = PatternSet(PatternSet::Engine::kRe2);
    impl->accounts = PatternSet(PatternSet::Engine::kRe2);
  }
  // The catalogue: its services beyond the sixteen get ids of their own.
  for (int k = 0; k < kNumServices; ++k) impl->names[static_cast<size_t>(k)] = kServiceIds[k];
  if (!options.catalogue.empty()) {
    auto loaded = ServiceCatalogue::Load(options.catalogue);
    if (!loaded.ok()) return loaded.status();
    const ServiceCatalogue& cat = **loaded;
    std::unordered_map<std::string, int> index;  // id -> service index
    for (int k = 0; k < kNumServices; ++k) index.emplace(kServiceIds[k], k);
    std::vector<std::pair<std::string, int>> aliases;
    for (const ServiceInfo& svc : cat.services()) {
      const std::string id(cat.Resolve(svc.id));
      auto [it, fresh] = index.emplace(id, kNumServices + static_cast<int>(impl->extra_ids.size()));
      if (fresh) {
        impl->extra_ids.push_back(id);
        impl->extra_names.push_back(cat.DisplayName(id));
      }
      const int idx = it->second;
      if (idx < kNumServices) impl->names[static_cast<size_t>(idx)] = cat.DisplayName(id);
      for (const std::string& a : svc.aliases) aliases.emplace_back(a, idx);
    }
    if (Status a = impl->aliases.Build(aliases,
                                       options.use_hyperscan ? PatternSet::Engine::kAuto : PatternSet::Engine::kRe2,
                                       internal::CacheDir(options.cache_dir), /*own_set=*/false);
        !a.ok()) {
      return a;
    }
  }
  Status st = internal::ParseLexicon(files, &impl->rules);
  if (!st.ok()) return st;
  if (options.discover_services) {
    auto d = internal::Discoverer::Load(options.not_services == "<default>"
                                            ? DefaultDataDir() + "/catalogue/not_services.txt"
                                            : options.not_services);
    if (!d.ok()) return d.status();
    impl->discover = std::move(*d);
  }
  // Patterns go into RE2 sets by kind: one pass over the text per set, and a
  // set's lazily built DFA grows with the partial matches its patterns can be
  // in at once. The long name lists (thousands of bytes) share sets of their
  // own; patterns with clause gaps ("X{NEAR}发不出") go in small sets, whose
  // DFAs stay small; plain alternations of words go in large sets, which cost
  // little more per byte than small ones. Matching does not depend on the
  // order; rule_of maps back.
  auto klass = [&](size_t i) {
    const std::string& p = impl->rules[i].pattern;
    if (p.size() >= kLargePattern) return 0;
    return p.find("[^,.!?;") != std::string::npos || p.find(".*") != std::string::npos ? 1 : 2;
  };
  // Every rule goes into the main set but the official accounts' (matched
  // against the author's name, in a set of their own).
  auto in_main_set = [](const Rule& r) { return !(r.kind == RuleKind::kCue && r.id == internal::kCueOfficialAccount); };
  // Measured with callgrind on 60k generated posts (instructions): 8/8/16
  // 9.4 G; 16 in every set in file order 12.6 G; 4/4/16 10.1 G; 8/16/32 10.4 G.
  constexpr size_t kPerSet[3] = {8, 8, 16};
  std::vector<size_t> order(impl->rules.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (klass(a) != klass(b)) return klass(a) < klass(b);
    return impl->rules[a].pattern.size() > impl->rules[b].pattern.size();
  });
  if (options.build_threads > 1) {  // every pattern of the main set, compiled at once
    std::vector<std::pair<std::string, bool>> all;
    for (size_t i : order) {
      const Rule& r = impl->rules[i];
      if (in_main_set(r)) all.emplace_back(r.pattern, KeepOnRe2(r.pattern));
    }
    if (impl->discover) all.emplace_back(std::string(internal::Discoverer::FailureWordsPattern()), false);
    for (const std::string& p : impl->aliases.patterns()) all.emplace_back(p, false);
    impl->set.Prebuild(all, options.build_threads);
  }
  int current = -1;
  size_t in_set = 0;
  for (size_t i : order) {
    const Rule& r = impl->rules[i];
    const bool to_set = in_main_set(r);
    if (to_set) {
      if (klass(i) != current || in_set == kPerSet[klass(i)]) {
        impl->set.Break();
        current = klass(i);
        in_set = 0;
      }
      ++in_set;
    }
    PatternSet& target = to_set ? impl->set : impl->accounts;
    Result<int> idx = target.Add(r.pattern, to_set && KeepOnRe2(r.pattern));
    if (!idx.ok()) return Status::InvalidArgument(r.where + ": " + internal::CutForMessage(idx.status().message(), 300));
    if (to_set) impl->rule_of.push_back(static_cast<int>(i));
  }
  if (impl->discover) {
    // Discovery looks for a subject only in texts with one of its words,
    // which the same pass over the text finds.
    impl->set.Break();
    Result<int> idx = impl->set.Add(internal::Discoverer::FailureWordsPattern());
    if (!idx.ok()) return idx.status();
    impl->failure_words = *idx;
  }
  if (!impl->aliases.empty()) {
    Result<int> base = impl->aliases.AddTo(&impl->set);
    if (!base.ok()) return base.status();
    impl->alias_base = *base;
  }
  const std::string cache_dir = internal::CacheDir(options.cache_dir);
  if (Status c = impl->set.Compile(cache_dir); !c.ok()) return c;
  if (Status c = impl->accounts.Compile(cache_dir); !c.ok()) return c;
  return std::unique_ptr<Classifier>(new Classifier(std::move(impl)));
}

bool Classifier::Impl::SplitHits(std::vector<int>* hits, std::vector<int>* alias_hits) const {
  alias_hits->clear();
  bool failure = false;
  size_t kept = 0;
  for (int h : *hits) {
    if (h == failure_words) {
      failure = true;
    } else if (alias_base < 0 || h < alias_base) {
      (*hits)[kept++] = h;
    } else {
      alias_hits->push_back(h - alias_base);
    }
  }
  hits->resize(kept);
  return failure;
}

void Classifier::Impl::Names(std::string_view text, std::vector<internal::AliasMatcher::Hit>* out) const {
  if (alias_base < 0) return;
  thread_local std::vector<int> hits, alias_hits;
  set.Match(text, &hits);
  SplitHits(&hits, &alias_hits);
  aliases.Resolve(text, alias_hits, set, alias_base, out);
}

void Classifier::Impl::Scan(std::string_view text, double weight, Evidence* ev, const char* segment,
                            Explanation* why) const {
  thread_local std::vector<int> hits;
  thread_local std::vector<std::pair<size_t, size_t>> mask, spans;
  set.Match(text, &hits);
  thread_local std::vector<int> alias_hits;
  if (SplitHits(&hits, &alias_hits)) ev->failure_words = true;
  thread_local std::vector<internal::AliasMatcher::Hit> names;
  names.clear();
  if (!aliases.empty()) {
    aliases.Resolve(text, alias_hits, set, alias_base, &names, /*spans=*/why != nullptr);
    for (const auto& n : names) {
      if (n.value < kNumServices) {
        ev->service[static_cast<size_t>(n.value)] = true;
      } else {
        const int e = n.value - kNumServices;
        if (std::find(ev->extra.begin(), ev->extra.end(), e) == ev->extra.end()) ev->extra.push_back(e);
        ev->cue[internal::kCueApp] = std::max(ev->cue[internal::kCueApp], weight);
      }
      if (why != nullptr) {
        Explanation::Hit hit;
        hit.rule = "catalogue";
        hit.kind = "service";
        hit.id = n.value < kNumServices ? kServiceIds[n.value] : extra_ids[static_cast<size_t>(n.value - kNumServices)];
        hit.segment = segment;
        hit.text.assign(text.substr(n.begin, n.end - n.begin));
        why->hits.push_back(std::move(hit));
      }
    }
  }
  if (hits.empty()) return;
  // Where the text names a service, located only when a figurative idiom or a
  // vetoing cue needs it (few texts): such a match that starts inside a
  // service's name is part of the name, not something the post says ("奈雪崩了"
  // holds 雪崩, "酷我崩了" 我崩了, "腾讯新闻" 新闻).
  bool located = why != nullptr;
  auto in_name = [&](size_t pos) {
    if (!located) {
      names.clear();
      if (!aliases.empty()) aliases.Resolve(text, alias_hits, set, alias_base, &names, /*spans=*/true);
      located = true;
    }
    for (const auto& n : names) {
      if (n.begin <= pos && pos < n.end) return true;
    }
    return false;
  };
  // Masks: figurative 崩 and things that are not the service (企业微信).
  // The figurative mask is located only when a hit it could cover needs it,
  // or to tell whether an idiom lies inside a name.
  auto is_figurative = [&](int h) {
    const Rule& r = rules[static_cast<size_t>(rule_of[static_cast<size_t>(h)])];
    return r.kind == RuleKind::kCue && r.id == internal::kCueFigurative;
  };
  mask.clear();
  bool mask_located = false;
  auto locate_mask = [&] {
    if (mask_located) return;
    mask_located = true;
    for (int h : hits) {
      if (!is_figurative(h)) continue;
      set.Find(h, text, &spans);
      for (const auto& s : spans) {
        if (names.empty() || !in_name(s.first)) mask.push_back(s);
      }
    }
  };
  std::vector<std::pair<size_t, size_t>> service_mask;
  bool figurative = false;
  for (int h : hits) {
    if (is_figurative(h)) {
      figurative = true;
      continue;
    }
    if (rules[static_cast<size_t>(rule_of[static_cast<size_t>(h)])].kind != RuleKind::kNotService) continue;
    set.Find(h, text, &spans);
    service_mask.insert(service_mask.end(), spans.begin(), spans.end());
  }
  // Figurative when some idiom lies outside the names (with no name, every
  // match does: a pattern that matches has a match).
  if (figurative && (names.empty() || (locate_mask(), !mask.empty()))) {
    ev->cue[internal::kCueFigurative] = std::max(ev->cue[internal::kCueFigurative], weight);
  }
  // The two questions below are mostly settled by a rule's first match, so
  // its matches are taken one at a time (ForEachMatch), not all at once.
  // A cue that would veto a complaint, found only inside a service's name.
  auto inside_names = [&](int h) {
    if (names.empty()) return false;
    bool any = false, all_inside = true;
    set.ForEachMatch(h, text, [&](std::pair<size_t, size_t> s) {
      any = true;
      all_inside = in_name(s.first) && in_name(s.second - 1);
      return all_inside;
    });
    return any && all_inside;
  };
  auto outside = [&](int h, const std::vector<std::pair<size_t, size_t>>& m) {
    if (m.empty()) return true;
    bool found = false;
    set.ForEachMatch(h, text, [&](std::pair<size_t, size_t> s) {
      bool covered = false;
      for (const auto& x : m) covered |= s.first < x.second && x.first < s.second;
      found = !covered;
      return covered;
    });
    return found;
  };
  auto outside_idioms = [&](int h) {
    if (!figurative) return true;
    locate_mask();
    return outside(h, mask);
  };
  if (why != nullptr) std::sort(hits.begin(), hits.end());
  for (int h : hits) {
    const Rule& r = rules[static_cast<size_t>(rule_of[static_cast<size_t>(h)])];
    bool counted = true;
    switch (r.kind) {
      case RuleKind::kService:
        counted = outside(h, service_mask);
        if (counted) ev->service[static_cast<size_t>(r.id)] = true;
        break;
      case RuleKind::kNotService:
        break;
      case RuleKind::kCategory:
      case RuleKind::kFallback:
        counted = outside_idioms(h);
        if (counted) {
          double& c = (r.kind == RuleKind::kCategory ? ev->category : ev->fallback)[static_cast<size_t>(r.id)];
          c = 1 - (1 - c) * (1 - r.weight * weight);
        }
        break;
      case RuleKind::kCue:
        if (r.id == internal::kCueFigurative) break;
        if ((r.id == internal::kCueOutage || r.id == internal::kCueWeak || r.id == internal::kCueHeadline) &&
            !outside_idioms(h)) {
          counted = false;
          break;
        }
        if ((r.id == internal::kCueNews || r.id == internal::kCueRetro || r.id == internal::kCuePolicy ||
             r.id == internal::kCueHypothetical || r.id == internal::kCueAd || r.id == internal::kCueHowTo ||
             r.id == internal::kCueGuide || r.id == internal::kCueRumor ||
             r.id == internal::kCueNegation) &&
            inside_names(h)) {
          counted = false;
          break;
        }
        ev->cue[static_cast<size_t>(r.id)] = std::max(ev->cue[static_cast<size_t>(r.id)], r.weight * weight);
        break;
      case RuleKind::kCause:
        ev->cause[static_cast<size_t>(r.id)] = true;
        break;
    }
    if (why != nullptr) {
      set.Find(h, text, &spans);
      Explanation::Hit hit;
      hit.rule = r.where.substr(r.where.rfind('/') + 1);
      hit.kind = KindName(r.kind);
      hit.id = RuleIdName(r);
      hit.segment = segment;
      if (!spans.empty()) hit.text.assign(text.substr(spans[0].first, spans[0].second - spans[0].first));
      // Category evidence adds up; any other rule counts from weight 0.5.
      const bool adds_up = r.kind == RuleKind::kCategory || r.kind == RuleKind::kFallback;
      hit.counted = counted && (adds_up || r.weight * weight >= 0.5);
      why->hits.push_back(std::move(hit));
    }
  }
}

void Classifier::Classify(const NormalizedText& post, Classification* out, std::string_view author,
                          Explanation* why) const {
  out->Clear();
  if (why != nullptr) why->Clear();
  const Impl& im = *impl_;
  const double thr = im.options.category_threshold;
  // The author's own words are the main evidence. A bare repost, or an own
  // text that only agrees ("我也是", "+1"), takes the first quoted segment as
  // its own; other quoted segments count less.
  Impl::Evidence main, quoted;
  im.Scan(post.own_text, 1.0, &main, "own", why);
  const bool own_empty = post.own_text.empty() || post.default_repost;
  // An own text that says nothing of its own ("好家伙", "哈哈哈") passes the
  // repost on: the quoted post's evidence counts fully too.
  auto says_nothing = [](const Impl::Evidence& e) {
    bool silent = true;
    for (double v : e.category) silent &= v == 0;
    for (double v : e.fallback) silent &= v == 0;
    for (int k = 0; k < internal::kNumCues; ++k) {
      silent &= e.cue[k] == 0 || k == internal::kCueFigurative || k == internal::kCueOnline;
    }
    return silent;
  };
  // A quoted segment that takes the author's place and itself only agrees or
  // says nothing passes the repost on again ("我也是 //@A:我也是 //@B:微信崩了").
  bool pass_on = !post.quoted.empty() && (own_empty || says_nothing(main) || main.cue[internal::kCueAgree] > 0);
  for (size_t k = 0; k < post.quoted.size(); ++k) {
    const bool own = pass_on;
    im.Scan(post.quoted[k].text, own ? 1.0 : im.options.quoted_weight, own ? &main : &quoted, own ? "own" : "quoted",
            why);
    pass_on = false;
    if (own && k + 1 < post.quoted.size()) {
      Impl::Evidence segment;
      im.Scan(post.quoted[k].text, 1.0, &segment, "own", nullptr);
      pass_on = post.quoted[k].text.empty() || says_nothing(segment) || segment.cue[internal::kCueAgree] > 0;
    }
  }
  // Categories: the main evidence, with quoted segments' evidence added.
  // Generic symptoms (fallback rules: "加载失败", "发送失败") name a category
  // only when nothing more specific did.
  std::array<double, kNumCategories> cat{};
  double best = 0, best_any = 0;
  for (int c = 0; c < kNumCategories; ++c) {
    cat[c] = 1 - (1 - main.category[c]) * (1 - quoted.category[c]);
    best_any = std::max(best_any, cat[c]);
    best = std::max(best, main.category[c]);
  }
  for (int c = 0; c < kNumCategories; ++c) {
    // A generic symptom of the author's own still shows there is a problem.
    best = std::max(best, 1 - (1 - main.category[c]) * (1 - main.fallback[c]));
    if (best_any < thr) {
      const double fb = 1 - (1 - main.fallback[c]) * (1 - quoted.fallback[c]);
      cat[c] = 1 - (1 - cat[c]) * (1 - fb);
    }
  }
  const auto& cue = main.cue;
  auto has = [&](Cue c) { return cue[c] >= 0.5; };
  bool own_service = false;
  for (bool v : main.service) own_service |= v;
  own_service |= has(internal::kCueApp) || !main.extra.empty();
  // Evidence of a failure happening now: a symptom, an outage statement
  // with a service or app as its subject, or a subjectless failure phrase
  // ("用不了") beside a service the post names.
  const bool symptom = best >= thr;
  // A service nobody listed, as the subject of an outage statement, when
  // the post names no known service and says nothing figurative.
  std::string discovered;
  bool named = !main.extra.empty();  // a service with an id (the app cue alone names none)
  for (bool v : main.service) named |= v;
  bool catalogue_subject = false;  // "秀动崩了": a catalogue service is the subject
  // The text discovery reads was scanned into `main` (with, at times, more).
  if (im.discover && main.cue[internal::kCueFigurative] == 0 && main.failure_words) {
    const std::string_view text =
        post.own_text.empty() && !post.quoted.empty() ? std::string_view(post.quoted[0].text) : post.own_text;
    if (!named) {
      // The text names no service (the aliases found none in it), so a
      // subject found here is a name no catalogue knows.
      if (!im.discover->Find(text, &discovered)) discovered.clear();
    } else if (!main.extra.empty() && !has(internal::kCueOutage)) {
      thread_local std::vector<std::string> subjects;
      thread_local std::vector<internal::AliasMatcher::Hit> in_subject;
      im.discover->Subjects(text, &subjects);
      for (const std::string& x : subjects) {
        in_subject.clear();
        im.Names(x, &in_subject);
        // The subject is the name, or ends with it ("上海健康码" is 健康码).
        for (const auto& h : in_subject) catalogue_subject |= h.end == x.size() && h.value >= kNumServices;
      }
    }
  }
  // A whole headline "X崩了" says a service is down only when X is one: a
  // service or app the post names, or a name the discoverer accepts (above).
  // Not a person ("黄轩崩了"), a place ("江西崩了") or a common word ("作画崩了").
  const bool headline = has(internal::kCueHeadline) && own_service;
  const bool statement = has(internal::kCueOutage) || !discovered.empty() || catalogue_subject || headline;
  const bool weak = has(internal::kCueWeak) && own_service;
  const bool problem = symptom || statement || weak;
  out->negated = has(internal::kCueNegation) && !has(internal::kCueNotMe);
  out->recovery = has(internal::kCueRecovery);
  std::vector<int> account_hits;
  if (!author.empty()) im.accounts.Match(author, &account_hits);
  // A statement in the voice of whoever runs something ("回应…故障",
  // "正在紧急修复") is never a user's complaint; it is an official response
  // of a service only when the post names a service or something online (a
  // theme park answering for a ride is not).
  const bool statement_by_operator = has(internal::kCueOfficial) || !account_hits.empty();
  const bool online = own_service || has(internal::kCueOnline) || !discovered.empty();
  out->official = !account_hits.empty() || (has(internal::kCueOfficial) && online);
  const bool past = has(internal::kCueNews) && !has(internal::kCuePresent);
  const bool howto = has(internal::kCueHowTo) && !symptom;
  // "听说微信崩了？真的假的": a question about an outage the author has not
  // seen; with a symptom of their own ("听说微信崩了？我图片也发不出去") it is a report.
  const bool rumor = has(internal::kCueRumor) && !symptom;
  const bool guide = has(internal::kCueGuide);  // names a symptom to explain how to fix it
  const bool recovered = out->recovery && !has(internal::kCueStill);
  const bool ad = has(internal::kCueAd) && !symptom;
  const bool retro = has(internal::kCueRetro);
  const bool policy = has(internal::kCuePolicy);
  const bool hypothetical = has(internal::kCueHypothetical);
  out->complaint = problem && !out->negated && !statement_by_operator && !past && !ad && !howto && !guide && !rumor &&
                   !hypothetical &&
                   !recovered && !retro && !policy;
  if (statement_by_operator) out->negated = false;
  if (why != nullptr) {
    std::string reason;
    auto add = [&reason](bool on, const char* what) {
      if (!on) return;
      if (!reason.empty()) reason += ", ";
      reason += what;
    };
    std::string sym = "symptom";
    for (int c = 0; c < kNumCategories; ++c) {
      const double v = 1 - (1 - main.category[c]) * (1 - main.fallback[c]);
      if (v >= thr) {
        char buf[64];
        std::snprintf(buf, sizeof buf, " %s %.2f", kCategoryIds[c], v);
        sym += buf;
      }
    }
    add(symptom, sym.c_str());
    add(statement, "outage statement");
    add(weak, "failure phrase beside a named service");
    if (!problem) {
      add(true, has(internal::kCueHeadline)
                    ? "no evidence of a failure (a headline whose subject is not a service name)"
                : has(internal::kCueWeak) ? "no evidence of a failure (failure phrase without a service)"
                                          : "no evidence of a failure");
    }
    add(problem && out->negated, "but negated");
    add(problem && out->official, "but official");
    add(problem && statement_by_operator && !out->official, "but an operator's statement about nothing online");
    add(problem && past, "but about the past");
    add(problem && ad, "but an ad");
    add(problem && howto, "but a how-to question");
    add(problem && rumor, "but a rumor check");
    add(problem && guide, "but a guide to fixing it");
    add(problem && hypothetical, "but hypothetical");
    add(problem && recovered, "but recovered");
    add(problem && retro, "but an anniversary or retrospective");
    add(problem && policy, "but a rule announcement");
    why->decisions.push_back(std::string("complaint=") + (out->complaint ? "true: " : "false: ") + reason);
    why->decisions.push_back(std::string("negated=") + (out->negated ? "true" : "false") +
                             (has(internal::kCueNegation) && has(internal::kCueNotMe) ? " (the author's own side is fine)" : ""));
    why->decisions.push_back(std::string("recovery=") + (out->recovery ? "true" : "false"));
    why->decisions.push_back(std::string("official=") + (out->official ? "true" : "false") +
                             (!account_hits.empty() ? " (official account)"
                              : has(internal::kCueOfficial) && !online ? " (a statement, but nothing online is named)"
                                                                        : ""));
  }
  // Services: everything the post is about, quoted segments included.
  for (int s = 0; s < kNumServices; ++s) {
    if (main.service[s] || quoted.service[s]) {
      out->services.emplace_back(kServiceIds[s]);
      out->service_names.push_back(im.names[static_cast<size_t>(s)]);
    }
  }
  if (!discovered.empty()) {
    out->services.push_back(std::string(kDiscoveredPrefix) + discovered);
    out->service_names.push_back(discovered);
    if (why != nullptr) why->decisions.push_back("discovered service: " + discovered + " (not in the catalogue)");
  }
  for (const Impl::Evidence* ev : {&main, &quoted}) {
    for (int e : ev->extra) {
      const std::string& id = im.extra_ids[static_cast<size_t>(e)];
      if (std::find(out->services.begin(), out->services.end(), id) != out->services.end()) continue;
      out->services.push_back(id);
      out->service_names.push_back(im.extra_names[static_cast<size_t>(e)]);
    }
  }
  if (out->complaint) {
    for (int c = 0; c < kNumCategories; ++c) {
      if (cat[c] >= thr) out->categories.push_back(CategoryScore{kCategoryIds[c], cat[c]});
    }
    std::stable_sort(out->categories.begin(), out->categories.end(),
                     [](const CategoryScore& a, const CategoryScore& b) { return a.score > b.score; });
  }
  for (int c = 0; c < kNumCauses; ++c) {
    if (main.cause[c]) out->causes.emplace_back(kCauseIds[c]);
  }
}

}  // namespace bengle
