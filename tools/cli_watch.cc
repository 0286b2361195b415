// bengle watch: posts in as they arrive, alert events out (and to a webhook).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "bengle/aggregate.h"
#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "bengle/pipeline.h"
#include "bengle/store.h"
#include "bengle/watch.h"
#include "cli_commands.h"
#include "webhook.h"

namespace bengle::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

struct WatchFlags {
  std::string db;
  bool follow = false;
  double flush_seconds = 5;
  int batch = 20000;
  double lateness_minutes = 1;
  bool no_early = false;
  std::string webhook;
  double webhook_timeout = 5;
  int webhook_retries = 3;
  size_t webhook_queue = 1000;
};

int Run(const WatchFlags& flags, CommandState state) {
  const char* command = "watch";
  Result<TimeZone> zone = TimeZone::Parse(state.input.tz);
  if (!zone.ok()) {
    std::fprintf(stderr, "bengle watch: --tz: %s\n", zone.status().message().c_str());
    return kExitUsage;
  }
#ifndef BENGLE_HAVE_CURL
  if (!flags.webhook.empty()) {
    std::fprintf(stderr, "bengle watch: --webhook: this bengle was built without libcurl\n");
    return kExitUsage;
  }
#endif
  if (state.input.files.empty()) state.input.files = {"-"};
  if (state.input.files.size() != 1) {
    std::fprintf(stderr, "bengle watch: one input (a file, a named pipe or - for standard input)\n");
    return kExitUsage;
  }
  ReadOptions ro;
  if (!state.input.ToReadOptions(command, &ro)) return kExitUsage;
  ro.skip_duplicate_ids = false;  // the store knows every id it holds
  ro.follow = flags.follow;
  ro.stop = &g_stop;

  // SIGINT / SIGTERM: stop reading, commit what came, exit 0.
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  auto normalizer = Normalizer::Create();
  ClassifierOptions co;
  if (!state.lexicon_dir.empty()) co.lexicon_dir = state.lexicon_dir;
  auto classifier = Classifier::Create(co);
  if (!normalizer.ok() || !classifier.ok()) {
    std::fprintf(stderr, "bengle watch: %s\n",
                 (normalizer.ok() ? classifier.status() : normalizer.status()).message().c_str());
    return kExitInput;
  }
  Result<std::unique_ptr<BaselineStore>> store = BaselineStore::OpenSqlite(flags.db);
  if (!store.ok()) {
    std::fprintf(stderr, "bengle watch: %s\n", store.status().message().c_str());
    return kExitInput;
  }
  WatchOptions wo;
  wo.lateness_ms = static_cast<int64_t>(flags.lateness_minutes * kMinuteMs);
  wo.early = !flags.no_early;
  wo.detector.utc_offset_minutes = zone->OffsetAt(0);
  Result<std::unique_ptr<Watcher>> watcher = Watcher::Open(store->get(), wo);
  if (!watcher.ok()) {
    std::fprintf(stderr, "bengle watch: %s\n", watcher.status().message().c_str());
    return kExitInput;
  }
#ifdef BENGLE_HAVE_CURL
  std::unique_ptr<Webhook> hook;
  if (!flags.webhook.empty()) {
    hook = std::make_unique<Webhook>(WebhookOptions{flags.webhook, flags.webhook_timeout, flags.webhook_retries,
                                                    flags.webhook_queue});
  }
#else
  struct NoWebhook {
    void Post(std::string) {}
  };
  std::unique_ptr<NoWebhook> hook;
#endif
  IncidentJsonOptions jo;
  jo.zone = *zone;
  uint64_t announced = 0;
  auto emit = [&] {
    for (const WatchEvent& e : (*watcher)->TakeEvents()) {
      std::string line = WatchEventToJson(e, jo);
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fflush(stdout);  // an alert is read as it comes, never held in a buffer
      if (hook) hook->Post(line.substr(0, line.size() - 1));
      ++announced;
    }
  };
  emit();  // what a restart found closed and not yet announced

  // Opens the input only now: a named pipe's writer may be waiting for us.
  Result<std::unique_ptr<PostReader>> reader = PostReader::Open(state.input.files, ro);
  if (!reader.ok()) {
    std::fprintf(stderr, "bengle watch: %s\n", reader.status().message().c_str());
    return reader.status().code() == Status::Code::kInvalidArgument ? kExitUsage : kExitInput;
  }
  PostBatch batch;
  ApplyStats total;
  auto last_commit = std::chrono::steady_clock::now();
  const auto t_start = last_commit;
  const auto flush_every = std::chrono::milliseconds(static_cast<int64_t>(std::max(0.0, flags.flush_seconds) * 1000));
  auto commit = [&]() -> Status {
    if (batch.size() == 0) return Status::OK();
    ApplyStats stats;
    Status s = (*watcher)->Add(&batch, &stats);
    total.posts_new += stats.posts_new;
    total.posts_duplicate += stats.posts_duplicate;
    last_commit = std::chrono::steady_clock::now();
    emit();
    return s;
  };
  PipelineStages stages{.normalizer = normalizer->get(), .classifier = classifier->get()};
  stages.sink = [&](PipelineChunk& chunk) -> Status {
    for (AggregatedPost& p : chunk.batch.mutable_posts()) batch.Add(std::move(p));
    // Commit every --batch posts, every --flush seconds, and whenever the
    // feed pauses: what has arrived is in the store and judged.
    if (batch.size() >= static_cast<size_t>(flags.batch) || chunk.input_waiting ||
        std::chrono::steady_clock::now() - last_commit >= flush_every) {
      return commit();
    }
    return Status::OK();
  };
  const int threads =
      state.threads > 0 ? state.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  PipelineOptions po{.threads = threads};
  // The sink sees the feed at least 10 times per --flush, even if it never pauses.
  po.max_chunk_ms = std::max<int64_t>(1, static_cast<int64_t>(flags.flush_seconds * 100));
  Status run = RunPipeline(**reader, stages, po);
  if (Status s = commit(); run.ok()) run = s;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
#ifdef BENGLE_HAVE_CURL
  if (hook) {
    hook->Close(flags.webhook_timeout);
    std::fprintf(stderr, "bengle watch: webhook: %llu events delivered, %llu not delivered, %llu dropped\n",
                 static_cast<unsigned long long>(hook->delivered()), static_cast<unsigned long long>(hook->failed()),
                 static_cast<unsigned long long>(hook->dropped()));
  }
#endif
  std::fprintf(stderr, "bengle watch: %llu new posts stored, %llu already in the store; %llu events (%.1f s)%s\n",
               static_cast<unsigned long long>(total.posts_new), static_cast<unsigned long long>(total.posts_duplicate),
               static_cast<unsigned long long>(announced), secs, g_stop.load() ? " (stopped by a signal)" : "");
  if (!run.ok()) {
    std::fprintf(stderr, "bengle watch: %s\n", run.ToString().c_str());
    return kExitInput;
  }
  const int rc = FinishReading(command, **reader);
  return rc == kExitAllSkipped ? kExitOk : rc;  // a feed with no good post yet is not a failure
}

}  // namespace

