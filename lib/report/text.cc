// IncidentsToText() (report.h): the human report of `bengle detect`, written
// with {fmt} (no fixed buffers: long names and terms are never cut).
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "bengle/report.h"
#include "report/format.h"

namespace bengle {
namespace {

using internal::ShortTime;
using internal::ZoneLabel;

std::string Clock(UnixMillis t, const TimeZone& offset) { return ShortTime(t, offset).substr(11); }

// Text from posts, safe for a terminal: control characters (C0, DEL, C1 —
// the start of escape sequences) are shown as \xNN, line breaks as spaces.
std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {  // U+0080..U+009F
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// ", a 71%, b 12%" (at most three), led by `first`.
void AppendShares(const std::vector<CategoryShare>& cats, const char* first, std::string* b) {
  for (size_t k = 0; k < cats.size() && k < 3; ++k) {
    fmt::format_to(std::back_inserter(*b), "{} {} {:.0f}%", k ? "," : first, cats[k].name, 100 * cats[k].share);
  }
}

}  // namespace

std::string IncidentsToText(const std::vector<Incident>& incidents, int offset) {
  return IncidentsToText(incidents, TimeZone::Fixed(offset));
}

std::string IncidentsToText(const std::vector<Incident>& incidents, const TimeZone& offset) {
  if (incidents.empty()) return "No incidents.\n";
  std::string b;
  auto out = std::back_inserter(b);
  fmt::format_to(out, "{} {} (times {})\n", incidents.size(), incidents.size() == 1 ? "incident" : "incidents",
                 ZoneLabel(offset));
  for (const Incident& x : incidents) {
    std::string services;
    for (const auto& s : x.services) services += (services.empty() ? "" : " + ") + s;
    const std::string start = ShortTime(x.start, offset), end = ShortTime(x.end, offset);
    fmt::format_to(out, "\n{}  {} – {}{}\n", services, start,
                   end.substr(0, 10) == start.substr(0, 10) ? end.substr(11) : end, x.open ? " (still going)" : "");
    // Against the usual level, never against a baseline below one user (a
    // night's 0.01 would make a ratio of thousands that means nothing).
    const double times = static_cast<double>(x.peak_count) / std::max(x.baseline, 1.0);
    fmt::format_to(out, "  peak {}: {} complaining users in 5 min, {}{:.{}f}x the usual level ({}), {} complaints in all\n",
                   Clock(x.peak, offset), x.peak_count, x.baseline < 1 ? "at least " : "", times, times < 10 ? 1 : 0,
                   x.baseline < 1 ? std::string("usually under 1") : fmt::format("usually {:.1f}", x.baseline),
                   x.complaints);
    if (!x.categories.empty()) {
      b += "  symptoms:";
      AppendShares(x.categories, "", &b);
      b += "\n";
    }
    if (!x.regions.empty()) {
      b += "  regions:";
      for (size_t k = 0; k < x.regions.size() && k < 3; ++k) {
        const RegionShare& g = x.regions[k];
        fmt::format_to(out, "{} {} {:.0f}% (usually {:.0f}%, x{:.1f})", k ? "," : "", Printable(g.name), 100 * g.share,
                       100 * g.usual, g.ratio);
      }
      b += "\n";
    }
    if (!x.hashtags.empty()) {
      b += "  hashtags:";
      for (const auto& h : x.hashtags) fmt::format_to(out, " #{}#", Printable(h));
      b += "\n";
    }
    for (size_t k = 0; k < x.sample_texts.size() && k < 2 && k < x.sample_ids.size(); ++k) {
      fmt::format_to(out, "{}\"{}\" (id {})\n", k ? "         " : "  posts: ", Printable(x.sample_texts[k]),
                     Printable(x.sample_ids[k]));
    }
    if (x.parts.size() > 1) {
      for (const ServicePart& p : x.parts) {
        fmt::format_to(out, "  {}: {} – {}, {} complaints", p.service, Clock(p.start, offset), Clock(p.end, offset),
                       p.complaints);
        AppendShares(p.categories, ";", &b);
        b += "\n";
      }
    }
    if (!x.emerging.empty()) {
      b += "  emerging terms:";
      for (const EmergingTerm& e : x.emerging) fmt::format_to(out, " {} ({})", Printable(e.term), e.count);
      b += "\n";
    }
    if (!x.unrelated.empty()) {
      b += "  at the same time, unrelated:";
      for (const auto& h : x.unrelated) fmt::format_to(out, " {}", Printable(h));
      b += "\n";
    }
    for (size_t k = 0; k < x.services.size(); ++k) {
      if (!x.services[k].starts_with("new:")) continue;
      fmt::format_to(out, "  not in the catalogue: {} (discovered; add it to data/catalogue/services.tsv)\n",
                     k < x.service_names.size() ? x.service_names[k] : x.services[k].substr(4));
    }
    if (x.recovered) b += "  ended with recovery posts\n";
  }
  return b;
}

}  // namespace bengle
