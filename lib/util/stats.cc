#include "util/stats.h"

#include <cmath>

namespace bengle::internal {
namespace {

constexpr int kMaxIter = 500;
constexpr double kEps = 1e-14;
constexpr double kTiny = 1e-300;

// log of the regularized lower incomplete gamma P(a, x).
double LogGammaP(double a, double x) {
  if (x <= 0) return -INFINITY;
  const double lead = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1) {  // series
    double ap = a, term = 1.0 / a, sum = term;
    for (int n = 0; n < kMaxIter; ++n) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * kEps) break;
    }
    return lead + std::log(sum);
  }
  // Continued fraction for Q, then P = 1 - Q.
  double b = x + 1 - a, c = 1 / kTiny, d = 1 / b, h = d;
  for (int i = 1; i < kMaxIter; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  const double q = std::exp(lead) * h;
  return std::log1p(-std::min(q, 1.0));
}

// Continued fraction of the incomplete beta (Lentz).
double BetaCf(double a, double b, double x) {
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIter; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  return h;
}

// log of the regularized incomplete beta I_x(a, b).
double LogBetaI(double a, double b, double x) {
  if (x <= 0) return -INFINITY;
  if (x >= 1) return 0;
  const double lbeta = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  const double lead = a * std::log(x) + b * std::log1p(-x) - lbeta;
  if (x < (a + 1) / (a + b + 2)) return lead + std::log(BetaCf(a, b, x)) - std::log(a);
  const double other = std::exp(b * std::log1p(-x) + a * std::log(x) - lbeta) * BetaCf(b, a, 1 - x) / b;
  return std::log1p(-std::min(other, 1.0));
}

}  // namespace

double LogPoissonTail(double x, double mu) {
  if (x <= 0) return 0;
  if (mu <= 0) return -INFINITY;
  // P(X >= x) = P(a = x, mu) (regularized lower incomplete gamma).
  return LogGammaP(x, mu);
}

double LogNegBinTail(double x, double mu, double r) {
  if (x <= 0) return 0;
  if (mu <= 0) return -INFINITY;
  if (!(r > 0) || r > 1e6) return LogPoissonTail(x, mu);
  // P(X >= x) = I_{1-p}(x, r) with p = r / (r + mu).
  return LogBetaI(x, r, mu / (r + mu));
}

}  // namespace bengle::internal
