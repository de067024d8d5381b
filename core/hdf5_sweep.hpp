// The file of an experiment: every run's national series along a `run` dimension,
// with each run's seed, arm and grid values as coordinates, and per-cell summaries
// (mean and 95% confidence interval of the mean over seeds) along a `cell`
// dimension, one cell per (arm, grid point). Runs are written as they finish;
// `done` marks them, and `complete` is 1 only when every run finished.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/hdf5_sink.hpp"
#include "core/sink.hpp"

namespace aiplus::core {

/// What identifies one run of an experiment.
struct RunLabel {
  std::uint64_t seed = 0;
  std::string arm;
  std::vector<std::string> grid_values;  ///< TOML text, one per grid key
  std::size_t cell = 0;                  ///< runs of one cell differ only in seed
};

/// Writes an experiment to HDF5.
class Hdf5SweepFile {
 public:
  Hdf5SweepFile(std::string path, bool overwrite);
  ~Hdf5SweepFile();
  /// Creates the file. info.config_toml holds the experiment; info.time the time coordinate.
  void begin(const RunInfo& info, const std::vector<SeriesInfo>& series,
             const std::vector<std::string>& grid_keys, const std::vector<RunLabel>& runs);
  /// Writes run r: for each series, its values over time.
  void write_run(std::size_t run, const std::vector<std::vector<double>>& values);
  /// Writes the per-cell summaries over the runs written, and `complete`.
  void end(bool complete);

 private:
  std::string path_;
  bool overwrite_;
  H5Handle file_, national_, done_;
  std::vector<H5Handle> datasets_;
  std::vector<SeriesInfo> series_;
  std::vector<RunLabel> runs_;
  std::vector<std::string> grid_keys_;
  std::size_t times_ = 0;
  RunInfo time_info_;  ///< the time coordinate and its units, for /summary
  std::vector<std::vector<std::vector<double>>> kept_;  ///< run, series, time (for the summaries)
};

/// The 97.5% quantile of Student's t with `df` degrees of freedom.
[[nodiscard]] double t_quantile_975(std::size_t df);

}  // namespace aiplus::core
