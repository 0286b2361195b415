// Read + parse + normalize throughput (issue: foundation, bar 4).
//
//   read_normalize_bench --archive=FILE.jsonl [benchmark flags]
//
// FILE defaults to $BENGLE_BENCH_ARCHIVE; make one with
//   python3 bench/gen_archive.py --posts 1000000 -o /tmp/bengle-1m.jsonl
// Reports bytes/s (MB/s of input) and posts/s, single thread.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_archive.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "normalize/fold.h"
#include "normalize/t2s.h"

namespace {

std::string g_archive;

void ReadArchive(benchmark::State& state, bool normalize) {
  auto normalizer = bengle::Normalizer::Create();
  bengle::NormalizedText out;
  uint64_t bytes = 0, posts = 0;
  for (auto _ : state) {
    auto reader = bengle::PostReader::Open({g_archive});
    if (!reader.ok()) {
      state.SkipWithError(reader.status().ToString().c_str());
      return;
    }
    bengle::Post post;
    while ((*reader)->Next(&post)) {
      if (normalize) benchmark::DoNotOptimize((*normalizer)->Normalize(post.text, &out).ok());
    }
    bytes += (*reader)->stats().bytes;
    posts += (*reader)->stats().posts;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["posts/s"] = benchmark::Counter(static_cast<double>(posts), benchmark::Counter::kIsRate);
}

void BM_ReadParse(benchmark::State& state) { ReadArchive(state, false); }
void BM_ReadParseNormalize(benchmark::State& state) { ReadArchive(state, true); }

// Texts of the archive in memory, for the per-step benchmarks.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = bench::LoadTexts(g_archive);
  return texts;
}

template <typename F>
void OverTexts(benchmark::State& state, F f) {
  const auto& texts = Texts();
  uint64_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      f(t);
      bytes += t.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["posts/s"] =
      benchmark::Counter(static_cast<double>(texts.size() * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Normalize(benchmark::State& state) {
  auto n = bengle::Normalizer::Create();
  bengle::NormalizedText out;
  OverTexts(state, [&](const std::string& t) { benchmark::DoNotOptimize((*n)->Normalize(t, &out).ok()); });
}
void BM_FoldFast(benchmark::State& state) {
  std::string out;
  OverTexts(state, [&](const std::string& t) {
    out.clear();
    bengle::internal::AppendFolded(t, &out);
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_FoldIcu(benchmark::State& state) {
  std::string out;
  OverTexts(state, [&](const std::string& t) {
    out.clear();
    bengle::internal::AppendFoldedIcu(t, &out);
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_ToSimplifiedFast(benchmark::State& state) {
  std::string out;
  OverTexts(state, [&](const std::string& t) {
    out.clear();
    bengle::internal::AppendSimplified(t, &out);
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_ToSimplifiedIcu(benchmark::State& state) {
  OverTexts(state, [&](const std::string& t) { benchmark::DoNotOptimize(bengle::internal::IcuSimplified(t)); });
}

}  // namespace

BENCHMARK(BM_ReadParse)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadParseNormalize)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FoldFast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FoldIcu)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToSimplifiedFast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToSimplifiedIcu)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "WARNING: assertions are enabled; this is not a release build and figures are not valid.\n");
#endif
  g_archive = bench::TakeArchiveFlag(&argc, argv);
  if (g_archive.empty()) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
