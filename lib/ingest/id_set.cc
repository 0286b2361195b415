#include "ingest/id_set.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace bengle::internal {
namespace {
constexpr size_t kRecentSlots = size_t{1} << 18;       // 2 MiB
constexpr size_t kRecentMax = kRecentSlots * 5 / 8;   // flush at 62.5% full
}  // namespace

IdSet::IdSet() : dir_(2, 0) {}  // the table is allocated by the first Insert()

IdSet::~IdSet() { std::free(sorted_); }

uint64_t IdSet::Hash(std::string_view s) {
  // FNV-1a over 8-byte words, then the murmur3 64-bit finalizer.
  uint64_t h = 0xcbf29ce484222325ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

bool IdSet::InSorted(uint64_t h) const {
  if (sorted_size_ == 0) return false;
  const uint64_t b = dir_bits_ == 0 ? 0 : h >> (64 - dir_bits_);
  const uint64_t* lo = sorted_ + dir_[b];
  const uint64_t* hi = sorted_ + dir_[b + 1];
  return std::binary_search(lo, hi, h);
}

bool IdSet::Insert(std::string_view id) {
  const uint64_t h = Hash(id);
  if (recent_.empty()) recent_.assign(kRecentSlots, 0);
  const size_t mask = kRecentSlots - 1;
  size_t i = (h >> 7) & mask;
  for (; recent_[i] != 0; i = (i + 1) & mask) {
    if (recent_[i] == h) return false;
  }
  if (InSorted(h)) return false;
  recent_[i] = h;
  if (++recent_size_ >= kRecentMax) Flush();
  return true;
}

void IdSet::Flush() {
  std::vector<uint64_t> batch;
  batch.reserve(recent_size_);
  for (uint64_t& h : recent_) {
    if (h != 0) batch.push_back(h);
    h = 0;
  }
  recent_size_ = 0;
  std::sort(batch.begin(), batch.end());
  const size_t total = sorted_size_ + batch.size();
  auto* grown = static_cast<uint64_t*>(std::realloc(sorted_, total * sizeof(uint64_t)));
  if (grown == nullptr) throw std::bad_alloc();
  sorted_ = grown;
  // Merge from the back, in place.
  size_t a = sorted_size_, b = batch.size(), out = total;
  while (b > 0) {
    if (a > 0 && sorted_[a - 1] > batch[b - 1]) {
      sorted_[--out] = sorted_[--a];
    } else {
      sorted_[--out] = batch[--b];
    }
  }
  sorted_size_ = total;
  // Directory: about 32 hashes per bucket.
  dir_bits_ = 0;
  while ((size_t{32} << dir_bits_) < sorted_size_ && dir_bits_ < 24) ++dir_bits_;
  const size_t buckets = size_t{1} << dir_bits_;
  dir_.assign(buckets + 1, 0);
  size_t k = 0;
  for (size_t bkt = 0; bkt < buckets; ++bkt) {
    dir_[bkt] = static_cast<uint32_t>(k);
    while (k < sorted_size_ && (dir_bits_ == 0 ? 0 : sorted_[k] >> (64 - dir_bits_)) == bkt) ++k;
  }
  dir_[buckets] = static_cast<uint32_t>(sorted_size_);
}

}  // namespace bengle::internal
