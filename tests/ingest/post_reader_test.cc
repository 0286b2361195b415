#include <doctest/doctest.h>
#include <zlib.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bengle/ingest.h"
#include "test_paths.h"

using bengle::BadRecord;
using bengle::InputFormat;
using bengle::Post;
using bengle::PostReader;
using bengle::ReadIssue;
using bengle::ReadOptions;

namespace {

struct Run {
  std::vector<Post> posts;
  std::vector<std::string> messages;
  bengle::ReadStats stats;
  bengle::Status status;
};

Run ReadAll(std::string content, ReadOptions opt = {}, std::string name = "in.jsonl") {
  Run run;
  opt.on_bad_record = [&run](const ReadIssue& i) { run.messages.push_back(i.ToString()); };
  auto reader = PostReader::FromString(name, std::move(content), opt);
  REQUIRE(reader.ok());
  Post p;
  while ((*reader)->Next(&p)) run.posts.push_back(p);
  run.stats = (*reader)->stats();
  run.status = (*reader)->status();
  return run;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const char* kGood = R"({"id":1,"created_at":"2021-10-18T09:40:00+08:00","text":"ok"})";

// One bad line between two good ones: the bad one is skipped with exactly
// `message`, counted under `kind`, and reading goes on.
void ExpectBad(const std::string& line, BadRecord kind, const std::string& message, ReadOptions opt = {}) {
  std::string doc = std::string(kGood) + "\n" + line + "\n" +
                    R"({"id":9,"created_at":"2021-10-18T09:41:00+08:00","text":"after"})" + "\n";
  Run r = ReadAll(doc, opt);
  CHECK(r.posts.size() == 2);
  CHECK(r.stats.count(kind) == 1);
  CHECK(r.stats.skipped() == 1);
  CHECK(r.stats.records == 3);
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] == message);
  CHECK(r.status.ok());
}

}  // namespace

