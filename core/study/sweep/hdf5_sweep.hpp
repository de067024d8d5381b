// The file of an experiment: every output group the plan holds (national, segment,
// ...) with a leading `run` dimension, each run's seed, arm, grid values and
// sampled values as coordinates, each run's resolved config (/runs/config),
// per-cell summaries (mean and 95% confidence interval of the mean over seeds)
// along a labelled `cell` dimension, one cell per (arm, grid point, sample point),
// and the contrasts, factorial effects and sensitivity tables of hdf5_analysis.hpp.
// Runs are written as they finish, in any order; `done` marks them, so an
// interrupted sweep can be resumed, and `complete` is 1 only when every run finished.
//
// No kill, power cut or full disk may lose a run once it is marked done, so the
// file is laid out in full before it takes its name: every table is contiguous,
// uncompressed and allocated (NaN) at creation, under a temporary name, then made
// durable and renamed into place. After that, writing never changes the file's
// structure, only bytes at fixed places: a run's rows, then (after an fsync) its
// checksum and `done` flag, then another fsync; at the end the summaries, contrasts
// and sensitivity tables and the `complete` and `end_time` attributes, rewritten in
// place. --resume checks every run marked done against its checksum and runs again
// the ones that fail. The file holds an advisory write lock while it is open, so
// another aiplus leaves it alone.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/engine/sink.hpp"
#include "core/io/hdf5_sink.hpp"
#include "core/io/output_file.hpp"
#include "core/study/statistics.hpp"  // t_quantile_975 for the per-cell intervals
#include "core/study/sweep/hdf5_analysis.hpp"
#include "core/study/sweep/sweep_plan.hpp"

namespace aiplus::core {

/// Values of one run in file order: group, series, time, then the group's positions.
[[nodiscard]] std::size_t values_per_run(const std::vector<GroupInfo>& groups, std::size_t times);
/// A finished run's values in file order.
[[nodiscard]] std::vector<double> run_values(const MemorySink& sink);
/// A finished run's values of the groups named in `groups` (a subset of the sink's,
/// in the sink's order), in file order.
[[nodiscard]] std::vector<double> run_values(const MemorySink& sink,
                                             const std::vector<GroupInfo>& groups);
/// FNV-1a (64 bits) of a run's values as bytes, in file order: the checksum stored with it.
[[nodiscard]] std::uint64_t run_checksum(std::span<const double> values);

/// Writes an experiment to HDF5.
class Hdf5SweepFile {
 public:
  explicit Hdf5SweepFile(std::string path);
  ~Hdf5SweepFile();
  Hdf5SweepFile(const Hdf5SweepFile&) = delete;
  Hdf5SweepFile& operator=(const Hdf5SweepFile&) = delete;

  /// Bytes the file of this plan takes on disk (it is allocated in full at creation).
  [[nodiscard]] static double bytes_needed(const SweepPlan& plan, std::size_t times);

  /// Creates the file: laid out under a temporary name beside the path, then renamed
  /// to it, replacing a regular file that no process writes only when `replace`.
  /// info.config_toml holds the experiment text, info.time the time coordinate.
  /// Throws FileBusy or PathTaken (nothing at the path was touched), or WriteError.
  void create(const RunInfo& info, const SweepPlan& plan, bool replace);
  /// Opens a file an interrupted sweep left, to go on with it, and checks every run
  /// marked done against its checksum. Throws FileBusy when another process writes
  /// it, ConfigError when it is unreadable, from an older aiplus, or written for
  /// another plan (other experiment, overrides or firms).
  void resume(const RunInfo& info, const SweepPlan& plan);
  /// Which runs the file already holds (after resume(): the ones that passed the check).
  [[nodiscard]] const std::vector<bool>& done() const noexcept { return done_runs_; }
  /// Runs that were marked done but failed their check when the file was resumed.
  [[nodiscard]] const std::vector<std::size_t>& damaged() const noexcept { return damaged_; }
  /// Writes run r (values as run_values lays them out), makes it durable, then marks
  /// it done with its checksum and makes that durable.
  void write_run(std::size_t run, std::span<const double> values);
  /// Writes the per-cell summaries over the runs done, `end_time` and `complete`,
  /// durably, and closes the file.
  void end(bool complete);

 private:
  struct Group {
    H5Handle handle;
    std::vector<H5Handle> datasets;   ///< one per series: (run, time, dimensions...)
    std::vector<hsize_t> shape;       ///< (run, time, dimensions...)
    std::vector<H5Handle> summaries;  ///< per series: mean, lo, hi along (cell, time, ...)
    H5Handle runs;                    ///< finished runs per cell
  };
  void lay_out(const RunInfo& info, const SweepPlan& plan, bool replace);
  void reopen(const RunInfo& info, const SweepPlan& plan);
  void close() noexcept;
  void open_datasets(bool create);
  void create_summaries();
  void write_summaries();
  void write_runs();
  [[nodiscard]] std::vector<double> read_run(std::size_t run) const;
  void flush_durably(const char* what);

  std::string path_;
  OutputFile output_;  ///< holds the write lock; declared first, so closed last
  H5Handle file_;
  H5Handle done_;
  H5Handle checksum_;
  std::vector<Group> groups_;
  AnalysisTables analysis_;  ///< contrasts, factorial effects, sensitivity
  std::vector<std::size_t> damaged_;
  SweepPlan plan_;
  RunInfo info_;  ///< the time coordinate and its units
  std::vector<bool> done_runs_;
};

}  // namespace aiplus::core
