// Planning a sweep: the experiment read, every run's config built and checked, and the
// file's plan (groups, labels, design of the analysis at the end), shared by `aiplus
// sweep`, `aiplus sweep --dry-run` and `aiplus validate EXPERIMENT.toml`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/common/commands.hpp"
#include "core/config/config.hpp"
#include "core/study/sweep/experiment.hpp"
#include "core/study/sweep/sweep_plan.hpp"

namespace aiplus::cli {

/// Options of `aiplus sweep`.
struct SweepOptions {
  std::string experiment;              ///< experiment file
  std::vector<std::string> overrides;  ///< --set, applied to every run after the experiment's own
  std::optional<std::int64_t> firms;   ///< --firms
  std::optional<std::int64_t> steps;   ///< --steps
  std::string posterior;               ///< --posterior: draw from this calibration file instead
  std::string output;
  bool force = false;
  bool resume = false;  ///< go on with an interrupted sweep's file
  int threads = 0;      ///< per process, shared by the runs it computes at once
  bool quiet = false;
  bool dry_run = false;  ///< print what would run and be written; write nothing
};

/// Runs a sweep as `aiplus sweep` does; returns its exit code (0, 1, 2 or 130 when a
/// stop signal ended it early). Throws core::ConfigError on bad input.
int sweep_command(const SweepOptions& options);

/// An experiment with every run's config checked, and the plan of its file.
struct PlannedSweep {
  core::Experiment experiment;                       ///< the experiment file as read
  std::vector<core::Experiment::Run> runs;           ///< every run, in file order
  std::vector<std::string> extra;                    ///< --set, --firms, --steps, for every run
  std::optional<core::Config> base, first, biggest;  ///< the scenario; run 0; the largest run
  core::SweepPlan plan;  ///< its `config` reads this object, which must outlive it

  /// The config of run r.
  [[nodiscard]] core::Config config(std::size_t r) const;
};

/// Reads the experiment (with the schema, for "plausible" ranges), builds and checks
/// every run's config and the file's plan. Throws core::ConfigError on bad input.
[[nodiscard]] std::unique_ptr<PlannedSweep> plan_sweep(const SweepOptions& options);

/// Prints what a sweep would run and write, writing nothing (`sweep --dry-run`).
void print_dry_run(const PlannedSweep& sweep, const SweepOptions& options, int threads);

/// Whether the file at `path` is an experiment file (it sets `scenario`) rather than a
/// scenario; false when it cannot be read.
[[nodiscard]] bool is_experiment_file(const std::string& path);

/// `aiplus validate EXPERIMENT.toml`: builds and checks every run's config and prints
/// the number of runs and cells.
[[nodiscard]] int validate_experiment(const ScenarioOptions& options);

}  // namespace aiplus::cli
