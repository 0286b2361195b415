#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <unordered_map>

#include "bengle/store.h"

namespace bengle {

BaselineStore::~BaselineStore() = default;

namespace {

constexpr int kSchemaVersion = 6;

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
    // cluster, emerging terms, unrelated hashtags), encoded in an "extra" column (replaced in version 4).
    "ALTER TABLE incidents ADD COLUMN extra TEXT NOT NULL DEFAULT '';",
    // 3 -> 4: an incident is one JSON object written by the incident codec
    // (incident.h, exact form), beside the two columns it is looked up by.
    // Stored incidents are derived data (the next `detect` over a range
    // writes them again from the counts), so those of the old layout are
    // dropped rather than converted.
    "DROP TABLE incidents;"
    "CREATE TABLE incidents(start INTEGER NOT NULL, service TEXT NOT NULL, json TEXT NOT NULL);"
    "CREATE INDEX incidents_start ON incidents(start);",
    // 4 -> 5: a checksum per row of what detect and report read (series,
    // counts, samples, incidents), over the row's values (bengle_ck(), see
    // RowCheck()): a value changed on disk, which SQLite cannot see, is
    // reported as damage instead of becoming a wrong answer.
    "ALTER TABLE series ADD COLUMN ck INTEGER NOT NULL DEFAULT 0;"
    "UPDATE series SET ck = bengle_ck(id, key);"
    "ALTER TABLE counts ADD COLUMN ck INTEGER NOT NULL DEFAULT 0;"
    "UPDATE counts SET ck = bengle_ck(series, bucket, complaints, authors, mentions, recovery, official);"
    "ALTER TABLE samples ADD COLUMN ck INTEGER NOT NULL DEFAULT 0;"
    "UPDATE samples SET ck = bengle_ck(service, bucket, id, author, category, text);"
    "ALTER TABLE incidents ADD COLUMN ck INTEGER NOT NULL DEFAULT 0;"
    "UPDATE incidents SET ck = bengle_ck(start, service, json);",
    // 5 -> 6: a sample post's own time, author and region (what the report
    // shows beside its text); rows of older stores keep 0 and "".
    "ALTER TABLE samples ADD COLUMN created INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE samples ADD COLUMN user TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE samples ADD COLUMN region TEXT NOT NULL DEFAULT '';"
    "UPDATE samples SET ck = bengle_ck(service, bucket, id, author, category, text, created, user, region);",
};
static_assert(sizeof kMigrations / sizeof *kMigrations == kSchemaVersion);

// The checksum of a row: 64 bits over the types and values, in order.
uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 32);
}
int64_t RowCheck(int n, sqlite3_value** values) {
  uint64_t h = 0xcbf29ce484222325ull ^ static_cast<uint64_t>(n);
  for (int i = 0; i < n; ++i) {
    sqlite3_value* v = values[i];
    const int type = sqlite3_value_type(v);
    h = Mix(h, static_cast<uint64_t>(type));
    if (type == SQLITE_INTEGER) {
      h = Mix(h, static_cast<uint64_t>(sqlite3_value_int64(v)));
    } else if (type == SQLITE_FLOAT) {
      const double d = sqlite3_value_double(v);
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      h = Mix(h, bits);
    } else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
      const auto* p = static_cast<const unsigned char*>(type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(v))
                                                                              : sqlite3_value_blob(v));
      const int len = sqlite3_value_bytes(v);
      h = Mix(h, static_cast<uint64_t>(len));
      for (int k = 0; p != nullptr && k < len; ++k) h = (h ^ p[k]) * 0x100000001b3ull;
    }
  }
  return static_cast<int64_t>(h);
}
void SqlRowCheck(sqlite3_context* ctx, int n, sqlite3_value** values) { sqlite3_result_int64(ctx, RowCheck(n, values)); }

// True when the columns `cols` of the current row of `st` (in the order the
// row was written) match the checksum in column `ck`.
bool RowMatches(sqlite3_stmt* st, std::initializer_list<int> cols, int ck) {
  constexpr size_t kMaxColumns = 16;
  sqlite3_value* values[kMaxColumns];
  if (cols.size() > kMaxColumns) return false;  // a programming error: report damage rather than overflow
  int n = 0;
  for (int c : cols) values[n++] = sqlite3_column_value(st, c);
  return RowCheck(n, values) == sqlite3_column_int64(st, ck);
}

