// The Python extension module bengle._bengle (pybind11). The package around
// it (python/bengle/__init__.py) turns its plain results into pandas objects;
// this file stays with lists, dicts and bytes.
//
// Errors: a Status that is not OK becomes a Python exception with its message
// (ValueError, FileNotFoundError, OSError, bengle.CorruptionError, RuntimeError;
// see RaiseStatus()). Calls that read, classify or write many posts release
// the GIL and run on the library's own threads.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bengle/aggregate.h"
#include "bengle/analysis.h"
#include "bengle/classify.h"
#include "bengle/data_dir.h"
#include "bengle/detect.h"
#include "bengle/incident.h"
#include "bengle/ingest.h"
#include "bengle/normalize.h"
#include "bengle/pipeline.h"
#include "bengle/report.h"
#include "bengle/segment.h"
#include "bengle/store.h"
#include "bengle/time.h"

namespace py = pybind11;

namespace bengle::python {
namespace {

PyObject* g_corruption_error = nullptr;  // bengle.CorruptionError (an OSError)

[[noreturn]] void RaiseStatus(const Status& s) {
  PyObject* type = PyExc_RuntimeError;
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      type = PyExc_ValueError;
      break;
    case Status::Code::kNotFound:
      type = PyExc_FileNotFoundError;
      break;
    case Status::Code::kIOError:
      type = PyExc_OSError;
      break;
    case Status::Code::kCorruption:
      type = g_corruption_error != nullptr ? g_corruption_error : PyExc_OSError;
      break;
    default:
      break;
  }
  PyErr_SetString(type, s.message().c_str());
  throw py::error_already_set();
}
void Check(const Status& s) {
  if (!s.ok()) RaiseStatus(s);
}
template <typename T>
T Take(Result<T> r) {
  if (!r.ok()) RaiseStatus(r.status());
  return std::move(*r);
}

int Threads(int threads) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0 = one per core)");
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

TimeZone Zone(const std::string& tz) { return Take(TimeZone::Parse(tz)); }

// Python str objects for the few strings every row repeats (service ids and
// names, categories, causes), made once per call.
class StrCache {
 public:
  py::object Get(const std::string& s) {
    auto it = cache_.find(s);
    if (it != cache_.end()) return it->second;
    py::str v(s);
    cache_.emplace(s, v);
    return v;
  }

 private:
  std::unordered_map<std::string, py::object> cache_;
};

py::list StrList(const std::vector<std::string>& v, StrCache* cache) {
  py::list out(v.size());
  for (size_t i = 0; i < v.size(); ++i) out[i] = cache ? cache->Get(v[i]) : py::str(v[i]);
  return out;
}

// ---------------------------------------------------------------------------
// normalize, segment

struct Shared {
  std::mutex mu;
  std::shared_ptr<const Normalizer> normalizer;
  std::shared_ptr<const Segmenter> segmenter;
};
Shared& Defaults() {
  static Shared* s = new Shared;  // never destroyed: outlives interpreter teardown
  return *s;
}
std::shared_ptr<const Normalizer> DefaultNormalizer() {
  Shared& d = Defaults();
  std::lock_guard<std::mutex> lock(d.mu);
  if (!d.normalizer) d.normalizer = std::shared_ptr<const Normalizer>(Take(Normalizer::Create()));
  return d.normalizer;
}
std::shared_ptr<const Segmenter> DefaultSegmenter() {
  Shared& d = Defaults();
  std::lock_guard<std::mutex> lock(d.mu);
  if (!d.segmenter) d.segmenter = std::shared_ptr<const Segmenter>(Take(Segmenter::Create()));
  return d.segmenter;
}

py::list Entities(const std::vector<Entity>& v) {
  py::list out;
  for (const Entity& e : v) out.append(py::str(e.value));
  return out;
}