void RegisterWatch(CLI::App& root, int* exit_code) {
  auto flags = std::make_shared<WatchFlags>();
  auto state = std::make_shared<CommandState>();
  CLI::App* app = root.add_subcommand(
      "watch", "Read posts as they arrive (a pipe, standard input, a growing file), store them, print alerts");
  state->input.Register(app, /*stores=*/true);
  app->add_option("--db", flags->db, "SQLite store (created when missing)")->required();
  app->add_flag("--follow", flags->follow, "Follow a regular file as it grows, like tail -F (rotation, truncation)");
  app->add_option("--flush", flags->flush_seconds, "Commit and judge at least this often, seconds")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  app->add_option("--batch", flags->batch, "Commit after this many posts at the latest")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app->add_option("--lateness-minutes", flags->lateness_minutes,
                  "A bucket is judged once posts this much later than its end have come")
      ->check(CLI::Range(0.0, 1440.0))
      ->capture_default_str();
  app->add_flag("--no-early", flags->no_early,
                "Announce an incident only when its bucket is judged, not as soon as the counts so far open it");
  app->add_option("--lexicon", state->lexicon_dir, "Folder of classifier lexicon files");
  app->add_option("--webhook", flags->webhook, "POST each event as JSON to this URL");
  app->add_option("--webhook-timeout", flags->webhook_timeout, "Seconds a POST may take")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  app->add_option("--webhook-retries", flags->webhook_retries, "Tries after a failed POST (back-off 0.5 s, 1 s, 2 s...)")
      ->check(CLI::Range(0, 20))
      ->capture_default_str();
  app->add_option("--webhook-queue", flags->webhook_queue, "Events waiting for the webhook at most (more are dropped)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  AddThreadsOption(app, *state);
  app->callback([exit_code, flags, state] { *exit_code = Run(*flags, *state); });
}

}  // namespace bengle::cli
