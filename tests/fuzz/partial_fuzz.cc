// The partial aggregate codec (PartialAggregate::Parse/Serialize,
// aggregate.h) on any bytes. The input is parsed as given (nearly always a
// bad checksum), then with its checksum resealed (the last 8 bytes:
// PostBatch::Hash() of the rest, little-endian) so that Parse() gets past it
// to its structural checks. Invariants: Parse() refuses with Corruption
// "partial aggregate: ..." or accepts, never crashes; what it accepts is the
// canonical form (Serialize() gives the same bytes back), parses again to an
// equal aggregate, reads out consistently, and merges into an empty
// aggregate as itself and into itself as nothing.
//
// Run with BENGLE_FUZZ_WRITE_SEED=DIR once to write a small valid aggregate
// into DIR as a seed.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "bengle/aggregate.h"
#include "fuzz_util.h"

namespace {

void Reseal(std::string* bytes) {
  if (bytes->size() < 8) return;
  const size_t body = bytes->size() - 8;
  const uint64_t h = bengle::PostBatch::Hash(std::string_view(*bytes).substr(0, body));
  for (int i = 0; i < 8; ++i) (*bytes)[body + i] = static_cast<char>(h >> (8 * i));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("BENGLE_FUZZ_WRITE_SEED")) {
    bengle::PostBatch batch;
    for (int i = 0; i < 6; ++i) {
      bengle::AggregatedPost p;
      p.id_hash = bengle::PostBatch::Hash(std::to_string(i));
      p.author_hash = bengle::PostBatch::Hash(std::to_string(i % 3));
      p.bucket = 1680000000000 + (i % 2) * 300000;
      p.created_at = p.bucket + i;
      p.complaint = i % 3 != 2;
      p.recovery = i == 4;
      p.series = {"all", "svc:wechat", "co:svc:wechat\ttag:微信崩了"};
      if (p.complaint) {
        p.service = "wechat";
        p.id = std::to_string(i);
        p.text = "微信崩了";
        p.user = "u";
      }
      batch.Add(std::move(p));
    }
    bengle::PartialAggregate pa;
    if (pa.Add(uint64_t{3} << 40, batch).ok()) {
      const std::string bytes = pa.Serialize();
      std::ofstream out(std::string(dir) + "/small.bin", std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)bengle::PartialAggregate::Parse(bytes);
  Reseal(&bytes);
  bengle::Result<bengle::PartialAggregate> r = bengle::PartialAggregate::Parse(bytes);
  if (!r.ok()) {
    FUZZ_CHECK(r.status().code() == bengle::Status::Code::kCorruption);
    FUZZ_CHECK(r.status().message().rfind("partial aggregate: ", 0) == 0);
    return 0;
  }
  const bengle::PartialAggregate& pa = *r;
  const std::string again = pa.Serialize();
  FUZZ_CHECK(again == bytes);
  bengle::Result<bengle::PartialAggregate> back = bengle::PartialAggregate::Parse(again);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == pa);

  FUZZ_CHECK(pa.Posts().size() == pa.posts());
  for (const bengle::PartialAggregate::Cell& c : pa.Cells()) {
    FUZZ_CHECK(c.counts.authors == static_cast<int64_t>(c.authors.size()));
  }
  for (const bengle::PartialAggregate::Sample& s : pa.Samples()) {
    FUZZ_CHECK(std::binary_search(pa.partitions().begin(), pa.partitions().end(), s.partition));
  }

  bengle::PartialAggregate merged(pa.options());
  FUZZ_CHECK(merged.Merge(pa).ok());
  FUZZ_CHECK(merged == pa);
  FUZZ_CHECK(merged.Merge(pa).ok());
  FUZZ_CHECK(merged.Serialize() == bytes);
  return 0;
}
