#include "core/hdf5_sweep.hpp"

#include <hdf5_hl.h>

#include <cmath>
#include <limits>

#include "core/hdf5_util.hpp"

namespace aiplus::core {
namespace {

using namespace h5;

// A fixed (rows, cols) dataset of doubles, filled with NaN until written, chunked by row.
H5Handle make_matrix(hid_t group, const char* name, hsize_t rows, hsize_t cols,
                     const std::string& path) {
  const hsize_t dims[2] = {rows, cols}, chunk[2] = {1, cols};
  H5Handle space(checked(H5Screate_simple(2, dims, nullptr), path, "making a dataspace"), H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path, "making properties"), H5Pclose);
  const double fill = std::numeric_limits<double>::quiet_NaN();
  H5Pset_fill_value(properties.get(), H5T_NATIVE_DOUBLE, &fill);
  H5Pset_chunk(properties.get(), 2, chunk);
  H5Pset_shuffle(properties.get());
  H5Pset_deflate(properties.get(), 4);
  return {checked(H5Dcreate2(group, name, H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT,
                             properties.get(), H5P_DEFAULT),
                  path, "creating a dataset"),
          H5Dclose};
}

void write_row(hid_t dataset, hsize_t row, hsize_t cols, const double* values,
               const std::string& path) {
  const hsize_t start[2] = {row, 0}, count[2] = {1, cols};
  H5Handle file_space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  H5Handle memory(checked(H5Screate_simple(2, count, nullptr), path, "making a dataspace"),
                  H5Sclose);
  checked(H5Dwrite(dataset, H5T_NATIVE_DOUBLE, memory.get(), file_space.get(), H5P_DEFAULT, values),
          path, "writing a run");
}

// A dimension scale of indices 0..n-1 named `name`.
H5Handle index_scale(hid_t group, const char* name, std::size_t n, const std::string& path) {
  std::vector<std::int32_t> index(n);
  for (std::size_t k = 0; k < n; ++k) index[k] = static_cast<std::int32_t>(k);
  auto scale = make_fixed(group, name, H5T_NATIVE_INT32, n, index.data(), path);
  checked(H5DSset_scale(scale.get(), name), path, "making a dimension scale");
  return scale;
}

H5Handle time_scale(hid_t group, const RunInfo& info, const std::string& path) {
  auto time = make_fixed(group, "time", H5T_NATIVE_INT32, info.time.size(), info.time.data(), path);
  put_text(time.get(), "units", info.time_units, path);
  put_text(time.get(), "calendar", "proleptic_gregorian", path);
  checked(H5DSset_scale(time.get(), "time"), path, "making the time dimension scale");
  return time;
}

// A (n) string coordinate along `scale`.
void label_coordinate(hid_t group, const std::string& name, const std::vector<std::string>& labels,
                      hid_t scale, const std::string& path) {
  std::vector<const char*> raw;
  for (const auto& l : labels) raw.push_back(l.c_str());
  auto set = make_fixed(group, name.c_str(), string_type(path).get(), raw.size(), raw.data(), path);
  checked(H5DSattach_scale(set.get(), scale, 0), path, "attaching a dimension scale");
}

}  // namespace

double t_quantile_975(std::size_t df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df == 0) return std::numeric_limits<double>::infinity();
  return df <= 30 ? table[df - 1] : 1.96;
}

Hdf5SweepFile::Hdf5SweepFile(std::string path, bool overwrite)
    : path_(std::move(path)), overwrite_(overwrite) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Hdf5SweepFile::~Hdf5SweepFile() {
  datasets_.clear();
  done_.reset();
  national_.reset();
  file_.reset();
}

