// The input of `aiplus calibrate`: a calibration file (ABC-SMC settings, populations,
// overrides and the prior of each calibrated key) and the targets file it names
// (observations of output series at dated months). Both are read and checked against
// the model registry up front, so bad input stops with a located message before any
// run or file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/engine/outputs.hpp"
#include "core/study/calibration/abc_smc.hpp"

namespace aiplus::cli {

/// One observation the model is compared with, and where it lies in a run's frames.
struct CalibrationTarget {
  std::size_t population = 0;  ///< index into Calibration::populations
  std::string series;          ///< "group/name" of the run file
  std::string band;            ///< label along the group's dimension; "" for a (time) series
  std::string date;            ///< "YYYY-MM": the model's state at the end of this month
  double value = 0;            ///< observed
  double se = 1;               ///< standard error, or a stated tolerance
  std::string source;
  std::string unit;       ///< of the series
  std::string label;      ///< "population series [band] date"
  std::size_t group = 0;  ///< the series' group in a frame
  std::size_t index = 0;  ///< its value's position in the group's frame
  std::uint32_t row = 0;  ///< the row of the run holding the end of `date`
  core::SourcePos where;  ///< the target's entry in the targets file
};

/// A population: its scenario with the calibration's overrides, run up to its last target.
struct CalibrationPopulation {
  std::string name;
  core::Config config;  ///< scenario, [set] and simulation.steps; parameters come per run
  std::vector<std::size_t> targets;  ///< indices into Calibration::targets
};

/// A calibration read and checked.
struct Calibration {
  std::string path, text;                  ///< the calibration file and its text
  std::string targets_path, targets_text;  ///< the targets file and its text
  core::AbcSettings settings;              ///< parameters (in file order), particles, ...
  core::AbcStopRules rules;
  std::vector<std::string> units;      ///< of each parameter's key
  std::vector<core::SourcePos> where;  ///< of each parameter in the calibration file
  std::vector<CalibrationPopulation> populations;
  std::vector<CalibrationTarget> targets;

  /// The config of one run of a population, with parameter values and a simulation seed.
  [[nodiscard]] core::Config config(std::size_t population, std::span<const double> values,
                                    std::uint64_t seed) const;
  /// A fingerprint of every input: both files' text and each population's resolved config.
  [[nodiscard]] std::string fingerprint() const;
};

/// Reads a calibration file and its targets and checks them; throws core::ConfigError.
/// With `only`, just those populations are run and their targets fitted (every target
/// is still checked).
[[nodiscard]] Calibration load_calibration(const std::string& path,
                                           const std::vector<std::string>& only = {});

/// Where "group/name" lies among a model's output groups; throws std::invalid_argument
/// saying what is wrong and what was expected.
[[nodiscard]] core::SeriesAt find_target_series(const std::vector<core::GroupInfo>& groups,
                                                std::string_view series);

/// The position of `band` along the group's one labelled dimension (0 for a group without
/// dimensions and no band); throws std::invalid_argument when the band does not fit.
[[nodiscard]] std::size_t band_position(const core::GroupInfo& group, std::string_view band);

}  // namespace aiplus::cli
