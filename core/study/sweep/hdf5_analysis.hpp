// The tables a sweep file holds besides its runs and per-cell summaries, laid out
// (NaN) with the rest of the file when it is created and written in place at the end
// (docs/MODEL.md section 8.2, OUTPUT.md):
//   /contrasts[/<group>]/<series>_mean, _lo, _hi      (contrast, time, dimensions...)
//   /contrasts/factorial[/<group>]/<series>_...       (effect, time, dimensions...)
//   /sensitivity/first_order, ..., mu, ...            (subject, series, date, key)
//   /sensitivity/probability_positive, mean, q05, q95 (subject, series, date)
// Contrasts exist with more than one arm, factorial effects when the arms declare a
// 2x2, and /sensitivity with a [sample].
#pragma once

#include <string>
#include <vector>

#include "core/io/hdf5_sink.hpp"
#include "core/study/sweep/sweep_plan.hpp"

namespace aiplus::core {

/// The contrast, factorial and sensitivity tables of a sweep file.
class AnalysisTables {
 public:
  /// Lays out every table the plan asks for in a new file.
  void create(hid_t file, const SweepPlan& plan, const RunInfo& info, const std::string& path);
  /// Opens them in a file being resumed; throws WriteError when one is missing.
  void open(hid_t file, const SweepPlan& plan, const std::string& path);
  /// Computes every table from the runs done and writes it in place. `runs[g][s]` is the
  /// run table of series s of group g, shaped (run, time, dimensions...).
  void write(const SweepPlan& plan, std::size_t times, const std::vector<std::vector<hid_t>>& runs,
             const std::vector<bool>& done, const std::string& path) const;
  /// Closes every table.
  void close() noexcept;
  /// Bytes the tables of this plan take in the file.
  [[nodiscard]] static double bytes(const SweepPlan& plan, std::size_t times);

 private:
  /// [group][series x 3 + (mean, lo, hi)]
  using Family = std::vector<std::vector<H5Handle>>;
  void create_contrasts(hid_t file, const SweepPlan& plan, const RunInfo& info,
                        const std::string& path);
  void create_sensitivity(hid_t file, const SweepPlan& plan, const std::string& path);
  void open_sensitivity(hid_t file, const SweepPlan& plan, const std::string& path);
  void write_contrasts(const SweepPlan& plan, std::size_t times,
                       const std::vector<std::vector<hid_t>>& runs, const std::vector<bool>& done,
                       const std::string& path) const;
  void write_sensitivity(const SweepPlan& plan, const std::vector<std::vector<hid_t>>& runs,
                         const std::vector<bool>& done, const std::string& path) const;
  Family contrasts_, factorial_;
  std::vector<H5Handle> sensitivity_;  ///< in the order of sensitivity_tables()
};

/// The names of /sensitivity's tables for a method: the index tables along (subject,
/// series, date, key), then probability_positive, mean, q05 and q95.
[[nodiscard]] std::vector<std::string> sensitivity_tables(SampleMethod method);

}  // namespace aiplus::core