void Hdf5SweepFile::begin(const RunInfo& info, const std::vector<SeriesInfo>& series,
                          const std::vector<std::string>& grid_keys,
                          const std::vector<RunLabel>& runs) {
  series_ = series, runs_ = runs, grid_keys_ = grid_keys, times_ = info.time.size();
  time_info_.time = info.time;
  time_info_.time_units = info.time_units;
  kept_.assign(runs.size(), {});
  file_ = H5Handle(checked(H5Fcreate(path_.c_str(), overwrite_ ? H5F_ACC_TRUNC : H5F_ACC_EXCL,
                                     H5P_DEFAULT, H5P_DEFAULT),
                           path_, "creating the file"),
                   H5Fclose);
  const std::int32_t incomplete = 0;
  put_text(file_.get(), "experiment", info.config_toml, path_);
  put_text(file_.get(), "version", info.version, path_);
  put_text(file_.get(), "start_time", now_iso8601(), path_);
  put_attribute(file_.get(), "threads", H5T_NATIVE_INT32, &info.threads, path_);
  put_attribute(file_.get(), "agents", H5T_NATIVE_UINT64, &info.agents, path_);
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &incomplete, path_);

  national_ =
      H5Handle(checked(H5Gcreate2(file_.get(), "national", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                       path_, "creating group /national"),
               H5Gclose);
  const hid_t g = national_.get();
  auto run_scale = index_scale(g, "run", runs.size(), path_);
  auto time = time_scale(g, info, path_);
  std::vector<std::uint64_t> seeds;
  std::vector<std::string> arms;
  for (const auto& r : runs) seeds.push_back(r.seed), arms.push_back(r.arm);
  auto seed_set = make_fixed(g, "seed", H5T_NATIVE_UINT64, seeds.size(), seeds.data(), path_);
  checked(H5DSattach_scale(seed_set.get(), run_scale.get(), 0), path_, "attaching the run scale");
  label_coordinate(g, "arm", arms, run_scale.get(), path_);
  for (std::size_t k = 0; k < grid_keys.size(); ++k) {
    std::vector<std::string> values;
    for (const auto& r : runs) values.push_back(r.grid_values[k]);
    label_coordinate(g, grid_keys[k], values, run_scale.get(), path_);
  }
  std::vector<std::int8_t> none(runs.size(), 0);
  done_ = make_fixed(g, "done", H5T_NATIVE_INT8, none.size(), none.data(), path_);
  put_text(done_.get(), "long_name", "1 when the run finished and its series are written", path_);
  checked(H5DSattach_scale(done_.get(), run_scale.get(), 0), path_, "attaching the run scale");
  for (const auto& s : series) {
    auto dataset = make_matrix(g, s.name.c_str(), runs.size(), times_, path_);
    put_text(dataset.get(), "units", s.units, path_);
    put_text(dataset.get(), "long_name", s.long_name, path_);
    checked(H5DSattach_scale(dataset.get(), run_scale.get(), 0), path_, "attaching the run scale");
    checked(H5DSattach_scale(dataset.get(), time.get(), 1), path_, "attaching the time scale");
    datasets_.push_back(std::move(dataset));
  }
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5SweepFile::write_run(std::size_t run, const std::vector<std::vector<double>>& values) {
  for (std::size_t s = 0; s < datasets_.size(); ++s)
    write_row(datasets_[s].get(), run, times_, values[s].data(), path_);
  kept_[run] = values;
  // Mark the run done only after its series are in the file.
  const hsize_t start = run, count = 1;
  const std::int8_t one = 1;
  H5Handle space(checked(H5Dget_space(done_.get()), path_, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr);
  H5Handle memory(checked(H5Screate_simple(1, &count, nullptr), path_, "making a dataspace"),
                  H5Sclose);
  checked(H5Dwrite(done_.get(), H5T_NATIVE_INT8, memory.get(), space.get(), H5P_DEFAULT, &one),
          path_, "marking a run");
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5SweepFile::end(bool complete) {
  if (file_.get() < 0) return;
  // Summaries per cell over the runs that finished.
  std::size_t cells = 0;
  for (const auto& r : runs_) cells = std::max(cells, r.cell + 1);
  H5Handle summary(
      checked(H5Gcreate2(file_.get(), "summary", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path_,
              "creating group /summary"),
      H5Gclose);
  const hid_t g = summary.get();
  auto cell_scale = index_scale(g, "cell", cells, path_);
  auto time = time_scale(g, time_info_, path_);
  std::vector<std::string> arms(cells);
  std::vector<std::vector<std::string>> grid(grid_keys_.size(), std::vector<std::string>(cells));
  std::vector<std::int32_t> counts(cells, 0);
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    arms[runs_[r].cell] = runs_[r].arm;
    for (std::size_t k = 0; k < grid_keys_.size(); ++k)
      grid[k][runs_[r].cell] = runs_[r].grid_values[k];
    if (!kept_[r].empty()) ++counts[runs_[r].cell];
  }
  label_coordinate(g, "arm", arms, cell_scale.get(), path_);
  for (std::size_t k = 0; k < grid_keys_.size(); ++k)
    label_coordinate(g, grid_keys_[k], grid[k], cell_scale.get(), path_);
  auto count_set = make_fixed(g, "runs", H5T_NATIVE_INT32, counts.size(), counts.data(), path_);
  put_text(count_set.get(), "long_name", "finished runs (seeds) in the cell", path_);
  checked(H5DSattach_scale(count_set.get(), cell_scale.get(), 0), path_,
          "attaching the cell scale");
  for (std::size_t s = 0; s < series_.size(); ++s) {
    const char* suffix[3] = {"_mean", "_lo", "_hi"};
    const char* meaning[3] = {"mean over seeds of ",
                              "lower end of the 95% confidence interval of the mean of ",
                              "upper end of the 95% confidence interval of the mean of "};
    std::vector<H5Handle> out;
    for (int k = 0; k < 3; ++k) {
      out.push_back(make_matrix(g, (series_[s].name + suffix[k]).c_str(), cells, times_, path_));
      put_text(out.back().get(), "units", series_[s].units, path_);
      put_text(out.back().get(), "long_name", meaning[k] + series_[s].long_name, path_);
      checked(H5DSattach_scale(out.back().get(), cell_scale.get(), 0), path_,
              "attaching the cell scale");
      checked(H5DSattach_scale(out.back().get(), time.get(), 1), path_, "attaching the time scale");
    }
    for (std::size_t c = 0; c < cells; ++c) {
      std::vector<double> mean(times_, 0.0), lo(times_), hi(times_), sum2(times_, 0.0);
      const double n = counts[c];
      if (n == 0) continue;
      for (std::size_t r = 0; r < runs_.size(); ++r) {
        if (runs_[r].cell != c || kept_[r].empty()) continue;
        for (std::size_t t = 0; t < times_; ++t) mean[t] += kept_[r][s][t] / n;
      }
      for (std::size_t r = 0; r < runs_.size(); ++r) {
        if (runs_[r].cell != c || kept_[r].empty()) continue;
        for (std::size_t t = 0; t < times_; ++t) sum2[t] += std::pow(kept_[r][s][t] - mean[t], 2);
      }
      for (std::size_t t = 0; t < times_; ++t) {
        const double half = n > 1 ? t_quantile_975(static_cast<std::size_t>(n) - 1) *
                                        std::sqrt(sum2[t] / (n - 1) / n)
                                  : 0.0;
        lo[t] = mean[t] - half, hi[t] = mean[t] + half;
      }
      write_row(out[0].get(), c, times_, mean.data(), path_);
      write_row(out[1].get(), c, times_, lo.data(), path_);
      write_row(out[2].get(), c, times_, hi.data(), path_);
    }
  }
  put_text(file_.get(), "end_time", now_iso8601(), path_);
  const std::int32_t flag = complete ? 1 : 0;
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &flag, path_);
  datasets_.clear();
  done_.reset();
  national_.reset();
  H5Fflush(file_.get(), H5F_SCOPE_GLOBAL);
  file_.reset();
}

}  // namespace aiplus::core
