#include <doctest/doctest.h>

#include <string>

#include "bengle/ingest.h"
#include "ingest/encoding.h"

using bengle::internal::DetectEncoding;
using bengle::internal::Encoding;
using bengle::internal::LineConverter;

namespace {

// "微信崩了，图片发不出去" in GB18030 (GBK), and in Big5 (Traditional).
const std::string kGb = "\xce\xa2\xd0\xc5\xb1\xc0\xc1\xcb\xa3\xac\xcd\xbc\xc6\xac\xb7\xa2\xb2\xbb\xb3\xf6\xc8\xa5";
const std::string kUtf8 = "微信崩了，图片发不出去";

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "{\"id\":" + std::to_string(i) + ",\"text\":\"" + s + "\"}\n";
  return out;
}

}  // namespace

TEST_CASE("encoding: names") {
  Encoding e;
  bool detect = false;
  CHECK(bengle::internal::ParseEncodingName("GBK", &e, &detect).ok());
  CHECK(e == Encoding::kGb18030);
  CHECK_FALSE(detect);
  CHECK(bengle::internal::ParseEncodingName("auto", &e, &detect).ok());
  CHECK(detect);
  CHECK(bengle::internal::ParseEncodingName("UTF8", &e, &detect).ok());
  CHECK(e == Encoding::kUtf8);
  CHECK_FALSE(bengle::internal::ParseEncodingName("utf-16", &e, &detect).ok());
}

TEST_CASE("encoding: detection") {
  // ASCII and UTF-8 are UTF-8, even cut in the middle of a character.
  CHECK(DetectEncoding("{\"id\":1}").encoding == Encoding::kUtf8);
  const std::string u = Repeat(kUtf8, 20);
  CHECK(DetectEncoding(u).encoding == Encoding::kUtf8);
  CHECK(DetectEncoding(std::string_view(u).substr(0, u.size() - 4)).encoding == Encoding::kUtf8);
  CHECK_FALSE(DetectEncoding(u).by_detector);
  // GBK text is GB18030, by the detector.
  auto d = DetectEncoding(Repeat(kGb, 20));
  CHECK(d.encoding == Encoding::kGb18030);
  CHECK(d.by_detector);
  CHECK(d.confidence > 50);
  // One broken line (a cut character that happens to be a GBK character) in
  // UTF-8 text does not make the text GB18030.
  const std::string one_bad = "{\"text\":\"\xE5\xBE\"}\n" + u;
  CHECK(DetectEncoding(one_bad).encoding == Encoding::kUtf8);
  CHECK(DetectEncoding("{\"text\":\"\xE5\xBE\"}\n{\"text\":\"\xE5\xBE\"}\n" + u).encoding == Encoding::kUtf8);
}

TEST_CASE("encoding: conversion, bad bytes marked") {
  auto c = LineConverter::Open(Encoding::kGb18030);
  REQUIRE(c.ok());
  std::string out;
  size_t n = (*c)->Convert(kGb, &out, 8);
  CHECK(std::string(out.data(), n) == kUtf8);
  CHECK(out.size() == n + 8);
  CHECK(out[n] == '\0');
  // 0x81 must be followed by 0x30..0x39 or 0x40..0xFE: a broken sequence
  // becomes 0xFF (never UTF-8), the rest converts.
  n = (*c)->Convert("a\x81 b", &out, 0);
  CHECK(std::string(out.data(), n) == "a\xff b");
  // The converter is reset between lines: a cut sequence does not spill over.
  n = (*c)->Convert("\xce", &out, 0);
  CHECK(std::string(out.data(), n) == "\xff");
  n = (*c)->Convert("x", &out, 0);
  CHECK(std::string(out.data(), n) == "x");
}

TEST_CASE("encoding: the reader converts, counts bad records, checks names") {
  std::string doc = "{\"id\":1,\"created_at\":\"2023-03-29 10:00:00\",\"text\":\"" + kGb + "\"}\n" +
                    "{\"id\":2,\"created_at\":\"2023-03-29 10:00:00\",\"text\":\"\x81\x20\"}\n";
  bengle::ReadOptions ro;
  ro.encoding = "gb18030";
  auto r = bengle::PostReader::FromString("x.jsonl", doc, ro);
  REQUIRE(r.ok());
  bengle::Post p;
  REQUIRE((*r)->Next(&p));
  CHECK(p.text == kUtf8);
  CHECK_FALSE((*r)->Next(&p));
  CHECK((*r)->stats().count(bengle::BadRecord::kInvalidUtf8) == 1);
  ro.encoding = "ebcdic";
  auto bad = bengle::PostReader::FromString("x.jsonl", doc, ro);
  CHECK_FALSE(bad.ok());
  ro.encoding = "auto";
  ro.csv_columns = {{"ident", "mid"}};
  CHECK_FALSE(bengle::PostReader::FromString("x.csv", doc, ro).ok());
}

TEST_CASE("encoding: auto tells the caller what it chose") {
  std::string doc = "{\"id\":1,\"created_at\":\"2023-03-29 10:00:00\",\"text\":\"" + kGb + kGb + kGb + "\"}\n" +
                    "{\"id\":2,\"created_at\":\"2023-03-29 10:00:00\",\"text\":\"" + kGb + "\"}\n";
  bengle::ReadOptions ro;
  std::string chosen;
  ro.on_encoding = [&](std::string_view, std::string_view enc, int) { chosen = enc; };
  auto r = bengle::PostReader::FromString("x.jsonl", doc, ro);
  REQUIRE(r.ok());
  bengle::Post p;
  REQUIRE((*r)->Next(&p));
  CHECK(chosen == "gb18030");
  CHECK(p.text == kUtf8 + kUtf8 + kUtf8);
}
