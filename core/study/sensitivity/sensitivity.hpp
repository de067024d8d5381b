// Global sensitivity analysis: Sobol' indices from a Saltelli design, and Morris
// elementary effects. Pure numerics on the unit cube: the caller maps each design point
// onto parameter ranges (scale_to_range), runs the model once per point in the design's
// run order, and hands back one output per point, in that order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace aiplus::core {

/// How a unit-cube coordinate maps onto a parameter's range.
struct FactorRange {
  double min = 0, max = 1;
  bool log = false;    ///< uniform in log(x) (needs 0 < min) rather than in x
  bool whole = false;  ///< whole numbers: integer i in [min, max] takes the share of [i, i + 1)
};

/// Maps u in [0, 1] onto the range: min + u (max - min), or the same in log(x), or for whole
/// numbers the floor of that over [min, max + 1); always within [min, max]. Throws
/// std::invalid_argument on max < min or a log range with min <= 0.
[[nodiscard]] double scale_to_range(double u, const FactorRange& range);

/// Maps every point (one value per factor) onto the ranges (one per factor).
[[nodiscard]] std::vector<std::vector<double>> scale_points(
    const std::vector<std::vector<double>>& points, std::span<const FactorRange> ranges);

/// Throws std::invalid_argument (naming `who`) unless there is one finite output per run.
void check_outputs(const char* who, std::size_t runs, std::span<const double> outputs);

/// A Saltelli design for k factors and N base rows (Saltelli 2002; Saltelli et al. 2010):
/// matrices A and B (N x k) are the first k and the last k coordinates of N points of a
/// 2k-dimensional Sobol' sequence (Boost.Random's, Joe and Kuo direction numbers), and
/// AB_i is A with column i taken from B. The N points are those with indices
/// s .. s + N - 1 of the sequence, s the smallest power of two >= N: the all-zero first
/// point is never used, and for N a power of two they form a (t, m, 2k)-net, so each
/// one-dimensional margin of A or B has exactly one point in each of N equal strata.
/// Run order, base row by base row: A_j, B_j, AB_1j, .., AB_kj, so the k + 2 runs of
/// one base row are neighbours; N (k + 2) runs in all.
struct SaltelliDesign {
  std::size_t factors = 0;                  ///< k
  std::size_t base = 0;                     ///< N
  std::vector<std::vector<double>> points;  ///< [run][factor], in [0, 1)

  /// Index of A_j in points (and in the outputs).
  [[nodiscard]] std::size_t index_a(std::size_t j) const noexcept { return j * (factors + 2); }
  /// Index of B_j.
  [[nodiscard]] std::size_t index_b(std::size_t j) const noexcept { return index_a(j) + 1; }
  /// Index of AB_ij: A_j with factor i from B_j.
  [[nodiscard]] std::size_t index_ab(std::size_t i, std::size_t j) const noexcept {
    return index_a(j) + 2 + i;
  }
};

/// Builds the Saltelli design for `factors` (1 ..) and `base` rows (2 ..); throws
/// std::invalid_argument otherwise or when 2 k exceeds the Sobol' table's dimensions.
[[nodiscard]] SaltelliDesign saltelli_design(std::size_t factors, std::size_t base);

/// How to bootstrap confidence intervals of sensitivity indices.
struct BootstrapSettings {
  std::size_t resamples = 1000;  ///< 0: no intervals (each interval is its estimate)
  double level = 0.95;           ///< two-sided percentile interval
  std::uint64_t seed = 1;        ///< same seed, same intervals
};

/// A sensitivity index with its bootstrap percentile interval.
struct IndexEstimate {
  double estimate = 0;
  double low = 0, high = 0;
};

/// First-order and total-order Sobol' indices of one output.
struct SobolIndices {
  std::vector<IndexEstimate> first;  ///< S_i, per factor
  std::vector<IndexEstimate> total;  ///< ST_i, per factor
  double variance = 0;               ///< V, of the output over A and B together
};

/// Estimates Sobol' indices from one output per design point (in run order), with
/// outputs centred on their mean over A and B (which leaves the estimators' expectations
/// unchanged and avoids cancellation for large offsets):
///   S_i  = mean_j f(B_j) (f(AB_ij) - f(A_j)) / V           (Saltelli et al. 2010)
///   ST_i = mean_j (f(A_j) - f(AB_ij))^2 / (2 V)            (Jansen 1999)
/// with V the variance over A and B. A constant output (V = 0) gives S = ST = 0. Intervals
/// resample base rows j with replacement (all k + 2 runs of a row together), keyed
/// Philox streams per resample. The resampling treats base rows as independent draws, so
/// for quasi-random rows the intervals are conservative: the Sobol' points' estimates are
/// usually closer to the truth than the intervals suggest. Throws std::invalid_argument on
/// a wrong count of outputs or a non-finite output.
[[nodiscard]] SobolIndices sobol_indices(const SaltelliDesign& design,
                                         std::span<const double> outputs,
                                         const BootstrapSettings& bootstrap = {});

/// One step of a Morris trajectory: the factor that moves, and whether it moves up.
struct MorrisStep {
  std::size_t factor = 0;
  bool up = true;
};

/// A Morris design (Morris 1991): r trajectories on a p-level grid {0, 1/(p-1), .., 1}, each
/// of k + 1 points changing one factor at a time by Delta = p / (2 (p - 1)). Each trajectory
/// has a random base point, a random direction per factor and a random order of factors
/// (the randomised orientation of Morris 1991 and Campolongo et al. 2007's basic design,
/// without trajectory optimisation). Run order, trajectory by trajectory: point s of
/// trajectory t is points[t (k + 1) + s]; r (k + 1) runs in all.
struct MorrisDesign {
  std::size_t factors = 0;                     ///< k
  std::size_t trajectories = 0;                ///< r
  std::size_t levels = 0;                      ///< p
  double delta = 0;                            ///< p / (2 (p - 1))
  std::vector<std::vector<double>> points;     ///< [run][factor], on the grid in [0, 1]
  std::vector<std::vector<MorrisStep>> steps;  ///< [trajectory][s]: from point s to s + 1
};

/// Draws a Morris design from `seed` alone; throws std::invalid_argument unless k >= 1,
/// r >= 2 and p is even and >= 2.
[[nodiscard]] MorrisDesign morris_design(std::size_t factors, std::size_t trajectories,
                                         std::size_t levels, std::uint64_t seed);

/// Morris's elementary-effect statistics per factor (Campolongo et al. 2007 for mu*).
struct MorrisEffects {
  std::vector<double> mu;       ///< mean elementary effect
  std::vector<double> mu_star;  ///< mean absolute elementary effect
  std::vector<double> sigma;    ///< standard deviation (n - 1) of the elementary effects
  std::vector<std::vector<double>> effects;  ///< [factor][trajectory]
};

/// Elementary effects (f(x + Delta e_i) - f(x)) / Delta, in output units per unit of the
/// cube (i.e. per whole range of factor i), from one output per design point in run order.
/// Throws std::invalid_argument on a wrong count of outputs or a non-finite output.
[[nodiscard]] MorrisEffects morris_effects(const MorrisDesign& design,
                                           std::span<const double> outputs);

}  // namespace aiplus::core