py::object Normalize(const std::string& text, bool details) {
  NormalizedText n;
  Check(DefaultNormalizer()->Normalize(text, &n));
  if (!details) return py::str(n.text);
  py::dict d;
  d["text"] = n.text;
  d["own_text"] = n.own_text;
  d["default_repost"] = n.default_repost;
  py::list tags;
  std::vector<std::string_view> seen;
  for (const Hashtag& h : n.hashtags) {
    if (std::find(seen.begin(), seen.end(), h.name) != seen.end()) continue;
    seen.push_back(h.name);
    tags.append(py::str(h.name));
  }
  d["hashtags"] = tags;
  py::list quoted;
  for (const QuotedSegment& q : n.quoted) {
    py::dict e;
    e["author"] = q.author;
    e["text"] = q.text;
    quoted.append(e);
  }
  d["quoted"] = quoted;
  d["mentions"] = Entities(n.mentions);
  d["urls"] = Entities(n.urls);
  d["emoticons"] = Entities(n.emoticons);
  d["emoji"] = Entities(n.emoji);
  return d;
}

std::vector<std::string> Segment(const std::string& text) {
  std::shared_ptr<const Segmenter> s = DefaultSegmenter();
  py::gil_scoped_release release;
  return s->Words(text);
}

// ---------------------------------------------------------------------------
// classify

// UTF-8 views of a list of str (valid while `owner` lives). TypeError names
// the first item that is not a str.
std::vector<std::string_view> Utf8Views(const py::list& items, const char* what, bool allow_none) {
  std::vector<std::string_view> out(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    PyObject* o = PyList_GET_ITEM(items.ptr(), static_cast<Py_ssize_t>(i));
    if (allow_none && o == Py_None) continue;
    if (!PyUnicode_Check(o)) {
      throw py::type_error(std::string(what) + "[" + std::to_string(i) + "] is " + Py_TYPE(o)->tp_name +
                           ", not str");
    }
    Py_ssize_t len = 0;
    const char* p = PyUnicode_AsUTF8AndSize(o, &len);
    if (p == nullptr) throw py::error_already_set();  // lone surrogates
    out[i] = std::string_view(p, static_cast<size_t>(len));
  }
  return out;
}

// A category score as `bengle classify` prints it (%.2f), so that both
// give the same value.
double Score2(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return std::strtod(buf, nullptr);
}

struct Row {
  Classification cls;
  std::vector<std::string> hashtags;  // distinct, in text order
  bool ok = true;
  std::string error;
};

class PyClassifier {
 public:
  PyClassifier(const std::string& lexicon_dir, const std::string& catalogue) {
    ClassifierOptions o;
    if (!lexicon_dir.empty()) o.lexicon_dir = lexicon_dir;
    if (!catalogue.empty()) o.catalogue = catalogue;
    std::unique_ptr<Classifier> c;
    {
      py::gil_scoped_release release;
      Result<std::unique_ptr<Classifier>> r = Classifier::Create(o);
      if (r.ok()) c = std::move(*r);
      else {
        py::gil_scoped_acquire acquire;
        RaiseStatus(r.status());
      }
    }
    classifier_ = std::move(c);
    normalizer_ = DefaultNormalizer();
  }

  size_t rules() const { return classifier_->rules(); }

