// bengle ingest / detect / analyze: posts into the SQLite store, incidents out.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <thread>

#include "bengle/aggregate.h"
#include "bengle/analysis.h"
#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "bengle/report.h"
#include "bengle/pipeline.h"
#include "bengle/store.h"
#include "cli_commands.h"

namespace bengle::cli {
namespace {

// The options of ingest / detect / report / analyze, filled by CLI11 and
// handed to the commands as values.
struct StoreFlags {
  std::string db;
  std::string from, to;
  std::string format = "text";
  std::string html;
  int batch = 20000;
};

// --tz must be an offset the commands understand; checked before anything
// is opened (a bad zone was silently +08:00).
bool ValidZone(const char* command, const CommandState& state) {
  Result<TimeZone> r = TimeZone::Parse(state.input.tz);
  if (!r.ok()) std::fprintf(stderr, "bengle %s: --tz: %s\n", command, r.status().message().c_str());
  return r.ok();
}

// The --tz zone (checked by ValidZone() or ToReadOptions() first).
TimeZone Zone(const CommandState& state) {
  Result<TimeZone> r = TimeZone::Parse(state.input.tz);
  return r.ok() ? *r : TimeZone();
}

// Opens the store. `must_exist` (detect, report): a missing file is an error
// ("no store at ..."), not a new empty store.
Result<std::unique_ptr<BaselineStore>> OpenStore(const char* command, const StoreFlags& flags, bool read_only,
                                                 bool must_exist = false) {
  if (flags.db.empty()) return Status::InvalidArgument("--db is required");
  struct stat st;
  if (must_exist && ::stat(flags.db.c_str(), &st) != 0) {
    std::fprintf(stderr, "bengle %s: no store at %s (make one with bengle ingest)\n", command, flags.db.c_str());
    return Status::NotFound("no store at " + flags.db);
  }
  StoreOptions so;
  so.read_only = read_only;
  Result<std::unique_ptr<BaselineStore>> store = BaselineStore::OpenSqlite(flags.db, so);
  if (!store.ok() && must_exist && !read_only && store.status().code() == Status::Code::kIOError) {
    // detect and report only keep their incidents: a store they may not
    // write (a read-only file, directory or mount) is still read.
    const std::string dir = std::filesystem::path(flags.db).parent_path().string();
    if (::access(flags.db.c_str(), W_OK) != 0 || ::access(dir.empty() ? "." : dir.c_str(), W_OK) != 0) {
      so.read_only = true;
      store = BaselineStore::OpenSqlite(flags.db, so);
    }
  }
  if (!store.ok()) std::fprintf(stderr, "bengle %s: %s\n", command, store.status().message().c_str());
  return store;
}

uint64_t TotalSize(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const std::string& f : files) {
    struct stat st;
    if (f == "-" || f.ends_with(".gz") || ::stat(f.c_str(), &st) != 0) return 0;  // unknown
    total += static_cast<uint64_t>(st.st_size);
  }
  return total;
}

// Reads, classifies and stores posts. Returns the exit code.
// Reads, classifies and stores posts. The store is opened (and, when new,
// created) only once the input and the classifier are ready, so a failed
// start leaves no store file behind; it is kept in *store_out. Returns the
// exit code.
int Ingest(const char* command, CommandState& state, const StoreFlags& flags,
           std::unique_ptr<BaselineStore>* store_out) {
  ReadOptions ro;
  if (!state.input.ToReadOptions(command, &ro)) return kExitUsage;
  // The store remembers every post id and skips repeats itself (reported as
  // "already in the store"), so the reader need not hold the ids in memory:
  // memory stays flat however long the archive.
  ro.skip_duplicate_ids = false;
  Result<std::unique_ptr<PostReader>> reader = PostReader::Open(state.input.files, ro);
  if (!reader.ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command, reader.status().message().c_str());
    return reader.status().code() == Status::Code::kInvalidArgument ? kExitUsage : kExitInput;
  }
  auto normalizer = Normalizer::Create();
  ClassifierOptions co;
  if (!state.lexicon_dir.empty()) co.lexicon_dir = state.lexicon_dir;
  const int threads =
      state.threads > 0 ? state.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  co.build_threads = threads;
  auto classifier = Classifier::Create(co);
  if (!normalizer.ok() || !classifier.ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command,
                 (normalizer.ok() ? classifier.status() : normalizer.status()).message().c_str());
    return kExitInput;
  }
  auto opened = OpenStore(command, flags, false);
  if (!opened.ok()) return kExitInput;
  *store_out = std::move(*opened);
  BaselineStore& store = **store_out;
  const bool tty = ::isatty(2);
  const uint64_t total = TotalSize(state.input.files);
  const auto t0 = std::chrono::steady_clock::now();
  auto last_report = t0;
  BatchApplier applier(store, threads > 1);
  PostBatch batch;
  uint64_t posts_done = 0;
  auto flush = [&] { return applier.Submit(&batch); };
  PipelineStages stages{.normalizer = normalizer->get(), .classifier = classifier->get()};
  // The ordered stage: posts go into the store's batches in input order, so
  // the store is the same for any number of threads.
  stages.sink = [&](PipelineChunk& chunk) -> Status {
    for (AggregatedPost& p : chunk.batch.mutable_posts()) {
      batch.Add(std::move(p));
      if (batch.size() >= static_cast<size_t>(flags.batch)) {
        if (Status st = flush(); !st.ok()) return st;
      }
    }
    posts_done += chunk.posts;
    // A live feed that paused: what has arrived goes into the store now,
    // not when --batch posts have come together.
    if (chunk.input_waiting && batch.size() > 0) {
      if (Status st = flush(); !st.ok()) return st;
    }
    if (tty) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_report > std::chrono::milliseconds(500)) {
        last_report = now;
        const double secs = std::chrono::duration<double>(now - t0).count();
        // Speed in input bytes as read (uncompressed); the ETA compares the
        // bytes taken from the files as stored with their sizes, so it holds
        // for gzip input too.
        const double mbs = chunk.bytes_read / secs / 1e6;
        const uint64_t raw = chunk.input_bytes_read;
        std::string eta = "?";
        if (total > raw && raw > 0) {
          eta = std::to_string(static_cast<int>((total - raw) * secs / static_cast<double>(raw))) + " s";
        }
        std::fprintf(stderr, "\r%llu posts, %.1f MB/s, ETA %s   ", static_cast<unsigned long long>(posts_done), mbs,
                     eta.c_str());
      }
    }
    return Status::OK();
  };
  Status run = RunPipeline(**reader, stages, PipelineOptions{.threads = threads});
  if (run.ok()) run = flush();
  if (Status finished = applier.Finish(); run.ok()) run = finished;
  const ApplyStats& applied = applier.stats();
  if (!run.ok()) {
    std::fprintf(stderr, "%sbengle %s: %s\n", tty ? "\n" : "", command, run.ToString().c_str());
    return kExitInput;
  }
  if (tty) std::fprintf(stderr, "\r%60s\r", "");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Posts that name no service and no hashtag and are no complaint add to
  // no series: they are read and classified, and not stored.
  const uint64_t read = (*reader)->stats().posts, kept = applied.posts_new + applied.posts_duplicate;
  std::fprintf(stderr,
               "bengle %s: %llu new posts stored, %llu already in the store, %llu not stored (nothing to count: no "
               "service, hashtag or complaint) (%.1f s, %.0f posts/s)\n",
               command, static_cast<unsigned long long>(applied.posts_new),
               static_cast<unsigned long long>(applied.posts_duplicate),
               static_cast<unsigned long long>(read > kept ? read - kept : 0), secs, secs > 0 ? read / secs : 0.0);
  return FinishReading(command, **reader);
}

