// What fixes the shape and meaning of a sweep file: the model's output groups, what
// identifies each run (seed, arm, grid values, sampled values), the layout of the
// runs the analysis at the end reads, and each run's resolved config.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/sink.hpp"
#include "core/study/sweep/sweep_analysis.hpp"

namespace aiplus::core {

/// What identifies one run of an experiment.
struct RunLabel {
  std::uint64_t seed = 0;
  std::string arm;
  std::vector<std::string> grid_values;  ///< TOML text, one per grid key
  std::vector<double> sample_values;     ///< one per sampled key
  std::size_t cell = 0;                  ///< runs of one cell differ only in seed
  std::size_t point = 0;                 ///< the sample point (0 without a sample)
  std::uint64_t agents = 0;              ///< simulated firms (arms may differ)
};

/// Everything that fixes the shape and meaning of a sweep file.
struct SweepPlan {
  std::vector<GroupInfo> groups;  ///< the model's outputs the file holds
  std::vector<std::string> grid_keys;
  std::vector<bool> grid_numeric;  ///< per grid key: every value a number (stored as float64)
  std::vector<std::string> sample_keys;
  std::vector<RunLabel> runs;
  std::string fingerprint;  ///< of every run's resolved config: a resume must match it
  std::string posterior;    ///< the calibration file posterior draws came from; "" for none
  SweepDesign design;       ///< how runs are laid out, and what the end computes
  /// The resolved config of run r as TOML, stored in /runs/config; empty: not stored.
  std::function<std::string(std::size_t run)> config;
};

/// The name of a config key as a variable of a sweep file: dots become underscores
/// ("human.broad_training" -> "human_broad_training"); the variable's `key` attribute
/// keeps the key.
[[nodiscard]] std::string variable_name(std::string_view key);

/// A value's TOML text as a label: a string without its quotes, anything else as written.
[[nodiscard]] std::string unquoted(const std::string& toml_text);

/// A grid point's label: "name=value" for each grid key, by variable name.
[[nodiscard]] std::string grid_label(const SweepPlan& plan, const RunLabel& run);

/// A cell's label: "arm=NAME", its grid point's label and "point=I" in a sample.
[[nodiscard]] std::string cell_label(const SweepPlan& plan, const RunLabel& run);

}  // namespace aiplus::core