  // Classifies texts[i] (posted by users[i] when given) on `threads` threads
  // without the GIL. Returns the columns: services, service_names,
  // categories, complaint, negated, recovery, official, hashtags, causes.
  py::dict Columns(const py::list& texts, const py::object& users, int threads) {
    const py::list own_texts(texts);  // keeps the str objects alive while the GIL is released
    const std::vector<std::string_view> views = Utf8Views(own_texts, "texts", false);
    py::list own_users;
    std::vector<std::string_view> authors;
    if (!users.is_none()) {
      own_users = py::list(users);
      if (own_users.size() != own_texts.size()) throw py::value_error("users must be as long as texts");
      authors = Utf8Views(own_users, "users", true);
    }
    const size_t n = views.size();
    std::vector<Row> rows(n);
    const size_t workers = std::min<size_t>(static_cast<size_t>(Threads(threads)), std::max<size_t>(1, n / 512));
    {
      py::gil_scoped_release release;
      std::atomic<size_t> next{0};
      constexpr size_t kChunk = 256;
      auto work = [&] {
        NormalizedText norm;
        for (;;) {
          const size_t begin = next.fetch_add(kChunk);
          if (begin >= n) return;
          for (size_t i = begin; i < std::min(n, begin + kChunk); ++i) {
            Row& r = rows[i];
            Status st = normalizer_->Normalize(views[i], &norm);
            if (!st.ok()) {
              r.ok = false;
              r.error = st.message();
              continue;
            }
            classifier_->Classify(norm, &r.cls, authors.empty() ? std::string_view() : authors[i]);
            for (const Hashtag& h : norm.hashtags) {
              if (std::find(r.hashtags.begin(), r.hashtags.end(), h.name) == r.hashtags.end()) {
                r.hashtags.push_back(h.name);
              }
            }
          }
        }
      };
      std::vector<std::thread> pool;
      for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
      work();
      for (std::thread& t : pool) t.join();
    }
    for (size_t i = 0; i < n; ++i) {
      if (!rows[i].ok) throw py::value_error("texts[" + std::to_string(i) + "]: " + rows[i].error);
    }
    StrCache cache;
    py::list services(n), names(n), categories(n), complaint(n), negated(n), recovery(n), official(n), hashtags(n),
        causes(n);
    const py::object t = py::bool_(true), f = py::bool_(false);
    for (size_t i = 0; i < n; ++i) {
      const Classification& c = rows[i].cls;
      services[i] = StrList(c.services, &cache);
      names[i] = StrList(c.service_names, &cache);
      py::list cats(c.categories.size());
      for (size_t k = 0; k < c.categories.size(); ++k) {
        py::dict e;
        e["name"] = cache.Get(c.categories[k].name);
        e["score"] = Score2(c.categories[k].score);
        cats[k] = std::move(e);
      }
      categories[i] = std::move(cats);
      complaint[i] = c.complaint ? t : f;
      negated[i] = c.negated ? t : f;
      recovery[i] = c.recovery ? t : f;
      official[i] = c.official ? t : f;
      hashtags[i] = StrList(rows[i].hashtags, nullptr);
      causes[i] = StrList(c.causes, &cache);
    }
    py::dict out;
    out["services"] = services;
    out["service_names"] = names;
    out["categories"] = categories;
    out["complaint"] = complaint;
    out["negated"] = negated;
    out["recovery"] = recovery;
    out["official"] = official;
    out["hashtags"] = hashtags;
    out["causes"] = causes;
    return out;
  }

  const Classifier& classifier() const { return *classifier_; }
  const Normalizer& normalizer() const { return *normalizer_; }

 private:
  std::shared_ptr<const Classifier> classifier_;
  std::shared_ptr<const Normalizer> normalizer_;
};

// ---------------------------------------------------------------------------
// reading posts into a store or a partial aggregate

struct ReadReport {
  uint64_t posts_read = 0;
  uint64_t bad_records = 0;
  std::vector<std::string> messages;  // "file:line: reason", the first kMaxMessages
  static constexpr size_t kMaxMessages = 100;

  void Note(const ReadIssue& issue) {
    if (messages.size() < kMaxMessages) messages.push_back(issue.ToString());
  }
  void Add(const PostReader& r) {
    posts_read += r.stats().posts;
    bad_records += r.stats().skipped();
  }
  py::dict ToDict() const {
    py::dict d;
    d["posts_read"] = posts_read;
    d["bad_records"] = bad_records;
    d["messages"] = messages;
    return d;
  }
};

using Columns = std::vector<std::pair<std::string, std::string>>;  // CSV: field -> header name

ReadOptions MakeReadOptions(ReadReport* report, const std::string& tz, const Columns& columns) {
  ReadOptions ro;
  ro.csv_columns = columns;
  ro.skip_duplicate_ids = false;  // the store (or the partial) skips repeats itself
  ro.zone = Zone(tz);
  ro.on_bad_record = [report](const ReadIssue& issue) { report->Note(issue); };
  return ro;
}

