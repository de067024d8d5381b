#include "core/study/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace aiplus::core {

double t_quantile_975(std::size_t df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df == 0) return std::numeric_limits<double>::infinity();
  return df <= 30 ? table[df - 1] : 1.96;
}

MeanInterval mean_interval(std::span<const double> values) {
  if (values.empty()) throw std::invalid_argument("mean_interval: no values");
  MeanInterval out;
  out.n = values.size();
  const double n = static_cast<double>(out.n);
  out.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  if (out.n < 2) {
    out.half_width = std::numeric_limits<double>::infinity();
  } else {
    double sum2 = 0;
    for (const double v : values) sum2 += (v - out.mean) * (v - out.mean);
    out.half_width = t_quantile_975(out.n - 1) * std::sqrt(sum2 / (n - 1) / n);
  }
  out.low = out.mean - out.half_width;
  out.high = out.mean + out.half_width;
  return out;
}

MeanInterval paired_difference(std::span<const double> treated, std::span<const double> control) {
  if (treated.size() != control.size())
    throw std::invalid_argument("paired_difference: the two arms have different lengths");
  std::vector<double> difference(treated.size());
  for (std::size_t s = 0; s < treated.size(); ++s) difference[s] = treated[s] - control[s];
  return mean_interval(difference);
}

FactorialEffects factorial_effects(std::span<const double> a0b0, std::span<const double> a1b0,
                                   std::span<const double> a0b1, std::span<const double> a1b1) {
  const std::size_t n = a0b0.size();
  if (a1b0.size() != n || a0b1.size() != n || a1b1.size() != n)
    throw std::invalid_argument("factorial_effects: the four arms have different lengths");
  std::vector<double> a(n), b(n), ab(n);
  for (std::size_t s = 0; s < n; ++s) {
    a[s] = ((a1b0[s] - a0b0[s]) + (a1b1[s] - a0b1[s])) / 2;
    b[s] = ((a0b1[s] - a0b0[s]) + (a1b1[s] - a1b0[s])) / 2;
    ab[s] = (a1b1[s] - a1b0[s]) - (a0b1[s] - a0b0[s]);
  }
  return {mean_interval(a), mean_interval(b), mean_interval(ab)};
}

namespace {

// Throws unless the weights fit the values and have a positive, finite sum.
double checked_total(std::span<const double> values, std::span<const double> weights) {
  if (values.size() != weights.size())
    throw std::invalid_argument("weighted statistic: values and weights differ in length");
  double total = 0;
  for (const double w : weights) {
    if (!(w >= 0) || !std::isfinite(w))
      throw std::invalid_argument("weighted statistic: a weight is negative or not finite");
    total += w;
  }
  if (!(total > 0)) throw std::invalid_argument("weighted statistic: the weights sum to zero");
  return total;
}

}  // namespace

double weighted_mean(std::span<const double> values, std::span<const double> weights) {
  const double total = checked_total(values, weights);
  double sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) sum += weights[i] * values[i];
  return sum / total;
}

std::vector<double> weighted_quantiles(std::span<const double> values,
                                       std::span<const double> weights,
                                       std::span<const double> probabilities) {
  const double total = checked_total(values, weights);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (weights[i] > 0) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  // Where each value stands: the middle of its share of the cumulative weight.
  std::vector<double> position(order.size());
  double before = 0;
  for (std::size_t r = 0; r < order.size(); ++r) {
    position[r] = (before + weights[order[r]] / 2) / total;
    before += weights[order[r]];
  }
  std::vector<double> out;
  out.reserve(probabilities.size());
  for (const double p : probabilities) {
    if (!(p >= 0 && p <= 1))
      throw std::invalid_argument("weighted_quantiles: a probability is outside [0, 1]");
    const auto above = std::upper_bound(position.begin(), position.end(), p);
    if (above == position.begin()) {
      out.push_back(values[order.front()]);
    } else if (above == position.end()) {
      out.push_back(values[order.back()]);
    } else {
      const auto r = static_cast<std::size_t>(above - position.begin());
      const double lo = values[order[r - 1]], hi = values[order[r]];
      const double f = (p - position[r - 1]) / (position[r] - position[r - 1]);
      out.push_back(lo == hi ? lo : lo + f * (hi - lo));
    }
  }
  return out;
}

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double probability) {
  return weighted_quantiles(values, weights, std::span<const double>(&probability, 1)).front();
}

double quantile(std::span<const double> values, double probability) {
  const std::vector<double> equal(values.size(), 1.0);
  return weighted_quantile(values, equal, probability);
}

std::vector<std::size_t> systematic_resample(std::span<const double> weights, std::size_t n) {
  const double total = checked_total(weights, weights);
  if (n == 0) throw std::invalid_argument("systematic_resample: expected at least one draw");
  std::vector<std::size_t> out;
  out.reserve(n);
  double passed = 0;  // cumulative weight up to and including item i
  std::size_t i = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double position = (static_cast<double>(k) + 0.5) / static_cast<double>(n) * total;
    while (i + 1 < weights.size() && passed + weights[i] <= position) passed += weights[i++];
    out.push_back(i);
  }
  return out;
}

}  // namespace aiplus::core
