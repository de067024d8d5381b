// The HDF5 sink: streams one frame per step into extendible, chunked, compressed
// datasets, one HDF5 group per output group, each series shaped (time, dims...).
// Every dimension is an HDF5 dimension scale (time in CF units; the others hold
// their labels), so netCDF readers such as xarray see labelled arrays. Every
// variable has units and long_name, provenance sits in root attributes, and
// `complete` is 1 only when the run finished. Rows are written and the file
// flushed every 64 rows or 2 seconds and at the end, so an interrupted run that
// stops cleanly (Ctrl-C, SIGTERM) leaves every finished step.
#pragma once

#include <hdf5.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/engine/sink.hpp"

namespace aiplus::core {

/// A failure to create or write an output file (full disk, size limit, I/O error);
/// the message names the file.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Owns one HDF5 identifier and closes it with the matching H5?close.
class H5Handle {
 public:
  H5Handle() = default;
  H5Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  H5Handle(H5Handle&& other) noexcept { *this = std::move(other); }
  H5Handle& operator=(H5Handle&& other) noexcept;
  ~H5Handle() { reset(); }
  /// Closes the identifier now.
  void reset() noexcept;
  [[nodiscard]] hid_t get() const noexcept { return id_; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  herr_t (*close_)(hid_t) = nullptr;
};

/// Writes a run to an HDF5 file at path.
class Hdf5Sink final : public Sink {
 public:
  /// overwrite: replace an existing file; otherwise an existing file is an error.
  Hdf5Sink(std::string path, bool overwrite);
  ~Hdf5Sink() override;
  void begin(const RunInfo& info, const std::vector<GroupInfo>& groups) override;
  void write(std::uint32_t step, const Frame& frame) override;
  /// Appends a snapshot to /panel: (time, firm) state, with (firm) attributes written once.
  void write_panel(std::uint32_t step, const Columns& attributes, const Columns& state) override;
  void end(bool complete, const Summary& summary) override;
  /// Path of the file written.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  bool overwrite_;
  /// The open datasets of one output group.
  struct Group {
    H5Handle handle;
    H5Handle time;
    std::vector<H5Handle> series;
    std::vector<hsize_t> shape;                ///< sizes of the dimensions after time
    std::vector<std::vector<double>> pending;  ///< per series: rows not yet written
    std::vector<std::int32_t> pending_time;
    hsize_t written = 0;  ///< rows already in the file
  };
  H5Handle file_;
  std::vector<Group> groups_;
  std::vector<std::int32_t> time_;
  std::chrono::steady_clock::time_point last_flush_;
  /// Writes every pending row of every group and flushes the file.
  void flush_pending();
  std::string time_units_;
  std::string firm_order_;
  Group panel_;  ///< /panel, created by the first snapshot
  std::uint32_t snapshots_ = 0;
};

}  // namespace aiplus::core
