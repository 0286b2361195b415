// The clustering rule of cluster.h on hand-made co-occurrence counts.
#include "bengle/analysis.h"

#include <algorithm>

#include "doctest/doctest.h"

namespace {

using bengle::ClusterNodes;
using bengle::CooccurrenceCounts;

void Pair(CooccurrenceCounts* c, const std::string& a, const std::string& b, int64_t n) {
  c->pairs[a < b ? std::make_pair(a, b) : std::make_pair(b, a)] = n;
}

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// The night of 2023-03-29 in counts: 2 hours of WeChat and QQ complaints, with
// a drama finale trending at the same time. Baseline: 7 quiet days.
void TencentNight(CooccurrenceCounts* win, CooccurrenceCounts* base) {
  win->hours = 2;
  base->hours = 168;
  win->nodes = {{"svc:wechat", 3000},      {"svc:qq", 1500},      {"tag:微信崩了", 1200},  {"tag:qq崩了", 600},
                {"tag:微信又崩了", 80},    {"tag:微信图片发不出去", 50}, {"tag:剧情崩了", 500}, {"tag:追剧", 60}};
  base->nodes = {{"svc:wechat", 40000}, {"svc:qq", 20000}, {"tag:微信崩了", 20}, {"tag:qq崩了", 10},
                 {"tag:剧情崩了", 30},  {"tag:追剧", 300}};
  Pair(win, "svc:wechat", "svc:qq", 420);
  Pair(win, "svc:wechat", "tag:微信崩了", 1150);
  Pair(win, "svc:qq", "tag:微信崩了", 210);
  Pair(win, "svc:qq", "tag:qq崩了", 580);
  Pair(win, "svc:wechat", "tag:qq崩了", 160);
  Pair(win, "tag:微信崩了", "tag:qq崩了", 140);
  Pair(win, "svc:wechat", "tag:微信又崩了", 78);
  Pair(win, "tag:微信又崩了", "tag:微信崩了", 20);
  Pair(win, "svc:wechat", "tag:微信图片发不出去", 48);
  Pair(win, "tag:剧情崩了", "tag:追剧", 40);
  Pair(base, "svc:wechat", "svc:qq", 600);  // "QQ和微信": a pair that always goes together
  Pair(base, "svc:wechat", "tag:微信崩了", 20);
}

}  // namespace

TEST_SUITE("cluster") {
  TEST_CASE("the Tencent night: WeChat and QQ merge, their hashtags join, the drama stays apart") {
    CooccurrenceCounts win, base;
    TencentNight(&win, &base);
    const auto c = ClusterNodes({"svc:wechat", "svc:qq"}, win, base);
    REQUIRE(c.groups.size() == 1);
    CHECK(c.groups[0] == std::vector<std::string>{"svc:wechat", "svc:qq"});
    for (const char* t : {"tag:微信崩了", "tag:qq崩了", "tag:微信又崩了", "tag:微信图片发不出去"}) {
      CHECK_MESSAGE(Has(c.hashtags[0], t), t);
    }
    CHECK_FALSE(Has(c.hashtags[0], "tag:剧情崩了"));
    REQUIRE(c.unrelated.size() == 1);
    CHECK(c.unrelated[0] == std::vector<std::string>{"tag:剧情崩了", "tag:追剧"});
  }

  TEST_CASE("services co-mentioned at their usual rate stay apart") {
    CooccurrenceCounts win, base;
    TencentNight(&win, &base);
    // The same window and overlap (420 posts, 28% of QQ's), but in this
    // baseline posts naming both come at 119 an hour anyway: not a new link.
    Pair(&base, "svc:wechat", "svc:qq", 20000);
    const auto c = ClusterNodes({"svc:wechat", "svc:qq"}, win, base);
    CHECK(c.groups.size() == 2);
  }

  TEST_CASE("a generic hashtag shared by two unrelated outages does not chain them") {
    CooccurrenceCounts win, base;
    win.hours = 1;
    base.hours = 168;
    win.nodes = {{"svc:wechat", 2000}, {"svc:didi", 300}, {"tag:崩了", 200}, {"tag:滴滴崩了", 150}};
    Pair(&win, "svc:wechat", "tag:崩了", 110);
    Pair(&win, "svc:didi", "tag:崩了", 80);
    Pair(&win, "svc:didi", "tag:滴滴崩了", 145);
    Pair(&win, "svc:wechat", "svc:didi", 6);  // 2% of didi's posts
    const auto c = ClusterNodes({"svc:wechat", "svc:didi"}, win, base);
    REQUIRE(c.groups.size() == 2);
    // #崩了# goes where it is most strongly linked (110/200 to wechat vs 80/200).
    CHECK(Has(c.hashtags[0], "tag:崩了"));
    CHECK_FALSE(Has(c.hashtags[1], "tag:崩了"));
    CHECK(Has(c.hashtags[1], "tag:滴滴崩了"));
  }

  TEST_CASE("a hashtag that is always used does not count as rising") {
    CooccurrenceCounts win, base;
    win.hours = 1;
    base.hours = 168;
    win.nodes = {{"svc:wechat", 500}, {"tag:打工人", 40}};
    base.nodes = {{"tag:打工人", 168 * 40}};
    Pair(&win, "svc:wechat", "tag:打工人", 30);
    const auto c = ClusterNodes({"svc:wechat"}, win, base);
    REQUIRE(c.groups.size() == 1);
    CHECK(c.hashtags[0].empty());
    CHECK(c.unrelated.empty());
  }

  TEST_CASE("no services, no counts: no crash") {
    const auto c = ClusterNodes({}, {}, {});
    CHECK(c.groups.empty());
    CHECK(c.unrelated.empty());
  }
}

