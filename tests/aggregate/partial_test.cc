#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "bengle/aggregate.h"
#include "bengle/store.h"

namespace {

using bengle::AggregatedPost;
using bengle::PartialAggregate;
using bengle::PostBatch;

constexpr int64_t kBucket = 5 * 60 * 1000;
const int64_t kT0 = 1709481600000;  // 2024-03-03T16:00:00Z, a bucket start

std::string Name(const char* prefix, uint64_t n) {
  std::string s = prefix;  // (not prefix + ...: GCC 12 warns falsely, bug 105329)
  s += std::to_string(n);
  return s;
}

// One partition of a synthetic archive: its number and its posts in order.
struct Partition {
  uint64_t number = 0;
  std::vector<AggregatedPost> posts;
};

const std::vector<std::string>& KeyPool() {
  static const std::vector<std::string> keys = {
      "all",
      "svc:wechat",
      "svc:qq",
      "svc:new:秀动",
      "cat:wechat:login",
      "cat:qq:media_transfer",
      "tag:微信崩了",
      "tag:qq崩了",
      "stag:wechat:微信崩了",
      "reg:wechat:广东",
      "reg:qq:北京",
      bengle::SeriesKey::Pair("svc:wechat", "tag:微信崩了").ToString(),
      bengle::SeriesKey::Pair("svc:qq", "svc:wechat").ToString(),
      bengle::SeriesKey::Pair("svc:qq", "tag:qq崩了").ToString(),
  };
  return keys;
}

// A post whose bucket, time and hash follow from `id` (so that a repeat of an
// id lands in the same bucket, as a real repeat does); the rest is random.
AggregatedPost MakePost(std::mt19937_64& rng, uint64_t id) {
  AggregatedPost p;
  const std::string sid = Name("p", id);
  p.id_hash = PostBatch::Hash(sid);
  p.bucket = kT0 + static_cast<int64_t>(p.id_hash % 7) * kBucket;
  p.created_at = p.bucket + static_cast<int64_t>(p.id_hash % kBucket);
  p.author_hash = PostBatch::Hash(Name("u", rng() % 9));  // a small pool: author sets overlap
  p.complaint = rng() % 3 != 0;
  p.recovery = rng() % 5 == 0;
  p.official = rng() % 11 == 0;
  const auto& pool = KeyPool();
  for (const std::string& k : pool) {
    if (rng() % 3 == 0) p.series.push_back(k);
  }
  static const char* const kServices[] = {"", "wechat", "qq", "new:秀动"};
  p.service = kServices[rng() % 4];
  if (!p.service.empty()) {
    p.id = sid;
    p.text = Name("text of ", id);
    p.top_category = rng() % 2 ? "login" : "";
    p.user = Name("user", p.author_hash % 100);
    p.region = rng() % 2 ? "广东" : "";
  }
  return p;
}

// `n` partitions in archive order; ids are unique across partitions, and
// each partition repeats some of its own ids (with other contents: only the
// first counts).
std::vector<Partition> MakeArchive(uint64_t seed, int n, uint64_t* next_id) {
  std::mt19937_64 rng(seed);
  std::vector<Partition> parts(n);
  uint64_t offset = 0;
  for (int i = 0; i < n; ++i) {
    offset += 1 + rng() % 1000;
    parts[i].number = (static_cast<uint64_t>(i) << 40) | offset;
    const int posts = 20 + static_cast<int>(rng() % 40);
    for (int j = 0; j < posts; ++j) {
      if (j > 2 && rng() % 6 == 0) {
        const AggregatedPost& earlier = parts[i].posts[rng() % parts[i].posts.size()];
        AggregatedPost again = MakePost(rng, 0);
        again.id_hash = earlier.id_hash;
        again.bucket = earlier.bucket;
        again.created_at = earlier.created_at;
        again.id = earlier.id;
        parts[i].posts.push_back(std::move(again));
      } else {
        parts[i].posts.push_back(MakePost(rng, (*next_id)++));
      }
    }
  }
  return parts;
}

PostBatch BatchOf(const std::vector<AggregatedPost>& posts, size_t from, size_t to,
                  const bengle::AggregateOptions& options = {}) {
  PostBatch b(options);
  for (size_t i = from; i < to; ++i) b.Add(AggregatedPost(posts[i]));
  return b;
}

// The partial aggregate of one partition, its posts added in up to three batches.
PartialAggregate PartialOf(const Partition& part, std::mt19937_64& rng,
                           const bengle::AggregateOptions& options = {}) {
  PartialAggregate pa(options);
  const size_t n = part.posts.size();
  const size_t a = rng() % (n + 1), b = a + rng() % (n - a + 1);
  REQUIRE(pa.Add(part.number, BatchOf(part.posts, 0, a, options)).ok());
  REQUIRE(pa.Add(part.number, BatchOf(part.posts, a, b, options)).ok());
  REQUIRE(pa.Add(part.number, BatchOf(part.posts, b, n, options)).ok());
  return pa;
}

PartialAggregate Fold(const std::vector<PartialAggregate>& parts, size_t from, size_t to) {
  PartialAggregate acc;
  for (size_t i = from; i < to; ++i) REQUIRE(acc.Merge(parts[i]).ok());
  return acc;
}

// Merges `items` by a random binary tree, each merge in a random order.
PartialAggregate MergeRandomly(std::vector<PartialAggregate> items, std::mt19937_64& rng) {
  while (items.size() > 1) {
    const size_t i = rng() % items.size();
    size_t j = rng() % (items.size() - 1);
    if (j >= i) ++j;
    REQUIRE(items[i].Merge(items[j]).ok());
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(j));
  }
  return std::move(items.front());
}

