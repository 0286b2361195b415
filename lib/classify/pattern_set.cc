#include "classify/pattern_set.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <thread>
#include <unordered_map>

#include "util/cache_dir.h"
#include "util/utf8.h"

#ifdef BENGLE_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

namespace bengle::internal {
namespace {

RE2::Options Opts() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_max_mem(32 << 20);
  return o;
}

constexpr size_t kPerSet = 16;  // at most, between Break()s

}  // namespace

#ifdef BENGLE_HAVE_HYPERSCAN
struct PatternSet::Hs {
  // One database: the patterns Hyperscan runs (Hyperscan id k < ids.size()
  // is pattern ids[k]), then the filter's atoms as literals (id
  // ids.size() + a is atom a), so one pass finds both.
  hs_database_t* db = nullptr;
  std::vector<int> ids;
  uint64_t generation = 0;
  // The patterns left to RE2 (the long name lists, what Hyperscan rejects),
  // behind a filter: each needs some of the literal atoms re2::FilteredRE2
  // derives from it, the atoms are found in the same Hyperscan pass, and
  // RE2 runs only the patterns whose atoms are there (on real text, few).
  std::unique_ptr<re2::FilteredRE2> filtered;
  std::vector<int> filtered_ids;  // FilteredRE2 id -> pattern index
  std::vector<int> unfiltered;    // pattern indices of those that pass with no atom at all
  // gate[atom]: the atom can make some pattern pass. The atoms of one
  // character (了, 不, 上) are in a third of real texts but pass nothing
  // without a longer one, so a text with none of the gate's atoms skips
  // AllMatches(), whose evaluation of the atoms' tree (and its allocations)
  // cost as much as the patterns it runs.
  std::vector<bool> gate;
  // confirm[k]: Hyperscan runs a wider form of pattern ids[k] (Widened()),
  // so its hits are checked by the pattern's RE2.
  std::vector<bool> confirm;
  ~Hs() { hs_free_database(db); }
};

namespace {

std::atomic<uint64_t> g_generation{1};

// One scratch per thread, grown for every database the thread scans with
// (hs_alloc_scratch keeps it valid for the earlier ones too).
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<uint64_t> ready;  // generations it was grown for
  ~ThreadScratch() { hs_free_scratch(scratch); }
};

hs_scratch_t* ScratchFor(hs_database_t* db, uint64_t generation) {
  thread_local ThreadScratch t;
  for (uint64_t g : t.ready) {
    if (g == generation) return t.scratch;
  }
  if (hs_alloc_scratch(db, &t.scratch) != HS_SUCCESS) return nullptr;
  t.ready.push_back(generation);
  return t.scratch;
}

// The cached image: header, the pattern indices the database holds, then
// hs_serialize_database()'s bytes. Everything is checked before use.
struct CacheHeader {
  char magic[8];
  uint64_t signature;   // what was compiled (patterns, flags, Hyperscan version)
  uint64_t ids;         // number of int32 pattern indices that follow
  uint64_t atoms;       // AtomsSignature() of the filter's atoms the database holds
  uint64_t bytes;       // serialized database size
  uint64_t checksum;    // FNV-1a of everything after the header
};
constexpr char kCacheMagic[8] = {'B', 'G', 'L', 'H', 'S', '0', '0', '2'};

uint64_t AtomsSignature(const std::vector<std::string>& atoms) {
  uint64_t h = Fnv1a("atoms");
  for (const std::string& a : atoms) h = Fnv1a(std::string_view(a.data(), a.size() + 1), h);
  return h;
}

// An atom as a Hyperscan expression that matches exactly its bytes.
std::string AtomExpression(const std::string& atom) {
  std::string e;
  char hex[5];
  for (unsigned char c : atom) {
    std::snprintf(hex, sizeof hex, "\\x%02x", c);
    e += hex;
  }
  return e;
}

