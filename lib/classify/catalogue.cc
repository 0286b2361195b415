// ServiceCatalogue (catalogue.h).
#include "bengle/catalogue.h"

#include <algorithm>
#include <unordered_map>

#include "bengle/data_dir.h"
#include "util/cache_dir.h"

namespace bengle {
namespace {

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (;;) {
    const size_t n = s.find(sep, pos);
    out.emplace_back(s.substr(pos, n == std::string_view::npos ? std::string_view::npos : n - pos));
    if (n == std::string_view::npos) return out;
    pos = n + 1;
  }
}

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

Result<std::shared_ptr<const ServiceCatalogue>> ServiceCatalogue::Load(const std::string& path) {
  const std::string p = path == "<default>" ? DefaultDataDir() + "/catalogue/services.tsv" : path;
  std::string text;
  if (!internal::ReadWholeFile(p, &text)) return Status::NotFound(p + ": cannot open service catalogue");
  return FromString(text, p);
}

Result<std::shared_ptr<const ServiceCatalogue>> ServiceCatalogue::FromString(std::string_view text,
                                                                           const std::string& name) {
  auto cat = std::make_shared<ServiceCatalogue>();
  std::unordered_map<std::string, size_t> ids;
  std::unordered_map<std::string, std::string> alias_of;
  std::vector<std::pair<size_t, uint64_t>> parents;  // (service, line)
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    auto fail = [&](const std::string& why) {
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": " + why);
    };
    const std::vector<std::string> f = SplitOn(line, '\t');
    if (f.size() != 6) return fail("expected 6 tab-separated fields (id name kind owner parent aliases), got " +
                                   std::to_string(f.size()));
    ServiceInfo s;
    s.id = f[0];
    s.name = f[1];
    s.kind = f[2];
    s.owner = f[3] == "-" ? "" : f[3];
    s.parent = f[4] == "-" ? "" : f[4];
    if (!ValidId(s.id)) return fail("id '" + s.id + "' is not [a-z0-9_]+");
    if (s.name.empty()) return fail("empty name");
    if (std::find_if(std::begin(kServiceKinds), std::end(kServiceKinds),
                     [&](const char* k) { return s.kind == k; }) == std::end(kServiceKinds)) {
      return fail("unknown kind '" + s.kind + "'");
    }
    if (!ids.emplace(s.id, cat->services_.size()).second) return fail("duplicate id '" + s.id + "'");
    for (std::string& a : SplitOn(f[5], '|')) {
      if (a.empty()) return fail("empty alias");
      for (char& c : a) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // text is matched lower case
      }
      auto [it, fresh] = alias_of.emplace(a, s.id);
      if (!fresh && it->second != s.id) return fail("alias '" + a + "' also names '" + it->second + "'");
      if (fresh) s.aliases.push_back(std::move(a));
    }
    if (!s.parent.empty()) parents.emplace_back(cat->services_.size(), line_no);
    cat->services_.push_back(std::move(s));
    if (end == text.size()) break;
  }
  for (const auto& [i, ln] : parents) {
    const std::string& parent = cat->services_[i].parent;
    auto it = ids.find(parent);
    if (it == ids.end() || it->second == i) {
      return Status::InvalidArgument(name + ":" + std::to_string(ln) + ": unknown parent '" + parent + "'");
    }
    if (!cat->services_[it->second].parent.empty()) {
      return Status::InvalidArgument(name + ":" + std::to_string(ln) + ": parent '" + parent +
                                     "' is itself a feature of another service");
    }
  }
  for (size_t i = 0; i < cat->services_.size(); ++i) cat->index_.emplace(cat->services_[i].id, i);
  return std::shared_ptr<const ServiceCatalogue>(std::move(cat));
}

const ServiceInfo* ServiceCatalogue::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &services_[it->second];
}

std::string ServiceCatalogue::DisplayName(std::string_view id) const {
  if (id.starts_with(kDiscoveredPrefix)) return std::string(id.substr(kDiscoveredPrefix.size()));
  const ServiceInfo* s = Find(id);
  return s ? s->name : std::string(id);
}

std::string_view ServiceCatalogue::Resolve(std::string_view id) const {
  const ServiceInfo* s = Find(id);
  return s && !s->parent.empty() ? std::string_view(s->parent) : id;
}

}  // namespace bengle
