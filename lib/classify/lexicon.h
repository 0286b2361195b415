// Parsing the classifier's plain-text lexicon files (format in
// data/lexicon/README.md). Internal; not installed.
#ifndef BENGLE_LIB_CLASSIFY_LEXICON_H_
#define BENGLE_LIB_CLASSIFY_LEXICON_H_

#include <string>
#include <vector>

#include "bengle/status.h"

namespace bengle::internal {

enum class RuleKind {
  kService,
  kNotService,
  kCategory,
  kFallback,  // category evidence that counts only when no category rule reached the threshold
  kCue,
  kCause
};

// The cues the decision logic knows (see data/lexicon/README.md).
enum Cue : int {
  kCueOutage = 0,       // 崩了, 挂了, 宕机: a problem, no specific symptom
  kCueFigurative,       // 心态崩了, 剧情崩了: masks outage words inside it
  kCueNegation,         // 没崩, 我这正常: the post denies an outage
  kCueRecovery,         // 恢复了, 好了
  kCueStill,            // 还是, 仍然: something is still broken after a recovery
  kCueOfficial,         // 正在紧急修复, 敬请谅解: a statement by the service
  kCueOfficialAccount,  // author names of official accounts (matched on the author)
  kCueNews,             // 回顾, 2021年, 当年: about a past outage
  kCuePresent,          // 今天, 刚刚, 又: happening now (overrides news)
  kCueAd,               // 限时, 立减: promotion
  kCueHowTo,            // 怎么设置, 求教: a how-to question
  kCueHypothetical,     // 要是, 如果: not a report
  kCueAgree,            // 我也是, +1: the author agrees with what they repost
  kCueNotMe,            // 我家网好好的: the author's own side is fine (blames the service)
  kCueWeak,             // 用不了, 是不是崩了: a failure with no subject; counts only beside a named service
  kCueRetro,            // 一年前的今天, 周年: an anniversary or retrospective, whatever tense follows
  kCuePolicy,           // 将不能用于, 新规: an announced rule or change, not a failure
  kCueApp,              // 钉钉, 学习通: a service or app outside the sixteen ids is named
  kCueOnline,           // 服务器, 网站, 系统: something online is named (official needs it or a service)
  kCueHeadline,         // "X崩了" as a whole headline: an outage statement when X is a service name
  kCueGuide,            // 教你三招, X打不开的解决方法: a guide; never a report, whatever symptom it names
  kCueRumor,            // 听说X崩了？真的假的: asks whether it is down; a report only with a symptom of the author's
  kNumCues
};

const char* CueName(int cue);

struct Rule {
  RuleKind kind;
  int id = 0;           // service, category, cue or cause index
  double weight = 1.0;  // categories and cues
  std::string pattern;  // with {NAME} definitions expanded
  std::string where;    // "file:line"
};

// Parses every file in order into *rules. `define NAME pattern` lines are
// expanded in later lines (of the same or later files). Returns
// InvalidArgument "file:line: reason" for the first malformed line; *rules is
// left empty then.
Status ParseLexicon(const std::vector<std::string>& files, std::vector<Rule>* rules);

}  // namespace bengle::internal

#endif  // BENGLE_LIB_CLASSIFY_LEXICON_H_
