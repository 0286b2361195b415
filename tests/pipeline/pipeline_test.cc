#include "bengle/pipeline.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace {

using bengle::Classification;
using bengle::NormalizedText;
using bengle::PipelineChunk;
using bengle::PipelineOptions;
using bengle::PipelineStages;
using bengle::Post;
using bengle::PostReader;
using bengle::Status;

const char* kTexts[] = {"#微信崩了# 图片发不出去", "今天天气不错", "QQ登不上了，一直转圈", "微信没崩啊是你网不好",
                        "支付宝付款失败了", "#B站崩了# 视频加载不出来", "终于好了"};

std::string Archive(int posts) {
  std::string s;
  for (int i = 0; i < posts; ++i) {
    s += "{\"id\":" + std::to_string(i) + ",\"created_at\":" + std::to_string(1634521200 + i * 7) +
         ",\"user\":\"u" + std::to_string(i % 13) + "\",\"text\":\"" + kTexts[i % 7] + "\"}\n";
    if (i % 1000 == 500) s += "broken\n";
  }
  return s;
}

struct Run {
  std::vector<std::string> lines;  // one per post, in sink order
  std::vector<uint64_t> chunk_index;
  size_t aggregated = 0;
  uint64_t posts = 0;
  uint64_t skipped = 0;
};

// How the classifier reaches the pipeline: set in the stages, or built by
// `prepare` while the reader reads (or `prepare` fails).
enum class Make { kGiven, kPrepared, kPrepareFails };

Run RunWith(int posts, const PipelineOptions& options, int fail_at_chunk = -1, Status* status = nullptr,
            Make make = Make::kGiven) {
  static auto n = bengle::Normalizer::Create();
  static auto c = bengle::Classifier::Create();
  REQUIRE(n.ok());
  REQUIRE(c.ok());
  auto reader = PostReader::FromString("a.jsonl", Archive(posts));
  REQUIRE(reader.ok());
  Run run;
  PipelineStages stages{.normalizer = n->get(), .classifier = make == Make::kGiven ? c->get() : nullptr};
  std::unique_ptr<bengle::Classifier> built;
  if (make != Make::kGiven) {
    stages.prepare = [&]() -> Status {
      if (make == Make::kPrepareFails) return Status::NotFound("no lexicon here");
      auto made = bengle::Classifier::Create();
      if (!made.ok()) return made.status();
      built = std::move(*made);
      stages.classifier = built.get();
      return Status::OK();
    };
  }
  stages.format = [](const Post& post, const NormalizedText&, const Classification& cls, std::string* out) {
    *out += post.id + (cls.complaint ? " complaint" : "") + (cls.services.empty() ? "" : " " + cls.services[0]) +
            "\n";
  };
  stages.sink = [&](PipelineChunk& chunk) -> Status {
    if (static_cast<int>(chunk.index) == fail_at_chunk) return Status::IOError("disk full");
    run.chunk_index.push_back(chunk.index);
    run.aggregated += chunk.batch.size();
    run.posts += chunk.posts;
    size_t from = 0;
    for (size_t to; (to = chunk.text.find('\n', from)) != std::string::npos; from = to + 1) {
      run.lines.push_back(chunk.text.substr(from, to - from));
    }
    return Status::OK();
  };
  Status st = bengle::RunPipeline(**reader, stages, options);
  if (status) *status = st;
  run.skipped = (*reader)->stats().skipped();
  return run;
}

}  // namespace

