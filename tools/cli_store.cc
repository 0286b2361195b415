// bengle ingest / detect / analyze: posts into the SQLite store, incidents out.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "bengle/aggregate.h"
#include "bengle/classify.h"
#include "bengle/detect.h"
#include "bengle/normalize.h"
#include "bengle/report.h"
#include "bengle/pipeline.h"
#include "bengle/store.h"
#include "cli_commands.h"

namespace bengle::cli {
namespace {

struct StoreFlags {
  std::string db;
  std::string from, to;
  std::string format = "text";
  std::string html;
  int batch = 20000;
};
StoreFlags g_store;

int OffsetMinutes(const CommandState& state) {
  Result<int> r = ParseUtcOffset(state.input.tz);
  return r.ok() ? *r : 480;
}

Result<std::unique_ptr<BaselineStore>> OpenStore(const char* command, bool read_only) {
  if (g_store.db.empty()) return Status::InvalidArgument("--db is required");
  StoreOptions so;
  so.read_only = read_only;
  Result<std::unique_ptr<BaselineStore>> store = BaselineStore::OpenSqlite(g_store.db, so);
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

// Applies batches to the store in the order submitted. In the background
// (its own thread) the ordered stage goes on filling the next batch while
// SQLite commits the last one; at most one batch waits. Otherwise inline.
class BatchApplier {
 public:
  BatchApplier(BaselineStore& store, bool background) : store_(store) {
    if (background) thread_ = std::jthread([this] { Loop(); });
  }
  ~BatchApplier() { (void)Finish(); }
  BatchApplier(const BatchApplier&) = delete;  // owns a thread
  BatchApplier& operator=(const BatchApplier&) = delete;

  // Takes the posts of *batch (left empty). Returns the error of this batch
  // (inline) or of an earlier one (background).
  Status Submit(PostBatch* batch) {
    if (!thread_.joinable()) {
      Status st = store_.Apply(*batch, &stats_);
      batch->Clear();
      return st;
    }
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !busy_; });
    if (!error_.ok()) return error_;
    std::swap(pending_, *batch);
    batch->Clear();
    busy_ = true;
    cv_.notify_all();
    return Status::OK();
  }
  // Waits until every submitted batch is applied; returns the first error.
  Status Finish() {
    if (thread_.joinable()) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !busy_; });
        done_ = true;
        cv_.notify_all();
      }
      thread_.join();
    }
    return error_;
  }
  // REQUIRES: Finish() returned.
  const ApplyStats& stats() const { return stats_; }

 private:
  void Loop() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return busy_ || done_; });
      if (!busy_) return;
      lock.unlock();
      Status st = store_.Apply(pending_, &stats_);
      pending_.Clear();
      lock.lock();
      if (error_.ok()) error_ = st;
      busy_ = false;
      cv_.notify_all();
    }
  }

  BaselineStore& store_;
  ApplyStats stats_;
  std::mutex mu_;
  std::condition_variable cv_;
  PostBatch pending_;
  bool busy_ = false;  // pending_ holds a batch not yet applied
  bool done_ = false;
  Status error_;
  std::jthread thread_;  // last: joined before the rest goes
};

// Reads, classifies and stores posts. Returns the exit code.
int Ingest(const char* command, CommandState& state, BaselineStore& store) {
  ReadOptions ro;
  if (!state.input.ToReadOptions(command, &ro)) return kExitUsage;
  // The store remembers every post id and skips repeats itself (reported as
  // "already in the store"), so the reader need not hold the ids in memory:
  // memory stays flat however long the archive.
  ro.skip_duplicate_ids = false;
  Result<std::unique_ptr<PostReader>> reader = PostReader::Open(state.input.files, ro);
  if (!reader.ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command, reader.status().message().c_str());
    return kExitInput;
  }
  auto normalizer = Normalizer::Create();
  ClassifierOptions co;
  if (!state.lexicon_dir.empty()) co.lexicon_dir = state.lexicon_dir;
  auto classifier = Classifier::Create(co);
  if (!normalizer.ok() || !classifier.ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command,
                 (normalizer.ok() ? classifier.status() : normalizer.status()).message().c_str());
    return kExitInput;
  }
  const bool tty = ::isatty(2);
  const uint64_t total = TotalSize(state.input.files);
  const auto t0 = std::chrono::steady_clock::now();
  auto last_report = t0;
  const int threads =
      state.threads > 0 ? state.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
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
      if (batch.size() >= static_cast<size_t>(g_store.batch)) {
        if (Status st = flush(); !st.ok()) return st;
      }
    }
    posts_done += chunk.posts;
    if (tty) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_report > std::chrono::milliseconds(500)) {
        last_report = now;
        const double secs = std::chrono::duration<double>(now - t0).count();
        const uint64_t bytes = chunk.bytes_read;
        const double mbs = bytes / secs / 1e6;
        std::string eta = "?";
        if (total > bytes && mbs > 0) eta = std::to_string(static_cast<int>((total - bytes) / 1e6 / mbs)) + " s";
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
  std::fprintf(stderr, "bengle %s: %llu new posts stored, %llu already in the store (%.1f s, %.0f posts/s)\n", command,
               static_cast<unsigned long long>(applied.posts_new),
               static_cast<unsigned long long>(applied.posts_duplicate), secs,
               secs > 0 ? (*reader)->stats().posts / secs : 0.0);
  return FinishReading(command, **reader);
}

