// The labelled tables of a sweep file. Every table of series lies along (row, time,
// dimensions...), where a row is a run, a cell, a contrast or an effect; the values
// that identify each row (seed, arm, grid values, sampled values) are datasets along
// the row dimension, named in each table's CF `coordinates` attribute, so netCDF
// readers such as xarray show them as coordinates.
#pragma once

#include <string>
#include <vector>

#include "core/io/hdf5_sink.hpp"
#include "core/study/sweep/sweep_plan.hpp"

namespace aiplus::core {

/// Which identifying values rows carry.
struct RowCoordinates {
  bool arm = true;      ///< the arm
  bool seed = false;    ///< each run's seed
  bool sample = false;  ///< the sampled values, when the plan samples
};

/// Writes the identifying values of `rows` (one per position of `scale`) into `group`:
/// seed, arm, every grid key (float64 when the plan says its values are numbers, text
/// otherwise) and every sampled key, named by variable_name with the key in a `key`
/// attribute. Returns their names, space-separated, for a `coordinates` attribute.
[[nodiscard]] std::string write_coordinates(hid_t group, hid_t scale, const SweepPlan& plan,
                                            const std::vector<RunLabel>& rows, RowCoordinates what,
                                            const std::string& path);

/// A text coordinate `name` along `scale` with its long_name; returns its name.
std::string text_coordinate(hid_t group, hid_t scale, const char* name,
                            const std::vector<std::string>& values, const std::string& meaning,
                            const std::string& path);

/// What the tables of one group's series are, besides their rows.
struct SeriesTables {
  std::vector<std::string> suffixes;  ///< one table per series and suffix: NAME + suffix
  std::vector<std::string> meanings;  ///< long_name prefix per suffix
  std::string coordinates;            ///< the CF `coordinates` attribute of every table
};

/// Series tables of a group along (row, time, dimensions...), laid out in full
/// (make_table), with units, long_name, the series' attributes and every scale
/// attached; the time and dimension scales are made in `group`. In series order,
/// suffix by suffix.
[[nodiscard]] std::vector<H5Handle> make_series_tables(hid_t group, const GroupInfo& info,
                                                       hid_t row_scale, const RunInfo& run_info,
                                                       std::size_t rows, const SeriesTables& what,
                                                       const std::string& path);

/// The shape (rows, times, dimensions...) of a group's tables.
[[nodiscard]] std::vector<hsize_t> table_shape(std::size_t rows, std::size_t times,
                                               const GroupInfo& group);

/// The tables of a group made by make_series_tables, opened again from `group`.
[[nodiscard]] std::vector<H5Handle> open_series_tables(hid_t group, const GroupInfo& info,
                                                       const std::vector<std::string>& suffixes,
                                                       const std::string& path);

}  // namespace aiplus::core
