// The store and the detector without classification (store/detector issue,
// bar 4): Apply() posts/s into SQLite, and DetectFromStore() over 90 days x
// 1,000 series.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bengle/analysis.h"
#include "bengle/store.h"

namespace {

constexpr int64_t kT0 = 1709481600000;  // 2024-03-04T00:00:00+08:00
const char* kServices[] = {"wechat", "qq", "alipay", "weibo", "douyin", "kuaishou", "taobao", "bilibili"};
const char* kCats[] = {"messaging", "media_transfer", "login", "connectivity", "payment"};

// A realistic pre-classified batch: 15% complaints with a category and
// sometimes a hashtag, the rest ordinary mentions.
std::vector<bengle::PostBatch> MakeBatches(int batches, int per_batch, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<bengle::PostBatch> out;
  int64_t id = static_cast<int64_t>(seed) << 40;
  for (int b = 0; b < batches; ++b) {
    bengle::PostBatch batch;
    for (int i = 0; i < per_batch; ++i) {
      bengle::NormalizedText norm;
      bengle::Classification c;
      const char* svc = kServices[rng() % 8];
      c.services = {svc};
      if (rng() % 100 < 15) {
        c.complaint = true;
        c.categories = {bengle::CategoryScore{kCats[rng() % 5], 0.9}};
        if (rng() % 3 == 0) norm.hashtags.push_back(bengle::Hashtag{std::string(svc) + "崩了", {}, {}});
      }
      const int64_t t = kT0 + static_cast<int64_t>(rng() % (21ull * 86400000));
      std::string user = "u";  // (not "u" + ...: GCC 12 warns falsely, bug 105329)
      user += std::to_string(rng() % 200000);
      batch.Add(std::to_string(++id), t, user, "text", norm, c);
    }
    out.push_back(std::move(batch));
  }
  return out;
}

void BM_ApplySqlite(benchmark::State& state) {
  const auto batches = MakeBatches(20, 20000, 1);
  uint64_t posts = 0;
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = "/tmp/bengle_store_bench_" + std::to_string(::getpid()) + "_" + std::to_string(run++) + ".db";
    auto store = bengle::BaselineStore::OpenSqlite(path);
    state.ResumeTiming();
    bengle::ApplyStats st;
    for (const auto& b : batches) {
      if (!(*store)->Apply(b, &st).ok()) state.SkipWithError("apply failed");
    }
    posts += st.posts_new;
    state.PauseTiming();
    store->reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    state.ResumeTiming();
  }
  state.counters["posts/s"] = benchmark::Counter(static_cast<double>(posts), benchmark::Counter::kIsRate);
}

// 90 days x 1,000 service series, sparse (about one complaint an hour each,
// with a daily rhythm) plus a few outages.
std::string BuildDetectStore() {
  const std::string path = "/tmp/bengle_detect_bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  auto store = bengle::BaselineStore::OpenSqlite(path);
  std::mt19937_64 rng(3);
  bengle::PostBatch batch;
  int64_t id = 0;
  bengle::NormalizedText norm;
  for (int s = 0; s < 1000; ++s) {
    bengle::Classification c;
    c.services = {"svc" + std::to_string(s)};
    c.complaint = true;
    for (int64_t t = kT0; t < kT0 + 90ll * 86400000; t += 300000) {
      const int hour = static_cast<int>((t / 3600000 + 8) % 24);
      const double lam = (hour >= 2 && hour < 7 ? 0.02 : 0.1) * (s % 10 == 0 ? 5 : 1);
      int n = std::poisson_distribution<int>(lam)(rng);
      if (s % 100 == 7 && t >= kT0 + 60ll * 86400000 && t < kT0 + 60ll * 86400000 + 7200000) n += 6;
      for (int k = 0; k < n; ++k) {
        std::string user = "u";
        user += std::to_string(rng() % 100000);
        batch.Add(std::to_string(++id), t, user, "x", norm, c);
      }
    }
    if (batch.size() > 50000) {
      bengle::ApplyStats st;
      (void)(*store)->Apply(batch, &st);
      batch.Clear();
    }
  }
  bengle::ApplyStats st;
  (void)(*store)->Apply(batch, &st);
  std::printf("detect store: 1000 series x 90 days, %lld complaint posts\n", static_cast<long long>(id));
  return path;
}

void BM_DetectFromStore(benchmark::State& state) {
  static const std::string path = BuildDetectStore();
  auto store = bengle::BaselineStore::OpenSqlite(path);
  std::vector<bengle::Incident> incidents;
  for (auto _ : state) {
    if (!bengle::DetectFromStore(**store, 0, 0, {}, &incidents).ok()) state.SkipWithError("detect failed");
  }
  state.counters["incidents"] = static_cast<double>(incidents.size());
}

}  // namespace

BENCHMARK(BM_ApplySqlite)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_DetectFromStore)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

int main(int argc, char** argv) {
#ifndef NDEBUG
  std::fprintf(stderr, "WARNING: assertions are enabled; figures are not valid.\n");
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
