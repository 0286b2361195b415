#include "bengle/store.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "bengle/classify.h"

namespace {

std::string TempDb(const char* name) {
  const std::string p = "/tmp/bengle_store_test_" + std::to_string(::getpid()) + "_" + name + ".db";
  std::remove(p.c_str());
  std::remove((p + "-wal").c_str());
  std::remove((p + "-shm").c_str());
  return p;
}

// A batch of posts: `n` complaints about wechat from `authors` distinct users,
// plus one ordinary mention.
bengle::PostBatch Batch(int first_id, int n, int authors, bengle::UnixMillis t) {
  bengle::PostBatch b;
  bengle::NormalizedText norm;
  norm.hashtags.push_back(bengle::Hashtag{"微信崩了", {}, bengle::HashtagKind::kWeibo});
  bengle::Classification c;
  c.services = {"wechat"};
  c.categories = {bengle::CategoryScore{"media_transfer", 0.9}};
  c.complaint = true;
  for (int i = 0; i < n; ++i) {
    std::string user = "u";  // (not "u" + ...: GCC 12 warns falsely, bug 105329)
    user += std::to_string(i % authors);
    b.Add(std::to_string(first_id + i), t, user, "图片发不出去", norm, c);
  }
  bengle::Classification mention;
  mention.services = {"wechat"};
  b.Add(std::to_string(first_id + n), t, "someone", "用微信转账", bengle::NormalizedText{}, mention);
  return b;
}

void ExpectCounts(bengle::BaselineStore& s, const char* key, int64_t complaints, int64_t authors, int64_t mentions) {
  std::vector<bengle::SeriesPoint> pts;
  REQUIRE(s.ReadSeries(key, 0, INT64_MAX, &pts).ok());
  REQUIRE(pts.size() == 1);
  CHECK(pts[0].counts.complaints == complaints);
  CHECK(pts[0].counts.authors == authors);
  CHECK(pts[0].counts.mentions == mentions);
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("counts per series and bucket; distinct authors; applying twice changes nothing") {
    const bengle::UnixMillis t = 1634521200000;  // 2021-10-18T09:40:00+08:00
    for (bool sqlite : {true, false}) {
      CAPTURE(sqlite);
      const std::string path = TempDb("counts");
      std::unique_ptr<bengle::BaselineStore> store;
      if (sqlite) {
        auto r = bengle::BaselineStore::OpenSqlite(path);
        REQUIRE(r.ok());
        store = std::move(*r);
      } else {
        store = bengle::BaselineStore::InMemory();
      }
      bengle::ApplyStats st;
      REQUIRE(store->Apply(Batch(1, 200, 1, t), &st).ok());  // one account, 200 times
      CHECK(st.posts_new == 201);
      ExpectCounts(*store, "svc:wechat", 200, 1, 201);
      REQUIRE(store->Apply(Batch(1, 200, 1, t), &st).ok());
      CHECK(st.posts_duplicate == 201);
      ExpectCounts(*store, "svc:wechat", 200, 1, 201);
      REQUIRE(store->Apply(Batch(1000, 10, 10, t + 60000), &st).ok());  // same bucket, 10 new authors
      ExpectCounts(*store, "svc:wechat", 210, 10, 212);
      ExpectCounts(*store, "cat:wechat:media_transfer", 210, 10, 210);
      ExpectCounts(*store, "stag:wechat:微信崩了", 210, 10, 210);
      ExpectCounts(*store, "all", 210, 10, 210);
      std::vector<std::string> keys;
      REQUIRE(store->ListSeries("svc:", &keys).ok());
      CHECK(keys == std::vector<std::string>{"svc:wechat"});
      std::vector<bengle::StoredSample> samples;
      REQUIRE(store->ReadSamples("wechat", 0, INT64_MAX, &samples).ok());
      CHECK(samples.size() == 3);
    }
  }

  TEST_CASE("regions: counted per service under their short name; samples keep time, author and region") {
    const bengle::UnixMillis t = 1680030000000;  // 2023-03-29T03:00:00+08:00
    for (bool sqlite : {true, false}) {
      CAPTURE(sqlite);
      std::unique_ptr<bengle::BaselineStore> store;
      if (sqlite) {
        auto r = bengle::BaselineStore::OpenSqlite(TempDb("regions"));
        REQUIRE(r.ok());
        store = std::move(*r);
      } else {
        store = bengle::BaselineStore::InMemory();
      }
      bengle::PostBatch b;
      bengle::Classification c;
      c.services = {"wechat", "qq"};
      c.complaint = true;
      b.Add("1", t + 1000, "alice", "微信QQ都登不上", bengle::NormalizedText{}, c, "IP属地：广东省");
      b.Add("2", t + 2000, "bob", "微信QQ都登不上了", bengle::NormalizedText{}, c, " 广东 ");
      b.Add("3", t + 3000, "carol", "微信QQ登不上", bengle::NormalizedText{}, c, "广西壮族自治区");
      b.Add("4", t + 4000, "dave", "登不上", bengle::NormalizedText{}, c, "");  // no region: not counted in one
      REQUIRE(store->Apply(b, nullptr).ok());
      ExpectCounts(*store, "reg:wechat:广东", 2, 2, 2);
      ExpectCounts(*store, "reg:qq:广东", 2, 2, 2);
      ExpectCounts(*store, "reg:wechat:广西", 1, 1, 1);
      std::vector<std::string> keys;
      REQUIRE(store->ListSeries("reg:", &keys).ok());
      CHECK(keys.size() == 4);
      std::vector<bengle::StoredSample> samples;
      REQUIRE(store->ReadSamples("wechat", 0, INT64_MAX, &samples).ok());
      REQUIRE(samples.size() == 3);  // 3 per bucket
      CHECK(samples[0].id == "1");
      CHECK(samples[0].created_at == t + 1000);
      CHECK(samples[0].user == "alice");
      CHECK(samples[0].region == "广东");
    }
  }

  TEST_CASE("CanonicalRegion: Weibo's IP属地 forms reduce to the short name") {
    CHECK(bengle::CanonicalRegion("IP属地：广东") == "广东");
    CHECK(bengle::CanonicalRegion("IP属地:北京市") == "北京");
    CHECK(bengle::CanonicalRegion("新疆维吾尔自治区") == "新疆");
    CHECK(bengle::CanonicalRegion("内蒙古自治区") == "内蒙古");
    CHECK(bengle::CanonicalRegion("香港特别行政区") == "香港");
    CHECK(bengle::CanonicalRegion("中国台湾") == "台湾");
    CHECK(bengle::CanonicalRegion("海外") == "海外");
    CHECK(bengle::CanonicalRegion("美国") == "美国");
    CHECK(bengle::CanonicalRegion("  ") == "");
    CHECK(bengle::CanonicalRegion("a:b\tc") == "abc");
    CHECK(bengle::CanonicalRegion(std::string(100, 'x')).size() == 30);
  }

  TEST_CASE("schema version, bucket length and read-only are enforced") {
    const std::string path = TempDb("schema");
    {
      auto s = bengle::BaselineStore::OpenSqlite(path);
      REQUIRE(s.ok());
    }
    bengle::StoreOptions other;
    other.bucket_ms = 60000;
    auto wrong = bengle::BaselineStore::OpenSqlite(path, other);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.status().message() == path + ": store uses 300 s buckets, not 60");
    bengle::StoreOptions ro;
    ro.read_only = true;
    auto r = bengle::BaselineStore::OpenSqlite(path, ro);
    REQUIRE(r.ok());
    bengle::ApplyStats st;
    CHECK((*r)->Apply(Batch(1, 1, 1, 0), &st).code() == bengle::Status::Code::kInvalidArgument);
    auto missing = bengle::BaselineStore::OpenSqlite("/nonexistent-dir/x.db");
    CHECK_FALSE(missing.ok());
  }