// Reads a [start, end) byte range of a JSON Lines / CSV file: the lines that
// begin in it (the line that crosses `end` is read to its end; a range that
// starts inside a line skips to the next). end < 0: to the end of the file.
Status ReadRange(const std::string& path, int64_t start, int64_t end, std::string* out) {
  out->clear();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return errno == ENOENT ? Status::NotFound(path + ": no such file") : Status::IOError(path + ": " + std::strerror(errno));
  }
  struct Closer {
    std::FILE* f;
    ~Closer() { std::fclose(f); }
  } closer{f};
  int64_t pos = start > 0 ? start - 1 : 0;
  if (std::fseek(f, pos, SEEK_SET) != 0) return Status::IOError(path + ": cannot seek");
  if (start > 0) {  // skip the rest of the line that began before `start`
    int c;
    while ((c = std::getc(f)) != EOF) {
      ++pos;
      if (c == '\n') break;
    }
    if (c == EOF) return Status::OK();
  }
  std::string buf(1 << 16, '\0');
  for (;;) {
    if (end >= 0 && pos >= end) {
      // A line begins at `pos`, past the end: it is the next range's (so is
      // the first one, when the line skipped above ran past the end). Else
      // finish the line that crosses the end.
      if (out->empty() || out->back() == '\n') break;
      int c;
      while ((c = std::getc(f)) != EOF) {
        out->push_back(static_cast<char>(c));
        if (c == '\n') break;
      }
      break;
    }
    size_t want = buf.size();
    if (end >= 0) want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(want), end - pos));
    const size_t got = std::fread(buf.data(), 1, want, f);
    if (got == 0) break;
    out->append(buf.data(), got);
    pos += static_cast<int64_t>(got);
  }
  if (std::ferror(f)) return Status::IOError(path + ": read error");
  return Status::OK();
}

// Runs `reader` through normalize + classify + aggregate on `threads`
// threads; `sink` gets the chunks in input order (on this thread).
Status RunReader(PostReader& reader, const PyClassifier& c, int threads,
                 const std::function<Status(PipelineChunk&)>& sink) {
  PipelineStages stages{.normalizer = &c.normalizer(), .classifier = &c.classifier()};
  stages.sink = sink;
  Status st = RunPipeline(reader, stages, PipelineOptions{.threads = threads});
  if (st.ok()) st = reader.status();
  return st;
}

// ---------------------------------------------------------------------------
// partial aggregates (the distributed path, bengle.dask)

// Reads the posts `open` gives through normalize + classify + aggregate on
// `threads` threads into a partial aggregate of `partition`. Returns its
// bytes and the read report.
py::tuple Aggregate(PyClassifier& c, const std::function<Result<std::unique_ptr<PostReader>>(const ReadOptions&)>& open,
                    uint64_t partition, const std::string& tz, int threads, int bucket_minutes,
                    const Columns& columns) {
  if (bucket_minutes <= 0) throw py::value_error("bucket_minutes must be > 0");
  ReadReport report;
  std::string bytes;
  PartialAggregate partial(AggregateOptions{.bucket_ms = int64_t{bucket_minutes} * kMinuteMs});
  const ReadOptions ro = MakeReadOptions(&report, tz, columns);  // raises: with the GIL
  Status st;
  {
    py::gil_scoped_release release;
    Result<std::unique_ptr<PostReader>> reader = open(ro);
    st = reader.status();
    if (st.ok()) {
      st = RunReader(**reader, c, threads, [&](PipelineChunk& chunk) { return partial.Add(partition, chunk.batch); });
      report.Add(**reader);
    }
    if (st.ok()) bytes = partial.Serialize();
  }
  Check(st);
  return py::make_tuple(py::bytes(bytes), report.ToDict());
}

