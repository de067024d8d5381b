// Experiments (docs/MODEL.md section 8.2): many runs of one scenario. An experiment file
// names a base scenario, seeds (replicates), arms that change levers with the same
// seeds in every arm (common random numbers), and a grid over any config keys.
//
//   scenario = "../ai_plus.toml"        # relative to this file
//   replicates = 5                      # seeds first_seed .. first_seed + 4
//   first_seed = 1
//   [set]                               # for every run
//   "simulation.firms" = 200000
//   [[arm]]
//   name = "soe_first"
//   set = { "industry.targeting" = "soe_first" }
//   [grid]                              # every combination of these values
//   "human.broad_training" = [0.0, 0.5]
//   [sample]                            # a Latin hypercube over ranges
//   points = 20
//   "industry.promotion" = [0.0, 0.02]  # [min, max]; whole numbers sample whole numbers
//
// A [sample] may instead be a global sensitivity design: method = "sobol" (base = N:
// Saltelli's N (k + 2) points) or method = "morris" (trajectories = r, levels = 4:
// r (k + 1) points); a range may be "plausible" (the key's plausible range in the
// schema); outputs = [...] and dates = [...] name what the sensitivity is computed for.
// Arms may declare a 2x2 factorial: levels = { innovation = "high", diffusion = "low" }.
//
//   [posterior]                         # parameter sets from a finished calibration
//   file = "../../calibration.h5"       # relative to this file
//   draws = 20                          # replicate k runs draw k with seed first_seed + k
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config.hpp"
#include "core/study/sensitivity/sensitivity.hpp"
#include "core/study/sweep/sweep_analysis.hpp"

namespace aiplus::core {

/// Most runs one experiment may have (arms x grid points x sample points x replicates).
inline constexpr std::size_t kMaxRuns = 1'000'000;

/// A name written in an experiment file, and where.
struct Named {
  std::string name;
  SourcePos where;
};

/// A named set of overrides; every arm runs every seed.
struct Arm {
  std::string name;
  std::vector<Override> set;
  /// The arm's level of each factor of a 2x2 factorial (factor, level); empty: none.
  std::vector<std::pair<std::string, std::string>> levels{};
  SourcePos where{};
};

/// One grid dimension: a key and the values it takes (TOML value text).
struct GridAxis {
  std::string key;
  std::vector<std::string> values;
  SourcePos where;
  bool numeric = false;  ///< every value is a number
};

/// One range of a Latin hypercube sample.
struct SampleAxis {
  std::string key;
  double min = 0, max = 0;
  bool whole = false;  ///< both ends whole numbers: sample whole numbers in [min, max]
  SourcePos where;
};

/// Points drawn over ranges. A Latin hypercube (the default): `points` points; each
/// axis's range is cut into `points` equal strata and every stratum is used by exactly
/// one point. A Saltelli design of `base` rows (Sobol' indices) or a Morris design of
/// `trajectories` (elementary effects) on the unit cube, mapped onto the ranges by
/// scale_to_range. Drawn from `seed` alone, so the same file always gives the same points.
struct Sample {
  SampleMethod method = SampleMethod::Lhs;
  std::size_t points = 0;  ///< design points; 0: no sample
  std::uint64_t seed = 1;
  std::size_t base = 0;          ///< Sobol': base rows N
  std::size_t bootstrap = 200;   ///< Sobol': bootstrap resamples of the intervals
  std::size_t trajectories = 0;  ///< Morris: r
  std::size_t levels = 4;        ///< Morris: grid levels p
  std::vector<SampleAxis> axes;
  std::vector<std::vector<double>> values;  ///< [point][axis]
  std::vector<Named> outputs;               ///< national series analysed; empty: the default
  std::vector<Named> dates;                 ///< "YYYY-MM" months analysed; empty: the last
  SaltelliDesign saltelli;                  ///< Sobol': the design on the unit cube
  MorrisDesign morris;                      ///< Morris: the design on the unit cube
  SourcePos where;                          ///< the [sample] table
};

/// Draws the points of a Latin hypercube into sample.values.
void draw_latin_hypercube(Sample& sample);

/// A real as TOML text with all its digits (always with a point or exponent).
[[nodiscard]] std::string real_text(double value);
/// Draws the sample's design (by its method) into sample.values and, for Sobol' and
/// Morris, sample.saltelli or sample.morris.
void draw_sample(Sample& sample);

/// A sampled value as TOML text: whole numbers bare, reals with all their digits.
[[nodiscard]] std::string sample_text(const SampleAxis& axis, double value);

/// Parameter sets drawn from a calibration's posterior (`aiplus calibrate`). Replicate k of
/// every cell runs draw k with seed first_seed + k, so a cell's spread is parameter
/// uncertainty and seed noise together, and arms compared at the same replicate share
/// both the draw and the seed.
struct PosteriorDraws {
  std::string file;                         ///< the calibration file, resolved
  std::vector<std::string> keys;            ///< the calibrated config keys
  std::vector<std::vector<double>> values;  ///< [draw][key], natural units
  std::vector<std::size_t> particles;       ///< the particle of the last generation each draw is
  SourcePos where;                          ///< of `file` in the experiment file
};

/// A parsed experiment file.
struct Experiment {
  std::string text;      ///< the experiment file as written (provenance)
  std::string scenario;  ///< base scenario path, resolved
  std::vector<std::uint64_t> seeds;
  std::vector<Override> set;
  std::vector<Arm> arms;  ///< at least one
  std::vector<GridAxis> grid;
  Sample sample;
  PosteriorDraws posterior;            ///< no keys: none
  std::vector<Named> groups;           ///< output groups the sweep writes; empty: every group
  std::optional<Factorial> factorial;  ///< when the arms declare a 2x2

  /// One run: an arm, a grid point (one value index per axis), a sample point and a seed.
  struct Run {
    std::size_t arm;
    std::vector<std::size_t> point;
    std::size_t sample;  ///< index into sample.values (0 when there is no sample)
    std::uint64_t seed;
    std::size_t cell;  ///< index of (arm, point, sample): runs of one cell differ only in seed
  };
  /// Every run, arm-major, then grid point, then sample point, then seed: the runs of
  /// one cell are neighbours.
  [[nodiscard]] std::vector<Run> runs() const;
  /// Number of (arm, grid point, sample point) cells.
  [[nodiscard]] std::size_t cells() const;
  /// The base scenario's config, read from its file (once for all runs).
  [[nodiscard]] Config base(const Schema& schema) const;
  /// The config of one run: the base scenario with every override applied in order
  /// (posterior draw, experiment, arm, grid point, sample point, then `extra` from the
  /// command line, so what the experiment sets wins over a draw), and its seed.
  [[nodiscard]] Config config(const Config& base, const Run& run,
                              const std::vector<std::string>& extra,
                              const std::string& seed_key) const;
};

/// Reads an experiment file; throws ConfigError with `file:line:column:` on bad input.
/// A range written "plausible" takes the key's plausible range from `schema` (without a
/// schema, or for a key without one, it is refused). A `posterior_file` replaces the
/// file of the experiment's [posterior] table (which must be there).
[[nodiscard]] Experiment load_experiment(const std::string& path, const Schema* schema = nullptr,
                                         const std::string& posterior_file = "");

/// Whether TOML text is an experiment file rather than a scenario: it sets `scenario`
/// at the top level. False for text that does not parse or passes the input limits.
[[nodiscard]] bool is_experiment_text(std::string_view text);

}  // namespace aiplus::core
