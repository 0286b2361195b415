// Segmentation speed (MB/s of UTF-8 text, one thread) and dictionary load
// cost (time, resident memory).
//
//   segment_bench --archive=FILE.jsonl [benchmark flags]
// FILE: a generated archive (bench/gen_archive.py); its post texts are used.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "bench_archive.h"
#include "bengle/ingest.h"
#include "bengle/segment.h"

namespace {

std::string g_archive;
std::vector<std::string> g_texts;

long RssKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

void BM_Segment(benchmark::State& state) {
  static auto seg = bengle::Segmenter::Create();
  std::vector<bengle::Token> tokens;
  uint64_t bytes = 0, posts = 0;
  for (auto _ : state) {
    for (const std::string& t : g_texts) {
      (*seg)->Segment(t, &tokens);
      benchmark::DoNotOptimize(tokens.data());
      bytes += t.size();
    }
    posts += g_texts.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["posts/s"] = benchmark::Counter(static_cast<double>(posts), benchmark::Counter::kIsRate);
}

void BM_IcuWordBreak(benchmark::State& state) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale("zh"), err));
  uint64_t bytes = 0;
  UText* ut = nullptr;
  for (auto _ : state) {
    for (const std::string& t : g_texts) {
      ut = utext_openUTF8(ut, t.data(), static_cast<int64_t>(t.size()), &err);
      bi->setText(ut, err);
      int n = 0;
      for (int32_t b = bi->first(); b != icu::BreakIterator::DONE; b = bi->next()) ++n;
      benchmark::DoNotOptimize(n);
      bytes += t.size();
    }
  }
  utext_close(ut);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_CreateSegmenter(benchmark::State& state) {
  for (auto _ : state) {
    auto seg = bengle::Segmenter::Create();
    benchmark::DoNotOptimize(seg.ok());
  }
}

}  // namespace

BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IcuWordBreak)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CreateSegmenter)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "WARNING: assertions are enabled; figures are not valid.\n");
#endif
  g_archive = bench::TakeArchiveFlag(&argc, argv);
  if (g_archive.empty()) return 1;
  g_texts = bench::LoadTexts(g_archive);
  // Load cost of the dictionaries: from the text files (first start; also
  // writes the memory-mapped image) and from the image (every later start).
  {
    const std::string cache = "/tmp/bengle-segment-bench-cache";
    std::system(("rm -rf " + cache).c_str());
    bengle::SegmenterOptions cold;
    cold.cache_dir = cache;
    for (const char* what : {"text files + writing the image", "memory-mapped image"}) {
      const long rss0 = RssKb();
      const auto t0 = std::chrono::steady_clock::now();
      auto seg = bengle::Segmenter::Create(cold);
      const auto t1 = std::chrono::steady_clock::now();
      if (!seg.ok()) {
        std::fprintf(stderr, "%s\n", seg.status().ToString().c_str());
        return 2;
      }
      // Touch the dictionary as real work does, then measure what is resident.
      std::vector<bengle::Token> tokens;
      for (const auto& t : g_texts) (*seg)->Segment(t, &tokens);
      const long rss1 = RssKb();
      std::printf("dictionary load from %s: %zu words in %.2f ms; +%ld MB resident after segmenting the texts\n",
                  what, (*seg)->size(), std::chrono::duration<double, std::milli>(t1 - t0).count(),
                  (rss1 - rss0) / 1024);
    }
    std::system(("rm -rf " + cache).c_str());
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
