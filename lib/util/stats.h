// Tail probabilities of count distributions, in log space so that very
// unlikely counts (thousands against a baseline of 3) do not underflow.
// Internal; not installed. Thread-safe (pure functions).
#ifndef BENGLE_LIB_UTIL_STATS_H_
#define BENGLE_LIB_UTIL_STATS_H_

namespace bengle::internal {

// log P(X >= x) for X ~ Poisson(mu). x <= 0 gives 0.
double LogPoissonTail(double x, double mu);

// log P(X >= x) for X ~ negative binomial with mean mu and size r
// (variance mu + mu^2 / r). Poisson as r -> infinity.
double LogNegBinTail(double x, double mu, double r);

// -log10 of a probability given as its natural log.
inline double Surprise(double log_p) { return -log_p / 2.302585092994046; }

}  // namespace bengle::internal

#endif  // BENGLE_LIB_UTIL_STATS_H_