// Aggregates one partition: a whole file (start 0, end -1; gzip allowed) or
// a byte range of a plain JSON Lines file, with `threads` threads.
py::tuple AggregatePartition(PyClassifier& c, const std::string& path, int64_t start, int64_t end,
                             uint64_t partition, const std::string& tz, int threads, int bucket_minutes,
                             const Columns& columns) {
  auto open = [&](const ReadOptions& ro) -> Result<std::unique_ptr<PostReader>> {
    if (start == 0 && end < 0) return PostReader::Open({path}, ro);
    std::string content;
    if (Status st = ReadRange(path, start, end, &content); !st.ok()) return st;
    return PostReader::FromString(
        path + "[bytes " + std::to_string(start) + "-" + (end < 0 ? std::string() : std::to_string(end)) + "]",
        std::move(content), ro);
  };
  return Aggregate(c, open, partition, tz, threads, bucket_minutes, columns);
}

// Aggregates one in-memory JSON Lines document (a partition of a bag of
// post dicts) on one thread.
py::tuple AggregateText(PyClassifier& c, const std::string& name, std::string content, uint64_t partition,
                        const std::string& tz, int bucket_minutes) {
  auto open = [&](const ReadOptions& ro) { return PostReader::FromString(name, std::move(content), ro); };
  return Aggregate(c, open, partition, tz, 1, bucket_minutes, Columns());
}

// ---------------------------------------------------------------------------
// the store

class PyStore {
 public:
  PyStore(const std::string& path, int bucket_minutes, bool read_only) : path_(path) {
    if (bucket_minutes <= 0) throw py::value_error("bucket_minutes must be > 0");
    StoreOptions so;
    so.bucket_ms = int64_t{bucket_minutes} * kMinuteMs;
    so.read_only = read_only;
    store_ = Take(BaselineStore::OpenSqlite(path, so));
  }

  BaselineStore& store() {
    if (!store_) throw py::value_error(path_ + ": store is closed");
    return *store_;
  }
  void Close() { store_.reset(); }
  int64_t bucket_ms() { return store().bucket_ms(); }

  // Ingests files (paths) or an in-memory JSON Lines / CSV document (`content`
  // with its `name`), like `bengle ingest`.
  py::dict Ingest(PyClassifier& c, const std::vector<std::string>& paths, const py::object& content,
                  const std::string& name, const std::string& tz, int threads, int batch_posts,
                  const Columns& columns) {
    BaselineStore& s = store();
    if (batch_posts < 1) throw py::value_error("batch must be >= 1");
    ReadReport report;
    ApplyStats applied;
    std::string text;
    const bool in_memory = !content.is_none();
    if (in_memory) text = content.cast<std::string>();
    const int t = Threads(threads);
    const ReadOptions ro = MakeReadOptions(&report, tz, columns);  // raises: with the GIL
    Status st;
    {
      py::gil_scoped_release release;
      Result<std::unique_ptr<PostReader>> reader =
          in_memory ? PostReader::FromString(name, std::move(text), ro) : PostReader::Open(paths, ro);
      if (!reader.ok()) {
        st = reader.status();
      } else {
        BatchApplier applier(s, t > 1);
        PostBatch batch;
        st = RunReader(**reader, c, t, [&](PipelineChunk& chunk) -> Status {
          for (AggregatedPost& p : chunk.batch.mutable_posts()) {
            batch.Add(std::move(p));
            if (batch.size() >= static_cast<size_t>(batch_posts)) {
              if (Status f = applier.Submit(&batch); !f.ok()) return f;
            }
          }
          return Status::OK();
        });
        if (st.ok()) st = applier.Submit(&batch);
        if (Status fin = applier.Finish(); st.ok()) st = fin;
        applied = applier.stats();
        report.Add(**reader);
      }
    }
    Check(st);
    py::dict d = report.ToDict();
    d["posts_new"] = applied.posts_new;
    d["posts_duplicate"] = applied.posts_duplicate;
    return d;
  }

