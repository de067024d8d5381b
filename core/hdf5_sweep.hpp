// The file of an experiment: every output group of the model (national, segment,
// ...) with a leading `run` dimension, each run's seed, arm, grid values and
// sampled values as coordinates, and per-cell summaries (mean and 95% confidence
// interval of the mean over seeds) along a `cell` dimension, one cell per (arm,
// grid point, sample point). Runs are written as they finish, in any order; `done`
// marks them, so an interrupted sweep can be resumed, and `complete` is 1 only
// when every run finished.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/hdf5_sink.hpp"
#include "core/sink.hpp"
#include "core/statistics.hpp"  // t_quantile_975 for the per-cell intervals

namespace aiplus::core {

/// What identifies one run of an experiment.
struct RunLabel {
  std::uint64_t seed = 0;
  std::string arm;
  std::vector<std::string> grid_values;  ///< TOML text, one per grid key
  std::vector<double> sample_values;     ///< one per sampled key
  std::size_t cell = 0;                  ///< runs of one cell differ only in seed
};

/// Everything that fixes the shape and meaning of a sweep file.
struct SweepPlan {
  std::vector<GroupInfo> groups;  ///< the model's outputs
  std::vector<std::string> grid_keys;
  std::vector<std::string> sample_keys;
  std::vector<RunLabel> runs;
  std::string fingerprint;  ///< of every run's resolved config: a resume must match it
};

/// Values of one run in file order: group, series, time, then the group's positions.
[[nodiscard]] std::size_t values_per_run(const std::vector<GroupInfo>& groups, std::size_t times);
/// A finished run's values in file order.
[[nodiscard]] std::vector<double> run_values(const MemorySink& sink);

/// Writes an experiment to HDF5.
class Hdf5SweepFile {
 public:
  explicit Hdf5SweepFile(std::string path);
  ~Hdf5SweepFile();
  Hdf5SweepFile(const Hdf5SweepFile&) = delete;
  Hdf5SweepFile& operator=(const Hdf5SweepFile&) = delete;

  /// Creates the file (replacing one when overwrite). info.config_toml holds the
  /// experiment text, info.time the time coordinate.
  void create(const RunInfo& info, const SweepPlan& plan, bool overwrite);
  /// Opens a file an interrupted sweep left, to go on with it. Throws ConfigError when
  /// the file was written for another plan (other experiment, overrides or firms).
  void resume(const RunInfo& info, const SweepPlan& plan);
  /// Which runs the file already holds.
  [[nodiscard]] const std::vector<bool>& done() const noexcept { return done_runs_; }
  /// Writes run r (values as run_values lays them out) and marks it done.
  void write_run(std::size_t run, std::span<const double> values);
  /// Writes the per-cell summaries over the runs done, and `complete`.
  void end(bool complete);

 private:
  struct Group {
    H5Handle handle;
    std::vector<H5Handle> datasets;  ///< one per series: (run, time, dimensions...)
    std::vector<hsize_t> shape;      ///< (run, time, dimensions...)
  };
  void open_datasets(bool create);
  void write_summaries();

  std::string path_;
  H5Handle file_;
  H5Handle done_;
  std::vector<Group> groups_;
  SweepPlan plan_;
  RunInfo info_;  ///< the time coordinate and its units
  std::vector<bool> done_runs_;
};

}  // namespace aiplus::core