  TEST_CASE("incidents round-trip") {
    auto s = bengle::BaselineStore::OpenSqlite(TempDb("incidents"));
    REQUIRE(s.ok());
    bengle::Incident i;
    i.service = "wechat";
    i.services = {"wechat", "qq"};
    i.start = 1000;
    i.peak = 2000;
    i.end = 3000;
    i.peak_count = 812;
    i.baseline = 3.1;
    i.score = 41.7;
    i.categories = {{"media_transfer", 0.71}, {"messaging", 0.12}};
    i.hashtags = {"微信崩了"};
    i.sample_ids = {"1", "2"};
    i.sample_texts = {"图片发不出去", "大图点不开"};
    i.recovered = true;
    REQUIRE((*s)->SaveIncidents(0, 10000, {i}).ok());
    REQUIRE((*s)->SaveIncidents(0, 10000, {i}).ok());  // replaces, not appends
    std::vector<bengle::Incident> out;
    REQUIRE((*s)->LoadIncidents(0, 10000, &out).ok());
    REQUIRE(out.size() == 1);
    CHECK(out[0].services == i.services);
    CHECK(out[0].categories[0].name == "media_transfer");
    CHECK(out[0].categories[0].share == doctest::Approx(0.71));
    CHECK(out[0].sample_texts == i.sample_texts);
    CHECK(out[0].recovered);
    CHECK(out[0].peak_count == 812);
  }
}

