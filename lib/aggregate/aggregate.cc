#include "bengle/aggregate.h"

#include <algorithm>

namespace bengle {

uint64_t PostBatch::Hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull ^ (s.size() * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h & 0x7FFFFFFFFFFFFFFFull;  // fits SQLite's signed INTEGER
}

void PostBatch::Add(std::string_view id, UnixMillis created_at, std::string_view user, std::string_view text,
                    const NormalizedText& norm, const Classification& cls) {
  if (cls.services.empty() && !cls.complaint && norm.hashtags.empty()) return;  // nothing to count
  AggregatedPost p;
  p.id_hash = Hash(id);
  p.author_hash = Hash(user.empty() ? "post:" + std::string(id) : "user:" + std::string(user));
  const int64_t b = options_.bucket_ms;
  p.bucket = created_at >= 0 ? created_at / b * b : (created_at - b + 1) / b * b;
  p.complaint = cls.complaint;
  p.recovery = cls.recovery;
  p.official = cls.official;
  if (cls.complaint) p.series.emplace_back("all");
  std::vector<std::string_view> tags;
  for (const Hashtag& h : norm.hashtags) {
    if (std::find(tags.begin(), tags.end(), h.name) == tags.end()) tags.push_back(h.name);
  }
  for (const std::string& s : cls.services) {
    p.series.push_back(ServiceKey(s));
    if (cls.complaint) {
      for (const CategoryScore& c : cls.categories) p.series.push_back(CategoryKey(s, c.name));
      for (std::string_view t : tags) p.series.push_back("stag:" + s + ":" + std::string(t));
    }
  }
  for (std::string_view t : tags) p.series.push_back("tag:" + std::string(t));
  if (cls.complaint && !cls.services.empty()) {
    p.id.assign(id);
    p.text.assign(text);
    p.service = cls.services.front();
    if (!cls.categories.empty()) p.top_category = cls.categories.front().name;
  }
  posts_.push_back(std::move(p));
}

}  // namespace bengle