  py::dict ApplyPartial(const PartialAggregate& p) {
    BaselineStore& s = store();
    ApplyStats stats;
    Status st;
    {
      py::gil_scoped_release release;
      st = s.ApplyPartial(p, &stats);
    }
    Check(st);
    py::dict d;
    d["posts_new"] = stats.posts_new;
    d["posts_duplicate"] = stats.posts_duplicate;
    return d;
  }

  // The range [from, to) a command means: missing ends are the store's.
  void Range(const std::string& start, const std::string& end, const TimeZone& zone, UnixMillis* from,
             UnixMillis* to) {
    *from = *to = 0;
    for (auto [text, out] : {std::pair{&start, from}, std::pair{&end, to}}) {
      if (text->empty()) continue;
      // A date alone ("2023-03-01") is its first minute, as the CLI reads it.
      const bool date_only = text->size() == 10 && (*text)[4] == (*text)[7] && ((*text)[4] == '-' || (*text)[4] == '/');
      *out = Take(ParseTime(date_only ? *text + " 00:00:00" : *text, zone));
    }
    if (*from == 0 || *to == 0) {
      UnixMillis first = 0, last = 0;
      Check(store().TimeRange(&first, &last));
      if (first == 0 && last == 0) {  // an empty store: an empty range
        if (*to == 0) *to = *from;
        if (*from == 0) *from = *to;
        return;
      }
      if (*from == 0) *from = first;
      if (*to == 0) *to = last + store().bucket_ms();
    }
  }

  Analysis Analyse(UnixMillis from, UnixMillis to, const TimeZone& zone,
                   const std::function<void(std::string_view, UnixMillis, double)>& on_bucket = {}) {
    AnalysisOptions ao;
    ao.detector.bucket_ms = store().bucket_ms();
    ao.detector.utc_offset_minutes = zone.OffsetAt(from);
    ao.on_bucket = on_bucket;
    Analysis analysis;
    Status st;
    {
      py::gil_scoped_release release;
      st = Analyze(store(), from, to, ao, &analysis);
    }
    Check(st);
    return analysis;
  }

  // `bengle detect --format json`: the incidents as the JSON array, kept in the store.
  std::string Detect(const std::string& start, const std::string& end, const std::string& tz) {
    const TimeZone zone = Zone(tz);
    UnixMillis from, to;
    Range(start, end, zone, &from, &to);
    Analysis analysis = Analyse(from, to, zone);
    if (Status saved = store().SaveIncidents(from, to, analysis.incidents); !saved.ok()) {
      PyErr_WarnEx(PyExc_RuntimeWarning, ("incidents not kept: " + saved.message()).c_str(), 1);
    }
    IncidentJsonOptions jo;
    jo.zone = zone;
    return IncidentsToJson(analysis.incidents, jo);
  }

  // One series' buckets with the detector's expected count (for services).
  py::dict Series(const std::string& key_or_service, const std::string& start, const std::string& end,
                  const std::string& tz) {
    const TimeZone zone = Zone(tz);
    UnixMillis from, to;
    Range(start, end, zone, &from, &to);
    const bool is_key = key_or_service == "all" || key_or_service.find(':') != std::string::npos;
    const std::string key = is_key ? key_or_service : "svc:" + key_or_service;
    std::vector<SeriesPoint> points;
    Check(store().ReadSeries(key, from, to, &points));
    std::unordered_map<UnixMillis, double> expected;
    const bool service = key.starts_with("svc:");
    if (service) {
      const std::string id = key.substr(4);
      Analyse(from, to, zone, [&](std::string_view svc, UnixMillis bucket, double e) {
        if (svc == id && bucket >= from && bucket < to) expected[bucket] = e;
      });
    }
    // Every bucket of the range, stored or empty (a count of zero is a count).
    const int64_t b = store().bucket_ms();
    const UnixMillis first = from - ((from % b) + b) % b;
    std::vector<int64_t> buckets, complaints, authors, mentions, recovery, official;
    std::vector<double> baseline;
    size_t k = 0;
    for (UnixMillis t = first; t < to; t += b) {
      while (k < points.size() && points[k].bucket < t) ++k;
      const BucketCounts c = k < points.size() && points[k].bucket == t ? points[k].counts : BucketCounts{};
      buckets.push_back(t);
      complaints.push_back(c.complaints);
      authors.push_back(c.authors);
      mentions.push_back(c.mentions);
      recovery.push_back(c.recovery);
      official.push_back(c.official);
      auto e = expected.find(t);
      baseline.push_back(e != expected.end() ? e->second : std::numeric_limits<double>::quiet_NaN());
    }
    py::dict d;
    d["bucket"] = buckets;
    d["complaints"] = complaints;
    d["authors"] = authors;
    d["mentions"] = mentions;
    d["recovery"] = recovery;
    d["official"] = official;
    d["baseline"] = baseline;
    d["key"] = key;
    return d;
  }

