// The service catalogue: the Chinese online services bengle knows by name
// (data/catalogue/services.tsv, plain text that users edit), and the display
// names of service ids.
//
// File format: one service per line, six fields separated by tabs:
//   id  name  kind  owner  parent  aliases
// id: stable, [a-z0-9_]+ (the sixteen ids of README "Interfaces" among them);
// name: the display name; kind: one of kServiceKinds; owner: the company
// ("腾讯", "-" when none); parent: the id of the service this one is a
// feature of ("微信支付" -> wechat), or "-"; aliases: literal names separated
// by '|', as they read after normalization (lower case, Simplified).
// Lines starting with '#' and blank lines are skipped.
//
// Services nobody listed are "discovered" by the classifier: id
// "new:<name>", display name <name>.
//
// Thread safety: a loaded ServiceCatalogue is immutable; share it freely.
#ifndef BENGLE_CATALOGUE_H_
#define BENGLE_CATALOGUE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/export.h"
#include "bengle/status.h"

namespace bengle {

inline constexpr const char* kServiceKinds[] = {
    "chat",   "social",     "video",  "music",     "shopping", "food_delivery", "mobility", "travel", "payment", "bank",
    "securities", "cloud", "office", "education", "government", "game",        "telecom",  "ai",     "other"};

// The prefix of discovered service ids ("new:秀动").
inline constexpr std::string_view kDiscoveredPrefix = "new:";

struct ServiceInfo {
  std::string id;
  std::string name;
  std::string kind;
  std::string owner;   // "" when none
  std::string parent;  // "" when none
  std::vector<std::string> aliases;
};

class BENGLE_EXPORT ServiceCatalogue {
 public:
  // Loads a catalogue file; "<default>" = DefaultDataDir() +
  // "/catalogue/services.tsv". A malformed line, a duplicate id, an unknown
  // kind or parent, or an alias of two services gives InvalidArgument
  // "file:line: reason".
  static Result<std::shared_ptr<const ServiceCatalogue>> Load(const std::string& path = "<default>");
  // From text (for tests); `name` is used in messages.
  static Result<std::shared_ptr<const ServiceCatalogue>> FromString(std::string_view text, const std::string& name);

  const std::vector<ServiceInfo>& services() const { return services_; }
  // The entry of an id, or nullptr.
  const ServiceInfo* Find(std::string_view id) const;
  // What a user reads: the catalogue name; the name of a discovered id
  // ("new:秀动" -> "秀动"); else the id itself.
  std::string DisplayName(std::string_view id) const;
  // The service counted for an id: its parent for a feature (花呗 -> alipay).
  std::string_view Resolve(std::string_view id) const;

 private:
  std::vector<ServiceInfo> services_;
  std::map<std::string, size_t, std::less<>> index_;  // id -> services_ index
};

}  // namespace bengle

#endif  // BENGLE_CATALOGUE_H_