TEST_SUITE("pipeline") {
  TEST_CASE("any number of threads gives the sequential result, in input order") {
    const Run one = RunWith(5000, {.threads = 1, .chunk_posts = 64});
    REQUIRE(one.lines.size() == 5000);
    CHECK(one.lines[0] == "0 complaint wechat");
    CHECK(one.lines[1] == "1");
    CHECK(one.posts == 5000);
    CHECK(one.skipped == 5);
    CHECK(one.aggregated > 2000);
    for (int threads : {2, 3, 8}) {
      SUBCASE(("threads " + std::to_string(threads)).c_str()) {
        const Run many = RunWith(5000, {.threads = threads, .chunk_posts = 7, .max_chunks = 3});
        CHECK(many.lines == one.lines);
        CHECK(many.aggregated == one.aggregated);
        CHECK(many.skipped == one.skipped);
        for (size_t i = 0; i < many.chunk_index.size(); ++i) CHECK(many.chunk_index[i] == i);
      }
    }
  }

  TEST_CASE("a classifier built by prepare while the reader reads gives the same result") {
    const Run one = RunWith(3000, {.threads = 1, .chunk_posts = 64});
    REQUIRE(one.lines.size() == 3000);
    for (int threads : {1, 2, 4}) {
      // The reader may read all 3,000 posts ahead (47 chunks), or no more than max_chunks.
      for (size_t ahead : {size_t{65536}, size_t{0}}) {
        const Run prepared = RunWith(3000, {.threads = threads, .chunk_posts = 64, .read_ahead = ahead}, -1, nullptr,
                                     Make::kPrepared);
        CHECK(prepared.lines == one.lines);
        CHECK(prepared.aggregated == one.aggregated);
        for (size_t i = 0; i < prepared.chunk_index.size(); ++i) CHECK(prepared.chunk_index[i] == i);
      }
    }
  }

  TEST_CASE("a failing prepare stops the pipeline before any post and is returned") {
    for (int threads : {1, 2}) {
      Status st;
      const Run run = RunWith(5000, {.threads = threads, .chunk_posts = 100}, -1, &st, Make::kPrepareFails);
      CHECK(st.ToString().find("no lexicon here") != std::string::npos);
      CHECK(run.chunk_index.empty());
    }
  }

  TEST_CASE("a sink error stops the pipeline and is returned") {
    for (int threads : {1, 2}) {
      Status st;
      const Run run = RunWith(5000, {.threads = threads, .chunk_posts = 100}, 3, &st);
      CHECK(st.ToString().find("disk full") != std::string::npos);
      CHECK(run.chunk_index.size() == 3);
    }
    // The same where the failing chunk is one the reader filled ahead while
    // prepare ran (those are freed after the sink, not kept).
    for (int fail_at : {0, 3, 40}) {
      Status st;
      const Run run = RunWith(5000, {.threads = 2, .chunk_posts = 64, .read_ahead = 65536}, fail_at, &st,
                              Make::kPrepared);
      CHECK(st.ToString().find("disk full") != std::string::npos);
      CHECK(run.chunk_index.size() == static_cast<size_t>(fail_at));
    }
  }

  TEST_CASE("an empty input calls the sink never") {
    const Run run = RunWith(0, {.threads = 2});
    CHECK(run.chunk_index.empty());
  }

  TEST_CASE("bad options are InvalidArgument") {
    auto reader = PostReader::FromString("a.jsonl", Archive(10));
    REQUIRE(reader.ok());
    PipelineStages none;
    CHECK(!bengle::RunPipeline(**reader, none).ok());
    // A prepare stage that builds no classifier.
    static auto n = bengle::Normalizer::Create();
    REQUIRE(n.ok());
    PipelineStages lazy{.normalizer = n->get()};
    lazy.prepare = [] { return Status::OK(); };
    lazy.sink = [](PipelineChunk&) { return Status::OK(); };
    for (int threads : {1, 2}) {
      auto again = PostReader::FromString("a.jsonl", Archive(10));
      REQUIRE(again.ok());
      CHECK(bengle::RunPipeline(**again, lazy, {.threads = threads}).ToString().find("no classifier") !=
            std::string::npos);
    }
    Status st;
    RunWith(10, {.threads = -1}, -1, &st);
    CHECK(!st.ok());
    RunWith(10, {.threads = 2, .chunk_posts = 0}, -1, &st);
    CHECK(!st.ok());
  }
}
