// PartialAggregate (aggregate.h): what partitions of an archive add to the
// store, in a form that merges exactly.
//
// While building, everything lives in flat vectors indexed by open-addressing
// hash tables (no allocation per post or per cell): series keys and services
// interned to dense ids, cells (key id, bucket, counts), posts (bucket, id
// hash), and sample lists per (service id, bucket), each sorted by place and
// at most samples_per_bucket long. The complaining authors are one vector of
// (cell, author) pairs, appended to and sorted/deduplicated lazily: the
// unsorted tail is sorted in once it is as long as the sorted head.
//
// Serialized form. Integers are LEB128 varints of minimal length. Buckets are
// written in units of bucket_ms when every bucket is a multiple of it (else
// of 1 ms), as the zigzag of the wrapping difference to the previous bucket
// of the same list ("bucket zz", 0 before the first). Every list is strictly
// increasing and every table entry is used, so that equal contents have
// exactly one form.
//   "BGPA" version(1) bucket_ms samples_per_bucket duplicates unit(1: bucket_ms, 0: 1 ms)
//   partitions  n, the first, then differences (> 0)
//   keys        n, each: length, bytes (the cells' series keys)
//   services    n, each: length, bytes (the samples' services)
//   authors     n, the first, then differences (> 0)
//   cells       n, each: key index difference (>= 0; the first absolute),
//               bucket zz, mentions, complaints, recovery, official, the
//               number of authors m, then m author indices (the first
//               absolute, then differences > 0)
//   posts       n buckets, each: bucket zz, count (> 0), the first id hash,
//               then differences (> 0)
//   samples     n, each: service index, bucket zz, partition index, index,
//               id, text, category (length + bytes), author, created_at
//               (zigzag), user, region
//   checksum    8 bytes, little-endian: PostBatch::Hash() of all before it
//               (a single changed byte always changes it)
#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "bengle/aggregate.h"

namespace bengle {
namespace {

constexpr char kMagic[4] = {'B', 'G', 'P', 'A'};
constexpr uint64_t kVersion = 1;
constexpr size_t kChecksumBytes = 8;
// Counts read from bytes stay below this, so that sums of many merges cannot
// overflow.
constexpr uint64_t kMaxCount = uint64_t{1} << 53;
constexpr uint32_t kNone = UINT32_MAX;

uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

// Values (indices into a vector the caller keeps) found by a 64-bit hash and
// an equality test on the value. Linear probing, load at most 1/2.
class FlatIndex {
 public:
  // The value under `hash` for which same(value) holds, or kNone.
  template <typename Same>
  uint32_t Find(uint64_t hash, Same&& same) const {
    if (table_.empty()) return kNone;
    const size_t mask = table_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Entry& e = table_[i];
      if (e.value == kNone) return kNone;
      if (e.hash == hash && same(e.value)) return e.value;
    }
  }
  // Find(), else `fresh` is stored under `hash`: {value, whether inserted}.
  template <typename Same>
  std::pair<uint32_t, bool> Insert(uint64_t hash, uint32_t fresh, Same&& same) {
    if ((size_ + 1) * 2 > table_.size()) Grow();
    const size_t mask = table_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Entry& e = table_[i];
      if (e.value == kNone) {
        e = Entry{hash, fresh};
        ++size_;
        return {fresh, true};
      }
      if (e.hash == hash && same(e.value)) return {e.value, false};
    }
  }

 private:
  struct Entry {
    uint64_t hash = 0;
    uint32_t value = kNone;
  };
  void Grow() {
    std::vector<Entry> old(std::max<size_t>(16, table_.size() * 2));
    old.swap(table_);
    const size_t mask = table_.size() - 1;
    for (const Entry& e : old) {
      if (e.value == kNone) continue;
      size_t i = e.hash & mask;
      while (table_[i].value != kNone) i = (i + 1) & mask;
      table_[i] = e;
    }
  }
  std::vector<Entry> table_;
  size_t size_ = 0;
};

// Strings to dense ids, in order of first use.
class Interner {
 public:
  uint32_t Intern(std::string_view s) {
    const uint64_t h = std::hash<std::string_view>{}(s);
    const auto next = static_cast<uint32_t>(names_.size());
    const auto [id, fresh] = index_.Insert(h, next, [&](uint32_t v) { return names_[v] == s; });
    if (fresh) names_.emplace_back(s);
    return id;
  }
  uint32_t Find(std::string_view s) const {
    return index_.Find(std::hash<std::string_view>{}(s), [&](uint32_t v) { return names_[v] == s; });
  }
  const std::string& name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  // rank[id]: the place of name(id) among all names in order.
  std::vector<uint32_t> Ranks() const {
    std::vector<uint32_t> order(names_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return names_[a] < names_[b]; });
    std::vector<uint32_t> rank(names_.size());
    for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
    return rank;
  }

 private:
  std::vector<std::string> names_;
  FlatIndex index_;
};

