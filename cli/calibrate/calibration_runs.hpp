// Simulating the proposals of a calibration. A proposal runs every population with its
// parameter values and seed; the runs of a batch are dealt out to the ranks of an MPI
// job (cli/common/cluster.hpp), each rank shares them among its threads (core/study/run_pool.hpp),
// and rank 0 gathers the model's value at every target. A run's values depend only on
// its config and seed, so the gathered values do not depend on ranks or threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "cli/calibrate/calibration_file.hpp"
#include "cli/common/cluster.hpp"
#include "core/study/calibration/abc_smc.hpp"

namespace aiplus::cli {

/// One set of parameter values to simulate (natural units), with its simulation seed.
struct CalibrationRun {
  std::vector<double> values;
  std::uint64_t seed = 0;
};

/// Runs a calibration's proposals on this process's threads and the job's ranks.
class CalibrationRunner {
 public:
  /// Every rank makes one; `threads` are this process's worker threads.
  CalibrationRunner(const Calibration& calibration, const Cluster& cluster, int threads);

  /// The model's value at every target for each run, [run][target], on rank 0 (empty on
  /// the other ranks); NaN where a population's run failed. Every rank must call it.
  [[nodiscard]] std::vector<std::vector<double>> simulate(const std::vector<CalibrationRun>& runs);

  /// Runs that failed on this rank so far.
  [[nodiscard]] std::size_t failures() const;
  /// The first failure's message ("" when none failed).
  [[nodiscard]] std::string first_failure() const;

 private:
  std::vector<double> run_population(std::size_t population, const CalibrationRun& run);

  const Calibration& calibration_;
  const Cluster& cluster_;
  int threads_;
  int at_once_;
  mutable std::mutex mutex_;
  std::size_t failures_ = 0;
  std::string first_failure_;
};

/// The distance of one run's values to the targets, sqrt(mean(((model - value) / se)^2));
/// infinity when a value is not finite.
[[nodiscard]] double target_distance(const Calibration& calibration,
                                     std::span<const double> values);

/// Doubles as 64-bit words, bit for bit (to go through Cluster::broadcast).
[[nodiscard]] std::vector<std::uint64_t> to_words(std::span<const double> values);
/// 64-bit words back to the doubles they hold.
[[nodiscard]] std::vector<double> from_words(std::span<const std::uint64_t> words);

/// An ABC state as 64-bit words, bit for bit, to hand from rank 0 to every rank.
[[nodiscard]] std::vector<std::uint64_t> encode_state(const core::AbcState& state);
/// The state encode_state wrote, for `particles` particles of `parameters` parameters.
[[nodiscard]] core::AbcState decode_state(std::span<const std::uint64_t> words,
                                          std::size_t particles, std::size_t parameters);

}  // namespace aiplus::cli