  size_t ReportHtml(const std::string& out_path, const std::string& start, const std::string& end,
                    const std::string& tz) {
    const TimeZone zone = Zone(tz);
    UnixMillis from, to;
    Range(start, end, zone, &from, &to);
    Analysis analysis = Analyse(from, to, zone);
    ReportOptions ro;
    ro.zone = zone;
    std::string html;
    Status st;
    {
      py::gil_scoped_release release;
      st = WriteHtmlReport(store(), analysis, ro, &html);
    }
    Check(st);
    std::FILE* f = std::fopen(out_path.c_str(), "wb");
    if (f == nullptr) {
      PyErr_SetFromErrnoWithFilename(PyExc_OSError, out_path.c_str());
      throw py::error_already_set();
    }
    const bool written = std::fwrite(html.data(), 1, html.size(), f) == html.size();
    if (std::fclose(f) != 0 || !written) Check(Status::IOError(out_path + ": cannot write"));
    return analysis.incidents.size();
  }

 private:
  std::string path_;
  std::unique_ptr<BaselineStore> store_;
};

// ---------------------------------------------------------------------------
// score_series

std::vector<double> ScoreSeries(const std::vector<int64_t>& times_ms, const std::vector<double>& values,
                                int bucket_minutes, const std::string& kind, const std::string& tz) {
  if (times_ms.size() != values.size()) throw py::value_error("times and values differ in length");
  if (bucket_minutes < 0) throw py::value_error("bucket_minutes must be >= 0 (0 = from the data)");
  SeriesOptions so;
  so.bucket_ms = int64_t{bucket_minutes} * kMinuteMs;
  so.detector.utc_offset_minutes = Zone(tz).OffsetAt(0);
  if (kind == "counts") so.kind = ValueKind::kCounts;
  else if (kind == "continuous") so.kind = ValueKind::kContinuous;
  else if (kind != "auto") throw py::value_error("kind must be 'auto', 'counts' or 'continuous', not '" + kind + "'");
  for (double v : values) {
    if (!std::isfinite(v)) throw py::value_error("values must be finite numbers (NaN or infinity found)");
  }
  std::vector<double> out(values.size());
  py::gil_scoped_release release;
  SeriesScorer scorer(so);
  for (size_t i = 0; i < values.size(); ++i) out[i] = scorer.Add(times_ms[i], values[i]);
  return out;
}

}  // namespace
}  // namespace bengle::python