// (interned name, bucket): where a cell or a sample list is.
struct Slot {
  uint32_t name = 0;
  int64_t bucket = 0;
  bool operator==(const Slot&) const = default;
  uint64_t Hash() const { return Mix64(static_cast<uint64_t>(bucket) * 0x9E3779B97F4A7C15ull + name); }
};

struct PostId {
  int64_t bucket = 0;
  uint64_t id = 0;
  bool operator==(const PostId&) const = default;
  bool operator<(const PostId& o) const { return bucket != o.bucket ? bucket < o.bucket : id < o.id; }
  uint64_t Hash() const { return Mix64(id ^ (static_cast<uint64_t>(bucket) * 0x9E3779B97F4A7C15ull)); }
};

struct CellData {
  Slot slot;
  int64_t mentions = 0, complaints = 0, recovery = 0, official = 0;
};

// A complaining author of a cell.
struct AuthorRef {
  uint32_t cell = 0;
  uint64_t author = 0;
  bool operator==(const AuthorRef&) const = default;
  bool operator<(const AuthorRef& o) const { return cell != o.cell ? cell < o.cell : author < o.author; }
};

using Sample = PartialAggregate::Sample;

struct SampleList {
  Slot slot;                    // (service id, bucket)
  std::vector<Sample> samples;  // by place
};

// --- encoding ---------------------------------------------------------------

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t u) { return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1)); }
void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}
void PutFixed64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
uint64_t GetFixed64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

// Buckets as written: in units of `unit`, each as the difference to the
// previous one of its list.
class BucketWriter {
 public:
  explicit BucketWriter(int64_t unit) : unit_(unit) {}
  void Put(std::string* out, int64_t bucket) {
    const int64_t k = bucket / unit_;
    PutVarint(out, ZigZag(static_cast<int64_t>(static_cast<uint64_t>(k) - static_cast<uint64_t>(prev_))));
    prev_ = k;
  }
  void Restart() { prev_ = 0; }

 private:
  int64_t unit_;
  int64_t prev_ = 0;
};

