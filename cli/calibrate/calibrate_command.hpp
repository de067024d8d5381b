// `aiplus calibrate`, callable from elsewhere in the process (the Python module).
#pragma once

#include <string>
#include <vector>

namespace aiplus::cli {

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

/// Runs a calibration as `aiplus calibrate` does; returns its exit code (0, 1, 2 or
/// 130 when a stop signal ended it early). Throws core::ConfigError on bad input.
int calibrate_command(const CalibrateOptions& options);

}  // namespace aiplus::cli
