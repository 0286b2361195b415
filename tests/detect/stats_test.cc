#include "util/stats.h"

#include <doctest/doctest.h>

#include <cmath>

using bengle::internal::LogNegBinTail;
using bengle::internal::LogPoissonTail;

TEST_SUITE("detect") {
  TEST_CASE("Poisson tail matches closed forms") {
    CHECK(std::exp(LogPoissonTail(0, 3)) == doctest::Approx(1.0));
    CHECK(std::exp(LogPoissonTail(1, 1)) == doctest::Approx(1 - std::exp(-1.0)));
    // P(X >= 5 | mu = 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24)
    CHECK(std::exp(LogPoissonTail(5, 1)) == doctest::Approx(1 - std::exp(-1.0) * (1 + 1 + 0.5 + 1 / 6.0 + 1 / 24.0)));
    CHECK(std::exp(LogPoissonTail(20, 25)) == doctest::Approx(0.8664251659).epsilon(1e-6));  // 1 - sum_{k<20} e^-25 25^k / k!
  }

  TEST_CASE("very unlikely counts stay finite in log space") {
    const double lp = LogPoissonTail(812, 3.1);
    CHECK(std::isfinite(lp));
    CHECK(lp < -2000);
    CHECK(std::isfinite(LogNegBinTail(5000, 0.01, 2)));
    CHECK(LogPoissonTail(3, 0) == -INFINITY);
  }

  TEST_CASE("negative binomial: geometric case and the Poisson limit") {
    // r = 1: P(X >= x) = (mu / (1 + mu))^x
    CHECK(std::exp(LogNegBinTail(3, 2, 1)) == doctest::Approx(std::pow(2.0 / 3, 3)));
    CHECK(std::exp(LogNegBinTail(10, 4, 1)) == doctest::Approx(std::pow(0.8, 10)));
    CHECK(std::exp(LogNegBinTail(7, 3, 1e5)) == doctest::Approx(std::exp(LogPoissonTail(7, 3))).epsilon(1e-3));
    // Over-dispersion makes a high count less surprising.
    CHECK(LogNegBinTail(20, 5, 2) > LogPoissonTail(20, 5));
  }
}
