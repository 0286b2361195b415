// The post reader on any bytes: JSON Lines, CSV and sniffed input, in every
// encoding, plain and gzip-compressed (the first byte chooses the options).
// Invariants: every record is either a post or counted as skipped; a post
// has an id, valid UTF-8 text without NUL bytes.
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "bengle/ingest.h"
#include "fuzz_util.h"

namespace {

std::string Gzip(const std::string& in) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return in;
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  std::string content(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const bengle::InputFormat kFormats[] = {bengle::InputFormat::kAuto, bengle::InputFormat::kJsonl,
                                                 bengle::InputFormat::kCsv};
  static const char* kEncodings[] = {"auto", "utf-8", "gb18030", "big5"};
  bengle::ReadOptions ro;
  ro.format = kFormats[mode % 3];
  ro.encoding = kEncodings[(mode / 3) % 4];
  ro.max_record_bytes = (mode & 0x20) ? 1024 : size_t{1} << 20;
  ro.skip_duplicate_ids = (mode & 0x10) != 0;
  if (mode & 0x40) ro.csv_columns = {{"id", "mid"}, {"text", "微博正文"}};
  if (mode & 0x80) content = Gzip(content);
  uint64_t reported = 0;
  ro.on_bad_record = [&](const bengle::ReadIssue& issue) {
    ++reported;
    FUZZ_CHECK(issue.line >= 1);
    FUZZ_CHECK(!issue.ToString().empty());
  };
  auto reader = bengle::PostReader::FromString("fuzz", std::move(content), ro);
  FUZZ_CHECK(reader.ok());
  bengle::Post post;
  uint64_t posts = 0;
  while ((*reader)->Next(&post)) {
    ++posts;
    FUZZ_CHECK(!post.id.empty());
    FUZZ_CHECK(post.line >= 1);
    FUZZ_CHECK(bengle::fuzz::ValidUtf8(post.text));
    FUZZ_CHECK(post.text.find('\0') == std::string::npos);
  }
  const bengle::ReadStats& st = (*reader)->stats();
  FUZZ_CHECK(st.posts == posts);
  FUZZ_CHECK(st.skipped() == reported);
  FUZZ_CHECK(st.records == st.posts + st.skipped());
  (void)st.Summary();
  return 0;
}
