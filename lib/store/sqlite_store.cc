#include <sqlite3.h>

#include <cstring>
#include <map>
#include <unordered_map>

#include "bengle/store.h"

namespace bengle {

BaselineStore::~BaselineStore() = default;

namespace {

constexpr int kSchemaVersion = 3;

// Each step moves the schema from version i to i + 1.
const char* const kMigrations[] = {
    // 0 -> 1
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE posts(h INTEGER PRIMARY KEY);"
    "CREATE TABLE series(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);"
    "CREATE TABLE counts(series INTEGER NOT NULL, bucket INTEGER NOT NULL, complaints INTEGER NOT NULL,"
    "  authors INTEGER NOT NULL, mentions INTEGER NOT NULL, recovery INTEGER NOT NULL, official INTEGER NOT NULL,"
    "  PRIMARY KEY(series, bucket)) WITHOUT ROWID;"
    "CREATE TABLE authors(series INTEGER NOT NULL, bucket INTEGER NOT NULL, author INTEGER NOT NULL,"
    "  PRIMARY KEY(series, bucket, author)) WITHOUT ROWID;"
    "CREATE TABLE samples(service TEXT NOT NULL, bucket INTEGER NOT NULL, id TEXT NOT NULL, author INTEGER NOT NULL,"
    "  category TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(service, bucket, id)) WITHOUT ROWID;"
    "CREATE TABLE incidents(start INTEGER NOT NULL, service TEXT NOT NULL, services TEXT NOT NULL,"
    "  peak INTEGER NOT NULL, end_ms INTEGER NOT NULL, alarm INTEGER NOT NULL, peak_count INTEGER NOT NULL,"
    "  baseline REAL NOT NULL, score REAL NOT NULL, complaints INTEGER NOT NULL, categories TEXT NOT NULL,"
    "  hashtags TEXT NOT NULL, sample_ids TEXT NOT NULL, sample_texts TEXT NOT NULL, recovered INTEGER NOT NULL,"
    "  open INTEGER NOT NULL);"
    "CREATE INDEX incidents_start ON incidents(start);",
    // 1 -> 2: keys that lead with the time bucket, so that ingesting an
    // archive writes time-local B-tree pages instead of random ones (a store of
    // tens of millions of posts kept ingesting at the speed of an empty one).
    // Version-1 post hashes carry no bucket; they stay in posts_v1 and are
    // still checked, so re-ingesting old posts changes nothing.
    "ALTER TABLE posts RENAME TO posts_v1;"
    "CREATE TABLE posts(bucket INTEGER NOT NULL, h INTEGER NOT NULL, PRIMARY KEY(bucket, h)) WITHOUT ROWID;"
    "CREATE TABLE authors2(bucket INTEGER NOT NULL, series INTEGER NOT NULL, author INTEGER NOT NULL,"
    "  PRIMARY KEY(bucket, series, author)) WITHOUT ROWID;"
    "INSERT INTO authors2 SELECT bucket, series, author FROM authors;"
    "DROP TABLE authors;"
    "ALTER TABLE authors2 RENAME TO authors;",
    // 2 -> 3: what clustering adds to an incident (per-service parts,
    // cluster, emerging terms, unrelated hashtags), encoded by EncodeExtra().
    "ALTER TABLE incidents ADD COLUMN extra TEXT NOT NULL DEFAULT '';",
};
static_assert(sizeof kMigrations / sizeof *kMigrations == kSchemaVersion);

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += '\x1f';
    s += v[i];
  }
  return s;
}
std::vector<std::string> Split(std::string_view s, char sep = '\x1f') {
  std::vector<std::string> v;
  if (s.empty()) return v;
  size_t pos = 0;
  for (;;) {
    size_t n = s.find(sep, pos);
    v.emplace_back(s.substr(pos, n == std::string_view::npos ? std::string_view::npos : n - pos));
    if (n == std::string_view::npos) break;
    pos = n + 1;
  }
  return v;
}