TEST_SUITE("analysis.owners") {
  // Two services' outages at the same time, with no post naming both: one
  // incident when one company runs both (rule 4), two otherwise.
  std::vector<bengle::Incident> TwoOutages(const char* a, const char* b) {
    auto store = bengle::BaselineStore::InMemory();
    bengle::PostBatch batch;
    const bengle::UnixMillis t0 = 1700000000000 / 300000 * 300000;
    int id = 0;
    auto post = [&](bengle::UnixMillis t, const char* svc, bool complaint, int user) {
      bengle::Classification c;
      c.services = {svc};
      c.complaint = complaint;
      std::string u = "u";  // (not "u" + ...: GCC 12 warns falsely, bug 105329)
      u += std::to_string(user);
      batch.Add(std::to_string(++id), t, u, "x", bengle::NormalizedText{}, c);
    };
    for (int h = 0; h < 24 * 5; ++h) {  // five quiet days
      for (const char* s : {a, b}) post(t0 + h * bengle::kHourMs, s, h % 3 == 0, h);
    }
    const bengle::UnixMillis spike = t0 + 24 * 5 * bengle::kHourMs;
    for (int m = 0; m < 60; ++m) {
      for (int k = 0; k < 6; ++k) {
        for (const char* s : {a, b}) post(spike + m * bengle::kMinuteMs, s, true, 1000 + m * 10 + k);
      }
    }
    REQUIRE(store->Apply(batch, nullptr).ok());
    auto cat = bengle::ServiceCatalogue::Load();
    REQUIRE(cat.ok());
    bengle::AnalysisOptions o;
    o.catalogue = *cat;
    bengle::Analysis out;
    REQUIRE(bengle::Analyze(*store, 0, 0, o, &out).ok());
    return out.incidents;
  }

  TEST_CASE("services of one owner failing together are one incident") {
    auto same = TwoOutages("wechat", "tencent_meeting");  // 腾讯 runs both
    REQUIRE(same.size() == 1);
    CHECK(same[0].services.size() == 2);
    CHECK(same[0].service_names == std::vector<std::string>{same[0].services[0] == "wechat" ? "微信" : "腾讯会议",
                                                            same[0].services[0] == "wechat" ? "腾讯会议" : "微信"});
    auto other = TwoOutages("dingtalk", "tencent_meeting");  // 阿里 and 腾讯
    CHECK(other.size() == 2);
  }
}