// What Apply() of the posts in archive order counts, computed plainly.
struct Expected {
  std::map<std::pair<std::string, int64_t>, bengle::BucketCounts> counts;
  std::map<std::pair<std::string, int64_t>, std::set<uint64_t>> authors;
  std::map<std::pair<std::string, int64_t>, std::vector<std::pair<uint64_t, uint64_t>>> samples;  // (partition, index)
  std::set<std::pair<int64_t, uint64_t>> posts;
  uint64_t duplicates = 0;
};
Expected Reference(const std::vector<Partition>& parts, int samples_per_bucket) {
  Expected e;
  for (const Partition& part : parts) {
    for (size_t i = 0; i < part.posts.size(); ++i) {
      const AggregatedPost& p = part.posts[i];
      if (!e.posts.insert({p.bucket, p.id_hash}).second) {
        ++e.duplicates;
        continue;
      }
      for (const std::string& k : p.series) {
        bengle::BucketCounts& c = e.counts[{k, p.bucket}];
        c.mentions += 1;
        c.recovery += p.recovery;
        c.official += p.official;
        if (p.complaint) {
          c.complaints += 1;
          if (!k.starts_with("co:") && e.authors[{k, p.bucket}].insert(p.author_hash).second) c.authors += 1;
        }
      }
      auto& s = e.samples[{p.service, p.bucket}];
      if (!p.service.empty() && static_cast<int>(s.size()) < samples_per_bucket) s.emplace_back(part.number, i);
    }
  }
  return e;
}