PYBIND11_MODULE(_bengle, m) {
  using namespace bengle;
  using namespace bengle::python;
  m.doc() = "bengle's C++ core (use the bengle package, which wraps it in pandas objects)";
  static py::exception<std::runtime_error> corruption(m, "CorruptionError", PyExc_OSError);
  g_corruption_error = corruption.ptr();

  m.def("normalize", &Normalize, py::arg("text"), py::arg("details") = false);
  m.def("segment", &Segment, py::arg("text"));
  m.def("data_dir", &DefaultDataDir);

  py::class_<PyClassifier>(m, "Classifier")
      .def(py::init<const std::string&, const std::string&>(), py::arg("lexicon_dir") = "",
           py::arg("catalogue") = "")
      .def_property_readonly("rules", &PyClassifier::rules)
      .def("columns", &PyClassifier::Columns, py::arg("texts"), py::arg("users") = py::none(),
           py::arg("threads") = 0);

  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&, int, bool>(), py::arg("path"), py::arg("bucket_minutes") = 5,
           py::arg("read_only") = false)
      .def("close", &PyStore::Close)
      .def_property_readonly("bucket_ms", &PyStore::bucket_ms)
      .def("ingest", &PyStore::Ingest, py::arg("classifier"), py::arg("paths"), py::arg("content"),
           py::arg("name"), py::arg("tz"), py::arg("threads"), py::arg("batch"), py::arg("columns") = Columns())
      .def("apply_partial", &PyStore::ApplyPartial, py::arg("partial"))
      .def("detect", &PyStore::Detect, py::arg("start"), py::arg("end"), py::arg("tz"))
      .def("series", &PyStore::Series, py::arg("key"), py::arg("start"), py::arg("end"), py::arg("tz"))
      .def("report_html", &PyStore::ReportHtml, py::arg("path"), py::arg("start"), py::arg("end"), py::arg("tz"));

  py::class_<PartialAggregate>(m, "Partial",
                                "A partial aggregate (C++ PartialAggregate): what partitions of an archive add to a "
                                "store, per series and bucket the counts and the set of complaining authors. Merges "
                                "exactly, in any order or grouping; a partition merged twice counts once.")
      .def_static("from_bytes", [](const py::bytes& data) {
        std::string raw = data;
        std::optional<Result<PartialAggregate>> p;
        {
          py::gil_scoped_release release;
          p.emplace(PartialAggregate::Parse(raw));
        }
        return Take(std::move(*p));
      }, py::arg("data"), "Reads the bytes of to_bytes(); CorruptionError for anything else.")
      .def("to_bytes", [](const PartialAggregate& p) {
        std::string out;
        {
          py::gil_scoped_release release;
          out = p.Serialize();
        }
        return py::bytes(out);
      }, "The partial's compact binary form (equal contents give equal bytes).")
      .def("merge", [](PartialAggregate& p, const PartialAggregate& other) {
        Status st;
        {
          py::gil_scoped_release release;
          st = p.Merge(other);
        }
        Check(st);
      }, py::arg("other"),
           "Adds `other` into this one. ValueError (and no change) when they share some partitions but not all, or "
           "the same post in different partitions.")
      .def("merge_bytes", [](PartialAggregate& p, const py::bytes& data) {
        std::string raw = data;
        Status st;
        {
          py::gil_scoped_release release;
          Result<PartialAggregate> o = PartialAggregate::Parse(raw);
          st = o.ok() ? p.Merge(*o) : o.status();
        }
        Check(st);
      }, py::arg("data"), "merge(Partial.from_bytes(data)).")
      .def_property_readonly("partitions", [](const PartialAggregate& p) { return p.partitions(); })
      .def_property_readonly("posts", &PartialAggregate::posts)
      .def_property_readonly("duplicates", &PartialAggregate::duplicates)
      .def_property_readonly("bucket_ms", [](const PartialAggregate& p) { return p.options().bucket_ms; })
      .def("__eq__", [](const PartialAggregate& a, const PartialAggregate& b) { return a == b; });

  m.def("aggregate_partition", &AggregatePartition, py::arg("classifier"), py::arg("path"), py::arg("start"),
        py::arg("end"), py::arg("partition"), py::arg("tz") = "+08:00", py::arg("threads") = 1,
        py::arg("bucket_minutes") = 5, py::arg("columns") = Columns());
  m.def("aggregate_text", &AggregateText, py::arg("classifier"), py::arg("name"), py::arg("content"),
        py::arg("partition"), py::arg("tz") = "+08:00", py::arg("bucket_minutes") = 5);
  m.def("score_series", &ScoreSeries, py::arg("times_ms"), py::arg("values"), py::arg("bucket_minutes") = 0,
        py::arg("kind") = "auto", py::arg("tz") = "+08:00");
}
