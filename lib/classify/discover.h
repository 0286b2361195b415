// Services nobody listed: the subject of an outage statement ("X崩了"), with
// the rules of data/catalogue/not_services.txt saying what a subject that is
// not a service looks like. Internal.
// Thread safety: a loaded Discoverer is immutable; Find() is thread-safe.
#ifndef BENGLE_LIB_CLASSIFY_DISCOVER_H_
#define BENGLE_LIB_CLASSIFY_DISCOVER_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/status.h"

namespace bengle::internal {

class Discoverer {
 public:
  // Reads the rules file (format in its header); InvalidArgument
  // "file:line: reason" on a bad line.
  static Result<std::unique_ptr<Discoverer>> Load(const std::string& path);
  static Result<std::unique_ptr<Discoverer>> FromString(std::string_view text, const std::string& name);

  // The first subject of an outage statement in `text` that can name an
  // online service; false when there is none.
  bool Find(std::string_view text, std::string* subject) const;
  // Every subject of an outage statement in `text`, acceptable or not, in
  // order ("钉钉崩了" -> 钉钉). Cheap for texts without a failure word.
  void Subjects(std::string_view text, std::vector<std::string>* out) const;
  // Whether `x` can name a service (the rules alone).
  bool Acceptable(std::string_view x) const;
  // A pattern (RE2 syntax) that matches every text Subjects() can find a
  // subject in: its failure words. The classifier matches it with its
  // lexicon and calls Subjects() only where it matched.
  static std::string_view FailureWordsPattern();

 private:
  std::unique_ptr<RE2> pattern_;
  std::vector<std::string> endings_, starts_, contains_, words_, heads_, surnames_;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_CLASSIFY_DISCOVER_H_
