#include "ingest/id_set.h"

#include <doctest/doctest.h>

#include <string>

TEST_SUITE("ingest") {
  TEST_CASE("IdSet: exact membership across many flushes") {
    bengle::internal::IdSet ids;
    for (int i = 0; i < 1000000; ++i) REQUIRE(ids.Insert("id" + std::to_string(i)));
    CHECK(ids.size() == 1000000);
    int dups = 0;
    for (int i = 0; i < 1000000; i += 7) dups += !ids.Insert("id" + std::to_string(i));
    CHECK(dups == 142858);
    CHECK(ids.Insert("id-new"));
    CHECK_FALSE(ids.Insert("id-new"));
    CHECK(ids.Insert(""));
    CHECK_FALSE(ids.Insert(""));
  }
}