TEST_SUITE("ingest") {
  TEST_CASE("JSONL: fields, id forms and every time form of INTERFACES.md") {
    Run r = ReadAll(
        R"({"id":4890123456789012345,"created_at":"2023-03-29T03:12:00+08:00","text":"微信崩了","user":"u1","reposts":3,"source":"iPhone","region":"广东","extra":{"a":[1,2]}})"
        "\n"
        R"({"id":"abc","created_at":"2023-03-29 03:12:00","text":"a\"b\\c\u5fae"})"
        "\n"
        R"({"id":3,"created_at":1680030720,"text":"t","user":12345})"
        "\n"
        R"({"id":4,"created_at":1680030720000,"text":"t","user":null})"
        "\n"
        R"({"id":5,"created_at":"2023-03-29T03:12:00","text":""})"
        "\n");
    REQUIRE(r.posts.size() == 5);
    CHECK(r.posts[0].id == "4890123456789012345");
    CHECK(r.posts[0].created_at == 1680030720000);
    CHECK(r.posts[0].text == "微信崩了");
    CHECK(r.posts[0].user == "u1");
    CHECK(*r.posts[0].reposts == 3);
    CHECK(r.posts[0].source == "iPhone");
    CHECK(r.posts[0].region == "广东");
    CHECK(r.posts[1].region.empty());
    CHECK(r.posts[0].line == 1);
    CHECK(r.posts[1].id == "abc");
    CHECK(r.posts[1].text == "a\"b\\c微");
    CHECK(r.posts[1].created_at == 1680030720000);
    CHECK_FALSE(r.posts[1].reposts.has_value());
    CHECK(r.posts[2].user == "12345");
    for (const Post& p : r.posts) CHECK(p.created_at == 1680030720000);
    CHECK(r.posts[4].line == 5);
    CHECK(r.stats.skipped() == 0);
    CHECK(r.stats.posts == 5);
  }

  TEST_CASE("JSONL: blank lines, CRLF and a UTF-8 BOM are not records") {
    Run r = ReadAll(std::string("\xEF\xBB\xBF") + kGood + "\r\n\r\n   \n" +
                    R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"b"})");
    REQUIRE(r.posts.size() == 2);
    CHECK(r.posts[1].line == 4);  // last line without '\n'
    CHECK(r.stats.records == 2);
    CHECK(r.stats.skipped() == 0);
  }

  TEST_CASE("bad input: one test per class, message and count") {
    SUBCASE("broken JSON") {
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"x")", BadRecord::kBrokenJson,
                "in.jsonl:2: broken JSON: JSON document ended early in the middle of an object or array.");
      ExpectBad("not json at all", BadRecord::kBrokenJson, "in.jsonl:2: broken JSON: the line is not a JSON object");
      ExpectBad("[1,2]", BadRecord::kBrokenJson, "in.jsonl:2: broken JSON: the line is not a JSON object");
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"x"} {})", BadRecord::kBrokenJson,
                "in.jsonl:2: broken JSON: trailing content after the object");
    }
    SUBCASE("missing field") {
      ExpectBad(R"({"created_at":"2021-10-18T09:40:00+08:00","text":"x"})", BadRecord::kMissingField,
                "in.jsonl:2: missing field 'id'");
      ExpectBad(R"({"id":2,"text":"x"})", BadRecord::kMissingField, "in.jsonl:2: missing field 'created_at'");
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00"})", BadRecord::kMissingField,
                "in.jsonl:2: missing field 'text'");
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":null})", BadRecord::kMissingField,
                "in.jsonl:2: missing field 'text'");
    }
    SUBCASE("wrong type") {
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":42})", BadRecord::kWrongType,
                "in.jsonl:2: field 'text' must be a string");
      ExpectBad(R"({"id":[2],"created_at":"2021-10-18T09:40:00+08:00","text":"x"})", BadRecord::kWrongType,
                "in.jsonl:2: field 'id' must be a string or an integer");
      ExpectBad(R"({"id":2.5,"created_at":"2021-10-18T09:40:00+08:00","text":"x"})", BadRecord::kWrongType,
                "in.jsonl:2: field 'id' must be a string or an integer");
      ExpectBad(R"({"id":2,"created_at":true,"text":"x"})", BadRecord::kWrongType,
                "in.jsonl:2: field 'created_at' must be a string or a number");
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"x","reposts":"many"})",
                BadRecord::kWrongType, "in.jsonl:2: field 'reposts' must be an integer");
    }
    SUBCASE("invalid UTF-8") {
      ExpectBad("{\"id\":2,\"created_at\":\"2021-10-18T09:40:00+08:00\",\"text\":\"\xE5\xBE\"}",
                BadRecord::kInvalidUtf8, "in.jsonl:2: invalid UTF-8");
      // Issue 15, defect 8: a lone surrogate escape was "Unexpected error ... a bug in simdjson".
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"a\ud800b"})", BadRecord::kInvalidUtf8,
                "in.jsonl:2: invalid UTF-8: a \\u escape that is not a whole character (a lone surrogate such as "
                "\\ud800)");
      ExpectBad(R"({"id":"\uDC00","created_at":"2021-10-18T09:40:00+08:00","text":"x"})", BadRecord::kInvalidUtf8,
                "in.jsonl:2: invalid UTF-8: a \\u escape that is not a whole character (a lone surrogate such as "
                "\\ud800)");
      ExpectBad("{\"id\":2,\"created_at\":\"2021-10-18T09:40:00+08:00\",\"text\":\"\xFF\xFE\"}",
                BadRecord::kInvalidUtf8, "in.jsonl:2: invalid UTF-8");
    }
    SUBCASE("unparseable time") {
      ExpectBad(R"({"id":2,"created_at":"昨天","text":"x"})", BadRecord::kBadTime,
                "in.jsonl:2: unparseable time '昨天': expected a 4-digit year");
      ExpectBad(R"({"id":2,"created_at":"2021-02-30T09:40:00+08:00","text":"x"})", BadRecord::kBadTime,
                "in.jsonl:2: unparseable time '2021-02-30T09:40:00+08:00': day out of range");
      ExpectBad(R"({"id":2,"created_at":-5,"text":"x"})", BadRecord::kBadTime,
                "in.jsonl:2: unparseable time: epoch time must be a non-negative number");
    }
    SUBCASE("NUL bytes") {
      using namespace std::string_literals;
      ExpectBad("{\"id\":2,\"created_at\":\"2021-10-18T09:40:00+08:00\",\"text\":\"a\0b\"}"s,
                BadRecord::kNulByte, "in.jsonl:2: NUL byte in the line");
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"a\u0000b"})", BadRecord::kNulByte,
                "in.jsonl:2: NUL character (\\u0000) in a field");
    }
    SUBCASE("line over the length limit") {
      ReadOptions opt;
      opt.max_record_bytes = 2048;
      ExpectBad(R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":")" + std::string(5000, 'x') + "\"}",
                BadRecord::kLineTooLong, "in.jsonl:2: line longer than the limit of 2048 bytes", opt);
    }
    SUBCASE("duplicate id") {
      ExpectBad(R"({"id":"1","created_at":"2021-10-18T09:40:00+08:00","text":"again"})", BadRecord::kDuplicateId,
                "in.jsonl:2: duplicate id '1'");
    }
  }

  TEST_CASE("an over-long line is skipped without holding it, even when it spans many blocks") {
    ReadOptions opt;
    opt.max_record_bytes = 4096;
    std::string doc = std::string(kGood) + "\n" + std::string(5 << 20, 'y') + "\n" +
                      R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"b"})" + "\n" +
                      std::string(3 << 20, 'z');  // and a last line without '\n'
    Run r = ReadAll(doc, opt);
    CHECK(r.posts.size() == 2);
    CHECK(r.stats.count(BadRecord::kLineTooLong) == 2);
    INFO((r.messages.size() > 2 ? r.messages[2] : std::string()));
    REQUIRE(r.messages.size() == 2);
    CHECK(r.messages[0] == "in.jsonl:2: line longer than the limit of 4096 bytes");
    CHECK(r.messages[1] == "in.jsonl:4: line longer than the limit of 4096 bytes");
  }

  TEST_CASE("duplicates: counted across many ids, optional") {
    std::string doc;
    for (int i = 0; i < 300000; ++i) {
      doc += "{\"id\":" + std::to_string(i % 200000) + ",\"created_at\":1634521200,\"text\":\"x\"}\n";
    }
    Run r = ReadAll(doc);
    CHECK(r.posts.size() == 200000);
    CHECK(r.stats.count(BadRecord::kDuplicateId) == 100000);
    ReadOptions keep;
    keep.skip_duplicate_ids = false;
    CHECK(ReadAll(doc, keep).posts.size() == 300000);
  }

  TEST_CASE("CSV: RFC 4180 quoting, doubled quotes, newlines in quotes, BOM, any column order") {
    const std::string csv =
        "\xEF\xBB\xBFtext,id,created_at,user,region\r\n"
        "\"图片发不出去，大图点不开\",1,2021-10-18 09:40:00,u1,北京\r\n"
        "\"他说\"\"微信崩了\"\"\",2,2021-10-18T09:41:00+08:00,,\r\n"
        "\"第一行\n第二行\",3,1634521260,\"u,3\",\n"
        "plain,4,2021-10-18 09:42:00,u4,\n";
    Run r = ReadAll(csv, {}, "posts.csv");
    REQUIRE(r.posts.size() == 4);
    CHECK(r.posts[0].text == "图片发不出去，大图点不开");
    CHECK(r.posts[0].id == "1");
    CHECK(r.posts[0].user == "u1");
    CHECK(r.posts[0].region == "北京");
    CHECK(r.posts[1].region.empty());
    CHECK(r.posts[1].text == "他说\"微信崩了\"");
    CHECK(r.posts[1].user.empty());
    CHECK(r.posts[2].text == "第一行\n第二行");
    CHECK(r.posts[2].user == "u,3");
    CHECK(r.posts[2].line == 4);
    CHECK(r.posts[3].line == 6);
    CHECK(r.posts[2].created_at == 1634521260000);
    CHECK(r.stats.skipped() == 0);
  }

  TEST_CASE("CSV: bad records are skipped with file:line") {
    const std::string csv =
        "id,created_at,text\n"
        "1,2021-10-18 09:40:00,ok\n"
        "2,2021-10-18 09:40:00\n"                  // too few fields
        "3,2021-10-18 09:40:00,\"a\"b\n"           // text after closing quote
        "4,never,x\n"                              // bad time
        ",2021-10-18 09:40:00,x\n"                 // missing id
        "6,2021-10-18 09:40:00,\xC3\x28\n"         // invalid UTF-8
        "7,2021-10-18 09:40:00,fine\n"
        "8,2021-10-18 09:40:00,\"never closed\n";  // unterminated quote at the end
    Run r = ReadAll(csv, {}, "p.csv");
    REQUIRE(r.posts.size() == 2);
    CHECK(r.posts[1].id == "7");
    REQUIRE(r.messages.size() == 6);
    CHECK(r.messages[0] == "p.csv:3: broken CSV: expected 3 fields as in the header, found 2");
    CHECK(r.messages[1] == "p.csv:4: broken CSV: unexpected character after a closing quote in field 3");
    CHECK(r.messages[2] == "p.csv:5: unparseable time 'never': expected a 4-digit year");
    CHECK(r.messages[3] == "p.csv:6: missing field 'id'");
    CHECK(r.messages[4] == "p.csv:7: invalid UTF-8");
    CHECK(r.messages[5] == "p.csv:9: broken CSV: unterminated quoted field 3 at end of input");
    CHECK(r.stats.count(BadRecord::kBrokenCsv) == 3);
    CHECK(r.stats.count(BadRecord::kBadTime) == 1);
    CHECK(r.stats.count(BadRecord::kMissingField) == 1);
    CHECK(r.stats.count(BadRecord::kInvalidUtf8) == 1);
  }

  TEST_CASE("CSV: the header names of the usual exports, without --columns") {
    // weibo-crawler's columns (a part of them), in its order.
    const std::string csv =
        "id,bid,user_id,用户昵称,微博正文,话题,转发数,发布时间,发布工具\n"
        "4882000000247334,Mx,123,小王,QQ被挤下线了,QQ崩了,3,2023-03-29 03:25,iPhone客户端\n";
    Run r = ReadAll(csv, {}, "weibo.csv");
    REQUIRE(r.posts.size() == 1);
    CHECK(r.posts[0].id == "4882000000247334");
    CHECK(r.posts[0].text == "QQ被挤下线了");
    CHECK(r.posts[0].user == "123");  // user_id before the nickname
    CHECK(r.posts[0].reposts == 3);
    CHECK(r.posts[0].source == "iPhone客户端");
    // The field's own name wins over a synonym; --columns over both.
    Run own = ReadAll("mid,id,created_at,content,text\n9,1,2023-03-29 03:25,a,b\n", {}, "p.csv");
    REQUIRE(own.posts.size() == 1);
    CHECK(own.posts[0].id == "1");
    CHECK(own.posts[0].text == "b");
    ReadOptions opt;
    opt.csv_columns = {{"text", "content"}};
    Run mapped = ReadAll("id,created_at,content,text\n1,2023-03-29 03:25,a,b\n", opt, "p.csv");
    REQUIRE(mapped.posts.size() == 1);
    CHECK(mapped.posts[0].text == "a");
  }

  TEST_CASE("JSONL: the Weibo API's user object and reposts_count") {
    Run r = ReadAll(
        "{\"created_at\":\"Wed Mar 29 03:12:00 +0800 2023\",\"id\":1,\"text\":\"x\","
        "\"user\":{\"id\":123,\"screen_name\":\"小王\",\"x\":{\"y\":[1]}},\"reposts_count\":3}\n"
        "{\"created_at\":\"2023-03-29 03:12\",\"id\":2,\"text\":\"x\",\"user\":{\"screen_name\":\"小李\"}}\n"
        "{\"created_at\":\"2023-03-29 03:12\",\"id\":3,\"text\":\"x\",\"user\":[1]}\n");
    REQUIRE(r.posts.size() == 2);
    CHECK(r.posts[0].user == "123");
    CHECK(r.posts[0].reposts == 3);
    CHECK(r.posts[0].created_at == 1680030720000);
    CHECK(r.posts[1].user == "小李");
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].find("must be a string, a number or a user object") != std::string::npos);
  }

  TEST_CASE("CSV without a required column cannot be read at all") {
    Run r = ReadAll("id,when,text\n1,2021-10-18 09:40:00,x\n", {}, "p.csv");
    CHECK(r.posts.empty());
    CHECK_FALSE(r.status.ok());
    CHECK(r.status.message() == "p.csv:1: bad CSV header: no column 'created_at' (the header has: id, when, text)");
  }

  TEST_CASE("format: from the name, a flag, or sniffed") {
    const std::string csv = "id,created_at,text\n1,2021-10-18 09:40:00,x\n";
    CHECK(ReadAll(csv, {}, "noext").posts.size() == 1);         // sniffed CSV
    CHECK(ReadAll(kGood, {}, "noext").posts.size() == 1);       // sniffed JSONL
    ReadOptions as_csv;
    as_csv.format = InputFormat::kCsv;
    CHECK(ReadAll(csv, as_csv, "x.jsonl").posts.size() == 1);   // the flag wins
  }

  TEST_CASE("gzip: read transparently, also concatenated members; a damaged stream is an error") {
    std::string a = std::string(kGood) + "\n";
    std::string b = R"({"id":2,"created_at":"2021-10-18T09:40:00+08:00","text":"b"})" "\n";
    Run r = ReadAll(Gzip(a) + Gzip(b), {}, "x.jsonl.gz");
    CHECK(r.posts.size() == 2);
    CHECK(r.status.ok());
    CHECK(r.stats.bytes == a.size() + b.size());
    // Progress compares the bytes taken from the file as stored with its size.
    CHECK(r.stats.input_bytes == Gzip(a).size() + Gzip(b).size());
    CHECK(ReadAll(a, {}, "x.jsonl").stats.input_bytes == a.size());
    std::string big;
    for (int i = 0; i < 50000; ++i) {
      big += "{\"id\":" + std::to_string(i) + ",\"created_at\":1634521200,\"text\":\"微信崩了\"}\n";
    }
    std::string z = Gzip(big);
    Run cut = ReadAll(z.substr(0, z.size() / 2), {}, "cut.jsonl.gz");
    CHECK(cut.posts.size() > 1000);
    CHECK(cut.posts.size() < 50000);
    CHECK(cut.status.code() == bengle::Status::Code::kCorruption);
    CHECK(cut.status.message() == "cut.jsonl.gz: gzip stream is truncated");
  }

  TEST_CASE("files: read in order, ids deduplicated across them, a missing file is NotFound") {
    const std::string dir = "/tmp/bengle_reader_test_" + std::to_string(::getpid());
    std::string cmd = "mkdir -p " + dir;
    REQUIRE(std::system(cmd.c_str()) == 0);
    {
      std::ofstream(dir + "/a.jsonl") << kGood << "\n";
      std::ofstream(dir + "/b.csv") << "id,created_at,text\n1,2021-10-18 09:40:00,dup\n2,2021-10-18 09:40:00,new\n";
    }
    std::vector<std::string> msgs;
    ReadOptions opt;
    opt.on_bad_record = [&](const ReadIssue& i) { msgs.push_back(i.ToString()); };
    auto reader = PostReader::Open({dir + "/a.jsonl", dir + "/b.csv"}, opt);
    REQUIRE(reader.ok());
    Post p;
    std::vector<std::string> ids;
    while ((*reader)->Next(&p)) ids.push_back((*reader)->path(p.file_index) + "#" + p.id);
    CHECK(ids == std::vector<std::string>{dir + "/a.jsonl#1", dir + "/b.csv#2"});
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0] == dir + "/b.csv:2: duplicate id '1'");
    auto missing = PostReader::Open({dir + "/nope.jsonl"});
    CHECK(missing.status().code() == bengle::Status::Code::kNotFound);
    cmd = "rm -rf " + dir;
    CHECK(std::system(cmd.c_str()) == 0);
  }
}