bool LoadCached(const std::string& path, uint64_t signature, size_t max_id, hs_database_t** db,
                std::vector<int>* ids, uint64_t* atoms) {
  std::string file;
  if (!ReadWholeFile(path, &file) || file.size() < sizeof(CacheHeader)) return false;
  CacheHeader h;
  std::memcpy(&h, file.data(), sizeof h);
  if (std::memcmp(h.magic, kCacheMagic, 8) != 0 || h.signature != signature || h.ids > max_id ||
      h.bytes > file.size() || sizeof h + h.ids * 4 + h.bytes != file.size()) {
    return false;
  }
  const std::string_view body(file.data() + sizeof h, file.size() - sizeof h);
  if (Fnv1a(body) != h.checksum) return false;
  *atoms = h.atoms;
  ids->resize(h.ids);
  for (size_t k = 0; k < h.ids; ++k) {
    int32_t v;
    std::memcpy(&v, body.data() + k * 4, 4);
    if (v < 0 || static_cast<size_t>(v) >= max_id) return false;
    (*ids)[k] = v;
  }
  const char* bytes = body.data() + h.ids * 4;
  size_t size = 0;
  if (hs_serialized_database_size(bytes, h.bytes, &size) != HS_SUCCESS) return false;
  return hs_deserialize_database(bytes, h.bytes, db) == HS_SUCCESS;
}

void SaveCached(const std::string& dir, const std::string& path, uint64_t signature, const hs_database_t* db,
                const std::vector<int>& ids, uint64_t atoms) {
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
  std::string body(ids.size() * 4, '\0');
  for (size_t k = 0; k < ids.size(); ++k) {
    const int32_t v = ids[k];
    std::memcpy(body.data() + k * 4, &v, 4);
  }
  body.append(bytes, size);
  std::free(bytes);
  CacheHeader h{};
  std::memcpy(h.magic, kCacheMagic, 8);
  h.signature = signature;
  h.ids = ids.size();
  h.atoms = atoms;
  h.bytes = size;
  h.checksum = Fnv1a(body);
  std::string file(reinterpret_cast<const char*>(&h), sizeof h);
  file += body;
  if (MakeDirs(dir)) WriteFileAtomically(path, file);
}

// What Hyperscan runs for a pattern: the pattern with every bounded gap of
// a character class ("[^，。]{0,8}") made unbounded ("[^，。]*"). It matches
// every text the pattern matches, and a few more (a hit is then checked by
// RE2). Hyperscan builds a bounded repeat of a multi-byte class as an
// automaton with a state per byte of every repetition: the lexicon's 40
// patterns with such gaps took 60% of the scan, and this form a fifth less
// time on generated posts (0.1% more hits to check), a seventh less on real text.
std::string Widened(const std::string& p) {
  std::string out;
  out.reserve(p.size());
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out.append(p, i, 2);
      i += 2;
      continue;
    }
    if (c != '[') {
      out += c;
      ++i;
      continue;
    }
    // A character class, copied whole: '^' and a leading ']' are members'
    // syntax, "[:alpha:]" nests, a backslash escapes.
    size_t j = i + 1;
    if (j < p.size() && p[j] == '^') ++j;
    if (j < p.size() && p[j] == ']') ++j;
    while (j < p.size() && p[j] != ']') {
      if (p[j] == '\\') {
        j += 2;
      } else if (p.compare(j, 2, "[:") == 0) {
        const size_t e = p.find(":]", j + 2);
        j = e == std::string::npos ? p.size() : e + 2;
      } else {
        ++j;
      }
    }
    if (j >= p.size()) {  // unclosed (RE2 would have rejected it): left as it is
      out.append(p, i, std::string::npos);
      break;
    }
    out.append(p, i, j + 1 - i);
    i = j + 1;
    // "{0,N}" after the class becomes "*".
    if (p.compare(i, 3, "{0,") == 0) {
      size_t k = i + 3;
      while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k;
      if (k > i + 3 && k < p.size() && p[k] == '}') {
        out += '*';
        i = k + 1;
      }
    }
  }
  return out;
}

// What the filter lets through for a set of atoms, remembered per thread.
// The same few atoms keep turning up together (a name and a failure word):
// on real and on generated posts five of six texts that open the gate bring
// a set seen before, and the filter's evaluation of its atoms' tree (with
// its allocations) costs about as much as the scan of the text. Keyed by the
// database's generation and the sorted atoms; emptied when it grows large.
class FilterMemo {
 public:
  // The FilteredRE2 ids the filter passes for `atoms` (sorted in place).
  const std::vector<int>& Passed(const re2::FilteredRE2& filter, uint64_t generation, std::vector<int>* atoms) {
    std::sort(atoms->begin(), atoms->end());
    key_.assign(1, static_cast<int64_t>(generation));
    key_.insert(key_.end(), atoms->begin(), atoms->end());
    auto it = passed_.find(key_);
    if (it != passed_.end()) return it->second;
    if (passed_.size() >= kMaxEntries) passed_.clear();
    std::vector<int> out;
    filter.AllPotentials(*atoms, &out);
    return passed_.emplace(key_, std::move(out)).first->second;
  }