// Reads the serialized form; the first failure is kept in why().
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool Varint(uint64_t* v) {
    uint64_t x = 0;
    for (int i = 0;; ++i) {
      if (pos_ >= s_.size()) return Fail("truncated");
      const auto b = static_cast<unsigned char>(s_[pos_++]);
      if (i == 9 && b > 1) return Fail("bad varint");
      x |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) return Fail("bad varint (not minimal)");
        *v = x;
        return true;
      }
    }
  }
  // A number of elements that take at least `min_bytes` each.
  bool Count(uint64_t* n, size_t min_bytes) {
    if (!Varint(n)) return false;
    if (*n > left() / min_bytes) return Fail("length out of range");
    return true;
  }
  bool String(std::string* out) {
    uint64_t n;
    if (!Varint(&n)) return false;
    if (n > left()) return Fail("length out of range");
    out->assign(s_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  // A bounded count (mentions, complaints, ...).
  bool Small(uint64_t* v) {
    if (!Varint(v)) return false;
    if (*v > kMaxCount) return Fail("count out of range");
    return true;
  }
  // The next of a strictly increasing list after `prev` (`first`: there is
  // none; read absolute).
  bool Increasing(bool first, uint64_t prev, uint64_t* v, const char* what) {
    uint64_t d;
    if (!Varint(&d)) return false;
    if (first) {
      *v = d;
      return true;
    }
    if (d == 0) return Fail(std::string("unsorted ") + what);
    if (d > UINT64_MAX - prev) return Fail(std::string(what) + " out of range");
    *v = prev + d;
    return true;
  }
  // The next bucket of a list (BucketWriter's form); `*prev` is the previous
  // one in units (0 before the first).
  bool Bucket(int64_t unit, int64_t* prev, int64_t* bucket) {
    uint64_t u;
    if (!Varint(&u)) return false;
    const auto k = static_cast<int64_t>(static_cast<uint64_t>(*prev) + static_cast<uint64_t>(UnZigZag(u)));
    if (k > INT64_MAX / unit || k < INT64_MIN / unit) return Fail("bucket out of range");
    *prev = k;
    *bucket = k * unit;
    if (*bucket % unit_ms_ != 0) unaligned_ = true;
    return true;
  }
  void set_bucket_ms(int64_t ms) { unit_ms_ = ms; }
  bool unaligned() const { return unaligned_; }

  bool Fail(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }
  size_t left() const { return s_.size() - pos_; }
  const std::string& why() const { return why_; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  std::string why_;
  int64_t unit_ms_ = 1;
  bool unaligned_ = false;
};

Status Bad(std::string_view what) { return Status::Corruption("partial aggregate: " + std::string(what)); }

}  // namespace

struct PartialAggregate::Impl {
  AggregateOptions options;
  std::vector<uint64_t> partitions;  // sorted
  bool open = false;                 // open_partition is being added by Add()
  uint64_t open_partition = 0;
  uint64_t next_index = 0;  // of the open partition
  uint64_t duplicates = 0;
  std::vector<PostId> posts;
  FlatIndex post_index;
  Interner keys, services;
  std::vector<CellData> cells;
  FlatIndex cell_index;  // by Slot{key id, bucket}
  // By (cell, author) up to authors_sorted and distinct there; then in any
  // order. Sorted in by const calls too (one thread at a time).
  mutable std::vector<AuthorRef> authors;
  mutable size_t authors_sorted = 0;
  std::vector<SampleList> sample_lists;
  FlatIndex sample_index;  // by Slot{service id, bucket}

  size_t limit() const { return static_cast<size_t>(options.samples_per_bucket); }

  bool HasPost(const PostId& p) const {
    return post_index.Find(p.Hash(), [&](uint32_t v) { return posts[v] == p; }) != kNone;
  }
  // False for a post already here.
  bool AddPost(const PostId& p) {
    const auto next = static_cast<uint32_t>(posts.size());
    if (!post_index.Insert(p.Hash(), next, [&](uint32_t v) { return posts[v] == p; }).second) return false;
    posts.push_back(p);
    return true;
  }
  uint32_t CellAt(Slot slot) {
    const auto next = static_cast<uint32_t>(cells.size());
    const auto [id, fresh] = cell_index.Insert(slot.Hash(), next, [&](uint32_t v) { return cells[v].slot == slot; });
    if (fresh) cells.push_back(CellData{slot});
    return id;
  }
  SampleList& ListAt(Slot slot) {
    const auto next = static_cast<uint32_t>(sample_lists.size());
    const auto [id, fresh] =
        sample_index.Insert(slot.Hash(), next, [&](uint32_t v) { return sample_lists[v].slot == slot; });
    if (fresh) sample_lists.push_back(SampleList{slot, {}});
    return sample_lists[id];
  }
  void SortAuthors() const {
    if (authors_sorted == authors.size()) return;
    const auto mid = authors.begin() + static_cast<std::ptrdiff_t>(authors_sorted);
    std::sort(mid, authors.end());
    std::inplace_merge(authors.begin(), mid, authors.end());
    authors.erase(std::unique(authors.begin(), authors.end()), authors.end());
    authors_sorted = authors.size();
  }
  // Amortized: the tail is sorted in once it is as long as the head.
  void MaybeSortAuthors() const {
    if (authors.size() >= 2 * authors_sorted + 4096) SortAuthors();
  }
  // With the authors sorted: cell i's are [start[i], start[i + 1]).
  std::vector<size_t> AuthorStarts() const {
    SortAuthors();
    std::vector<size_t> start(cells.size() + 1, 0);
    for (const AuthorRef& a : authors) ++start[a.cell + 1];
    for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    return start;
  }

  // Offers a sample candidate at (partition, index); make() builds it when kept.
  template <typename Make>
  void Offer(std::vector<Sample>* list, uint64_t partition, uint64_t index, Make&& make) {
    auto before = [&](const Sample& s) { return s.partition < partition || (s.partition == partition && s.index < index); };
    if (list->size() >= limit() && (list->empty() || before(list->back()))) return;  // full of earlier ones
    list->insert(std::partition_point(list->begin(), list->end(), before), make());
    if (list->size() > limit()) list->pop_back();
  }

  // Cell ids sorted by key, then bucket.
  std::vector<uint32_t> SortedCells() const {
    const std::vector<uint32_t> rank = keys.Ranks();
    struct Order {
      uint32_t rank, cell;
      int64_t bucket;
    };
    std::vector<Order> order(cells.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = Order{rank[cells[i].slot.name], i, cells[i].slot.bucket};
    std::sort(order.begin(), order.end(), [](const Order& a, const Order& b) {
      return a.rank != b.rank ? a.rank < b.rank : a.bucket < b.bucket;
    });
    std::vector<uint32_t> out(order.size());
    for (size_t i = 0; i < order.size(); ++i) out[i] = order[i].cell;
    return out;
  }
  // Non-empty sample lists sorted by service, then bucket.
  std::vector<const SampleList*> SortedSamples() const {
    const std::vector<uint32_t> rank = services.Ranks();
    std::vector<const SampleList*> out;
    for (const SampleList& l : sample_lists) {
      if (!l.samples.empty()) out.push_back(&l);
    }
    std::sort(out.begin(), out.end(), [&](const SampleList* a, const SampleList* b) {
      return rank[a->slot.name] != rank[b->slot.name] ? rank[a->slot.name] < rank[b->slot.name]
                                                      : a->slot.bucket < b->slot.bucket;
    });
    return out;
  }
};

PartialAggregate::PartialAggregate(const AggregateOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->options.samples_per_bucket = std::max(0, options.samples_per_bucket);
}
PartialAggregate::~PartialAggregate() = default;
PartialAggregate::PartialAggregate(const PartialAggregate& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
PartialAggregate& PartialAggregate::operator=(const PartialAggregate& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
PartialAggregate::PartialAggregate(PartialAggregate&& other) noexcept = default;
PartialAggregate& PartialAggregate::operator=(PartialAggregate&& other) noexcept = default;

const AggregateOptions& PartialAggregate::options() const { return impl_->options; }
const std::vector<uint64_t>& PartialAggregate::partitions() const { return impl_->partitions; }
uint64_t PartialAggregate::posts() const { return impl_->posts.size(); }
uint64_t PartialAggregate::duplicates() const { return impl_->duplicates; }

Status PartialAggregate::Add(uint64_t partition, const PostBatch& batch) {
  Impl& im = *impl_;
  if (batch.options().bucket_ms != im.options.bucket_ms) {
    return Status::InvalidArgument("partial aggregate: the batch's bucket length differs from the aggregate's");
  }
  if (!im.open || im.open_partition != partition) {
    auto it = std::lower_bound(im.partitions.begin(), im.partitions.end(), partition);
    if (it != im.partitions.end() && *it == partition) {
      return Status::InvalidArgument("partial aggregate: partition " + std::to_string(partition) +
                                     " was added already (a finished partition comes in through Merge())");
    }
    im.partitions.insert(it, partition);
    im.open = true;
    im.open_partition = partition;
    im.next_index = 0;
  }
  for (const AggregatedPost& p : batch.posts()) {
    const uint64_t index = im.next_index++;
    if (!im.AddPost(PostId{p.bucket, p.id_hash})) {
      ++im.duplicates;
      continue;
    }
    for (const std::string& key : p.series) {
      const uint32_t cell = im.CellAt(Slot{im.keys.Intern(key), p.bucket});
      BucketCounts counts;
      CountPost(p, key, &counts, [&] {
        im.authors.push_back(AuthorRef{cell, p.author_hash});
        im.MaybeSortAuthors();
        return false;  // the distinct authors are counted from the set
      });
      CellData& c = im.cells[cell];
      c.mentions += counts.mentions;
      c.complaints += counts.complaints;
      c.recovery += counts.recovery;
      c.official += counts.official;
    }
    if (!p.service.empty() && im.limit() > 0) {
      SampleList& list = im.ListAt(Slot{im.services.Intern(p.service), p.bucket});
      im.Offer(&list.samples, partition, index, [&] {
        return Sample{p.service,      p.bucket,      partition,    index,  p.id,    p.text,
                      p.top_category, p.author_hash, p.created_at, p.user, p.region};
      });
    }
  }
  return Status::OK();
}

Status PartialAggregate::Merge(const PartialAggregate& other) {
  Impl& im = *impl_;
  const Impl& o = *other.impl_;
  if (o.options.bucket_ms != im.options.bucket_ms) {
    return Status::InvalidArgument("partial aggregate: merging aggregates of different bucket lengths");
  }
  if (o.options.samples_per_bucket != im.options.samples_per_bucket) {
    return Status::InvalidArgument("partial aggregate: merging aggregates of different samples_per_bucket");
  }
  if (this == &other) return Status::OK();  // every partition is here already
  // Partitions: all of other's here already (a retry), none, or an error.
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < im.partitions.size() && j < o.partitions.size();) {
    if (im.partitions[i] < o.partitions[j]) {
      ++i;
    } else if (o.partitions[j] < im.partitions[i]) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  if (shared == o.partitions.size()) return Status::OK();
  if (shared > 0) {
    return Status::InvalidArgument("partial aggregate: " + std::to_string(shared) + " of the " +
                                   std::to_string(o.partitions.size()) +
                                   " partitions merged in are here already, the others not");
  }
  // Posts in both: what each repeat added cannot be told apart.
  {
    const Impl& small = o.posts.size() < im.posts.size() ? o : im;
    const Impl& large = o.posts.size() < im.posts.size() ? im : o;
    uint64_t common = 0;
    for (const PostId& p : small.posts) common += large.HasPost(p);
    if (common > 0) {
      return Status::InvalidArgument("partial aggregate: " + std::to_string(common) +
                                     " posts are in both aggregates (the same id in two partitions); merging "
                                     "cannot tell what each repeat added");
    }
  }
  // Nothing fails from here on.
  std::vector<uint64_t> parts;
  parts.reserve(im.partitions.size() + o.partitions.size());
  std::merge(im.partitions.begin(), im.partitions.end(), o.partitions.begin(), o.partitions.end(),
             std::back_inserter(parts));
  im.partitions = std::move(parts);
  im.duplicates += o.duplicates;
  for (const PostId& p : o.posts) im.AddPost(p);

  std::vector<uint32_t> key_ids(o.keys.size(), kNone);
  std::vector<uint32_t> cell_ids(o.cells.size());
  for (size_t i = 0; i < o.cells.size(); ++i) {
    const CellData& from = o.cells[i];
    uint32_t& k = key_ids[from.slot.name];
    if (k == kNone) k = im.keys.Intern(o.keys.name(from.slot.name));
    cell_ids[i] = im.CellAt(Slot{k, from.slot.bucket});
    CellData& c = im.cells[cell_ids[i]];
    c.mentions += from.mentions;
    c.complaints += from.complaints;
    c.recovery += from.recovery;
    c.official += from.official;
  }
  for (const AuthorRef& a : o.authors) im.authors.push_back(AuthorRef{cell_ids[a.cell], a.author});
  im.MaybeSortAuthors();

  std::vector<uint32_t> service_ids(o.services.size(), kNone);
  for (const SampleList& from : o.sample_lists) {
    if (from.samples.empty()) continue;
    uint32_t& s = service_ids[from.slot.name];
    if (s == kNone) s = im.services.Intern(o.services.name(from.slot.name));
    SampleList& list = im.ListAt(Slot{s, from.slot.bucket});
    for (const Sample& sample : from.samples) {
      im.Offer(&list.samples, sample.partition, sample.index, [&] { return sample; });
    }
  }
  return Status::OK();
}

std::vector<PartialAggregate::Cell> PartialAggregate::Cells() const {
  const Impl& im = *impl_;
  const std::vector<size_t> start = im.AuthorStarts();
  std::vector<Cell> out;
  out.reserve(im.cells.size());
  for (uint32_t i : im.SortedCells()) {
    const CellData& d = im.cells[i];
    Cell c;
    c.key = im.keys.name(d.slot.name);
    c.bucket = d.slot.bucket;
    c.counts = BucketCounts{d.complaints, static_cast<int64_t>(start[i + 1] - start[i]), d.mentions, d.recovery,
                            d.official};
    c.authors.reserve(start[i + 1] - start[i]);
    for (size_t j = start[i]; j < start[i + 1]; ++j) c.authors.push_back(im.authors[j].author);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<int64_t, uint64_t>> PartialAggregate::Posts() const {
  std::vector<PostId> posts = impl_->posts;
  std::sort(posts.begin(), posts.end());
  std::vector<std::pair<int64_t, uint64_t>> out;
  out.reserve(posts.size());
  for (const PostId& p : posts) out.emplace_back(p.bucket, p.id);
  return out;
}

std::vector<PartialAggregate::Sample> PartialAggregate::Samples() const {
  std::vector<Sample> out;
  for (const SampleList* list : impl_->SortedSamples()) {
    out.insert(out.end(), list->samples.begin(), list->samples.end());
  }
  return out;
}

bool PartialAggregate::operator==(const PartialAggregate& o) const {
  // The serialized form is canonical: equal bytes, equal contents.
  return this == &o || Serialize() == o.Serialize();
}

std::string PartialAggregate::Serialize() const {
  const Impl& im = *impl_;
  const std::vector<uint32_t> cells = im.SortedCells();
  const std::vector<size_t> start = im.AuthorStarts();
  std::vector<PostId> posts = im.posts;
  std::sort(posts.begin(), posts.end());
  const std::vector<const SampleList*> lists = im.SortedSamples();

  // Buckets in units of bucket_ms when all of them are multiples of it.
  const int64_t ms = im.options.bucket_ms;
  bool aligned = ms > 0;
  for (const CellData& c : im.cells) aligned = aligned && c.slot.bucket % ms == 0;
  for (const PostId& p : posts) aligned = aligned && p.bucket % ms == 0;
  for (const SampleList* l : lists) aligned = aligned && l->slot.bucket % ms == 0;
  const int64_t unit = aligned ? ms : 1;

  std::string out(kMagic, sizeof kMagic);
  PutVarint(&out, kVersion);
  PutVarint(&out, static_cast<uint64_t>(im.options.bucket_ms));
  PutVarint(&out, static_cast<uint64_t>(im.options.samples_per_bucket));
  PutVarint(&out, im.duplicates);
  PutVarint(&out, aligned ? 1 : 0);

  PutVarint(&out, im.partitions.size());
  for (size_t i = 0; i < im.partitions.size(); ++i) {
    PutVarint(&out, im.partitions[i] - (i == 0 ? 0 : im.partitions[i - 1]));
  }

  // The keys used, in order (every interned key has a cell).
  std::vector<uint32_t> key_index(im.keys.size(), kNone);
  std::vector<uint32_t> used_keys;
  for (uint32_t i : cells) {
    const uint32_t k = im.cells[i].slot.name;
    if (key_index[k] == kNone) {
      key_index[k] = static_cast<uint32_t>(used_keys.size());
      used_keys.push_back(k);
    }
  }
  PutVarint(&out, used_keys.size());
  for (uint32_t k : used_keys) PutString(&out, im.keys.name(k));

  std::vector<std::string_view> services;
  for (const SampleList* l : lists) {
    const std::string& s = im.services.name(l->slot.name);
    if (services.empty() || services.back() != s) services.push_back(s);
  }
  PutVarint(&out, services.size());
  for (std::string_view s : services) PutString(&out, s);

  // The authors table, and each author reference's index in it.
  std::vector<std::pair<uint64_t, size_t>> by_author(im.authors.size());
  for (size_t j = 0; j < im.authors.size(); ++j) by_author[j] = {im.authors[j].author, j};
  std::sort(by_author.begin(), by_author.end());
  std::vector<uint32_t> author_index(im.authors.size());
  size_t authors = 0;
  for (size_t i = 0; i < by_author.size(); ++i) authors += i == 0 || by_author[i].first != by_author[i - 1].first;
  PutVarint(&out, authors);
  for (size_t i = 0, idx = 0; i < by_author.size(); ++i) {
    if (i > 0 && by_author[i].first != by_author[i - 1].first) ++idx;
    if (i == 0 || by_author[i].first != by_author[i - 1].first) {
      PutVarint(&out, by_author[i].first - (i == 0 ? 0 : by_author[i - 1].first));
    }
    author_index[by_author[i].second] = static_cast<uint32_t>(idx);
  }

  PutVarint(&out, cells.size());
  uint32_t prev_key = 0;
  BucketWriter buckets(unit);
  for (uint32_t i : cells) {
    const CellData& c = im.cells[i];
    const uint32_t k = key_index[c.slot.name];
    PutVarint(&out, k - prev_key);
    prev_key = k;
    buckets.Put(&out, c.slot.bucket);
    PutVarint(&out, static_cast<uint64_t>(c.mentions));
    PutVarint(&out, static_cast<uint64_t>(c.complaints));
    PutVarint(&out, static_cast<uint64_t>(c.recovery));
    PutVarint(&out, static_cast<uint64_t>(c.official));
    PutVarint(&out, start[i + 1] - start[i]);
    for (size_t j = start[i]; j < start[i + 1]; ++j) {
      PutVarint(&out, author_index[j] - (j == start[i] ? 0 : author_index[j - 1]));
    }
  }

  size_t n = 0;
  for (size_t i = 0; i < posts.size(); ++i) n += i == 0 || posts[i].bucket != posts[i - 1].bucket;
  PutVarint(&out, n);
  buckets.Restart();
  for (size_t i = 0; i < posts.size();) {
    size_t j = i;
    while (j < posts.size() && posts[j].bucket == posts[i].bucket) ++j;
    buckets.Put(&out, posts[i].bucket);
    PutVarint(&out, j - i);
    for (size_t k = i; k < j; ++k) PutVarint(&out, posts[k].id - (k == i ? 0 : posts[k - 1].id));
    i = j;
  }

  n = 0;
  for (const SampleList* l : lists) n += l->samples.size();
  PutVarint(&out, n);
  buckets.Restart();
  size_t service = 0;
  for (const SampleList* l : lists) {
    while (services[service] != im.services.name(l->slot.name)) ++service;
    for (const Sample& s : l->samples) {
      PutVarint(&out, service);
      buckets.Put(&out, s.bucket);
      PutVarint(&out, static_cast<uint64_t>(std::lower_bound(im.partitions.begin(), im.partitions.end(), s.partition) -
                                            im.partitions.begin()));
      PutVarint(&out, s.index);
      PutString(&out, s.id);
      PutString(&out, s.text);
      PutString(&out, s.category);
      PutVarint(&out, s.author);
      PutVarint(&out, ZigZag(s.created_at));
      PutString(&out, s.user);
      PutString(&out, s.region);
    }
  }

  PutFixed64(&out, PostBatch::Hash(out));
  return out;
}

Result<PartialAggregate> PartialAggregate::Parse(std::string_view bytes) {
  if (bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return Bad("not one (bad magic)");
  }
  if (bytes.size() < sizeof kMagic + 1 + kChecksumBytes) return Bad("truncated");
  const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
  if (PostBatch::Hash(body) != GetFixed64(bytes.data() + body.size())) return Bad("bad checksum");

  Reader r(body.substr(sizeof kMagic));
  auto fail = [&r](const char* what = nullptr) {
    if (what != nullptr) r.Fail(what);
    return Bad(r.why());
  };
  uint64_t version, bucket_ms, samples_per_bucket, duplicates, aligned;
  if (!r.Varint(&version)) return fail();
  if (version != kVersion) return Bad("unsupported version " + std::to_string(version));
  if (!r.Varint(&bucket_ms) || !r.Varint(&samples_per_bucket) || !r.Varint(&duplicates) || !r.Varint(&aligned)) {
    return fail();
  }
  if (bucket_ms == 0 || bucket_ms > static_cast<uint64_t>(kDayMs) || kDayMs % static_cast<int64_t>(bucket_ms) != 0) {
    return fail("bucket length out of range");
  }
  if (samples_per_bucket > static_cast<uint64_t>(INT_MAX)) return fail("samples_per_bucket out of range");
  if (aligned > 1) return fail("bad bucket unit");
  const int64_t unit = aligned ? static_cast<int64_t>(bucket_ms) : 1;
  r.set_bucket_ms(static_cast<int64_t>(bucket_ms));

  AggregateOptions options;
  options.bucket_ms = static_cast<int64_t>(bucket_ms);
  options.samples_per_bucket = static_cast<int>(samples_per_bucket);
  PartialAggregate out(options);
  Impl& im = *out.impl_;
  im.duplicates = duplicates;

  uint64_t n;
  if (!r.Count(&n, 1)) return fail();
  im.partitions.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.Increasing(i == 0, i == 0 ? 0 : im.partitions[i - 1], &im.partitions[i], "partitions")) return fail();
  }

  std::vector<std::string> keys;
  if (!r.Count(&n, 1)) return fail();
  keys.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.String(&keys[i])) return fail();
    if (i > 0 && !(keys[i - 1] < keys[i])) return fail("unsorted keys");
    (void)im.keys.Intern(keys[i]);  // distinct: ids are indices
  }
  std::vector<std::string> services;
  if (!r.Count(&n, 1)) return fail();
  services.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.String(&services[i])) return fail();
    if (i > 0 && !(services[i - 1] < services[i])) return fail("unsorted services");
    (void)im.services.Intern(services[i]);
  }
  std::vector<uint64_t> table;
  if (!r.Count(&n, 1)) return fail();
  table.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.Increasing(i == 0, i == 0 ? 0 : table[i - 1], &table[i], "authors")) return fail();
  }

  std::vector<char> key_used(keys.size()), author_used(table.size()), service_used(services.size());
  if (!r.Count(&n, 7)) return fail();
  uint64_t key = 0;
  int64_t bucket = 0, prev = 0;
  im.cells.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t dk;
    int64_t b;
    if (!r.Varint(&dk) || !r.Bucket(unit, &prev, &b)) return fail();
    if (dk >= keys.size() - key) return fail("key out of range");
    if (i > 0 && dk == 0 && b <= bucket) return fail("unsorted cells");
    key += dk;
    bucket = b;
    key_used[key] = 1;
    uint64_t mentions, complaints, recovery, official, m;
    if (!r.Small(&mentions) || !r.Small(&complaints) || !r.Small(&recovery) || !r.Small(&official) ||
        !r.Count(&m, 1)) {
      return fail();
    }
    const bool counts_authors = SeriesKey::CountsAuthors(keys[key]);
    if (mentions == 0 || complaints > mentions || recovery > mentions || official > mentions || m > complaints ||
        (!counts_authors && m > 0) || (counts_authors && complaints > 0 && m == 0)) {
      return fail("counts out of range");
    }
    const uint32_t cell = im.CellAt(Slot{static_cast<uint32_t>(key), bucket});  // a new one: cells are sorted
    CellData& c = im.cells[cell];
    c.mentions = static_cast<int64_t>(mentions);
    c.complaints = static_cast<int64_t>(complaints);
    c.recovery = static_cast<int64_t>(recovery);
    c.official = static_cast<int64_t>(official);
    uint64_t idx = 0;
    for (uint64_t j = 0; j < m; ++j) {
      if (!r.Increasing(j == 0, idx, &idx, "authors")) return fail();
      if (idx >= table.size()) return fail("author out of range");
      author_used[idx] = 1;
      im.authors.push_back(AuthorRef{cell, table[idx]});
    }
  }
  im.authors_sorted = im.authors.size();
  if (std::find(key_used.begin(), key_used.end(), 0) != key_used.end()) return fail("unused key");
  if (std::find(author_used.begin(), author_used.end(), 0) != author_used.end()) return fail("unused author");

  if (!r.Count(&n, 3)) return fail();
  prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    int64_t b;
    uint64_t k;
    if (!r.Bucket(unit, &prev, &b) || !r.Count(&k, 1)) return fail();
    if (i > 0 && b <= bucket) return fail("unsorted posts");
    if (k == 0) return fail("empty bucket of posts");
    bucket = b;
    uint64_t id = 0;
    for (uint64_t j = 0; j < k; ++j) {
      if (!r.Increasing(j == 0, id, &id, "posts")) return fail();
      (void)im.AddPost(PostId{bucket, id});
    }
  }

  if (!r.Count(&n, 11)) return fail();
  prev = 0;
  uint64_t prev_service = 0, prev_partition = 0, prev_index = 0, in_list = 0;
  int64_t prev_bucket = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t service, partition, created;
    Sample s;
    if (!r.Varint(&service) || !r.Bucket(unit, &prev, &s.bucket) || !r.Varint(&partition) || !r.Varint(&s.index)) {
      return fail();
    }
    if (service >= services.size()) return fail("service out of range");
    if (partition >= im.partitions.size()) return fail("partition out of range");
    s.service = services[service];
    s.partition = im.partitions[partition];
    if (!r.String(&s.id) || !r.String(&s.text) || !r.String(&s.category) || !r.Varint(&s.author) ||
        !r.Varint(&created) || !r.String(&s.user) || !r.String(&s.region)) {
      return fail();
    }
    s.created_at = UnZigZag(created);
    if (i > 0 && std::tie(prev_service, prev_bucket) > std::tie(service, s.bucket)) return fail("unsorted samples");
    const bool same_list = i > 0 && prev_service == service && prev_bucket == s.bucket;
    if (same_list && std::tie(prev_partition, prev_index) >= std::tie(s.partition, s.index)) {
      return fail("unsorted samples");
    }
    in_list = same_list ? in_list + 1 : 1;
    if (in_list > im.limit()) return fail("too many samples");
    service_used[service] = 1;
    prev_service = service;
    prev_bucket = s.bucket;
    prev_partition = s.partition;
    prev_index = s.index;
    im.ListAt(Slot{static_cast<uint32_t>(service), s.bucket}).samples.push_back(std::move(s));
  }
  if (std::find(service_used.begin(), service_used.end(), 0) != service_used.end()) return fail("unused service");
  if (r.left() != 0) return fail("trailing bytes");
  if (!aligned && !r.unaligned()) return fail("bucket unit not the largest");
  if (im.partitions.empty() && (duplicates != 0 || !im.posts.empty() || !im.cells.empty() || !im.sample_lists.empty())) {
    return fail("contents without partitions");
  }
  return out;
}

}  // namespace bengle
