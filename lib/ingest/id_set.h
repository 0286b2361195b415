// A set of post ids, kept as 64-bit hashes in about 8 bytes per id.
//
// New ids go to a small open-addressing table; when it fills up they are
// sorted and merged in place into one sorted array (grown with realloc, which
// moves large blocks with mremap instead of copying, so memory never doubles).
// A directory over the hash's top bits makes a lookup one bucket search.
// Two different ids collide with probability ~n/2^64 (about 1e-12 for ten
// million ids). Internal; not installed. Not thread-safe.
#ifndef BENGLE_LIB_INGEST_ID_SET_H_
#define BENGLE_LIB_INGEST_ID_SET_H_

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace bengle::internal {

class IdSet {
 public:
  IdSet();
  ~IdSet();
  IdSet(const IdSet&) = delete;
  IdSet& operator=(const IdSet&) = delete;

  // Adds the id; returns false when it was already present.
  bool Insert(std::string_view id);
  size_t size() const { return sorted_size_ + recent_size_; }

  static uint64_t Hash(std::string_view s);

 private:
  bool InSorted(uint64_t h) const;
  void Flush();

  std::vector<uint64_t> recent_;  // open addressing, 0 = empty
  size_t recent_size_ = 0;
  uint64_t* sorted_ = nullptr;  // malloc'd, ascending
  size_t sorted_size_ = 0;
  std::vector<uint32_t> dir_;  // dir_[b] = first index whose top dir_bits_ bits are >= b
  int dir_bits_ = 0;
};

}  // namespace bengle::internal

#endif  // BENGLE_LIB_INGEST_ID_SET_H_