 private:
  static constexpr size_t kMaxEntries = 1 << 14;
  struct KeyHash {
    size_t operator()(const std::vector<int64_t>& k) const {
      uint64_t h = 0xcbf29ce484222325ull;
      for (int64_t v : k) h = (h ^ static_cast<uint64_t>(v)) * 0x100000001b3ull;
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  std::vector<int64_t> key_;
  std::unordered_map<std::vector<int64_t>, std::vector<int>, KeyHash> passed_;
};

int OnMatch(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  static_cast<std::vector<int>*>(ctx)->push_back(static_cast<int>(id));
  return 0;
}

}  // namespace
#else
struct PatternSet::Hs {};
#endif

struct PatternSet::Prebuilt {
  std::unordered_multimap<std::string, std::unique_ptr<RE2>> re2s;  // source -> compiled
  // The literal filter of the re2_only patterns, in the order given, and
  // its atoms (what BuildFilter() makes of exactly those sources).
  std::vector<std::string> filter_sources;
  std::unique_ptr<re2::FilteredRE2> filter;
  std::vector<std::string> atoms;
};

void PatternSet::Prebuild(const std::vector<std::pair<std::string, bool>>& patterns, int threads) {
  if (threads <= 1 || patterns.empty()) return;
  auto pre = std::make_unique<Prebuilt>();
  std::vector<std::unique_ptr<RE2>> compiled(patterns.size());
  // The tasks, longest first (a pattern's compile time grows with its
  // length), taken in turn by the threads: each pattern's RE2, and the filter.
  std::vector<size_t> order(patterns.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return patterns[a].first.size() > patterns[b].first.size(); });
  bool with_filter = false;
#ifdef BENGLE_HAVE_HYPERSCAN
  for (const auto& [p, re2_only] : patterns) {
    if (re2_only) pre->filter_sources.push_back(p);
  }
  with_filter = engine_ == Engine::kAuto && !pre->filter_sources.empty();
#endif
  const size_t tasks = patterns.size() + (with_filter ? 1 : 0);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t t; (t = next.fetch_add(1)) < tasks;) {
      if (with_filter && t == 0) {  // the filter first: it takes longest
#ifdef BENGLE_HAVE_HYPERSCAN
        auto filter = std::make_unique<re2::FilteredRE2>(/*min_atom_len=*/2);
        bool ok = true;
        for (const std::string& src : pre->filter_sources) {
          int id = -1;
          ok &= filter->Add(re2::StringPiece(src), Opts(), &id) == RE2::NoError;
        }
        if (ok) {
          filter->Compile(&pre->atoms);
          pre->filter = std::move(filter);
        }
#endif
        continue;
      }
      const size_t i = order[t - (with_filter ? 1 : 0)];
      compiled[i] = std::make_unique<RE2>(re2::StringPiece(patterns[i].first), Opts());
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (int k = 1; k < threads; ++k) helpers.emplace_back(work);
    work();
  }
  for (size_t i = 0; i < patterns.size(); ++i) pre->re2s.emplace(patterns[i].first, std::move(compiled[i]));
  prebuilt_ = std::move(pre);
}

PatternSet::PatternSet(Engine engine) : engine_(engine) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

size_t PatternSet::hyperscan_patterns() const {
#ifdef BENGLE_HAVE_HYPERSCAN
  return hs_ ? hs_->ids.size() : 0;
#else
  return 0;
#endif
}

Result<int> PatternSet::Add(std::string_view pattern, bool re2_only) {
  std::unique_ptr<RE2> re;
  if (prebuilt_) {
    if (auto it = prebuilt_->re2s.find(std::string(pattern)); it != prebuilt_->re2s.end()) {
      re = std::move(it->second);
      prebuilt_->re2s.erase(it);
    }
  }
  if (!re) re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), Opts());
  if (!re->ok()) {
    return Status::InvalidArgument("bad pattern '" + CutForMessage(pattern, 200) + "': " + CutForMessage(re->error(), 200));
  }
  // A pattern that matches the empty string matches every text: almost
  // always a stray '|' at the end of an alternation.
  if (RE2::PartialMatch("", *re)) {
    return Status::InvalidArgument("pattern matches the empty string (a stray '|'?): '" + CutForMessage(pattern, 200) +
                                   "'");
  }
  patterns_.push_back(std::move(re));
  sources_.emplace_back(pattern);
  re2_only_.push_back(re2_only);
  return static_cast<int>(patterns_.size() - 1);
}