void CheckAgainst(const PartialAggregate& pa, const Expected& e) {
  CHECK(pa.duplicates() == e.duplicates);
  CHECK(pa.posts() == e.posts.size());
  const auto posts = pa.Posts();
  CHECK(std::vector<std::pair<int64_t, uint64_t>>(e.posts.begin(), e.posts.end()) == posts);
  const auto cells = pa.Cells();
  REQUIRE(cells.size() == e.counts.size());
  auto it = e.counts.begin();
  for (const PartialAggregate::Cell& c : cells) {
    CAPTURE(c.key);
    CAPTURE(c.bucket);
    CHECK(c.key == it->first.first);
    CHECK(c.bucket == it->first.second);
    CHECK(c.counts.complaints == it->second.complaints);
    CHECK(c.counts.authors == it->second.authors);
    CHECK(c.counts.mentions == it->second.mentions);
    CHECK(c.counts.recovery == it->second.recovery);
    CHECK(c.counts.official == it->second.official);
    const auto authors = e.authors.find(it->first);
    CHECK(c.authors == (authors == e.authors.end() ? std::vector<uint64_t>()
                                                   : std::vector<uint64_t>(authors->second.begin(), authors->second.end())));
    ++it;
  }
  std::vector<std::tuple<std::string, int64_t, uint64_t, uint64_t>> want, got;
  for (const auto& [k, v] : e.samples) {
    for (const auto& [part, index] : v) want.emplace_back(k.first, k.second, part, index);
  }
  for (const PartialAggregate::Sample& s : pa.Samples()) got.emplace_back(s.service, s.bucket, s.partition, s.index);
  CHECK(got == want);
}

std::string TempDb(const char* name) {
  const std::string p = "/tmp/bengle_partial_test_" + std::to_string(::getpid()) + "_" + name + ".db";
  std::remove(p.c_str());
  std::remove((p + "-wal").c_str());
  std::remove((p + "-shm").c_str());
  return p;
}

std::unique_ptr<bengle::BaselineStore> Open(bool sqlite, const char* name) {
  if (!sqlite) return bengle::BaselineStore::InMemory();
  auto r = bengle::BaselineStore::OpenSqlite(TempDb(name));
  REQUIRE(r.ok());
  return std::move(*r);
}

// Everything a reader of the store sees, as text.
std::string Dump(bengle::BaselineStore& s) {
  std::string out;
  std::vector<std::string> keys;
  REQUIRE(s.ListSeries("", &keys).ok());
  for (const std::string& k : keys) {
    std::vector<bengle::SeriesPoint> pts;
    REQUIRE(s.ReadSeries(k, INT64_MIN, INT64_MAX, &pts).ok());
    for (const auto& p : pts) {
      out += k + " " + std::to_string(p.bucket) + " " + std::to_string(p.counts.complaints) + " " +
             std::to_string(p.counts.authors) + " " + std::to_string(p.counts.mentions) + " " +
             std::to_string(p.counts.recovery) + " " + std::to_string(p.counts.official) + "\n";
    }
  }
  for (const char* service : {"wechat", "qq", "new:秀动"}) {
    std::vector<bengle::StoredSample> samples;
    REQUIRE(s.ReadSamples(service, INT64_MIN, INT64_MAX, &samples).ok());
    for (const auto& x : samples) {
      out += std::string("sample ") + service + " " + std::to_string(x.bucket) + " " + x.id + " " + x.text + " " +
             x.category + " " + std::to_string(x.author) + " " + std::to_string(x.created_at) + " " + x.user + " " +
             x.region + "\n";
    }
  }
  bengle::UnixMillis first = 0, last = 0;
  REQUIRE(s.TimeRange(&first, &last).ok());
  out += "range " + std::to_string(first) + " " + std::to_string(last) + "\n";
  return out;
}

// Serialize()'s form with a valid checksum after `body`.
std::string Seal(std::string body) {
  const uint64_t h = PostBatch::Hash(body);
  for (int i = 0; i < 8; ++i) body.push_back(static_cast<char>(h >> (8 * i)));
  return body;
}
void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
// The header of a blob: magic, version 1, 5-minute buckets, 3 samples, 0
// duplicates, buckets in units of 5 minutes.
std::string Header() {
  std::string s = "BGPA";
  PutVarint(&s, 1);
  PutVarint(&s, kBucket);
  PutVarint(&s, 3);
  PutVarint(&s, 0);
  PutVarint(&s, 1);
  return s;
}

bool IsCorruption(const bengle::Result<PartialAggregate>& r) {
  return !r.ok() && r.status().code() == bengle::Status::Code::kCorruption &&
         r.status().message().starts_with("partial aggregate: ");
}

}  // namespace

