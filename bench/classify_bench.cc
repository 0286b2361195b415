// Normalize + segment + classify throughput, one thread (classifier issue,
// bar 2). Reports MB/s of post text, posts/s and the mean post length.
//
//   classify_bench --archive=FILE.jsonl [benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bengle/classify.h"
#include "bench_archive.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "bengle/segment.h"

namespace {

std::vector<std::string> g_texts;

// Normalizes and classifies every text per iteration, segmenting too when
// `segment`; reports bytes and posts per second.
void RunNormalizeClassify(benchmark::State& state, bool segment) {
  auto n = bengle::Normalizer::Create();
  auto s = bengle::Segmenter::Create();
  auto c = bengle::Classifier::Create();
  if (!n.ok() || !s.ok() || !c.ok()) {
    state.SkipWithError("cannot create the pipeline");
    return;
  }
  bengle::NormalizedText norm;
  std::vector<bengle::Token> tokens;
  bengle::Classification out;
  uint64_t bytes = 0, posts = 0;
  for (auto _ : state) {
    for (const std::string& t : g_texts) {
      (void)(*n)->Normalize(t, &norm);
      if (segment) (*s)->Segment(norm.text, &tokens);
      (*c)->Classify(norm, &out);
      benchmark::DoNotOptimize(out.complaint);
      bytes += t.size();
    }
    posts += g_texts.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["posts/s"] = benchmark::Counter(static_cast<double>(posts), benchmark::Counter::kIsRate);
}

void BM_NormalizeSegmentClassify(benchmark::State& state) { RunNormalizeClassify(state, true); }

// What `bengle classify` and `ingest` do per post (no segmentation): the
// classifier issue's "normalize + classify >= 10 MB/s single thread" bar.
void BM_NormalizeClassify(benchmark::State& state) { RunNormalizeClassify(state, false); }

void BM_ClassifyOnly(benchmark::State& state) {
  auto n = bengle::Normalizer::Create();
  auto c = bengle::Classifier::Create();
  std::vector<bengle::NormalizedText> norms(g_texts.size());
  for (size_t i = 0; i < g_texts.size(); ++i) (void)(*n)->Normalize(g_texts[i], &norms[i]);
  bengle::Classification out;
  uint64_t bytes = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < norms.size(); ++i) {
      (*c)->Classify(norms[i], &out);
      bytes += g_texts[i].size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

}  // namespace

BENCHMARK(BM_NormalizeSegmentClassify)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeClassify)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClassifyOnly)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "WARNING: assertions are enabled; figures are not valid.\n");
#endif
  const std::string archive = bench::TakeArchiveFlag(&argc, argv);
  if (archive.empty()) return 1;
  g_texts = bench::LoadTexts(archive);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