bool ParseRange(const char* command, const CommandState& state, UnixMillis* from, UnixMillis* to) {
  *from = *to = 0;
  for (auto [text, out] : {std::pair{&g_store.from, from}, std::pair{&g_store.to, to}}) {
    if (text->empty()) continue;
    Result<UnixMillis> t = ParseTime(*text, OffsetMinutes(state));
    if (!t.ok()) {
      std::fprintf(stderr, "bengle %s: %s\n", command, t.status().message().c_str());
      return false;
    }
    *out = *t;
  }
  return true;
}

// [{"name":...,"share":0.71},...]
void AppendCategories(const std::vector<CategoryShare>& cats, std::string* b) {
  char num[64];
  b->push_back('[');
  for (size_t k = 0; k < cats.size(); ++k) {
    if (k) b->push_back(',');
    *b += "{\"name\":";
    AppendJsonString(cats[k].name, b);
    std::snprintf(num, sizeof num, ",\"share\":%.2f}", cats[k].share);
    *b += num;
  }
  b->push_back(']');
}

std::string IncidentsJson(const std::vector<Incident>& incidents, int offset) {
  std::string b = "[";
  char num[64];
  for (size_t i = 0; i < incidents.size(); ++i) {
    const Incident& x = incidents[i];
    if (i) b += ",\n ";
    b += "{\"service\":";
    AppendJsonString(x.service, &b);
    b += ",\"services\":";
    AppendJsonArray(x.services, &b);
    b += ",\"start\":\"" + FormatTime(x.start, offset) + "\",\"peak\":\"" + FormatTime(x.peak, offset) +
         "\",\"end\":\"" + FormatTime(x.end, offset) + "\"";
    std::snprintf(num, sizeof num, ",\"peak_count\":%lld,\"baseline\":%.2f,\"score\":%.1f",
                  static_cast<long long>(x.peak_count), x.baseline, std::min(x.score, 999.9));
    b += num;
    b += ",\"categories\":";
    AppendCategories(x.categories, &b);
    b += ",\"hashtags\":";
    AppendJsonArray(x.hashtags, &b);
    b += ",\"sample_ids\":";
    AppendJsonArray(x.sample_ids, &b);
    std::snprintf(num, sizeof num, ",\"complaints\":%lld", static_cast<long long>(x.complaints));
    b += num;
    b += ",\"alarm\":\"" + FormatTime(x.alarm, offset) + "\"";
    b += std::string(",\"recovered\":") + (x.recovered ? "true" : "false");
    b += std::string(",\"open\":") + (x.open ? "true" : "false");
    b += ",\"parts\":[";
    for (size_t k = 0; k < x.parts.size(); ++k) {
      const ServicePart& p = x.parts[k];
      if (k) b += ',';
      b += "{\"service\":";
      AppendJsonString(p.service, &b);
      b += ",\"start\":\"" + FormatTime(p.start, offset) + "\",\"peak\":\"" + FormatTime(p.peak, offset) +
           "\",\"end\":\"" + FormatTime(p.end, offset) + "\"";
      std::snprintf(num, sizeof num, ",\"peak_count\":%lld,\"baseline\":%.2f,\"score\":%.1f,\"complaints\":%lld",
                    static_cast<long long>(p.peak_count), p.baseline, std::min(p.score, 999.9),
                    static_cast<long long>(p.complaints));
      b += num;
      b += ",\"categories\":";
      AppendCategories(p.categories, &b);
      b += "}";
    }
    b += "],\"cluster\":";
    AppendJsonArray(x.cluster, &b);
    b += ",\"emerging_terms\":[";
    for (size_t k = 0; k < x.emerging.size(); ++k) {
      if (k) b += ',';
      b += "{\"term\":";
      AppendJsonString(x.emerging[k].term, &b);
      std::snprintf(num, sizeof num, ",\"count\":%lld,\"expected\":%.2f}",
                    static_cast<long long>(x.emerging[k].count), x.emerging[k].expected);
      b += num;
    }
    b += "],\"unrelated_hashtags\":";
    AppendJsonArray(x.unrelated, &b);
    b += "}";
  }
  b += "]\n";
  return b;
}