TEST_SUITE("aggregate") {
  TEST_CASE("PartialAggregate: merging in any order and grouping gives the in-order fold, exactly") {
    for (uint64_t seed : {1, 2, 3, 4, 5}) {
      CAPTURE(seed);
      uint64_t next_id = 1;
      const std::vector<Partition> archive = MakeArchive(seed, 12, &next_id);
      std::mt19937_64 rng(seed * 77);
      std::vector<PartialAggregate> parts;
      for (const Partition& p : archive) parts.push_back(PartialOf(p, rng));

      const PartialAggregate fold = Fold(parts, 0, parts.size());
      CheckAgainst(fold, Reference(archive, 3));
      const std::string bytes = fold.Serialize();

      // One aggregate fed every partition in turn: the same.
      PartialAggregate direct;
      for (const Partition& p : archive) REQUIRE(direct.Add(p.number, BatchOf(p.posts, 0, p.posts.size())).ok());
      CHECK(direct.Serialize() == bytes);
      CHECK(direct == fold);

      for (int round = 0; round < 4; ++round) {
        CAPTURE(round);
        std::vector<PartialAggregate> shuffled = parts;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const PartialAggregate merged = MergeRandomly(shuffled, rng);
        CHECK(merged.Serialize() == bytes);
        CHECK(merged == fold);
        CHECK(merged.partitions() == fold.partitions());
      }

      bengle::Result<PartialAggregate> back = PartialAggregate::Parse(bytes);
      REQUIRE(back.ok());
      CHECK(*back == fold);
      CHECK(back->Serialize() == bytes);
      CheckAgainst(*back, Reference(archive, 3));
      // A parsed aggregate merges like a built one.
      bengle::Result<PartialAggregate> first_half = PartialAggregate::Parse(Fold(parts, 0, 6).Serialize());
      REQUIRE(first_half.ok());
      REQUIRE(first_half->Merge(Fold(parts, 6, 12)).ok());
      CHECK(first_half->Serialize() == bytes);
    }
  }

  TEST_CASE("PartialAggregate: counts, authors and samples follow the store's rules") {
    PostBatch b;
    AggregatedPost p;
    p.id_hash = 1;
    p.bucket = kT0;
    p.author_hash = 7;
    p.complaint = true;
    p.series = {"svc:wechat", "co:svc:qq\tsvc:wechat"};
    p.service = "wechat";
    p.id = "a";
    b.Add(AggregatedPost(p));
    p.id_hash = 2;  // the same author again
    p.id = "b";
    p.recovery = true;
    b.Add(AggregatedPost(p));
    p.id_hash = 3;  // another author, not a complaint
    p.author_hash = 8;
    p.complaint = false;
    p.id = "c";
    b.Add(AggregatedPost(p));
    p.id_hash = 4;  // a fourth candidate: beyond the 3 samples
    p.id = "d";
    b.Add(AggregatedPost(p));
    p.id_hash = 1;  // a repeat
    b.Add(AggregatedPost(p));
    PartialAggregate pa;
    REQUIRE(pa.Add(9, b).ok());
    CHECK(pa.posts() == 4);
    CHECK(pa.duplicates() == 1);
    const auto cells = pa.Cells();
    REQUIRE(cells.size() == 2);
    CHECK(cells[0].key == "co:svc:qq\tsvc:wechat");
    CHECK(cells[0].counts.complaints == 2);
    CHECK(cells[0].counts.authors == 0);
    CHECK(cells[0].authors.empty());
    CHECK(cells[0].counts.mentions == 4);
    CHECK(cells[1].key == "svc:wechat");
    CHECK(cells[1].counts.complaints == 2);
    CHECK(cells[1].counts.authors == 1);
    CHECK(cells[1].authors == std::vector<uint64_t>{7});
    CHECK(cells[1].counts.mentions == 4);
    CHECK(cells[1].counts.recovery == 3);
    const auto samples = pa.Samples();
    REQUIRE(samples.size() == 3);
    CHECK(samples[0].id == "a");
    CHECK(samples[2].id == "c");
    CHECK(samples[2].index == 2);
    // The next batch of the same partition goes on counting places.
    PostBatch more;
    p.id_hash = 5;
    p.bucket = kT0 + kBucket;
    p.id = "e";
    more.Add(AggregatedPost(p));
    REQUIRE(pa.Add(9, more).ok());
    CHECK(pa.Samples().back().index == 5);
    // A finished partition is not reopened; another bucket length is refused.
    REQUIRE(pa.Add(10, PostBatch()).ok());
    CHECK(pa.Add(9, more).code() == bengle::Status::Code::kInvalidArgument);
    CHECK(pa.Add(11, PostBatch(bengle::AggregateOptions{.bucket_ms = 60000})).code() ==
          bengle::Status::Code::kInvalidArgument);
    CHECK(pa.partitions() == std::vector<uint64_t>{9, 10});

    // A bucket that is no multiple of the bucket length still round-trips.
    PostBatch odd;
    p.id_hash = 6;
    p.bucket = kT0 + 7;
    odd.Add(AggregatedPost(p));
    REQUIRE(pa.Add(12, odd).ok());
    bengle::Result<PartialAggregate> back = PartialAggregate::Parse(pa.Serialize());
    REQUIRE(back.ok());
    CHECK(*back == pa);
    CHECK(back->Cells().size() == 6);
  }

  TEST_CASE("PartialAggregate: a partition merged twice changes nothing, overlaps are refused") {
    uint64_t next_id = 1;
    const std::vector<Partition> archive = MakeArchive(11, 8, &next_id);
    std::mt19937_64 rng(3);
    std::vector<PartialAggregate> parts;
    for (const Partition& p : archive) parts.push_back(PartialOf(p, rng));
    PartialAggregate acc = Fold(parts, 0, 6);
    const std::string before = acc.Serialize();

    // Retries: a partition, or a group of them, again.
    REQUIRE(acc.Merge(parts[3]).ok());
    CHECK(acc.Serialize() == before);
    REQUIRE(acc.Merge(Fold(parts, 1, 4)).ok());
    CHECK(acc.Serialize() == before);
    REQUIRE(acc.Merge(acc).ok());
    CHECK(acc.Serialize() == before);
    REQUIRE(acc.Merge(PartialAggregate()).ok());
    CHECK(acc.Serialize() == before);

    // Some partitions shared, some not.
    bengle::Status s = acc.Merge(Fold(parts, 5, 7));
    CHECK(s.code() == bengle::Status::Code::kInvalidArgument);
    CHECK(acc.Serialize() == before);

    // The same post in two partitions: refused, naming how many.
    Partition copy;
    copy.number = archive[7].number;
    copy.posts = {archive[0].posts[0], archive[2].posts[1], MakePost(rng, next_id++)};
    PartialAggregate overlapping;
    REQUIRE(overlapping.Add(copy.number, BatchOf(copy.posts, 0, copy.posts.size())).ok());
    s = acc.Merge(overlapping);
    CHECK(s.code() == bengle::Status::Code::kInvalidArgument);
    CHECK(s.message().find(" 2 posts") != std::string::npos);
    CHECK(acc.Serialize() == before);

    // Other options.
    PartialAggregate other_samples(bengle::AggregateOptions{.samples_per_bucket = 5});
    REQUIRE(other_samples.Add(archive[7].number, PostBatch(other_samples.options())).ok());
    CHECK(acc.Merge(other_samples).code() == bengle::Status::Code::kInvalidArgument);
    PartialAggregate other_buckets(bengle::AggregateOptions{.bucket_ms = 60000});
    CHECK(acc.Merge(other_buckets).code() == bengle::Status::Code::kInvalidArgument);
    CHECK(acc.Serialize() == before);

    // And the rest still merges.
    REQUIRE(acc.Merge(Fold(parts, 6, 8)).ok());
    CHECK(acc == Fold(parts, 0, 8));
  }

  TEST_CASE("PartialAggregate: the store's ApplyPartial() equals Apply() in archive order") {
    uint64_t next_id = 1;
    const std::vector<Partition> archive = MakeArchive(21, 12, &next_id);
    std::mt19937_64 rng(8);
    std::vector<PartialAggregate> parts;
    for (const Partition& p : archive) parts.push_back(PartialOf(p, rng));
    std::vector<PartialAggregate> shuffled = parts;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const PartialAggregate all = MergeRandomly(shuffled, rng);
    uint64_t repeats = 0;
    for (const PartialAggregate& p : parts) repeats += p.duplicates();
    REQUIRE(repeats > 0);

    for (bool sqlite : {true, false}) {
      CAPTURE(sqlite);
      auto applied = Open(sqlite, "applied");
      bengle::ApplyStats want;
      for (const Partition& p : archive) REQUIRE(applied->Apply(BatchOf(p.posts, 0, p.posts.size()), &want).ok());
      const std::string expected = Dump(*applied);
      REQUIRE(expected.find("sample wechat") != std::string::npos);

      // All at once.
      auto store = Open(sqlite, "partial");
      bengle::ApplyStats got;
      REQUIRE(store->ApplyPartial(all, &got).ok());
      CHECK(got.posts_new == want.posts_new);
      CHECK(got.posts_duplicate == want.posts_duplicate);
      CHECK(Dump(*store) == expected);

      // Again: nothing changes, every post a duplicate.
      bengle::ApplyStats again;
      REQUIRE(store->ApplyPartial(all, &again).ok());
      CHECK(again.posts_new == 0);
      CHECK(again.posts_duplicate == want.posts_new + want.posts_duplicate);
      CHECK(Dump(*store) == expected);

      // Partly stored: refused, the store unchanged.
      PartialAggregate mixed = parts[11];
      uint64_t fresh_id = next_id + 1000;
      std::vector<AggregatedPost> fresh = {MakePost(rng, fresh_id), MakePost(rng, fresh_id + 1)};
      PartialAggregate extra;
      REQUIRE(extra.Add(uint64_t{99} << 40, BatchOf(fresh, 0, fresh.size())).ok());
      REQUIRE(mixed.Merge(extra).ok());
      bengle::ApplyStats none;
      const bengle::Status s = store->ApplyPartial(mixed, &none);
      CHECK(s.code() == bengle::Status::Code::kInvalidArgument);
      CHECK(none.posts_new == 0);
      CHECK(Dump(*store) == expected);

      // Posts applied before, then the partial of the rest: counts, authors
      // and samples join those already stored.
      auto halves = Open(sqlite, "halves");
      for (size_t i = 0; i < 5; ++i) {
        REQUIRE(halves->Apply(BatchOf(archive[i].posts, 0, archive[i].posts.size()), nullptr).ok());
      }
      REQUIRE(halves->ApplyPartial(Fold(parts, 5, 12), nullptr).ok());
      CHECK(Dump(*halves) == expected);

      // Another bucket length: refused as Apply() refuses it.
      PartialAggregate minute(bengle::AggregateOptions{.bucket_ms = 60000});
      CHECK(store->ApplyPartial(minute, nullptr).code() == bengle::Status::Code::kInvalidArgument);
    }

    // A read-only store refuses it.
    const std::string path = TempDb("readonly");
    {
      auto w = bengle::BaselineStore::OpenSqlite(path);
      REQUIRE(w.ok());
    }
    auto ro = bengle::BaselineStore::OpenSqlite(path, bengle::StoreOptions{.read_only = true});
    REQUIRE(ro.ok());
    CHECK((*ro)->ApplyPartial(all, nullptr).code() == bengle::Status::Code::kInvalidArgument);
    for (const char* name : {"applied", "partial", "halves", "readonly"}) (void)TempDb(name);
  }

  TEST_CASE("PartialAggregate::Parse refuses damaged bytes") {
    uint64_t next_id = 1;
    const std::vector<Partition> archive = MakeArchive(31, 2, &next_id);
    std::mt19937_64 rng(1);
    PartialAggregate pa = PartialOf(archive[0], rng);
    REQUIRE(pa.Merge(PartialOf(archive[1], rng)).ok());
    const std::string blob = pa.Serialize();
    REQUIRE(PartialAggregate::Parse(blob).ok());
    MESSAGE("serialized: ", blob.size(), " bytes for ", pa.posts(), " posts");

    CHECK(IsCorruption(PartialAggregate::Parse("")));
    for (size_t n = 0; n < blob.size(); ++n) {
      CAPTURE(n);
      CHECK(IsCorruption(PartialAggregate::Parse(blob.substr(0, n))));
    }
    CHECK(IsCorruption(PartialAggregate::Parse(blob + "x")));
    for (size_t i = 0; i < blob.size(); ++i) {
      for (int bit : {0x01, 0x80}) {
        std::string bad = blob;
        bad[i] = static_cast<char>(bad[i] ^ bit);
        CAPTURE(i);
        CHECK(IsCorruption(PartialAggregate::Parse(bad)));
      }
    }

    // Valid checksums over bad contents.
    CHECK(PartialAggregate::Parse(Seal(Header() + std::string(7, '\0'))).ok());  // empty: 7 empty lists
    std::string huge = Header();
    PutVarint(&huge, uint64_t{1} << 60);  // 2^60 partitions claimed
    const auto r = PartialAggregate::Parse(Seal(huge + std::string(16, '\1')));
    CHECK(IsCorruption(r));
    CHECK(r.status().message().find("length out of range") != std::string::npos);
    std::string long_key = Header();
    PutVarint(&long_key, 1);  // one partition, 5
    PutVarint(&long_key, 5);
    PutVarint(&long_key, 1);  // one key of 2^40 bytes
    PutVarint(&long_key, uint64_t{1} << 40);
    CHECK(IsCorruption(PartialAggregate::Parse(Seal(long_key + "abc"))));
    std::string unsorted = Header();
    PutVarint(&unsorted, 2);  // partitions 5, 5
    PutVarint(&unsorted, 5);
    PutVarint(&unsorted, 0);
    const auto u = PartialAggregate::Parse(Seal(unsorted + std::string(5, '\0')));
    CHECK(IsCorruption(u));
    CHECK(u.status().message().find("unsorted") != std::string::npos);
    std::string overlong = Header();
    overlong += "\x80";  // a non-minimal 0
    overlong += std::string(6, '\0');
    CHECK(IsCorruption(PartialAggregate::Parse(Seal(overlong))));
    std::string version = "BGPA";
    PutVarint(&version, 2);
    CHECK(IsCorruption(PartialAggregate::Parse(Seal(version + std::string(10, '\0')))));
    std::string unit = Header();  // buckets in ms although all are multiples of 5 minutes
    unit.back() = '\0';
    CHECK(IsCorruption(PartialAggregate::Parse(Seal(unit + std::string(7, '\0')))));
    std::string orphan = Header();  // a post without a partition
    orphan += std::string(5, '\0');
    PutVarint(&orphan, 1);
    PutVarint(&orphan, 0);
    PutVarint(&orphan, 1);
    PutVarint(&orphan, 42);
    PutVarint(&orphan, 0);
    CHECK(IsCorruption(PartialAggregate::Parse(Seal(orphan))));

    // Random changes under a valid checksum: refused, or read as the one form
    // of what they say.
    std::mt19937_64 mut(5);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
      std::string bad = blob.substr(0, blob.size() - 8);
      for (int k = 1 + static_cast<int>(mut() % 3); k > 0; --k) {
        char& c = bad[4 + mut() % (bad.size() - 4)];
        c = static_cast<char>(mut() % 3 == 0 ? mut() : c ^ (1 << (mut() % 8)));
      }
      bad = Seal(bad);
      const auto r2 = PartialAggregate::Parse(bad);
      if (!r2.ok()) {
        CHECK(IsCorruption(r2));
        continue;
      }
      ++accepted;
      CHECK(r2->Serialize() == bad);
    }
    MESSAGE(accepted, " of 3000 changed blobs were valid");
  }
}