Status PatternSet::CompileRe2Sets(const std::vector<bool>& on_re2) {
  sets_.clear();
  set_index_.clear();
  size_t next_break = 0, in_last = 0;
  bool fresh = true;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    while (next_break < breaks_.size() && breaks_[next_break] <= i) {
      fresh = true;
      ++next_break;
    }
    if (!on_re2[i]) continue;
    if (sets_.empty() || fresh || in_last == kPerSet) {
      sets_.push_back(std::make_unique<RE2::Set>(Opts(), RE2::UNANCHORED));
      set_index_.emplace_back();
      in_last = 0;
      fresh = false;
    }
    std::string error;
    if (sets_.back()->Add(re2::StringPiece(sources_[i]), &error) < 0) {
      return Status::InvalidArgument("bad pattern '" + CutForMessage(sources_[i], 200) + "': " +
                                     CutForMessage(error, 200));
    }
    set_index_.back().push_back(static_cast<int>(i));
    ++in_last;
  }
  for (auto& set : sets_) {
    if (!set->Compile()) return Status::InvalidArgument("the patterns need more memory than allowed to compile");
  }
  return Status::OK();
}

Status PatternSet::Compile([[maybe_unused]] const std::string& cache_dir) {  // unused without Hyperscan
  struct Drop {  // what Prebuild() made and nothing took is not kept
    std::unique_ptr<Prebuilt>& p;
    ~Drop() { p.reset(); }
  } drop{prebuilt_};
  std::vector<bool> on_re2(patterns_.size(), true);
#ifdef BENGLE_HAVE_HYPERSCAN
  if (engine_ != Engine::kAuto || patterns_.empty()) return CompileRe2Sets(on_re2);
  uint64_t signature = Fnv1a(hs_version());
  signature = Fnv1a("bengle-patterns-3", signature);  // 3: gaps widened (Widened())
  for (size_t i = 0; i < sources_.size(); ++i) {
    signature = Fnv1a(std::string_view(sources_[i].data(), sources_[i].size() + 1), signature);
    signature = Fnv1a(re2_only_[i] ? "r" : "h", signature);
  }
  char name[40];
  std::snprintf(name, sizeof name, "/hs-%016llx.bin", static_cast<unsigned long long>(signature));
  const std::string cache = cache_dir.empty() ? "" : cache_dir + name;
  hs_ = std::make_unique<Hs>();
  // What Hyperscan runs of each pattern (the database's ids index it).
  std::vector<std::string> widened;
  widened.reserve(sources_.size());
  for (const std::string& source : sources_) widened.push_back(Widened(source));
  std::vector<std::string> atoms;
  hs_database_t* db = nullptr;
  std::vector<int> ids;
  uint64_t cached_atoms = 0;
  if (!cache.empty() && LoadCached(cache, signature, patterns_.size(), &db, &ids, &cached_atoms)) {
    // The filter takes what the database does not; its atoms must be the
    // ones the image was compiled with (they come from RE2's version).
    BuildFilter(ids, &atoms);
    if (AtomsSignature(atoms) != cached_atoms) {
      hs_free_database(db);
      db = nullptr;
    }
  }
  if (db == nullptr) {
    // Everything Hyperscan compiles runs there; a pattern it rejects (an
    // RE2-only construct) stays on RE2, behind the filter. Each failure
    // names one expression.
    ids.clear();
    for (size_t i = 0; i < patterns_.size(); ++i) {
      if (!re2_only_[i]) ids.push_back(static_cast<int>(i));
    }
    bool with_filter = true;
    for (int attempt = 0; attempt < 64; ++attempt) {
      atoms.clear();
      if (with_filter) {
        BuildFilter(ids, &atoms);
      } else {
        ClearFilter();
      }
      std::vector<std::string> atom_exprs;
      for (const std::string& a : atoms) atom_exprs.push_back(AtomExpression(a));
      std::vector<const char*> exprs;
      std::vector<unsigned> flags, hs_ids;
      for (int i : ids) {
        exprs.push_back(widened[static_cast<size_t>(i)].c_str());
        flags.push_back(HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH);
      }
      for (const std::string& e : atom_exprs) {
        exprs.push_back(e.c_str());
        flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);  // atoms come lowercased
      }
      if (exprs.empty()) break;
      for (size_t k = 0; k < exprs.size(); ++k) hs_ids.push_back(static_cast<unsigned>(k));
      hs_compile_error_t* err = nullptr;
      if (hs_compile_multi(exprs.data(), flags.data(), hs_ids.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &db, &err) == HS_SUCCESS) {
        if (!cache.empty()) SaveCached(cache_dir, cache, signature, db, ids, AtomsSignature(atoms));
        break;
      }
      db = nullptr;
      const int rejected = err != nullptr ? err->expression : -1;
      hs_free_compile_error(err);
      if (rejected >= 0 && static_cast<size_t>(rejected) < ids.size()) {
        ids.erase(ids.begin() + rejected);
      } else if (rejected >= 0 && !atoms.empty()) {
        with_filter = false;  // an atom it rejects: the filtered patterns go to the RE2 sets
      } else {
        break;  // not one expression: all on RE2
      }
    }
  }
  if (db == nullptr) {
    hs_.reset();  // every pattern on RE2
  } else {
    hs_->db = db;
    hs_->ids = std::move(ids);
    for (int i : hs_->ids) hs_->confirm.push_back(widened[static_cast<size_t>(i)] != sources_[static_cast<size_t>(i)]);
    hs_->generation = g_generation.fetch_add(1);
    for (int i : hs_->ids) on_re2[static_cast<size_t>(i)] = false;
    if (hs_->filtered) {
      for (int i : hs_->filtered_ids) on_re2[static_cast<size_t>(i)] = false;
    }
  }
