// The subcommands of `aiplus`. Each returns the process exit code:
// 0 success, 1 failure at run time, 2 bad input (config, flags, files).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aiplus::cli {

/// Exit code for bad input.
inline constexpr int kBadInput = 2;

/// What `run`, `validate` and `bench` read to get a config.
struct ScenarioOptions {
  std::string config_path;             ///< empty: built-in defaults
  std::vector<std::string> overrides;  ///< --set KEY=VALUE, in order
  std::optional<std::int64_t> seed;    ///< --seed
  std::optional<std::int64_t> firms;   ///< --firms
  std::optional<std::int64_t> steps;   ///< --steps
};

/// Options of `aiplus run`.
struct RunOptions {
  ScenarioOptions scenario;
  std::string output;  ///< HDF5 path; empty: derived from the config name
  bool force = false;  ///< replace an existing output file
  int threads = 0;     ///< 0: all cores
  bool quiet = false;
};

/// Options of `aiplus bench`.
struct BenchOptions {
  ScenarioOptions scenario;
  int threads = 0;
  bool json = false;
};

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

/// Options of `aiplus calibrate`.
struct CalibrateOptions {
  std::string calibration;        ///< calibration file
  std::string output;             ///< HDF5 path; empty: derived from the calibration file's name
  std::vector<std::string> only;  ///< fit just these populations; empty: every one
  bool force = false;             ///< replace an existing output file
  bool resume = false;            ///< go on with an interrupted calibration's file
  int threads = 0;                ///< per process, shared by the runs it computes at once
  bool quiet = false;
};

/// Options of `aiplus params`.
struct ParamsOptions {
  std::string model;  ///< only this model's keys; empty: every key
  bool json = false;
};

/// Options of `aiplus outputs`.
struct OutputsOptions {
  ScenarioOptions scenario;  ///< a config (panels are listed when it asks for them)
  std::string model;         ///< without a config: this model
  bool json = false;
  bool markdown = false;  ///< the tables of OUTPUT.md
};

[[nodiscard]] int run_command(const RunOptions& options);
[[nodiscard]] int sweep_command(const SweepOptions& options);
[[nodiscard]] int calibrate_command(const CalibrateOptions& options);
[[nodiscard]] int validate_command(const ScenarioOptions& options);
[[nodiscard]] int params_command(const ParamsOptions& options);
[[nodiscard]] int outputs_command(const OutputsOptions& options);
[[nodiscard]] int bench_command(const BenchOptions& options);

}  // namespace aiplus::cli