// The extra column: four sections (parts, cluster, emerging, unrelated)
// separated by \x1e, items by \x1f, fields of an item by \x1d, categories of a
// part by \x1c. Texts never hold these control characters (the normalizer
// drops them).
std::string EncodeExtra(const Incident& i) {
  std::string b;
  for (size_t k = 0; k < i.parts.size(); ++k) {
    const ServicePart& p = i.parts[k];
    if (k) b += '\x1f';
    b += p.service;
    for (int64_t v : {p.start, p.peak, p.end, p.peak_count, p.complaints}) b += '\x1d' + std::to_string(v);
    b += '\x1d' + std::to_string(p.baseline) + '\x1d' + std::to_string(p.score) + '\x1d';
    for (size_t c = 0; c < p.categories.size(); ++c) {
      if (c) b += '\x1c';
      b += p.categories[c].name + "=" + std::to_string(p.categories[c].share);
    }
  }
  b += '\x1e';
  b += Join(i.cluster);
  b += '\x1e';
  for (size_t k = 0; k < i.emerging.size(); ++k) {
    if (k) b += '\x1f';
    b += i.emerging[k].term + '\x1d' + std::to_string(i.emerging[k].count) + '\x1d' +
         std::to_string(i.emerging[k].expected);
  }
  b += '\x1e';
  b += Join(i.unrelated);
  return b;
}

void DecodeExtra(std::string_view extra, Incident* i) {
  const std::vector<std::string> sec = Split(extra, '\x1e');
  if (sec.size() != 4) return;  // written before clustering: nothing to add
  for (const std::string& item : Split(sec[0])) {
    const std::vector<std::string> f = Split(item, '\x1d');
    if (f.size() != 9) continue;
    ServicePart p;
    p.service = f[0];
    p.start = std::atoll(f[1].c_str());
    p.peak = std::atoll(f[2].c_str());
    p.end = std::atoll(f[3].c_str());
    p.peak_count = std::atoll(f[4].c_str());
    p.complaints = std::atoll(f[5].c_str());
    p.baseline = std::atof(f[6].c_str());
    p.score = std::atof(f[7].c_str());
    for (const std::string& c : Split(f[8], '\x1c')) {
      const size_t eq = c.rfind('=');
      if (eq != std::string::npos) p.categories.push_back(CategoryShare{c.substr(0, eq), std::atof(c.c_str() + eq + 1)});
    }
    i->parts.push_back(std::move(p));
  }
  i->cluster = Split(sec[1]);
  for (const std::string& item : Split(sec[2])) {
    const std::vector<std::string> f = Split(item, '\x1d');
    if (f.size() == 3) i->emerging.push_back(EmergingTerm{f[0], std::atoll(f[1].c_str()), std::atof(f[2].c_str())});
  }
  i->unrelated = Split(sec[3]);
}

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  int Prepare(sqlite3* db, const char* sql) { return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr); }
  sqlite3_stmt* get() { return s_; }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

class SqliteStore final : public BaselineStore {
 public:
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Init(const std::string& path, const StoreOptions& options) {
    options_ = options;
    const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      return Status::IOError(path + ": cannot open store: " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
    }
    path_ = path;
    sqlite3_busy_timeout(db_, 10000);
    if (!options.read_only) {
      if (Status s = Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s.ok()) return s;
    }
    (void)Exec("PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY;");  // tuning only
    // Schema version and migrations.
    int version = 0;
    {
      Stmt st;
      if (st.Prepare(db_, "SELECT value FROM meta WHERE key='schema_version'") == SQLITE_OK &&
          sqlite3_step(st.get()) == SQLITE_ROW) {
        version = sqlite3_column_int(st.get(), 0);
      }
    }
    if (version > kSchemaVersion) {
      return Status::InvalidArgument(path + ": store schema version " + std::to_string(version) +
                                     " is newer than this bengle (" + std::to_string(kSchemaVersion) + ")");
    }
    if (version < kSchemaVersion) {
      if (options.read_only) return Status::InvalidArgument(path + ": store needs a migration; open it writable");
      if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
      for (int v = version; v < kSchemaVersion; ++v) {
        if (Status s = Exec(kMigrations[v]); !s.ok()) {
          (void)Exec("ROLLBACK");
          return s;
        }
      }
      Status s = Exec("INSERT OR REPLACE INTO meta VALUES('schema_version'," + std::to_string(kSchemaVersion) + ")");
      if (s.ok()) s = Exec("INSERT OR IGNORE INTO meta VALUES('bucket_ms'," + std::to_string(options.bucket_ms) + ")");
      if (s.ok()) s = Exec("COMMIT");
      if (!s.ok()) {
        (void)Exec("ROLLBACK");
        return s;
      }
    }
    {
      Stmt st;
      if (st.Prepare(db_, "SELECT value FROM meta WHERE key='bucket_ms'") == SQLITE_OK &&
          sqlite3_step(st.get()) == SQLITE_ROW) {
        const int64_t stored = sqlite3_column_int64(st.get(), 0);
        if (stored != options.bucket_ms) {
          return Status::InvalidArgument(path + ": store uses " + std::to_string(stored / 1000) +
                                         " s buckets, not " + std::to_string(options.bucket_ms / 1000));
        }
      }
    }
    return Status::OK();
  }

