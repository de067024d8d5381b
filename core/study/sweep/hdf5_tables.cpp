// Coordinates and series tables of a sweep file.
#include "core/study/sweep/hdf5_tables.hpp"

#include <hdf5_hl.h>

#include <cstdlib>

#include "core/io/hdf5_util.hpp"

namespace aiplus::core {

using namespace h5;

namespace {

H5Handle time_scale(hid_t group, const RunInfo& info, const std::string& path) {
  auto time = make_fixed(group, "time", H5T_NATIVE_INT32, info.time.size(), info.time.data(), path);
  put_text(time.get(), "units", info.time_units, path);
  put_text(time.get(), "calendar", "proleptic_gregorian", path);
  put_text(time.get(), "long_name", "time (state at the start of each month)", path);
  checked(H5DSset_scale(time.get(), "time"), path, "making the time dimension scale");
  return time;
}

// A float64 coordinate along `scale`, named after a config key.
void key_values(hid_t group, hid_t scale, const std::string& key, const std::vector<double>& values,
                const std::string& meaning, const std::string& path) {
  auto set = make_fixed(group, variable_name(key).c_str(), H5T_NATIVE_DOUBLE, values.size(),
                        values.data(), path);
  put_text(set.get(), "key", key, path);
  put_text(set.get(), "long_name", meaning + key, path);
  attach(set.get(), scale, 0, path);
}

}  // namespace

std::string write_coordinates(hid_t group, hid_t scale, const SweepPlan& plan,
                              const std::vector<RunLabel>& rows, RowCoordinates what,
                              const std::string& path) {
  std::string names;
  const auto add = [&](const std::string& name) { names += (names.empty() ? "" : " ") + name; };
  if (what.seed) {
    std::vector<std::uint64_t> seeds;
    for (const auto& r : rows) seeds.push_back(r.seed);
    auto seed = make_fixed(group, "seed", H5T_NATIVE_UINT64, seeds.size(), seeds.data(), path);
    put_text(seed.get(), "long_name", "random seed of the run", path);
    attach(seed.get(), scale, 0, path);
    add("seed");
  }
  if (what.arm) {
    std::vector<std::string> arms;
    for (const auto& r : rows) arms.push_back(r.arm);
    auto arm = make_labels(group, "arm", arms, path);
    put_text(arm.get(), "long_name", "arm (a set of lever changes run with the same seeds)", path);
    attach(arm.get(), scale, 0, path);
    add("arm");
  }
  for (std::size_t k = 0; k < plan.grid_keys.size(); ++k) {
    const auto& key = plan.grid_keys[k];
    if (k < plan.grid_numeric.size() && plan.grid_numeric[k]) {
      std::vector<double> values;
      for (const auto& r : rows) values.push_back(std::strtod(r.grid_values[k].c_str(), nullptr));
      key_values(group, scale, key, values, "grid value of ", path);
    } else {
      std::vector<std::string> values;
      for (const auto& r : rows) values.push_back(unquoted(r.grid_values[k]));
      auto set = make_labels(group, variable_name(key), values, path);
      put_text(set.get(), "key", key, path);
      put_text(set.get(), "long_name", "grid value of " + key, path);
      attach(set.get(), scale, 0, path);
    }
    add(variable_name(key));
  }
  for (std::size_t k = 0; what.sample && k < plan.sample_keys.size(); ++k) {
    std::vector<double> values;
    for (const auto& r : rows) values.push_back(r.sample_values[k]);
    key_values(group, scale, plan.sample_keys[k], values, "sampled value of ", path);
    add(variable_name(plan.sample_keys[k]));
  }
  return names;
}

std::string text_coordinate(hid_t group, hid_t scale, const char* name,
                            const std::vector<std::string>& values, const std::string& meaning,
                            const std::string& path) {
  auto set = make_labels(group, name, values, path);
  put_text(set.get(), "long_name", meaning, path);
  attach(set.get(), scale, 0, path);
  return name;
}

std::vector<hsize_t> table_shape(std::size_t rows, std::size_t times, const GroupInfo& group) {
  std::vector<hsize_t> shape{rows, times};
  for (const auto& d : group.dimensions) shape.push_back(d.labels.size());
  return shape;
}

std::vector<H5Handle> make_series_tables(hid_t group, const GroupInfo& info, hid_t row_scale,
                                         const RunInfo& run_info, std::size_t rows,
                                         const SeriesTables& what, const std::string& path) {
  auto time = time_scale(group, run_info, path);
  std::vector<H5Handle> scales;
  for (const auto& d : info.dimensions) scales.push_back(make_label_scale(group, d, path));
  const auto shape = table_shape(rows, run_info.time.size(), info);
  std::vector<H5Handle> out;
  for (const auto& s : info.series) {
    for (std::size_t k = 0; k < what.suffixes.size(); ++k) {
      out.push_back(make_table(group, (s.name + what.suffixes[k]).c_str(), shape, path));
      const hid_t set = out.back().get();
      put_text(set, "units", s.units, path);
      put_text(set, "long_name", what.meanings[k] + s.long_name, path);
      for (const auto& [name, value] : s.attributes)
        put_attribute(set, name.c_str(), H5T_NATIVE_DOUBLE, &value, path);
      if (!what.coordinates.empty()) put_text(set, "coordinates", what.coordinates, path);
      attach(set, row_scale, 0, path);
      attach(set, time.get(), 1, path);
      for (std::size_t d = 0; d < scales.size(); ++d)
        attach(set, scales[d].get(), static_cast<unsigned>(d + 2), path);
    }
  }
  return out;
}

std::vector<H5Handle> open_series_tables(hid_t group, const GroupInfo& info,
                                         const std::vector<std::string>& suffixes,
                                         const std::string& path) {
  std::vector<H5Handle> out;
  for (const auto& s : info.series)
    for (const auto& suffix : suffixes) out.push_back(open_dataset(group, s.name + suffix, path));
  return out;
}

}  // namespace aiplus::core