#include <sqlite3.h>

TEST_SUITE("store") {
  TEST_CASE("a version-1 store is migrated on open, and its posts still count as seen") {
    const std::string path = TempDb("migrate");
    {
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
      const std::string h = std::to_string(bengle::PostBatch::Hash("1"));
      const std::string sql =
          "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
          "INSERT INTO meta VALUES('schema_version', 1), ('bucket_ms', 300000);"
          "CREATE TABLE posts(h INTEGER PRIMARY KEY);"
          "INSERT INTO posts VALUES(" + h + ");"
          "CREATE TABLE series(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);"
          "CREATE TABLE counts(series INTEGER NOT NULL, bucket INTEGER NOT NULL, complaints INTEGER NOT NULL,"
          "  authors INTEGER NOT NULL, mentions INTEGER NOT NULL, recovery INTEGER NOT NULL, official INTEGER NOT NULL,"
          "  PRIMARY KEY(series, bucket)) WITHOUT ROWID;"
          "CREATE TABLE authors(series INTEGER NOT NULL, bucket INTEGER NOT NULL, author INTEGER NOT NULL,"
          "  PRIMARY KEY(series, bucket, author)) WITHOUT ROWID;"
          "INSERT INTO authors VALUES(1, 0, 42);"
          "CREATE TABLE samples(service TEXT NOT NULL, bucket INTEGER NOT NULL, id TEXT NOT NULL, author INTEGER NOT NULL,"
          "  category TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(service, bucket, id)) WITHOUT ROWID;"
          "CREATE TABLE incidents(start INTEGER NOT NULL, service TEXT NOT NULL, services TEXT NOT NULL,"
          "  peak INTEGER NOT NULL, end_ms INTEGER NOT NULL, alarm INTEGER NOT NULL, peak_count INTEGER NOT NULL,"
          "  baseline REAL NOT NULL, score REAL NOT NULL, complaints INTEGER NOT NULL, categories TEXT NOT NULL,"
          "  hashtags TEXT NOT NULL, sample_ids TEXT NOT NULL, sample_texts TEXT NOT NULL, recovered INTEGER NOT NULL,"
          "  open INTEGER NOT NULL);";
      REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(db);
    }
    auto s = bengle::BaselineStore::OpenSqlite(path);
    REQUIRE(s.ok());
    bengle::ApplyStats st;
    REQUIRE((*s)->Apply(Batch(1, 3, 3, 1634521200000), &st).ok());  // ids 1, 2, 3 and 4
    CHECK(st.posts_duplicate == 1);  // id 1 was stored by the old version
    CHECK(st.posts_new == 3);
    s->reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='schema_version'", -1, &q, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(q) == SQLITE_ROW);
    CHECK(sqlite3_column_int(q, 0) == 6);
    sqlite3_finalize(q);
    // Version 4 keeps an incident as one JSON object (the old columns are gone).
    REQUIRE(sqlite3_prepare_v2(db, "SELECT json FROM incidents", -1, &q, nullptr) == SQLITE_OK);
    sqlite3_finalize(q);
    REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM authors WHERE author = 42", -1, &q, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(q) == SQLITE_ROW);
    CHECK(sqlite3_column_int(q, 0) == 1);  // old rows carried over
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
}

TEST_SUITE("store") {
  // A statement that fails inside a transaction (here a trigger raising an
  // error, as a full disk or a damaged page would): a clear error, and the
  // store exactly as before, never half-written.
  TEST_CASE("a failing statement gives a clear error and leaves the store as it was") {
    const std::string path = TempDb("inject");
    {
      auto s = bengle::BaselineStore::OpenSqlite(path);
      REQUIRE(s.ok());
      REQUIRE((*s)->Apply(Batch(1, 3, 3, 1634521200000), nullptr).ok());
      bengle::Incident i;
      i.service = "wechat";
      i.start = 1000;
      i.complaints = 7;
      REQUIRE((*s)->SaveIncidents(0, 10000, {i}).ok());
    }
    {
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
      REQUIRE(sqlite3_exec(db,
                           "CREATE TRIGGER no_samples BEFORE INSERT ON samples BEGIN SELECT RAISE(ABORT, 'injected "
                           "failure'); END;"
                           "CREATE TRIGGER no_incidents BEFORE INSERT ON incidents BEGIN SELECT RAISE(ABORT, "
                           "'injected failure'); END;",
                           nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(db);
    }
    auto s = bengle::BaselineStore::OpenSqlite(path);
    REQUIRE(s.ok());
    bengle::ApplyStats st;
    const bengle::Status applied = (*s)->Apply(Batch(100, 5, 5, 1634521200000 + bengle::kDayMs), &st);
    REQUIRE_FALSE(applied.ok());
    CHECK(applied.message().find("injected failure") != std::string::npos);
    CHECK(applied.message().find(path) != std::string::npos);
    CHECK(st.posts_new == 0);
    ExpectCounts(**s, "svc:wechat", 3, 3, 4);  // the first batch only
    bengle::Incident other;
    other.service = "qq";
    other.start = 2000;
    const bengle::Status saved = (*s)->SaveIncidents(0, 10000, {other});
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.message().find("injected failure") != std::string::npos);
    std::vector<bengle::Incident> kept;
    REQUIRE((*s)->LoadIncidents(0, 10000, &kept).ok());
    REQUIRE(kept.size() == 1);  // the DELETE before the failed INSERT was rolled back
    CHECK(kept[0].service == "wechat");
    CHECK(kept[0].complaints == 7);
  }

  TEST_CASE("reads of a damaged store are errors, not empty results") {
    const std::string path = TempDb("damaged");
    {
      auto s = bengle::BaselineStore::OpenSqlite(path);
      REQUIRE(s.ok());
      REQUIRE((*s)->Apply(Batch(1, 3, 3, 1634521200000), nullptr).ok());
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
      // A stored incident that is not JSON, and a NULL sample text.
      REQUIRE(sqlite3_exec(db,
                           "INSERT INTO incidents VALUES(5, 'wechat', 'not json', 0);"
                           "CREATE TABLE s2 AS SELECT * FROM samples; DROP TABLE samples;"
                           "CREATE TABLE samples(service TEXT, bucket INTEGER, id TEXT, author INTEGER, category TEXT,"
                           " text TEXT, ck INTEGER, created INTEGER, user TEXT, region TEXT);"
                           "INSERT INTO samples VALUES('wechat', 1634521200000, 'x', 1, '', NULL, 0, 0, '', '');",
                           nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(db);
    }
    auto s = bengle::BaselineStore::OpenSqlite(path);
    REQUIRE(s.ok());
    std::vector<bengle::Incident> out;
    const bengle::Status loaded = (*s)->LoadIncidents(0, 10, &out);
    CHECK(loaded.code() == bengle::Status::Code::kCorruption);
    // A crafted row (NULL text, no valid checksum): an error, not a crash.
    std::vector<bengle::StoredSample> samples;
    const bengle::Status read = (*s)->ReadSamples("wechat", 0, INT64_MAX, &samples);
    CHECK(read.code() == bengle::Status::Code::kCorruption);
    CHECK(read.message().find("store is damaged: a row of samples") != std::string::npos);
  }

  // What SQLite cannot see: a value changed inside a row (a flipped bit in a
  // count) is found by the row's checksum, on reading and before adding to it.
  TEST_CASE("a count changed on disk is damage, never a wrong answer") {
    const std::string path = TempDb("flipped");
    {
      auto s = bengle::BaselineStore::OpenSqlite(path);
      REQUIRE(s.ok());
      REQUIRE((*s)->Apply(Batch(1, 3, 3, 1634521200000), nullptr).ok());
      std::vector<bengle::SeriesPoint> points;
      REQUIRE((*s)->ReadSeries("svc:wechat", 0, INT64_MAX, &points).ok());
      REQUIRE_FALSE(points.empty());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE counts SET complaints = complaints + 64", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto s = bengle::BaselineStore::OpenSqlite(path);
    REQUIRE(s.ok());
    std::vector<bengle::SeriesPoint> points;
    const bengle::Status r = (*s)->ReadSeries("svc:wechat", 0, INT64_MAX, &points);
    CHECK(r.code() == bengle::Status::Code::kCorruption);
    CHECK(r.message().find("store is damaged: a row of counts") != std::string::npos);
    std::vector<bengle::SeriesTotal> totals;
    CHECK((*s)->SumSeries("svc:", 0, INT64_MAX, &totals).code() == bengle::Status::Code::kCorruption);
    // Adding to the damaged row is refused too (nothing is resealed).
    const bengle::Status again = (*s)->Apply(Batch(100, 3, 3, 1634521200000), nullptr);
    CHECK(again.code() == bengle::Status::Code::kCorruption);
  }
}
