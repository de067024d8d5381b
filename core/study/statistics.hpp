// Small statistical helpers shared by the sweep summaries, sensitivity analysis and
// approximate Bayesian computation: Student t intervals for replicated and paired
// runs, 2x2 factorial effects, and weighted means and quantiles.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace aiplus::core {

/// The 97.5% quantile of Student's t with `df` degrees of freedom (infinity for df = 0).
[[nodiscard]] double t_quantile_975(std::size_t df);

/// A mean with its two-sided 95% Student t confidence interval.
struct MeanInterval {
  double mean = 0;
  double half_width = 0;  ///< infinite when there are fewer than two values
  double low = 0, high = 0;
  std::size_t n = 0;
};

/// Mean and 95% t-interval of independent values (e.g. one per seed); throws
/// std::invalid_argument on an empty span.
[[nodiscard]] MeanInterval mean_interval(std::span<const double> values);

/// Mean of treated[s] - control[s] over pairs run with the same seed s, with its 95%
/// t-interval; throws std::invalid_argument unless the spans have one equal, nonzero length.
[[nodiscard]] MeanInterval paired_difference(std::span<const double> treated,
                                             std::span<const double> control);

/// Main effects of two binary factors A and B and their interaction, each the mean over
/// seeds with its 95% t-interval.
struct FactorialEffects {
  MeanInterval a;            ///< per seed ((a1b0 - a0b0) + (a1b1 - a0b1)) / 2
  MeanInterval b;            ///< per seed ((a0b1 - a0b0) + (a1b1 - a1b0)) / 2
  MeanInterval interaction;  ///< per seed (a1b1 - a1b0) - (a0b1 - a0b0)
};

/// The 2x2 factorial effects from four arms run with the same seeds (element s of each
/// span is seed s); throws std::invalid_argument unless all four have one nonzero length.
[[nodiscard]] FactorialEffects factorial_effects(std::span<const double> a0b0,
                                                 std::span<const double> a1b0,
                                                 std::span<const double> a0b1,
                                                 std::span<const double> a1b1);

/// The mean of values weighted by nonnegative weights with a positive sum (need not be 1);
/// throws std::invalid_argument otherwise.
[[nodiscard]] double weighted_mean(std::span<const double> values, std::span<const double> weights);

/// Weighted p-quantiles (p in [0, 1]) of values, sorting once. Each value with positive
/// weight w_i stands at cumulative probability (W_before + w_i / 2) / W, with linear
/// interpolation between and the extreme values beyond; with equal weights this is the
/// Hazen rule (type 5 of Hyndman and Fan 1996), e.g. the median of an even count is the
/// mean of the middle two. Throws std::invalid_argument on bad weights or p.
[[nodiscard]] std::vector<double> weighted_quantiles(std::span<const double> values,
                                                     std::span<const double> weights,
                                                     std::span<const double> probabilities);

/// One weighted p-quantile, by the rule of weighted_quantiles.
[[nodiscard]] double weighted_quantile(std::span<const double> values,
                                       std::span<const double> weights, double probability);

/// The p-quantile of equally weighted values (the Hazen rule).
[[nodiscard]] double quantile(std::span<const double> values, double probability);

/// n indices drawn from weights by systematic resampling with the fixed offset 1/2: index
/// k is the item whose cumulative weight first passes (k + 1/2) / n of the total. No
/// random numbers, so the same weights give the same draws; an item of weight w appears
/// floor or ceil of n w / W times, in index order. Throws std::invalid_argument on bad
/// weights or n = 0.
[[nodiscard]] std::vector<std::size_t> systematic_resample(std::span<const double> weights,
                                                           std::size_t n);

}  // namespace aiplus::core
