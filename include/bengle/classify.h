// Which service, which symptoms, and is this really an outage report.
//
// Classifier reads one normalized post (see normalize.h) and tells:
//   services    ids of README "Interfaces" ("wechat", "qq", "alipay", ...)
//   categories  symptom categories with scores in [0, 1] ("media_transfer",
//               "login", ...; only those at or above the threshold)
//   complaint   the post reports a service problem now, with evidence of a
//               failure: a symptom ("图片发不出去", "登不上"), or an outage
//               statement whose subject is a service or app ("微信崩了",
//               "学习通挂了"), or a subjectless failure phrase ("用不了",
//               "是不是崩了") beside a named service. Never a bare question
//               ("怎么回事") or emotion; not "心态崩了", not news about an old
//               outage or an anniversary, not a rule announcement, not a
//               rumor check that finds nothing, not an ad or a how-to question
//   negated     the post denies an outage ("微信没崩啊是你网不好")
//   recovery    the post says the service works again ("终于好了")
//   official    a statement by the service ("正在紧急修复")
//   causes      what the author blames, when stated: "user_network",
//               "server_overload", "account_restricted", "security_software",
//               "device" (an old app version, a full phone, a permission)
//
// All rules live in plain-text lexicon files (data/lexicon/*.lex, format in
// data/lexicon/README.md): phrases are RE2 patterns, matched by one RE2::Set
// compiled once. The author's own text is the main evidence; quoted repost
// segments count less (and decide when the author only reposts or agrees).
//
//   auto c = bengle::Classifier::Create();
//   auto n = bengle::Normalizer::Create();
//   bengle::NormalizedText text;
//   (*n)->Normalize("#微信崩了# 图片发不出去，大图点不开", &text);
//   bengle::Classification out;
//   (*c)->Classify(text, &out);   // services {wechat}, media_transfer 0.9x, complaint
//
// Thread safety: a Classifier is immutable after Create(); Classify() may be
// called from many threads at once.
#ifndef BENGLE_CLASSIFY_H_
#define BENGLE_CLASSIFY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/export.h"
#include "bengle/normalize.h"
#include "bengle/status.h"

namespace bengle {

// The ten symptom categories of README "Interfaces", in this order.
inline constexpr const char* kCategoryIds[] = {"messaging", "media_transfer", "login",   "connectivity", "payment",
                                               "calls",     "feed",           "mail",    "app_crash",    "account"};
inline constexpr int kNumCategories = 10;

// The sixteen service ids of README "Interfaces".
inline constexpr const char* kServiceIds[] = {"wechat",        "qq",          "alipay", "weibo",   "douyin", "kuaishou",
                                              "taobao",        "bilibili",    "netease_music", "xiaohongshu",
                                              "zhihu",         "meituan",     "didi",   "12306",   "icloud", "steam"};
inline constexpr int kNumServices = 16;

// The cause hints (not categories).
inline constexpr const char* kCauseIds[] = {"user_network", "server_overload", "account_restricted",
                                            "security_software", "device"};
inline constexpr int kNumCauses = 5;

struct CategoryScore {
  std::string name;  // one of kCategoryIds
  double score = 0;  // in [0, 1]
};

struct Classification {
  // The sixteen first (kServiceIds order), then catalogue services
  // (catalogue.h) in the order the text names them.
  std::vector<std::string> services;
  std::vector<std::string> service_names;   // display names, aligned with services
  std::vector<CategoryScore> categories;    // highest score first
  bool complaint = false;
  bool negated = false;
  bool recovery = false;
  bool official = false;
  std::vector<std::string> causes;          // in kCauseIds order
  void Clear();
};

// Why a post was classified as it was (`bengle classify --explain`).
struct Explanation {
  struct Hit {
    std::string rule;     // "file:line" of the lexicon rule
    std::string kind;     // "service", "category", "fallback", "cue", "cause", "not_service"
    std::string id;       // the service, category, cue or cause id
    std::string segment;  // "own" or "quoted"
    std::string text;     // the first matching text
    bool counted = true;  // false when masked (figurative 崩, 企业微信) or below weight 0.5
  };
  std::vector<Hit> hits;               // every rule that matched, own text first
  std::vector<std::string> decisions;  // one line per flag: "complaint=true: symptom login 0.90"
  void Clear() {
    hits.clear();
    decisions.clear();
  }
};

struct ClassifierOptions {
  // Folder of *.lex files. Default: "<default>" = DefaultDataDir() + "/lexicon".
  std::string lexicon_dir = "<default>";
  // The service catalogue (catalogue.h): names of services beyond the
  // sixteen, with their ids. Default:
  // "<default>" = DefaultDataDir() + "/catalogue/services.tsv"; "" = none
  // (only the sixteen are named).
  std::string catalogue = "<default>";
  // Services nobody listed: the subject of an outage statement ("X崩了",
  // "#X崩了#", "X又崩了", "X服务器炸了", "X闪退", "X登不上") at the start of a
  // clause, when the post names no known service and nothing figurative,
  // becomes service "new:X". What a subject that is not a service looks like
  // (a person, a place, an event, a mood, a clause) is in
  // data/catalogue/not_services.txt. Default: true.
  bool discover_services = true;
  // That file. Default: "<default>" = DefaultDataDir() +
  // "/catalogue/not_services.txt".
  std::string not_services = "<default>";
  // Extra lexicon files loaded after the folder (later rules add to earlier).
  std::vector<std::string> extra_files;
  // A category is reported when its score reaches this. Default: 0.5.
  double category_threshold = 0.5;
  // Weight of a quoted repost segment's evidence relative to the author's own
  // text. Default: 0.6.
  double quoted_weight = 0.6;
  // Where the compiled pattern database (Hyperscan builds) is cached between
  // runs. Default: "<default>" = $BENGLE_CACHE_DIR, else $XDG_CACHE_HOME/bengle,
  // else ~/.cache/bengle; "" = compile every time. A folder that cannot be
  // written is silently not used; an image that does not check out is rebuilt.
  std::string cache_dir = "<default>";
  // Match the patterns on Hyperscan when bengle was built with it (one pass
  // over each text); false = RE2 only. The output is the same either way.
  // Default: true.
  bool use_hyperscan = true;
  // Threads that compile the patterns while Create() runs (the same
  // classifier either way; more only finish sooner). Default: 1 (none but the caller's).
  int build_threads = 1;
};

class BENGLE_EXPORT Classifier {
 public:
  // Loads and compiles the lexicon. A malformed file (bad regex, unknown
  // category or service id, bad weight) gives InvalidArgument
  // "file:line: reason" and no classifier: nothing is half-loaded.
  static Result<std::unique_ptr<Classifier>> Create(const ClassifierOptions& options = {});

  Classifier(const Classifier&) = delete;  // owns compiled pattern sets
  Classifier& operator=(const Classifier&) = delete;
  ~Classifier();

  // Classifies a normalized post. `author` (optional) is the posting
  // account's name: official accounts ("微信派", "QQ客服") mark statements.
  // With `why`, also records every rule that matched and the reason for
  // each flag (slower; for inspection, not for bulk runs).
  void Classify(const NormalizedText& post, Classification* out, std::string_view author = {},
                Explanation* why = nullptr) const;

  // Number of rules loaded.
  size_t rules() const;

 private:
  struct Impl;
  explicit Classifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengle

#endif  // BENGLE_CLASSIFY_H_