// A column's text; "" for NULL (a crafted or damaged store must not crash us).
std::string ColumnText(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string();
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
    path_ = path;
    // A write-ahead log left with content means the last writer did not close
    // the store (killed, crashed, or still running): check its structure.
    struct stat wal;
    const bool unclean = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
    struct stat file;
    if (!options.read_only && ::stat(path.c_str(), &file) != 0 && errno == ENOENT) {
      // A new store: say plainly when its folder cannot take it.
      std::string dir = std::filesystem::path(path).parent_path().string();
      if (dir.empty()) dir = ".";
      if (::access(dir.c_str(), W_OK) != 0) {
        return Status::IOError(path + ": cannot create the store: " + dir + ": " + std::strerror(errno));
      }
    }
    const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_OK && options.read_only) {
      // Reading a WAL store needs its -shm file; where it cannot be made (a
      // read-only directory or mount) and no log is pending, read the file
      // as immutable.
      Stmt probe;
      rc = probe.Prepare(db_, "SELECT 1 FROM sqlite_master LIMIT 1");
      if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB && !unclean) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        char* uri = sqlite3_mprintf("file:%s?immutable=1", UriPath(path).c_str());
        rc = sqlite3_open_v2(uri, &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
        sqlite3_free(uri);
      } else if (rc != SQLITE_OK) {
        return Error("cannot open store");
      }
    }
    if (rc != SQLITE_OK) return Error("cannot open store");
    sqlite3_busy_timeout(db_, 10000);
    if (sqlite3_create_function_v2(db_, "bengle_ck", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, SqlRowCheck,
                                   nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Error("cannot open store");
    }
    // Another process opening or creating the same store at this moment can
    // make SQLite answer "locked" without waiting (switching the journal
    // mode, recovering its log): such a start is tried again, for up to 10 s.
    for (int attempt = 0;; ++attempt) {
      Status s = Start(unclean);
      if (s.ok() || attempt >= 200 || (sqlite3_errcode(db_) & 0xff) != SQLITE_BUSY) return s;
      (void)Exec("ROLLBACK");
      sqlite3_sleep(50);
    }
  }

  // Everything of Init() after the file is open.
  Status Start(bool unclean) {
    const StoreOptions& options = options_;
    const std::string& path = path_;
    int rc;
    if (!options.read_only) {
      if (Status s = Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s.ok()) return s;
    }
    if (unclean) {
      if (Status s = QuickCheck(); !s.ok()) return s;
    }
    (void)Exec("PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY;");  // tuning only
    // Schema version and migrations. The version is read again inside the
    // write transaction: two processes opening a new store at once must not
    // both create the tables.
    Result<int> version = SchemaVersion();
    if (!version.ok()) return version.status();
    if (*version > kSchemaVersion) return NewerSchema(*version);
    if (*version < kSchemaVersion) {
      if (options.read_only) return Status::InvalidArgument(path + ": store needs a migration; open it writable");
      if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
      Status s = Migrate();
      if (s.ok()) s = Exec("COMMIT");
      if (!s.ok()) {
        (void)Exec("ROLLBACK");
        return s;
      }
    }
    Stmt st;
    if (st.Prepare(db_, "SELECT value FROM meta WHERE key='bucket_ms'") != SQLITE_OK) return Error();
    rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW) {
      const int64_t stored = sqlite3_column_int64(st.get(), 0);
      if (stored != options.bucket_ms) {
        return Status::InvalidArgument(path + ": store uses " + std::to_string(stored / 1000) + " s buckets, not " +
                                       std::to_string(options.bucket_ms / 1000));
      }
    } else if (rc != SQLITE_DONE) {
      return Error();
    }
    return Status::OK();
  }

  Status Apply(const PostBatch& batch, ApplyStats* stats) override {
    return WriteTransaction(batch.options().bucket_ms, "batch", stats,
                            [&](ApplyStats* local, bool*) { return ApplyLocked(batch, local); });
  }

  Status ApplyPartial(const PartialAggregate& partial, ApplyStats* stats) override {
    // All posts stored already: nothing is kept (not even the posts table
    // rows of posts known from posts_v1).
    return WriteTransaction(partial.options().bucket_ms, "partial aggregate", stats,
                            [&](ApplyStats* local, bool* unchanged) {
                              return ApplyPartialLocked(partial, local, unchanged);
                            });
  }

  Status ListSeries(std::string_view prefix, std::vector<std::string>* keys) override {
    keys->clear();
    Stmt st;
    if (st.Prepare(db_, "SELECT key, id, ck FROM series WHERE key >= ?1 AND key < ?2 ORDER BY key") != SQLITE_OK)
      return Error();
    if (Status b = BindPrefix(st.get(), prefix); !b.ok()) return b;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      if (!RowMatches(st.get(), {1, 0}, 2)) return Damaged("series", sqlite3_column_int64(st.get(), 1));
      keys->push_back(ColumnText(st.get(), 0));
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  Status SumSeries(std::string_view prefix, UnixMillis from, UnixMillis to, std::vector<SeriesTotal>* out) override {
    out->clear();
    Stmt st;
    // Summed here rather than by SQL, so that every row's checksum is seen.
    if (st.Prepare(db_, "SELECT s.key, c.complaints, c.authors, c.mentions, c.recovery, c.official, c.series, c.bucket, "
                        "c.ck, s.id, s.ck FROM series s JOIN counts c ON c.series = s.id WHERE s.key >= ?1 AND "
                        "s.key < ?2 AND c.bucket >= ?3 AND c.bucket < ?4 ORDER BY s.key") != SQLITE_OK) {
      return Error();
    }
    if (Status b = BindPrefix(st.get(), prefix); !b.ok()) return b;
    if (Status b = Check({sqlite3_bind_int64(st.get(), 3, from), sqlite3_bind_int64(st.get(), 4, to)}); !b.ok()) {
      return b;
    }
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      sqlite3_stmt* r = st.get();
      if (Status d = CheckCountsRow(r, 6, 7, 1, 8, 9, 0, 10); !d.ok()) return d;
      std::string key = ColumnText(r, 0);
      if (out->empty() || out->back().key != key) {
        out->emplace_back();
        out->back().key = std::move(key);
      }
      BucketCounts& c = out->back().counts;
      c.complaints += sqlite3_column_int64(r, 1);
      c.authors += sqlite3_column_int64(r, 2);
      c.mentions += sqlite3_column_int64(r, 3);
      c.recovery += sqlite3_column_int64(r, 4);
      c.official += sqlite3_column_int64(r, 5);
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  Status ReadSeries(std::string_view key, UnixMillis from, UnixMillis to, std::vector<SeriesPoint>* out) override {
    out->clear();
    if (!read_series_.get() &&
        read_series_.Prepare(db_, "SELECT c.bucket, c.complaints, c.authors, c.mentions, c.recovery, c.official, "
                                  "c.series, c.ck, s.id, s.key, s.ck FROM counts c JOIN series s ON s.id = c.series "
                                  "WHERE s.key = ?1 AND c.bucket >= ?2 AND c.bucket < ?3 ORDER BY c.bucket") != SQLITE_OK) {
      return Error();
    }
    read_series_.Reset();
    sqlite3_stmt* s = read_series_.get();
    struct Done {
      sqlite3_stmt* s;
      ~Done() { sqlite3_reset(s); }
    } done{s};
    if (Status b = Check({sqlite3_bind_text(s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT),
                          sqlite3_bind_int64(s, 2, from), sqlite3_bind_int64(s, 3, to)});
        !b.ok()) {
      return b;
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      if (Status d = CheckCountsRow(s, 6, 0, 1, 7, 8, 9, 10); !d.ok()) return d;
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
    if (st.Prepare(db_,
                   "SELECT id, text, category, bucket, author, service, created, user, region, ck FROM samples WHERE "
                   "service = ?1 AND "
                   "bucket >= ?2 AND bucket < ?3 ORDER BY bucket, id") != SQLITE_OK) {
      return Error();
    }
    if (Status b =
            Check({sqlite3_bind_text(st.get(), 1, service.data(), static_cast<int>(service.size()), SQLITE_TRANSIENT),
                   sqlite3_bind_int64(st.get(), 2, from), sqlite3_bind_int64(st.get(), 3, to)});
        !b.ok()) {
      return b;
    }
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      if (!RowMatches(st.get(), {5, 3, 0, 4, 2, 1, 6, 7, 8}, 9)) {
        return Damaged("samples", sqlite3_column_int64(st.get(), 3));
      }
      StoredSample s;
      s.id = ColumnText(st.get(), 0);
      s.text = ColumnText(st.get(), 1);
      s.category = ColumnText(st.get(), 2);
      s.bucket = sqlite3_column_int64(st.get(), 3);
      s.author = static_cast<uint64_t>(sqlite3_column_int64(st.get(), 4));
      s.created_at = sqlite3_column_int64(st.get(), 6);
      s.user = ColumnText(st.get(), 7);
      s.region = ColumnText(st.get(), 8);
      out->push_back(std::move(s));
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  Status SaveIncidents(UnixMillis from, UnixMillis to, const std::vector<Incident>& incidents) override {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": store is open read-only");
    if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Status st = SaveIncidentsLocked(from, to, incidents);
    if (st.ok()) st = Exec("COMMIT");
    if (!st.ok()) (void)Exec("ROLLBACK");
    return st;
  }

  Status LoadIncidents(UnixMillis from, UnixMillis to, std::vector<Incident>* out) override {
    out->clear();
    Stmt st;
    if (st.Prepare(db_, "SELECT json, start, service, ck FROM incidents WHERE start >= ?1 AND start < ?2 "
                        "ORDER BY start, service") !=
        SQLITE_OK) {
      return Error();
    }
    if (Status b = Check({sqlite3_bind_int64(st.get(), 1, from), sqlite3_bind_int64(st.get(), 2, to)}); !b.ok()) {
      return b;
    }
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      if (!RowMatches(st.get(), {1, 2, 0}, 3)) return Damaged("incidents", sqlite3_column_int64(st.get(), 1));
      Result<Incident> i = IncidentFromJson(ColumnText(st.get(), 0));
      if (!i.ok()) return Status::Corruption(path_ + ": stored " + i.status().message());
      out->push_back(std::move(*i));
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  // Named values live in the meta table under "value:" + name.
  Status PutValue(std::string_view name, std::string_view value) override {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": store is open read-only");
    Stmt st;
    if (st.Prepare(db_, "INSERT OR REPLACE INTO meta VALUES(?1, ?2)") != SQLITE_OK) return Error();
    const std::string key = "value:" + std::string(name);
    if (Status b = Check({sqlite3_bind_text(st.get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT),
                          sqlite3_bind_text(st.get(), 2, value.data(), static_cast<int>(value.size()),
                                            SQLITE_TRANSIENT)});
        !b.ok()) {
      return b;
    }
    return sqlite3_step(st.get()) == SQLITE_DONE ? Status::OK() : Error();
  }

  Status GetValue(std::string_view name, std::string* value, bool* found) override {
    value->clear();
    *found = false;
    Stmt st;
    if (st.Prepare(db_, "SELECT value FROM meta WHERE key = ?1") != SQLITE_OK) return Error();
    const std::string key = "value:" + std::string(name);
    if (Status b = Check({sqlite3_bind_text(st.get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT)});
        !b.ok()) {
      return b;
    }
    const int rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW) {
      *found = true;
      *value = ColumnText(st.get(), 0);
      return Status::OK();
    }
    return rc == SQLITE_DONE ? Status::OK() : Error();
  }

  int64_t bucket_ms() const override { return options_.bucket_ms; }

 private:
  // The last SQLite error as a Status: Corruption ("store is damaged") for a
  // damaged file, IOError otherwise, with the system's reason when there is one.
  Status Error(const char* doing = nullptr) const {
    const int code = db_ != nullptr ? sqlite3_errcode(db_) & 0xff : SQLITE_NOMEM;
    std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    const int sys = db_ != nullptr ? sqlite3_system_errno(db_) : 0;
    if (sys != 0 && (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_READONLY ||
                     code == SQLITE_FULL || code == SQLITE_PERM)) {
      msg += std::string(" (") + std::strerror(sys) + ")";
    }
    const std::string where = path_ + ": " + (doing != nullptr ? std::string(doing) + ": " : std::string());
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
      return Status::Corruption(where + "store is damaged: " + msg +
                                " (restore a copy, or ingest the posts again into a new store)");
    }
    if (code == SQLITE_READONLY) return Status::IOError(where + "store is read-only: " + msg);
    return Status::IOError(where + msg);
  }
  // A row whose values do not match its checksum.
  Status Damaged(const char* table, int64_t where) const {
    return Status::Corruption(path_ + ": store is damaged: a row of " + table + " (at " + std::to_string(where) +
                              ") does not match its checksum (restore a copy, or ingest the posts again into a new "
                              "store)");
  }
  // Checks a joined counts row (its columns series, bucket, then the five
  // counts from `first_count`, and its checksum) and its series row (id, key,
  // checksum).
  Status CheckCountsRow(sqlite3_stmt* r, int series, int bucket, int first_count, int ck, int s_id, int s_key,
                        int s_ck) const {
    const int f = first_count;
    if (!RowMatches(r, {series, bucket, f, f + 1, f + 2, f + 3, f + 4}, ck)) {
      return Damaged("counts", sqlite3_column_int64(r, bucket));
    }
    if (!RowMatches(r, {s_id, s_key}, s_ck)) return Damaged("series", sqlite3_column_int64(r, s_id));
    return Status::OK();
  }

  // PRAGMA quick_check: the structure of every page (not the values).
  Status QuickCheck() {
    Stmt st;
    if (st.Prepare(db_, "PRAGMA quick_check(3)") != SQLITE_OK) return Error();
    std::string problems;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      std::string line = ColumnText(st.get(), 0);
      if (line == "ok") return Status::OK();
      problems += (problems.empty() ? "" : "; ") + line;
    }
    if (rc != SQLITE_DONE) return Error();
    return Status::Corruption(path_ + ": store is damaged: " + problems +
                              " (restore a copy, or ingest the posts again into a new store)");
  }
  // `path` with the characters a URI gives meaning to escaped.
  static std::string UriPath(const std::string& path) {
    std::string out;
    for (char c : path) {
      if (c == '%' || c == '?' || c == '#') {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
        out += buf;
      } else {
        out.push_back(c);
      }
    }
    return out;
  }
  // The result of an sqlite3_bind_* (or other non-step) call.
  Status Check(std::initializer_list<int> rcs) const {
    for (int rc : rcs) {
      if (rc != SQLITE_OK) return Error();
    }
    return Status::OK();
  }

  // Binds ?1 and ?2 to the key range of `prefix`: key >= ?1 AND key < ?2.
  Status BindPrefix(sqlite3_stmt* st, std::string_view prefix) const {
    std::string hi(prefix);
    hi.push_back('\xff');
    return Check({sqlite3_bind_text(st, 1, prefix.data(), static_cast<int>(prefix.size()), SQLITE_TRANSIENT),
                  sqlite3_bind_text(st, 2, hi.data(), static_cast<int>(hi.size()), SQLITE_TRANSIENT)});
  }

  // The schema version; 0 for a new (empty) file.
  Result<int> SchemaVersion() {
    Stmt st;
    int rc = st.Prepare(db_, "SELECT value FROM meta WHERE key='schema_version'");
    if (rc != SQLITE_OK) {
      // A new file has no meta table yet; anything else is an error.
      Stmt any;
      if (any.Prepare(db_, "SELECT 1 FROM sqlite_master WHERE name='meta'") != SQLITE_OK) return Error();
      rc = sqlite3_step(any.get());
      if (rc == SQLITE_DONE) return 0;
      return rc == SQLITE_ROW ? Status::Corruption(path_ + ": unreadable meta table") : Error();
    }
    rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW) return sqlite3_column_int(st.get(), 0);
    return rc == SQLITE_DONE ? Result<int>(0) : Result<int>(Error());
  }
  Status NewerSchema(int version) const {
    return Status::InvalidArgument(path_ + ": store schema version " + std::to_string(version) +
                                   " is newer than this bengle (" + std::to_string(kSchemaVersion) + ")");
  }
  // Inside BEGIN IMMEDIATE: brings the schema up to date (another process may
  // have done it since the version was first read).
  Status Migrate() {
    Result<int> version = SchemaVersion();
    if (!version.ok()) return version.status();
    if (*version > kSchemaVersion) return NewerSchema(*version);
    for (int v = *version; v < kSchemaVersion; ++v) {
      if (Status s = Exec(kMigrations[v]); !s.ok()) return s;
    }
    Status s = Exec("INSERT OR REPLACE INTO meta VALUES('schema_version'," + std::to_string(kSchemaVersion) + ")");
    if (s.ok()) s = Exec("INSERT OR IGNORE INTO meta VALUES('bucket_ms'," + std::to_string(options_.bucket_ms) + ")");
    return s;
  }

  Status SaveIncidentsLocked(UnixMillis from, UnixMillis to, const std::vector<Incident>& incidents) {
    Stmt del, ins;
    if (del.Prepare(db_, "DELETE FROM incidents WHERE start >= ?1 AND start < ?2") != SQLITE_OK ||
        ins.Prepare(db_, "INSERT INTO incidents(start, service, json, ck) VALUES(?1, ?2, ?3, bengle_ck(?1, ?2, ?3))") !=
            SQLITE_OK) {
      return Error();
    }
    if (Status b = Check({sqlite3_bind_int64(del.get(), 1, from), sqlite3_bind_int64(del.get(), 2, to)}); !b.ok()) {
      return b;
    }
    if (sqlite3_step(del.get()) != SQLITE_DONE) return Error();
    IncidentJsonOptions exact;
    exact.utc_offset_minutes = 0;
    exact.exact = true;
    for (const Incident& i : incidents) {
      ins.Reset();
      const std::string json = IncidentToJson(i, exact);
      if (Status b = Check(
              {sqlite3_bind_int64(ins.get(), 1, i.start),
               sqlite3_bind_text(ins.get(), 2, i.service.data(), static_cast<int>(i.service.size()), SQLITE_TRANSIENT),
               sqlite3_bind_text(ins.get(), 3, json.data(), static_cast<int>(json.size()), SQLITE_TRANSIENT)});
          !b.ok()) {
        return b;
      }
      if (sqlite3_step(ins.get()) != SQLITE_DONE) return Error();
    }
    return Status::OK();
  }
  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      sqlite3_free(err);
      return Error();
    }
    return Status::OK();
  }

  Result<int64_t> SeriesId(const std::string& key) {
    auto it = series_ids_.find(key);
    if (it != series_ids_.end()) return it->second;
    sqlite3_stmt* s = get_series_.get();
    sqlite3_reset(s);
    if (Status b = Check({sqlite3_bind_text(s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT)}); !b.ok()) {
      return b;
    }
    int64_t id = -1;
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
      id = sqlite3_column_int64(s, 0);
      if (!RowMatches(s, {0, 1}, 2)) {
        sqlite3_reset(s);
        return Damaged("series", id);
      }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error();
    if (id < 0) {
      sqlite3_stmt* a = add_series_.get();
      sqlite3_reset(a);
      if (Status b = Check({sqlite3_bind_text(a, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT)});
          !b.ok()) {
        return b;
      }
      if (sqlite3_step(a) != SQLITE_DONE) return Error();
      sqlite3_reset(a);
      id = sqlite3_last_insert_rowid(db_);
      sqlite3_stmt* seal = seal_series_.get();
      sqlite3_reset(seal);
      if (Status b = Check({sqlite3_bind_int64(seal, 1, id)}); !b.ok()) return b;
      if (sqlite3_step(seal) != SQLITE_DONE) return Error();
      sqlite3_reset(seal);
    }
    series_ids_.emplace(key, id);
    return id;
  }

  Status Prepare() {
    if (add_post_.get()) return Status::OK();
    {
      Stmt old;
      if (old.Prepare(db_, "SELECT 1 FROM posts_v1 LIMIT 1") == SQLITE_OK) {  // absent in stores made at v2+
        const int rc = sqlite3_step(old.get());
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error();
        has_v1_posts_ = rc == SQLITE_ROW;
      }
    }
    if (has_v1_posts_ && seen_v1_.Prepare(db_, "SELECT 1 FROM posts_v1 WHERE h = ?1") != SQLITE_OK) return Error();
    if (add_post_.Prepare(db_, "INSERT OR IGNORE INTO posts(bucket, h) VALUES(?1, ?2)") != SQLITE_OK ||
        add_author_.Prepare(db_, "INSERT OR IGNORE INTO authors(bucket, series, author) VALUES(?2,?1,?3)") != SQLITE_OK ||
        get_series_.Prepare(db_, "SELECT id, key, ck FROM series WHERE key = ?1") != SQLITE_OK ||
        add_series_.Prepare(db_, "INSERT INTO series(key) VALUES(?1)") != SQLITE_OK ||
        seal_series_.Prepare(db_, "UPDATE series SET ck = bengle_ck(id, key) WHERE id = ?1") != SQLITE_OK ||
        // A row is added to only when its checksum still holds (else no row
        // changes, reported as damage): a damaged count is never resealed.
        add_counts_.Prepare(db_,
                            "INSERT INTO counts VALUES(?1,?2,?3,?4,?5,?6,?7,bengle_ck(?1,?2,?3,?4,?5,?6,?7)) "
                            "ON CONFLICT(series, bucket) DO UPDATE SET "
                            "complaints=complaints+?3, authors=authors+?4, mentions=mentions+?5, "
                            "recovery=recovery+?6, official=official+?7, ck=bengle_ck(series, bucket, complaints+?3, "
                            "authors+?4, mentions+?5, recovery+?6, official+?7) "
                            "WHERE ck = bengle_ck(series, bucket, complaints, authors, mentions, recovery, official)") !=
            SQLITE_OK ||
        count_samples_.Prepare(db_, "SELECT COUNT(*) FROM samples WHERE service=?1 AND bucket=?2") != SQLITE_OK ||
        add_sample_.Prepare(db_, "INSERT OR IGNORE INTO samples(service,bucket,id,author,category,text,created,user,region,ck) "
                          "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,bengle_ck(?1,?2,?3,?4,?5,?6,?7,?8,?9))") !=
            SQLITE_OK) {
      return Error();
    }
    return Status::OK();
  }

  // Runs body(&stats, &unchanged) in one write transaction: committed when
  // it succeeds, rolled back when it fails (the store is as before) or sets
  // `unchanged`. *stats gains the counts of a call that succeeded.
  template <typename Body>
  Status WriteTransaction(int64_t bucket_ms, const char* what, ApplyStats* stats, Body&& body) {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": store is open read-only");
    if (bucket_ms != options_.bucket_ms) {
      return Status::InvalidArgument(std::string(what) + " bucket length differs from the store's");
    }
    ApplyStats local;
    bool unchanged = false;
    if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Status st = body(&local, &unchanged);
    if (st.ok()) st = Exec(unchanged ? "ROLLBACK" : "COMMIT");
    if (unchanged) series_ids_.clear();  // as below: nothing of this transaction is kept
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

  // The row writes Apply() and ApplyPartial() share.

  // Remembers a post; *fresh = it was not stored before (nor in posts_v1).
  Status AddPost(int64_t bucket, uint64_t h, bool* fresh) {
    bool seen_before = false;
    if (has_v1_posts_) {
      sqlite3_stmt* q = seen_v1_.get();
      sqlite3_reset(q);
      if (Status b = Check({sqlite3_bind_int64(q, 1, static_cast<int64_t>(h))}); !b.ok()) return b;
      const int rc = sqlite3_step(q);
      sqlite3_reset(q);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error();
      seen_before = rc == SQLITE_ROW;
    }
    sqlite3_stmt* s = add_post_.get();
    sqlite3_reset(s);
    if (Status b = Check({sqlite3_bind_int64(s, 1, bucket), sqlite3_bind_int64(s, 2, static_cast<int64_t>(h))});
        !b.ok()) {
      return b;
    }
    if (sqlite3_step(s) != SQLITE_DONE) return Error();
    *fresh = !seen_before && sqlite3_changes(db_) > 0;
    return Status::OK();
  }

  // Adds a complaining author to a series' bucket; *fresh = not there before.
  Status AddAuthor(int64_t series, int64_t bucket, uint64_t author, bool* fresh) {
    sqlite3_stmt* a = add_author_.get();
    sqlite3_reset(a);
    if (Status b = Check({sqlite3_bind_int64(a, 1, series), sqlite3_bind_int64(a, 2, bucket),
                          sqlite3_bind_int64(a, 3, static_cast<int64_t>(author))});
        !b.ok()) {
      return b;
    }
    if (sqlite3_step(a) != SQLITE_DONE) return Error();
    *fresh = sqlite3_changes(db_) > 0;
    return Status::OK();
  }

  // Adds to a series' bucket counts (the row is made when missing).
  Status AddCounts(int64_t series, int64_t bucket, const BucketCounts& c) {
    sqlite3_stmt* s = add_counts_.get();
    sqlite3_reset(s);
    if (Status b = Check({sqlite3_bind_int64(s, 1, series), sqlite3_bind_int64(s, 2, bucket),
                          sqlite3_bind_int64(s, 3, c.complaints), sqlite3_bind_int64(s, 4, c.authors),
                          sqlite3_bind_int64(s, 5, c.mentions), sqlite3_bind_int64(s, 6, c.recovery),
                          sqlite3_bind_int64(s, 7, c.official)});
        !b.ok()) {
      return b;
    }
    if (sqlite3_step(s) != SQLITE_DONE) return Error();
    if (sqlite3_changes(db_) == 0) return Damaged("counts", bucket);
    return Status::OK();
  }

  // The samples stored for a service's bucket.
  Status CountSamples(const std::string& service, int64_t bucket, int* count) {
    sqlite3_stmt* q = count_samples_.get();
    sqlite3_reset(q);
    if (Status b = Check({sqlite3_bind_text(q, 1, service.c_str(), -1, SQLITE_TRANSIENT),
                          sqlite3_bind_int64(q, 2, bucket)});
        !b.ok()) {
      return b;
    }
    const int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *count = sqlite3_column_int(q, 0);
    sqlite3_reset(q);  // an unfinished SELECT would pin the WAL and stop checkpoints
    return rc == SQLITE_ROW ? Status::OK() : Error();
  }

  // Stores a sample post (a repeat of one stored changes nothing); *added
  // += rows written.
  Status AddSample(const std::string& service, int64_t bucket, const std::string& id, uint64_t author,
                   const std::string& category, const std::string& text, UnixMillis created_at,
                   const std::string& user, const std::string& region, int* added) {
    sqlite3_stmt* a = add_sample_.get();
    sqlite3_reset(a);
    if (Status b = Check({sqlite3_bind_text(a, 1, service.c_str(), -1, SQLITE_TRANSIENT),
                          sqlite3_bind_int64(a, 2, bucket), sqlite3_bind_text(a, 3, id.c_str(), -1, SQLITE_TRANSIENT),
                          sqlite3_bind_int64(a, 4, static_cast<int64_t>(author)),
                          sqlite3_bind_text(a, 5, category.c_str(), -1, SQLITE_TRANSIENT),
                          sqlite3_bind_text(a, 6, text.c_str(), -1, SQLITE_TRANSIENT),
                          sqlite3_bind_int64(a, 7, created_at),
                          sqlite3_bind_text(a, 8, user.c_str(), -1, SQLITE_TRANSIENT),
                          sqlite3_bind_text(a, 9, region.c_str(), -1, SQLITE_TRANSIENT)});
        !b.ok()) {
      return b;
    }
    if (sqlite3_step(a) != SQLITE_DONE) return Error();
    *added += sqlite3_changes(db_);
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
      bool fresh_post = false;
      if (Status b = AddPost(p.bucket, p.id_hash, &fresh_post); !b.ok()) return b;
      if (!fresh_post) {
        ++stats->posts_duplicate;
        continue;
      }
      ++stats->posts_new;
      for (const std::string& key : p.series) {
        Result<int64_t> id = SeriesId(key);
        if (!id.ok()) return id.status();
        Status author_error;
        CountPost(p, key, &acc[Key{*id, p.bucket}], [&] {
          bool fresh = false;
          author_error = AddAuthor(*id, p.bucket, p.author_hash, &fresh);
          return fresh;
        });
        if (!author_error.ok()) return author_error;
      }
      if (!p.service.empty() && batch.options().samples_per_bucket > 0) {
        auto [it, fresh] = sample_counts.emplace(std::make_pair(p.service, p.bucket), 0);
        if (fresh) {
          if (Status b = CountSamples(p.service, p.bucket, &it->second); !b.ok()) return b;
        }
        if (it->second < batch.options().samples_per_bucket) {
          if (Status b = AddSample(p.service, p.bucket, p.id, p.author_hash, p.top_category, p.text, p.created_at,
                                   p.user, p.region, &it->second);
              !b.ok()) {
            return b;
          }
        }
      }
    }
    for (const auto& [k, c] : acc) {
      if (Status b = AddCounts(k.series, k.bucket, c); !b.ok()) return b;
    }
    return Status::OK();
  }

  // ApplyLocked() for a partial aggregate: the same statements, so the rows
  // (checksums included) are those Apply() writes. Sets *unchanged when
  // every post was stored already (the caller then rolls back).
  Status ApplyPartialLocked(const PartialAggregate& partial, ApplyStats* stats, bool* unchanged) {
    if (Status s = Prepare(); !s.ok()) return s;
    const std::vector<std::pair<int64_t, uint64_t>> posts = partial.Posts();
    uint64_t stored = 0;
    for (const auto& [bucket, h] : posts) {
      bool fresh = false;
      if (Status b = AddPost(bucket, h, &fresh); !b.ok()) return b;
      stored += !fresh;
    }
    if (stored == posts.size()) {
      *unchanged = true;
      stats->posts_duplicate += posts.size() + partial.duplicates();
      return Status::OK();
    }
    if (stored > 0) {
      return Status::InvalidArgument(path_ + ": " + std::to_string(stored) + " of the " + std::to_string(posts.size()) +
                                     " posts of the partial aggregate are in the store already and the others not "
                                     "(what each of them added cannot be told apart)");
    }
    stats->posts_new += posts.size();
    stats->posts_duplicate += partial.duplicates();
    for (const PartialAggregate::Cell& c : partial.Cells()) {
      Result<int64_t> id = SeriesId(c.key);
      if (!id.ok()) return id.status();
      BucketCounts counts = c.counts;
      counts.authors = 0;  // the authors new to the store's bucket
      if (SeriesKey::CountsAuthors(c.key)) {
        for (uint64_t author : c.authors) {
          bool fresh = false;
          if (Status b = AddAuthor(*id, c.bucket, author, &fresh); !b.ok()) return b;
          counts.authors += fresh;
        }
      }
      if (Status b = AddCounts(*id, c.bucket, counts); !b.ok()) return b;
    }
    const int limit = partial.options().samples_per_bucket;
    if (limit <= 0) return Status::OK();
    // Samples come by service and bucket, each list in archive order.
    const std::string* service = nullptr;
    int64_t bucket = 0;
    int count = 0;
    const std::vector<PartialAggregate::Sample> samples = partial.Samples();
    for (const PartialAggregate::Sample& p : samples) {
      if (p.service.empty()) continue;
      if (service == nullptr || *service != p.service || bucket != p.bucket) {
        service = &p.service;
        bucket = p.bucket;
        count = 0;
        if (Status b = CountSamples(p.service, p.bucket, &count); !b.ok()) return b;
      }
      if (count >= limit) continue;
      if (Status b = AddSample(p.service, p.bucket, p.id, p.author, p.category, p.text, p.created_at, p.user,
                               p.region, &count);
          !b.ok()) {
        return b;
      }
    }
    return Status::OK();
  }

  sqlite3* db_ = nullptr;
  std::string path_;
  StoreOptions options_;
  std::unordered_map<std::string, int64_t> series_ids_;
  bool has_v1_posts_ = false;
  Stmt seen_v1_;
  Stmt add_post_, add_author_, get_series_, add_series_, seal_series_, add_counts_, count_samples_, add_sample_, read_series_;
};

}  // namespace

Result<std::unique_ptr<BaselineStore>> BaselineStore::OpenSqlite(const std::string& path, const StoreOptions& options) {
  if (options.bucket_ms <= 0 || kDayMs % options.bucket_ms != 0) {
    return Status::InvalidArgument("bucket length must divide a day");
  }
  auto s = std::make_unique<SqliteStore>();
  if (Status st = s->Init(path, options); !st.ok()) return st;
  return std::unique_ptr<BaselineStore>(std::move(s));
}

}  // namespace bengle