  Status Apply(const PostBatch& batch, ApplyStats* stats) override {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": store is open read-only");
    if (batch.options().bucket_ms != options_.bucket_ms) {
      return Status::InvalidArgument("batch bucket length differs from the store's");
    }
    ApplyStats local;
    if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Status st = ApplyLocked(batch, &local);
    if (st.ok()) st = Exec("COMMIT");
    if (!st.ok()) {
      (void)Exec("ROLLBACK");
      series_ids_.clear();  // ids inserted in the rolled-back transaction are gone
      return st;
    }
    if (stats) {
      stats->posts_new += local.posts_new;
      stats->posts_duplicate += local.posts_duplicate;
    }
    return Status::OK();
  }

  Status ListSeries(std::string_view prefix, std::vector<std::string>* keys) override {
    keys->clear();
    Stmt st;
    if (st.Prepare(db_, "SELECT key FROM series WHERE key >= ?1 AND key < ?2 ORDER BY key") != SQLITE_OK) return Error();
    std::string hi(prefix);
    hi.push_back('\xff');
    sqlite3_bind_text(st.get(), 1, prefix.data(), static_cast<int>(prefix.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st.get(), 2, hi.data(), static_cast<int>(hi.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(st.get()) == SQLITE_ROW) keys->emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)));
    return Status::OK();
  }

  Status SumSeries(std::string_view prefix, UnixMillis from, UnixMillis to, std::vector<SeriesTotal>* out) override {
    out->clear();
    Stmt st;
    if (st.Prepare(db_, "SELECT s.key, SUM(c.complaints), SUM(c.authors), SUM(c.mentions), SUM(c.recovery), "
                        "SUM(c.official) FROM series s JOIN counts c ON c.series = s.id WHERE s.key >= ?1 AND "
                        "s.key < ?2 AND c.bucket >= ?3 AND c.bucket < ?4 GROUP BY s.id ORDER BY s.key") != SQLITE_OK) {
      return Error();
    }
    std::string hi(prefix);
    hi.push_back('\xff');
    sqlite3_bind_text(st.get(), 1, prefix.data(), static_cast<int>(prefix.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st.get(), 2, hi.data(), static_cast<int>(hi.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st.get(), 3, from);
    sqlite3_bind_int64(st.get(), 4, to);
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      SeriesTotal t;
      t.key = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
      t.counts = BucketCounts{sqlite3_column_int64(st.get(), 1), sqlite3_column_int64(st.get(), 2),
                              sqlite3_column_int64(st.get(), 3), sqlite3_column_int64(st.get(), 4),
                              sqlite3_column_int64(st.get(), 5)};
      out->push_back(std::move(t));
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  Status ReadSeries(std::string_view key, UnixMillis from, UnixMillis to, std::vector<SeriesPoint>* out) override {
    out->clear();
    if (!read_series_.get() &&
        read_series_.Prepare(db_, "SELECT c.bucket, c.complaints, c.authors, c.mentions, c.recovery, c.official "
                                  "FROM counts c JOIN series s ON s.id = c.series WHERE s.key = ?1 AND c.bucket >= ?2 "
                                  "AND c.bucket < ?3 ORDER BY c.bucket") != SQLITE_OK) {
      return Error();
    }
    read_series_.Reset();
    sqlite3_stmt* s = read_series_.get();
    sqlite3_bind_text(s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, from);
    sqlite3_bind_int64(s, 3, to);
    int rc;
    struct Done {
      sqlite3_stmt* s;
      ~Done() { sqlite3_reset(s); }
    } done{s};
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      SeriesPoint p;
      p.bucket = sqlite3_column_int64(s, 0);
      p.counts = BucketCounts{sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
                              sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5)};
      out->push_back(p);
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  Status TimeRange(UnixMillis* first, UnixMillis* last) override {
    *first = *last = 0;
    Stmt st;
    // Per series, the first and last bucket are two seeks in the (series,
    // bucket) primary key: time grows with the number of series, not with
    // the number of rows (a plain MIN/MAX over counts scans the table).
    if (st.Prepare(db_,
                   "SELECT MIN(lo), MAX(hi) FROM (SELECT (SELECT MIN(bucket) FROM counts WHERE series = s.id) AS lo,"
                   " (SELECT MAX(bucket) FROM counts WHERE series = s.id) AS hi FROM series s)") != SQLITE_OK) {
      return Error();
    }
    const int rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW && sqlite3_column_type(st.get(), 0) != SQLITE_NULL) {
      *first = sqlite3_column_int64(st.get(), 0);
      *last = sqlite3_column_int64(st.get(), 1);
    }
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? Status::OK() : Error();
  }

  Status ReadSamples(std::string_view service, UnixMillis from, UnixMillis to, std::vector<StoredSample>* out) override {
    out->clear();
    Stmt st;
    if (st.Prepare(db_, "SELECT id, text, category, bucket, author FROM samples WHERE service = ?1 AND bucket >= ?2 "
                        "AND bucket < ?3 ORDER BY bucket, id") != SQLITE_OK) {
      return Error();
    }
    sqlite3_bind_text(st.get(), 1, service.data(), static_cast<int>(service.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st.get(), 2, from);
    sqlite3_bind_int64(st.get(), 3, to);
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      StoredSample s;
      s.id = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
      s.text = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 1));
      s.category = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 2));
      s.bucket = sqlite3_column_int64(st.get(), 3);
      s.author = static_cast<uint64_t>(sqlite3_column_int64(st.get(), 4));
      out->push_back(std::move(s));
    }
    return Status::OK();
  }

  Status SaveIncidents(UnixMillis from, UnixMillis to, const std::vector<Incident>& incidents) override {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": store is open read-only");
    if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Stmt del, ins;
    if (del.Prepare(db_, "DELETE FROM incidents WHERE start >= ?1 AND start < ?2") != SQLITE_OK ||
        ins.Prepare(db_, "INSERT INTO incidents VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)") !=
            SQLITE_OK) {
      Status e = Error();
      (void)Exec("ROLLBACK");
      return e;
    }
    sqlite3_bind_int64(del.get(), 1, from);
    sqlite3_bind_int64(del.get(), 2, to);
    sqlite3_step(del.get());
    for (const Incident& i : incidents) {
      ins.Reset();
      sqlite3_stmt* s = ins.get();
      std::string cats;
      for (const auto& c : i.categories) cats += (cats.empty() ? "" : "\x1f") + c.name + "=" + std::to_string(c.share);
      const std::string services = Join(i.services), tags = Join(i.hashtags), ids = Join(i.sample_ids),
                        texts = Join(i.sample_texts);
      sqlite3_bind_int64(s, 1, i.start);
      sqlite3_bind_text(s, 2, i.service.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, services.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(s, 4, i.peak);
      sqlite3_bind_int64(s, 5, i.end);
      sqlite3_bind_int64(s, 6, i.alarm);
      sqlite3_bind_int64(s, 7, i.peak_count);
      sqlite3_bind_double(s, 8, i.baseline);
      sqlite3_bind_double(s, 9, i.score);
      sqlite3_bind_int64(s, 10, i.complaints);
      sqlite3_bind_text(s, 11, cats.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 12, tags.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 13, ids.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 14, texts.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(s, 15, i.recovered);
      sqlite3_bind_int(s, 16, i.open);
      const std::string extra = EncodeExtra(i);
      sqlite3_bind_text(s, 17, extra.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(s) != SQLITE_DONE) {
        Status e = Error();
        (void)Exec("ROLLBACK");
        return e;
      }
    }
    return Exec("COMMIT");
  }

  Status LoadIncidents(UnixMillis from, UnixMillis to, std::vector<Incident>* out) override {
    out->clear();
    Stmt st;
    if (st.Prepare(db_, "SELECT * FROM incidents WHERE start >= ?1 AND start < ?2 ORDER BY start, service") !=
        SQLITE_OK) {
      return Error();
    }
    sqlite3_bind_int64(st.get(), 1, from);
    sqlite3_bind_int64(st.get(), 2, to);
    auto text = [&](int col) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), col))); };
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      Incident i;
      i.start = sqlite3_column_int64(st.get(), 0);
      i.service = text(1);
      i.services = Split(text(2));
      i.peak = sqlite3_column_int64(st.get(), 3);
      i.end = sqlite3_column_int64(st.get(), 4);
      i.alarm = sqlite3_column_int64(st.get(), 5);
      i.peak_count = sqlite3_column_int64(st.get(), 6);
      i.baseline = sqlite3_column_double(st.get(), 7);
      i.score = sqlite3_column_double(st.get(), 8);
      i.complaints = sqlite3_column_int64(st.get(), 9);
      for (const std::string& c : Split(text(10))) {
        const size_t eq = c.rfind('=');
        i.categories.push_back(CategoryShare{c.substr(0, eq), std::atof(c.c_str() + eq + 1)});
      }
      i.hashtags = Split(text(11));
      i.sample_ids = Split(text(12));
      i.sample_texts = Split(text(13));
      i.recovered = sqlite3_column_int(st.get(), 14) != 0;
      i.open = sqlite3_column_int(st.get(), 15) != 0;
      DecodeExtra(text(16), &i);
      out->push_back(std::move(i));
    }
    return Status::OK();
  }

  int64_t bucket_ms() const override { return options_.bucket_ms; }

 private:
  Status Error() const { return Status::IOError(path_ + ": " + sqlite3_errmsg(db_)); }
  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      Status s = Status::IOError(path_ + ": " + (err ? err : "sqlite error"));
      sqlite3_free(err);
      return s;
    }
    return Status::OK();
  }

  Result<int64_t> SeriesId(const std::string& key) {
    auto it = series_ids_.find(key);
    if (it != series_ids_.end()) return it->second;
    sqlite3_stmt* s = get_series_.get();
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    int64_t id = -1;
    if (sqlite3_step(s) == SQLITE_ROW) id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (id < 0) {
      sqlite3_stmt* a = add_series_.get();
      sqlite3_reset(a);
      sqlite3_bind_text(a, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(a) != SQLITE_DONE) return Error();
      sqlite3_reset(a);
      id = sqlite3_last_insert_rowid(db_);
    }
    series_ids_.emplace(key, id);
    return id;
  }

  Status Prepare() {
    if (add_post_.get()) return Status::OK();
    {
      Stmt old;
      has_v1_posts_ = old.Prepare(db_, "SELECT 1 FROM posts_v1 LIMIT 1") == SQLITE_OK &&
                      sqlite3_step(old.get()) == SQLITE_ROW;
    }
    if (has_v1_posts_ && seen_v1_.Prepare(db_, "SELECT 1 FROM posts_v1 WHERE h = ?1") != SQLITE_OK) return Error();
    if (add_post_.Prepare(db_, "INSERT OR IGNORE INTO posts(bucket, h) VALUES(?1, ?2)") != SQLITE_OK ||
        add_author_.Prepare(db_, "INSERT OR IGNORE INTO authors(bucket, series, author) VALUES(?2,?1,?3)") != SQLITE_OK ||
        get_series_.Prepare(db_, "SELECT id FROM series WHERE key = ?1") != SQLITE_OK ||
        add_series_.Prepare(db_, "INSERT INTO series(key) VALUES(?1)") != SQLITE_OK ||
        add_counts_.Prepare(db_,
                            "INSERT INTO counts VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(series, bucket) DO UPDATE SET "
                            "complaints=complaints+?3, authors=authors+?4, mentions=mentions+?5, "
                            "recovery=recovery+?6, official=official+?7") != SQLITE_OK ||
        count_samples_.Prepare(db_, "SELECT COUNT(*) FROM samples WHERE service=?1 AND bucket=?2") != SQLITE_OK ||
        add_sample_.Prepare(db_, "INSERT OR IGNORE INTO samples VALUES(?1,?2,?3,?4,?5,?6)") != SQLITE_OK) {
      return Error();
    }
    return Status::OK();
  }

  Status ApplyLocked(const PostBatch& batch, ApplyStats* stats) {
    if (Status s = Prepare(); !s.ok()) return s;
    struct Key {
      int64_t series, bucket;
      bool operator==(const Key& o) const { return series == o.series && bucket == o.bucket; }
    };
    struct KeyHash {
      size_t operator()(const Key& k) const { return std::hash<int64_t>()(k.series * 1000003 ^ k.bucket); }
    };
    std::unordered_map<Key, BucketCounts, KeyHash> acc;
    std::map<std::pair<std::string, int64_t>, int> sample_counts;
    for (const AggregatedPost& p : batch.posts()) {
      bool seen_before = false;
      if (has_v1_posts_) {
        sqlite3_stmt* q = seen_v1_.get();
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, static_cast<int64_t>(p.id_hash));
        seen_before = sqlite3_step(q) == SQLITE_ROW;
        sqlite3_reset(q);
      }
      sqlite3_stmt* s = add_post_.get();
      sqlite3_reset(s);
      sqlite3_bind_int64(s, 1, p.bucket);
      sqlite3_bind_int64(s, 2, static_cast<int64_t>(p.id_hash));
      if (sqlite3_step(s) != SQLITE_DONE) return Error();
      if (seen_before || sqlite3_changes(db_) == 0) {
        ++stats->posts_duplicate;
        continue;
      }
      ++stats->posts_new;
      for (const std::string& key : p.series) {
        Result<int64_t> id = SeriesId(key);
        if (!id.ok()) return id.status();
        BucketCounts& c = acc[Key{*id, p.bucket}];
        c.mentions += 1;
        c.recovery += p.recovery;
        c.official += p.official;
        if (!p.complaint) continue;
        c.complaints += 1;
        if (key.starts_with("co:")) continue;  // pair counts: posts only
        sqlite3_stmt* a = add_author_.get();
        sqlite3_reset(a);
        sqlite3_bind_int64(a, 1, *id);
        sqlite3_bind_int64(a, 2, p.bucket);
        sqlite3_bind_int64(a, 3, static_cast<int64_t>(p.author_hash));
        if (sqlite3_step(a) != SQLITE_DONE) return Error();
        c.authors += sqlite3_changes(db_);
      }
      if (!p.service.empty() && batch.options().samples_per_bucket > 0) {
        auto [it, fresh] = sample_counts.emplace(std::make_pair(p.service, p.bucket), 0);
        if (fresh) {
          sqlite3_stmt* q = count_samples_.get();
          sqlite3_reset(q);
          sqlite3_bind_text(q, 1, p.service.c_str(), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64(q, 2, p.bucket);
          if (sqlite3_step(q) == SQLITE_ROW) it->second = sqlite3_column_int(q, 0);
          sqlite3_reset(q);  // an unfinished SELECT would pin the WAL and stop checkpoints
        }
        if (it->second < batch.options().samples_per_bucket) {
          sqlite3_stmt* a = add_sample_.get();
          sqlite3_reset(a);
          sqlite3_bind_text(a, 1, p.service.c_str(), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64(a, 2, p.bucket);
          sqlite3_bind_text(a, 3, p.id.c_str(), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64(a, 4, static_cast<int64_t>(p.author_hash));
          sqlite3_bind_text(a, 5, p.top_category.c_str(), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text(a, 6, p.text.c_str(), -1, SQLITE_TRANSIENT);
          if (sqlite3_step(a) != SQLITE_DONE) return Error();
          it->second += sqlite3_changes(db_);
        }
      }
    }
    for (const auto& [k, c] : acc) {
      sqlite3_stmt* s = add_counts_.get();
      sqlite3_reset(s);
      sqlite3_bind_int64(s, 1, k.series);
      sqlite3_bind_int64(s, 2, k.bucket);
      sqlite3_bind_int64(s, 3, c.complaints);
      sqlite3_bind_int64(s, 4, c.authors);
      sqlite3_bind_int64(s, 5, c.mentions);
      sqlite3_bind_int64(s, 6, c.recovery);
      sqlite3_bind_int64(s, 7, c.official);
      if (sqlite3_step(s) != SQLITE_DONE) return Error();
    }
    return Status::OK();
  }

  sqlite3* db_ = nullptr;
  std::string path_;
  StoreOptions options_;
  std::unordered_map<std::string, int64_t> series_ids_;
  bool has_v1_posts_ = false;
  Stmt seen_v1_;
  Stmt add_post_, add_author_, get_series_, add_series_, add_counts_, count_samples_, add_sample_, read_series_;
};

}  // namespace

Result<std::unique_ptr<BaselineStore>> BaselineStore::OpenSqlite(const std::string& path, const StoreOptions& options) {
  if (options.bucket_ms <= 0 || 86400000 % options.bucket_ms != 0) {
    return Status::InvalidArgument("bucket length must divide a day");
  }
  auto s = std::make_unique<SqliteStore>();
  if (Status st = s->Init(path, options); !st.ok()) return st;
  return std::unique_ptr<BaselineStore>(std::move(s));
}

}  // namespace bengle
