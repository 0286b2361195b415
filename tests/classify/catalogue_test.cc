#include "bengle/catalogue.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "bengle/classify.h"
#include "bengle/normalize.h"
#include "classify/discover.h"
#include "test_paths.h"

TEST_SUITE("classify.catalogue") {
  TEST_CASE("the bundled catalogue: >= 300 services, unique ids, one service per alias, parents that exist") {
    auto cat = bengle::ServiceCatalogue::Load(std::string(BENGLE_DATA_DIR) + "/catalogue/services.tsv");
    REQUIRE_MESSAGE(cat.ok(), cat.status().message());
    const auto& services = (*cat)->services();
    MESSAGE("catalogue: " << services.size() << " services");
    CHECK(services.size() >= 300);
    std::set<std::string> ids;
    std::map<std::string, std::string> owner_of_alias;
    for (const bengle::ServiceInfo& s : services) {
      CHECK_MESSAGE(ids.insert(s.id).second, "duplicate id ", s.id);
      CHECK_FALSE(s.aliases.empty());
      if (!s.parent.empty()) CHECK_MESSAGE((*cat)->Find(s.parent) != nullptr, s.id, " has parent ", s.parent);
      for (const std::string& a : s.aliases) {
        auto [it, fresh] = owner_of_alias.emplace(a, s.id);
        CHECK_MESSAGE((fresh || it->second == s.id), "alias ", a, " names ", it->second, " and ", s.id);
      }
    }
    for (const char* id : bengle::kServiceIds) CHECK_MESSAGE((*cat)->Find(id) != nullptr, id);
    CHECK((*cat)->DisplayName("wechat") == "微信");
    CHECK((*cat)->DisplayName("new:秀动") == "秀动");
    CHECK((*cat)->DisplayName("no_such_service") == "no_such_service");
    CHECK((*cat)->Resolve("wechat_pay") == "wechat");
  }

  TEST_CASE("a malformed catalogue is refused with file:line and the reason") {
    auto bad = [](const char* text) {
      auto r = bengle::ServiceCatalogue::FromString(text, "t.tsv");
      REQUIRE_FALSE(r.ok());
      return r.status().message();
    };
    CHECK(bad("a\tA\tchat\t-\t-\ta|b\na\tB\tchat\t-\t-\tc\n") == "t.tsv:2: duplicate id 'a'");
    CHECK(bad("a\tA\tchat\t-\t-\tx\nb\tB\tchat\t-\t-\tx\n") == "t.tsv:2: alias 'x' also names 'a'");
    CHECK(bad("a\tA\tnews\t-\t-\tx\n").find("unknown kind 'news'") != std::string::npos);
    CHECK(bad("# c\n\na\tA\tchat\t-\tzz\tx\n") == "t.tsv:3: unknown parent 'zz'");
    CHECK(bad("a\tA\tchat\t-\tx\n").find("t.tsv:1: expected 6 tab-separated fields") == 0);
    CHECK(bad("A b\tA\tchat\t-\t-\tx\n").find("is not [a-z0-9_]+") != std::string::npos);
    auto ok = bengle::ServiceCatalogue::FromString("a\tA\tchat\t腾讯\t-\tAbc|x\nb\tB\tpayment\t-\ta\ty\n", "t.tsv");
    REQUIRE(ok.ok());
    CHECK((*ok)->Find("a")->aliases[0] == "abc");  // matched lower case
    CHECK((*ok)->Resolve("b") == "a");
  }

  TEST_CASE("services nobody listed are discovered; figurative, people, places and clauses are not") {
    auto n = bengle::Normalizer::Create();
    auto c = bengle::Classifier::Create();
    REQUIRE(n.ok());
    REQUIRE(c.ok());
    auto run = [&](const char* text) {
      bengle::NormalizedText norm;
      REQUIRE((*n)->Normalize(text, &norm).ok());
      bengle::Classification out;
      (*c)->Classify(norm, &out);
      std::string s;
      for (size_t k = 0; k < out.services.size(); ++k) s += (k ? "," : "") + out.services[k] + "=" + out.service_names[k];
      return s + (out.complaint ? " C" : "");
    };
    CHECK(run("公考雷达崩了") == "new:公考雷达=公考雷达 C");
    CHECK(run("#某某云课堂崩了# 作业交不上") == "new:某某云课堂=某某云课堂 C");
    CHECK(run("教资笔试报名系统崩了") == "new:教资笔试报名系统=教资笔试报名系统 C");
    CHECK(run("钉钉崩了") == "dingtalk=钉钉 C");      // in the catalogue: its own id
    CHECK(run("WPS崩了") == "wps=WPS C");
    CHECK(run("花呗崩了") == "alipay=支付宝 C");       // a feature counts for its parent
    CHECK(run("他人设崩了").empty());                 // figurative
    CHECK(run("心态崩了").empty());
    CHECK(run("人体结构崩了，重画").empty());
    CHECK(run("北京崩了").find("new:") == std::string::npos);    // a place
    CHECK(run("王刚崩了").find("new:") == std::string::npos);    // a person
    CHECK(run("数学老师崩了").find("new:") == std::string::npos);  // a role
    CHECK(run("看来这次是进不去了").find("new:") == std::string::npos);  // a clause
  }

  TEST_CASE("discovery rules: a malformed line is refused") {
    auto d = bengle::internal::Discoverer::FromString("ending 市\nbogus x\n", "r.txt");
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().message().find("r.txt:2: unknown kind 'bogus'") == 0);
  }
}
