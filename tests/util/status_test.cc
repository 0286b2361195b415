#include "bengle/status.h"

#include <doctest/doctest.h>

#include <memory>

TEST_SUITE("util") {
  TEST_CASE("Status: OK and named errors") {
    bengle::Status ok;
    CHECK(ok.ok());
    CHECK(ok.ToString() == "OK");
    bengle::Status e = bengle::Status::NotFound("posts.jsonl: No such file or directory");
    CHECK_FALSE(e.ok());
    CHECK(e.code() == bengle::Status::Code::kNotFound);
    CHECK(e.ToString() == "Not found: posts.jsonl: No such file or directory");
    CHECK(bengle::Status::InvalidArgument("x").ToString() == "Invalid argument: x");
    CHECK(bengle::Status::IOError("x").ToString() == "IO error: x");
    CHECK(bengle::Status::Corruption("x").ToString() == "Corruption: x");
  }

  TEST_CASE("Result: holds a value or an error") {
    bengle::Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
    REQUIRE(r.ok());
    CHECK(**r == 7);
    CHECK(r.status().ok());
    bengle::Result<int> bad(bengle::Status::Corruption("broken"));
    CHECK_FALSE(bad.ok());
    CHECK(bad.status().message() == "broken");
    // An OK status is not a valid error: it becomes one.
    bengle::Result<int> odd{bengle::Status::OK()};
    CHECK_FALSE(odd.ok());
  }
}