std::string Clock(UnixMillis t, int offset) {
  const std::string s = FormatTime(t, offset);  // 2021-10-18T09:40:00+08:00
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

std::string IncidentsText(const std::vector<Incident>& incidents, int offset) {
  if (incidents.empty()) return "No incidents.\n";
  std::string b;
  char line[512];
  const std::string zone = FormatTime(0, offset).substr(19);
  b += std::to_string(incidents.size()) + (incidents.size() == 1 ? " incident" : " incidents") + " (times UTC" +
       zone + ")\n";
  for (const Incident& x : incidents) {
    std::string services;
    for (const auto& s : x.services) services += (services.empty() ? "" : " + ") + s;
    const std::string end = Clock(x.end, offset);
    const std::string start = Clock(x.start, offset);
    b += "\n" + services + "  " + start + " – " + (end.substr(0, 10) == start.substr(0, 10) ? end.substr(11) : end) +
         (x.open ? " (still going)" : "") + "\n";
    std::snprintf(line, sizeof line,
                  "  peak %s: %lld complaining users in 5 min vs %.*f normal (x%.0f), %lld complaints in all\n",
                  Clock(x.peak, offset).substr(11).c_str(), static_cast<long long>(x.peak_count),
                  x.baseline < 1 ? 2 : 1, x.baseline,
                  x.peak_count / std::max(x.baseline, 0.01), static_cast<long long>(x.complaints));
    b += line;
    if (!x.categories.empty()) {
      b += "  symptoms:";
      for (size_t k = 0; k < x.categories.size() && k < 3; ++k) {
        std::snprintf(line, sizeof line, "%s %s %.0f%%", k ? "," : "", x.categories[k].name.c_str(),
                      100 * x.categories[k].share);
        b += line;
      }
      b += "\n";
    }
    if (!x.hashtags.empty()) {
      b += "  hashtags:";
      for (const auto& h : x.hashtags) b += " #" + h + "#";
      b += "\n";
    }
    for (size_t k = 0; k < x.sample_texts.size() && k < 2; ++k) {
      std::string t = x.sample_texts[k];
      for (char& c : t) {
        if (c == '\n') c = ' ';
      }
      b += (k ? "         " : "  posts: ") + std::string("\"") + t + "\" (id " + x.sample_ids[k] + ")\n";
    }
    if (x.parts.size() > 1) {
      for (const ServicePart& p : x.parts) {
        std::snprintf(line, sizeof line, "  %s: %s – %s, %lld complaints", p.service.c_str(),
                      Clock(p.start, offset).substr(11).c_str(), Clock(p.end, offset).substr(11).c_str(),
                      static_cast<long long>(p.complaints));
        b += line;
        for (size_t k = 0; k < p.categories.size() && k < 3; ++k) {
          std::snprintf(line, sizeof line, "%s %s %.0f%%", k ? "," : ";", p.categories[k].name.c_str(),
                        100 * p.categories[k].share);
          b += line;
        }
        b += "\n";
      }
    }
    if (!x.emerging.empty()) {
      b += "  emerging terms:";
      for (const EmergingTerm& e : x.emerging) {
        std::snprintf(line, sizeof line, " %s (%lld)", e.term.c_str(), static_cast<long long>(e.count));
        b += line;
      }
      b += "\n";
    }
    if (!x.unrelated.empty()) {
      b += "  at the same time, unrelated:";
      for (const auto& h : x.unrelated) b += " " + h;
      b += "\n";
    }
    if (x.recovered) b += "  ended with recovery posts\n";
  }
  return b;
}

int Detect(const char* command, CommandState& state, BaselineStore& store, const std::string& format) {
  UnixMillis from = 0, to = 0;
  if (!ParseRange(command, state, &from, &to)) return kExitUsage;
  // A missing end of the range is the store's own end, so the range is always
  // explicit and the incidents found are always kept in the store.
  if (from == 0 || to == 0) {
    UnixMillis first = 0, last = 0;
    if (!store.TimeRange(&first, &last).ok()) return kExitInput;
    if (from == 0) from = first;
    if (to == 0) to = last + store.bucket_ms();
  }
  std::vector<Incident> incidents;
  DetectorOptions dopt;
  dopt.bucket_ms = store.bucket_ms();
  Status st = DetectFromStore(store, from, to, dopt, &incidents);
  if (!st.ok()) {
    std::fprintf(stderr, "bengle %s: %s\n", command, st.ToString().c_str());
    return kExitInput;
  }
  if (Status saved = store.SaveIncidents(from, to, incidents); !saved.ok()) {
    std::fprintf(stderr, "bengle %s: incidents not kept: %s\n", command, saved.ToString().c_str());
  }
  const int offset = OffsetMinutes(state);
  if (!g_store.html.empty()) {
    ReportOptions ro;
    ro.utc_offset_minutes = offset;
    ro.detector = dopt;
    std::string html;
    if (Status r = WriteHtmlReport(store, incidents, ro, &html); !r.ok()) {
      std::fprintf(stderr, "bengle %s: %s\n", command, r.ToString().c_str());
      return kExitInput;
    }
    std::FILE* f = std::fopen(g_store.html.c_str(), "wb");
    const bool written = f != nullptr && std::fwrite(html.data(), 1, html.size(), f) == html.size();
    if (f != nullptr && std::fclose(f) != 0) f = nullptr;
    if (!written || f == nullptr) {
      std::fprintf(stderr, "bengle %s: cannot write %s\n", command, g_store.html.c_str());
      return kExitInput;
    }
    std::fprintf(stderr, "bengle %s: wrote %s (%zu incidents, %.1f KB)\n", command, g_store.html.c_str(),
                 incidents.size(), html.size() / 1024.0);
    if (format.empty()) return kExitOk;
  }
  const std::string out = format == "json" ? IncidentsJson(incidents, offset) : IncidentsText(incidents, offset);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterStoreCommands(CLI::App& root, CommandState& state) {
  CLI::App* ingest = root.add_subcommand("ingest", "Classify posts and add them to the SQLite store");
  state.input.Register(ingest);
  ingest->add_option("--db", g_store.db, "SQLite store (created when missing)")->required();
  ingest->add_option("--lexicon", state.lexicon_dir, "Folder of classifier lexicon files");
  ingest->add_option("--batch", g_store.batch, "Posts per transaction")->capture_default_str();
  AddThreadsOption(ingest, state);
  ingest->callback([&state] {
    auto store = OpenStore("ingest", false);
    state.exit_code = store.ok() ? Ingest("ingest", state, **store) : kExitInput;
  });

  CLI::App* detect = root.add_subcommand("detect", "Find incidents in the store");
  detect->add_option("--db", g_store.db, "SQLite store")->required();
  detect->add_option("--from", g_store.from, "Start of the range (a time as in the input)");
  detect->add_option("--to", g_store.to, "End of the range");
  detect->add_option("--format", g_store.format, "json or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  detect->add_option("--tz", state.input.tz, "UTC offset for times shown and read")->capture_default_str();
  detect->callback([&state] {
    auto store = OpenStore("detect", false);
    state.exit_code = store.ok() ? Detect("detect", state, **store, g_store.format) : kExitInput;
  });

  CLI::App* report = root.add_subcommand("report", "Write a self-contained HTML report of the store's incidents");
  report->add_option("--db", g_store.db, "SQLite store")->required();
  report->add_option("--html", g_store.html, "HTML file to write")->required();
  report->add_option("--from", g_store.from, "Start of the range (a time as in the input)");
  report->add_option("--to", g_store.to, "End of the range");
  report->add_option("--tz", state.input.tz, "UTC offset for times shown and read")->capture_default_str();
  report->callback([&state] {
    auto store = OpenStore("report", false);
    state.exit_code = store.ok() ? Detect("report", state, **store, "") : kExitInput;
  });

  CLI::App* analyze = root.add_subcommand("analyze", "Ingest posts, then report the incidents (the main job)");
  state.input.Register(analyze);
  analyze->add_option("--db", g_store.db, "SQLite store (created when missing)")->required();
  analyze->add_option("--lexicon", state.lexicon_dir, "Folder of classifier lexicon files");
  analyze->add_option("--html", g_store.html, "Also write the HTML report to this file");
  AddThreadsOption(analyze, state);
  analyze->add_option("--report", g_store.format, "Report format: text or json")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  analyze->callback([&state] {
    auto store = OpenStore("analyze", false);
    if (!store.ok()) {
      state.exit_code = kExitInput;
      return;
    }
    int rc = Ingest("analyze", state, **store);
    if (rc == kExitUsage) {
      state.exit_code = rc;
      return;
    }
    const int drc = Detect("analyze", state, **store, g_store.format);
    state.exit_code = rc != kExitOk ? rc : drc;
  });
}

}  // namespace bengle::cli
