// What a sweep computes from its runs once they are done (docs/MODEL.md section 8.2):
// paired contrasts of every arm against the first (the reference), the effects of a
// 2x2 factorial of arms, and for a sampled design the sensitivity of each arm and
// contrast to the sampled keys (Sobol' indices or Morris statistics) with its spread
// over the parameter points. Pure numerics on values already read; the file layout is
// in hdf5_analysis.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/study/sensitivity/sensitivity.hpp"

namespace aiplus::core {

/// How a [sample] draws its parameter points.
enum class SampleMethod { Lhs, Sobol, Morris };

/// The name of a method as an experiment file writes it: "lhs", "sobol" or "morris".
[[nodiscard]] const char* method_name(SampleMethod method) noexcept;

/// Two factors of two levels each, declared by the `levels` of four arms.
struct Factorial {
  std::array<std::string, 2> factors;                ///< e.g. "innovation", "diffusion"
  std::array<std::array<std::string, 2>, 2> levels;  ///< [factor][0: the reference arm's, 1: other]
  std::array<std::size_t, 4> arms{};                 ///< arm of (a0 b0), (a1 b0), (a0 b1), (a1 b1)
};

/// What the sensitivity analysis of a sampled design reads and computes.
struct SensitivitySpec {
  SampleMethod method = SampleMethod::Lhs;
  std::vector<std::string> keys;           ///< the sampled keys, in design order
  std::vector<double> min, max;            ///< their ranges
  std::vector<std::string> series;         ///< the national series analysed
  std::vector<std::size_t> series_index;   ///< their index in the national group
  std::vector<std::string> dates;          ///< "YYYY-MM": the state at the end of each month
  std::vector<std::size_t> rows;           ///< the row of each date (the next month's start)
  SaltelliDesign saltelli;                 ///< Sobol': the design on the unit cube
  MorrisDesign morris;                     ///< Morris: the design on the unit cube
  BootstrapSettings bootstrap{200, 0.95};  ///< Sobol': the intervals
};

/// How a sweep's runs are laid out (arm-major, then grid point, sample point, seed) and
/// what is computed from them at the end.
struct SweepDesign {
  std::vector<std::string> arms;         ///< the first is every contrast's reference
  std::vector<std::string> grid_labels;  ///< one per grid point: "key=value ..." ("" without)
  std::size_t samples = 1;               ///< sample points (1 without a sample)
  std::size_t seeds = 1;
  std::optional<Factorial> factorial;
  std::optional<SensitivitySpec> sensitivity;  ///< present with a [sample]

  /// Grid points (1 without a grid).
  [[nodiscard]] std::size_t points() const noexcept {
    return grid_labels.empty() ? 1 : grid_labels.size();
  }
  /// The run of (arm, grid point, sample point, seed).
  [[nodiscard]] std::size_t run(std::size_t arm, std::size_t point, std::size_t sample,
                                std::size_t seed) const noexcept {
    return ((arm * points() + point) * samples + sample) * seeds + seed;
  }
};

/// One row of /contrasts: an arm against the reference at a grid point.
struct Contrast {
  std::size_t arm = 0, point = 0;
  std::string label;  ///< "arm - reference", then the grid point
};
/// Every contrast: each arm after the first, grid point by grid point (none for one arm).
[[nodiscard]] std::vector<Contrast> contrasts(const SweepDesign& design);

/// One row of /contrasts/factorial: an effect at a grid point.
struct Effect {
  std::size_t effect = 0;  ///< 0: first factor, 1: second factor, 2: their interaction
  std::size_t point = 0;
  std::string label;  ///< "innovation: high - low", ..., then the grid point
};
/// The three effects of the design's factorial at every grid point (none without one).
[[nodiscard]] std::vector<Effect> effects(const SweepDesign& design);

/// One row of /sensitivity: an arm, or an arm minus the reference, at a grid point.
struct Subject {
  std::size_t arm = 0, point = 0;
  bool contrast = false;  ///< the arm minus the reference arm
  std::string label;
};
/// Every subject, grid point by grid point: each arm, then each arm after the first
/// minus the first.
[[nodiscard]] std::vector<Subject> subjects(const SweepDesign& design);

/// Per element (width of them), the mean of paired differences treated - control over
/// `pairs` with its 95% t-interval (paired_difference): values are [pair][element];
/// writes mean, lo and hi; NaN without pairs, infinite ends with one.
void paired_contrast(std::span<const double> treated, std::span<const double> control,
                     std::span<const std::size_t> pairs, std::size_t width, double* mean,
                     double* lo, double* hi);

/// Per element, the 2x2 effects (factorial_effects) from four arms' values, each
/// [pair][element], in the order of Factorial::arms; writes out[effect][0: mean, 1: lo,
/// 2: hi] + element.
void factorial_contrast(const std::array<std::span<const double>, 4>& arms,
                        std::span<const std::size_t> pairs, std::size_t width,
                        const std::array<std::array<double*, 3>, 3>& out);

/// What /sensitivity holds for one subject, series and date.
struct SubjectSensitivity {
  std::vector<IndexEstimate> first, total;  ///< Sobol': per key
  std::vector<double> mu, mu_star, sigma;   ///< Morris: per key
  double probability_positive = 0, mean = 0, q05 = 0, q95 = 0;
};

/// From one value per design point (the mean over seeds): the indices of the design's
/// method and, over the points drawn from the ranges (Sobol': the A and B rows; else
/// every point), the share above 0, the mean and the 5% and 95% quantiles. Every value
/// is NaN when a point's value is not finite.
[[nodiscard]] SubjectSensitivity analyse_subject(const SensitivitySpec& spec,
                                                 std::span<const double> values);

}  // namespace aiplus::core