#endif
  return CompileRe2Sets(on_re2);
}

#ifdef BENGLE_HAVE_HYPERSCAN
void PatternSet::ClearFilter() {
  hs_->filtered.reset();
  hs_->filtered_ids.clear();
  hs_->unfiltered.clear();
  hs_->gate.clear();
}

void PatternSet::BuildFilter(const std::vector<int>& in_db, std::vector<std::string>* atoms) {
  ClearFilter();
  atoms->clear();
  std::vector<bool> taken(patterns_.size(), false);
  for (int i : in_db) taken[static_cast<size_t>(i)] = true;
  std::vector<int> rest;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (!taken[i]) rest.push_back(static_cast<int>(i));
  }
  if (rest.empty()) return;
  std::unique_ptr<re2::FilteredRE2> filtered;
  if (prebuilt_ && prebuilt_->filter && prebuilt_->filter_sources.size() == rest.size() &&
      std::equal(rest.begin(), rest.end(), prebuilt_->filter_sources.begin(),
                 [&](int i, const std::string& src) { return sources_[static_cast<size_t>(i)] == src; })) {
    // Prebuild() made this very filter (taken once; a later attempt builds its own).
    filtered = std::move(prebuilt_->filter);
    *atoms = std::move(prebuilt_->atoms);
  } else {
    filtered = std::make_unique<re2::FilteredRE2>(/*min_atom_len=*/2);
    for (int i : rest) {
      int id = -1;
      if (filtered->Add(re2::StringPiece(sources_[static_cast<size_t>(i)]), Opts(), &id) != RE2::NoError) {
        return;  // cannot happen (the pattern compiled in Add()); the RE2 sets take it
      }
    }
    filtered->Compile(atoms);
  }
  hs_->filtered = std::move(filtered);
  hs_->filtered_ids = std::move(rest);
  std::vector<int> unfiltered;
  hs_->filtered->AllPotentials({}, &unfiltered);
  for (int k : unfiltered) hs_->unfiltered.push_back(hs_->filtered_ids[static_cast<size_t>(k)]);
  // The gate: every atom but a set S of short ones such that S together
  // passes no pattern beyond the unfiltered ones. The atoms' tree has only
  // AND and OR, so any subset of S passes no more, and a text whose atoms
  // all lie in S gets what a text with no atom gets.
  hs_->gate.assign(atoms->size(), true);
  std::vector<int> shorts;
  for (size_t k = 0; k < atoms->size(); ++k) {
    if ((*atoms)[k].size() <= 3) shorts.push_back(static_cast<int>(k));  // one CJK character, or up to 3 letters
  }
  auto passing = [&](const std::vector<int>& set) {
    std::vector<int> p;
    hs_->filtered->AllPotentials(set, &p);
    return p.size();
  };
  // Atoms leave S one at a time, each when that lowers what S passes.
  size_t passed = passing(shorts);
  for (size_t i = 0; i < shorts.size() && passed > unfiltered.size();) {
    std::vector<int> without = shorts;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
    if (const size_t fewer = passing(without); fewer < passed) {
      shorts = std::move(without);
      passed = fewer;
    } else {
      ++i;
    }
  }
  if (passed > unfiltered.size()) shorts.clear();  // no such set: every atom opens the gate
  for (int k : shorts) hs_->gate[static_cast<size_t>(k)] = false;
}
#endif