bool ParseRange(const char* command, const CommandState& state, const StoreFlags& flags, UnixMillis* from,
                UnixMillis* to) {
  *from = *to = 0;
  for (auto [text, out] : {std::pair{&flags.from, from}, std::pair{&flags.to, to}}) {
    if (text->empty()) continue;
    // A date alone ("2023-03-01") is its first minute in the --tz zone.
    const bool date_only = text->size() == 10 && (*text)[4] == (*text)[7] && ((*text)[4] == '-' || (*text)[4] == '/');
    Result<UnixMillis> t = ParseTime(date_only ? *text + " 00:00:00" : *text, Zone(state));
    if (!t.ok()) {
      std::fprintf(stderr, "bengle %s: %s\n", command, t.status().message().c_str());
      return false;
    }
    *out = *t;
  }
  return true;
}

int Detect(const char* command, CommandState& state, const StoreFlags& flags, BaselineStore& store,
           const std::string& format) {
  UnixMillis from = 0, to = 0;
  if (!ParseRange(command, state, flags, &from, &to)) return kExitUsage;
  // A missing end of the range is the store's own end, so the range is always
  // explicit and the incidents found are always kept in the store.
  if (from == 0 || to == 0) {
    UnixMillis first = 0, last = 0;
    if (Status s = store.TimeRange(&first, &last); !s.ok()) {
      std::fprintf(stderr, "bengle %s: %s\n", command, s.message().c_str());
      return kExitInput;
    }
    if (from == 0) from = first;
    if (to == 0) to = last + store.bucket_ms();
  }
  const TimeZone zone = Zone(state);
  AnalysisOptions ao;
  ao.detector.bucket_ms = store.bucket_ms();
  // The detector tells weekends by a fixed offset: the zone's at the start.
  ao.detector.utc_offset_minutes = zone.OffsetAt(from);
  Analysis analysis;
  Status st = Analyze(store, from, to, ao, &analysis);
  const std::vector<Incident>& incidents = analysis.incidents;
  if (!st.ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command, st.ToString().c_str());
    return kExitInput;
  }
  if (Status saved = store.SaveIncidents(from, to, incidents); !saved.ok()) {
    std::fprintf(stderr, "bengle %s: incidents not kept: %s\n", command, saved.ToString().c_str());
  }
  if (!flags.html.empty()) {
    ReportOptions ro;
    ro.zone = zone;
    std::string html;
    if (Status r = WriteHtmlReport(store, analysis, ro, &html); !r.ok()) {
      std::fprintf(stderr, "bengle %s: %s\n", command, r.ToString().c_str());
      return kExitInput;
    }
    std::FILE* f = std::fopen(flags.html.c_str(), "wb");
    const bool written = f != nullptr && std::fwrite(html.data(), 1, html.size(), f) == html.size();
    if (f != nullptr && std::fclose(f) != 0) f = nullptr;
    if (!written || f == nullptr) {
      std::fprintf(stderr, "bengle %s: cannot write %s\n", command, flags.html.c_str());
      return kExitInput;
    }
    std::fprintf(stderr, "bengle %s: wrote %s (%zu incidents, %.1f KB)\n", command, flags.html.c_str(),
                 incidents.size(), html.size() / 1024.0);
    if (format.empty()) return kExitOk;
  }
  IncidentJsonOptions jo;
  jo.zone = zone;
  const std::string out = format == "json"  ? IncidentsToJson(incidents, jo)
                          : format == "csv" ? IncidentsToCsv(incidents, jo)
                                            : IncidentsToText(incidents, zone);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterStoreCommands(CLI::App& root, int* exit_code) {
  // Each command owns its options (filled by CLI11, then handed on as values).
  struct Options {
    CommandState state;
    StoreFlags flags;
  };
  auto ingest_opts = std::make_shared<Options>(), detect_opts = std::make_shared<Options>(),
       report_opts = std::make_shared<Options>(), analyze_opts = std::make_shared<Options>();

  CLI::App* ingest = root.add_subcommand("ingest", "Classify posts and add them to the SQLite store");
  ingest_opts->state.input.Register(ingest, /*stores=*/true);
  ingest->add_option("--db", ingest_opts->flags.db, "SQLite store (created when missing)")->required();
  ingest->add_option("--lexicon", ingest_opts->state.lexicon_dir, "Folder of classifier lexicon files");
  ingest->add_option("--batch", ingest_opts->flags.batch, "Posts per transaction (1 to 1000000)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  AddThreadsOption(ingest, ingest_opts->state);
  ingest->callback([exit_code, ingest_opts] {
    Options o = *ingest_opts;
    std::unique_ptr<BaselineStore> store;
    *exit_code = Ingest("ingest", o.state, o.flags, &store);
  });

  CLI::App* detect = root.add_subcommand("detect", "Find incidents in the store");
  detect->add_option("--db", detect_opts->flags.db, "SQLite store")->required();
  detect->add_option("--from", detect_opts->flags.from, "Start of the range (a time as in the input, or a date)");
  detect->add_option("--to", detect_opts->flags.to, "End of the range");
  detect->add_option("--format", detect_opts->flags.format, "json, text or csv")
      ->check(CLI::IsMember({"json", "text", "csv"}))
      ->capture_default_str();
  detect->add_option("--tz", detect_opts->state.input.tz, "Zone of the times shown and read: an offset (+08:00) or an IANA name (Asia/Shanghai)")
      ->capture_default_str();
  detect->callback([exit_code, detect_opts] {
    Options o = *detect_opts;
    if (!ValidZone("detect", o.state)) {
      *exit_code = kExitUsage;
      return;
    }
    auto store = OpenStore("detect", o.flags, false, /*must_exist=*/true);
    *exit_code = store.ok() ? Detect("detect", o.state, o.flags, **store, o.flags.format) : kExitInput;
  });

  CLI::App* report = root.add_subcommand("report", "Write a self-contained HTML report of the store's incidents");
  report->add_option("--db", report_opts->flags.db, "SQLite store")->required();
  report->add_option("--html", report_opts->flags.html, "HTML file to write")->required();
  report->add_option("--from", report_opts->flags.from, "Start of the range (a time as in the input, or a date)");
  report->add_option("--to", report_opts->flags.to, "End of the range");
  report->add_option("--tz", report_opts->state.input.tz, "Zone of the times shown and read: an offset (+08:00) or an IANA name (Asia/Shanghai)")
      ->capture_default_str();
  report->callback([exit_code, report_opts] {
    Options o = *report_opts;
    if (!ValidZone("report", o.state)) {
      *exit_code = kExitUsage;
      return;
    }
    auto store = OpenStore("report", o.flags, false, /*must_exist=*/true);
    *exit_code = store.ok() ? Detect("report", o.state, o.flags, **store, "") : kExitInput;
  });

  CLI::App* analyze = root.add_subcommand("analyze", "Ingest posts, then report the incidents (the main job)");
  analyze_opts->state.input.Register(analyze, /*stores=*/true);
  analyze->add_option("--db", analyze_opts->flags.db, "SQLite store (created when missing)")->required();
  analyze->add_option("--lexicon", analyze_opts->state.lexicon_dir, "Folder of classifier lexicon files");
  analyze->add_option("--html", analyze_opts->flags.html, "Also write the HTML report to this file");
  AddThreadsOption(analyze, analyze_opts->state);
  analyze->add_option("--report", analyze_opts->flags.format, "Report format: text, json or csv")
      ->check(CLI::IsMember({"json", "text", "csv"}))
      ->capture_default_str();
  analyze->callback([exit_code, analyze_opts] {
    Options o = *analyze_opts;
    std::unique_ptr<BaselineStore> store;
    const int rc = Ingest("analyze", o.state, o.flags, &store);
    if (rc == kExitUsage || store == nullptr) {
      *exit_code = rc;
      return;
    }
    const int drc = Detect("analyze", o.state, o.flags, *store, o.flags.format);
    *exit_code = rc != kExitOk ? rc : drc;
  });
}

}  // namespace bengle::cli
