// The file of a calibration (ABC-SMC, core/study/calibration/abc_smc.hpp): the priors, every
// finished generation's particles, weights and distances, the posterior of the last one, and the
// targets with their posterior predictive summaries. Labelled dimensions are HDF5 dimension scales,
// so xarray reads each group as a dataset.
//
// A generation is written, flushed and synced to disk before the root attribute
// `generations_done` counts it, so a process killed while writing leaves rows that a
// resumed calibration ignores; `resume` rebuilds the AbcState from the counted rows.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/io/hdf5_sink.hpp"
#include "core/io/output_file.hpp"
#include "core/study/calibration/abc_smc.hpp"

namespace aiplus::core {

/// One observation as the file records it.
struct CalibrationTargetRow {
  std::string label;  ///< e.g. "eu national/adoption_share 2023-02"
  std::string population, series, band, date, source;
  std::string unit;  ///< of the series
  double observed = 0;
  double se = 0;
};

/// What a calibration file holds besides its generations; a resume must match it.
struct CalibrationPlan {
  std::string calibration_text;  ///< the calibration file as written
  std::string targets_text;      ///< the targets file as written
  std::string populations;       ///< the populations run and fitted, space-separated
  std::string version;
  std::string fingerprint;  ///< of the inputs: a resumed file must carry the same
  std::uint64_t seed = 0;
  int threads = 0;  ///< recorded only
  std::vector<AbcParameter> parameters;
  std::vector<std::string> units;  ///< of each parameter
  std::size_t particles = 0;
  std::vector<CalibrationTargetRow> targets;
};

/// Reads and writes a calibration file.
class Hdf5CalibrationFile {
 public:
  /// The file at `path`; nothing is opened until create or resume.
  explicit Hdf5CalibrationFile(std::string path);
  /// Closes the file if it is still open (without marking it complete).
  ~Hdf5CalibrationFile();
  Hdf5CalibrationFile(const Hdf5CalibrationFile&) = delete;
  Hdf5CalibrationFile& operator=(const Hdf5CalibrationFile&) = delete;

  /// Creates the file with no generation: under a temporary name, then in place,
  /// replacing a regular file that no process writes only when `overwrite`. Throws
  /// FileBusy or PathTaken (nothing at the path touched), or WriteError.
  void create(const CalibrationPlan& plan, bool overwrite);
  /// Opens a file an interrupted calibration left and returns its finished generations.
  /// Throws ConfigError when it is not a calibration file or holds another calibration.
  [[nodiscard]] AbcState resume(const CalibrationPlan& plan);
  /// Whether the resumed file had finished (`complete` = 1).
  [[nodiscard]] bool was_complete() const noexcept { return was_complete_; }
  /// Why the generations ended, as stored by write_stop; "" while they go on.
  [[nodiscard]] const std::string& stop_reason() const noexcept { return stop_reason_; }

  /// Writes the last generation of `state` and the posterior it gives, syncs the file,
  /// then counts the generation as done.
  void write_generation(const AbcState& state);
  /// Records why the generations ended (e.g. "max_generations").
  void write_stop(const std::string& reason);
  /// Writes the posterior predictive summaries, one value per target each.
  void write_predictions(std::span<const double> mean, std::span<const double> q05,
                         std::span<const double> q95);
  /// Writes end_time and `complete`, and closes the file.
  void end(bool complete);

 private:
  void make_groups();
  void sync();

  std::string path_;
  OutputFile output_;  ///< holds the write lock; declared first, so closed last
  CalibrationPlan plan_;
  H5Handle file_;
  std::size_t done_ = 0;  ///< generations counted as done
  bool was_complete_ = false;
  std::string stop_reason_;
};

/// The particles of a finished calibration's last generation: what experiments draw from.
struct CalibrationPosterior {
  std::vector<std::string> keys;            ///< the calibrated config keys, in file order
  std::vector<std::vector<double>> values;  ///< [particle][key], natural units
  std::vector<double> weights;              ///< importance weights, summing to 1
  std::size_t generation = 0;               ///< the generation they come from
};

/// Reads the posterior of a calibration file that `aiplus calibrate` completed; throws
/// std::runtime_error saying what is wrong (not a calibration file, not finished).
[[nodiscard]] CalibrationPosterior read_calibration_posterior(const std::string& path);

/// The name of a stop reason as the file stores it ("max_generations", ...).
[[nodiscard]] std::string stop_name(AbcStop why);

}  // namespace aiplus::core