void PatternSet::Match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
#ifdef BENGLE_HAVE_HYPERSCAN
  const re2::StringPiece input(text.data(), text.size());
  // The patterns `indices` that match, each run on its own RE2.
  auto one_by_one = [&](const std::vector<int>& indices) {
    for (int i : indices) {
      if (RE2::PartialMatch(input, *patterns_[static_cast<size_t>(i)])) hits->push_back(i);
    }
  };
  if (hs_ && hs_->db != nullptr) {
    thread_local std::vector<int> found, atoms;
    found.clear();
    hs_scratch_t* scratch = ScratchFor(hs_->db, hs_->generation);
    if (scratch == nullptr ||
        hs_scan(hs_->db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, &found) !=
            HS_SUCCESS) {
      // No scratch (out of memory): the same answer, slower.
      one_by_one(hs_->ids);
      if (hs_->filtered) one_by_one(hs_->filtered_ids);
    } else {
      atoms.clear();
      const int n = static_cast<int>(hs_->ids.size());
      for (int k : found) {
        if (k < n) {
          const int i = hs_->ids[static_cast<size_t>(k)];
          if (!hs_->confirm[static_cast<size_t>(k)] || RE2::PartialMatch(input, *patterns_[static_cast<size_t>(i)])) {
            hits->push_back(i);
          }
        } else {
          atoms.push_back(k - n);
        }
      }
      if (hs_->filtered) {
        if (std::none_of(atoms.begin(), atoms.end(), [&](int a) { return hs_->gate[static_cast<size_t>(a)]; })) {
          // Most texts: no atom, or only atoms that pass nothing by themselves,
          // so only the patterns that need none can match (AllMatches() would
          // allocate to find that out).
          one_by_one(hs_->unfiltered);
        } else {
          // What AllMatches() does, with the filter's answer remembered.
          thread_local FilterMemo memo;
          for (int k : memo.Passed(*hs_->filtered, hs_->generation, &atoms)) {
            const int i = hs_->filtered_ids[static_cast<size_t>(k)];
            if (RE2::PartialMatch(input, *patterns_[static_cast<size_t>(i)])) hits->push_back(i);
          }
        }
      }
    }
  }
#endif
  thread_local std::vector<int> part;
  for (size_t k = 0; k < sets_.size(); ++k) {
    part.clear();
    sets_[k]->Match(re2::StringPiece(text.data(), text.size()), &part);
    for (int i : part) hits->push_back(set_index_[k][static_cast<size_t>(i)]);
  }
}

void PatternSet::Find(int index, std::string_view text, std::vector<std::pair<size_t, size_t>>* spans) const {
  spans->clear();
  ForEachMatch(index, text, [spans](std::pair<size_t, size_t> span) {
    spans->push_back(span);
    return true;
  });
}

bool PatternSet::FindFrom(int index, std::string_view text, size_t from, std::pair<size_t, size_t>* span) const {
  if (from > text.size()) return false;
  const RE2& re = *patterns_[static_cast<size_t>(index)];
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  if (!re.Match(input, from, text.size(), RE2::UNANCHORED, &m, 1)) return false;
  const size_t b = static_cast<size_t>(m.data() - text.data());
  *span = {b, b + m.size()};
  return true;
}

size_t PatternSet::NextFrom(std::string_view text, std::pair<size_t, size_t> span) {
  // After an empty match, one character on (whole: never inside a UTF-8 sequence).
  size_t next = span.second > span.first ? span.second : span.second + 1;
  while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
  return next;
}

}  // namespace bengle::internal
