#include "core/hdf5_sweep.hpp"

#include <hdf5_hl.h>

#include <cmath>
#include <limits>

#include "core/config.hpp"
#include "core/hdf5_util.hpp"

namespace aiplus::core {
namespace {

using namespace h5;

// A fixed dataset of doubles filled with NaN until written, one chunk per row of
// the first dimension (a run, or a cell).
H5Handle make_table(hid_t group, const char* name, const std::vector<hsize_t>& shape,
                    const std::string& path) {
  std::vector<hsize_t> chunk = shape;
  chunk[0] = 1;
  H5Handle space(checked(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                         path, "making a dataspace"),
                 H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path, "making properties"), H5Pclose);
  const double fill = std::numeric_limits<double>::quiet_NaN();
  H5Pset_fill_value(properties.get(), H5T_NATIVE_DOUBLE, &fill);
  H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data());
  H5Pset_shuffle(properties.get());
  H5Pset_deflate(properties.get(), 4);
  return {checked(H5Dcreate2(group, name, H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT,
                             properties.get(), H5P_DEFAULT),
                  path, "creating a dataset"),
          H5Dclose};
}

// Reads or writes rows [first, first + rows) of a (row, rest...) dataset of doubles.
void transfer_rows(hid_t dataset, std::vector<hsize_t> shape, hsize_t first, hsize_t rows,
                   double* values, bool write, const std::string& path) {
  std::vector<hsize_t> start(shape.size(), 0);
  start[0] = first, shape[0] = rows;
  H5Handle file_space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, shape.data(),
                      nullptr);
  H5Handle memory(checked(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                          path, "making a dataspace"),
                  H5Sclose);
  if (write) {
    checked(
        H5Dwrite(dataset, H5T_NATIVE_DOUBLE, memory.get(), file_space.get(), H5P_DEFAULT, values),
        path, "writing a run");
  } else {
    checked(
        H5Dread(dataset, H5T_NATIVE_DOUBLE, memory.get(), file_space.get(), H5P_DEFAULT, values),
        path, "reading runs back");
  }
}

H5Handle time_scale(hid_t group, const RunInfo& info, const std::string& path) {
  auto time = make_fixed(group, "time", H5T_NATIVE_INT32, info.time.size(), info.time.data(), path);
  put_text(time.get(), "units", info.time_units, path);
  put_text(time.get(), "calendar", "proleptic_gregorian", path);
  checked(H5DSset_scale(time.get(), "time"), path, "making the time dimension scale");
  return time;
}

// The labels of runs (or cells) along `scale`: seed, arm, grid values, sampled values.
void label_runs(hid_t group, hid_t scale, const SweepPlan& plan, const std::vector<RunLabel>& rows,
                bool with_seed, const std::string& path) {
  std::vector<std::string> arms;
  std::vector<std::uint64_t> seeds;
  for (const auto& r : rows) arms.push_back(r.arm), seeds.push_back(r.seed);
  if (with_seed) {
    auto seed = make_fixed(group, "seed", H5T_NATIVE_UINT64, seeds.size(), seeds.data(), path);
    put_text(seed.get(), "long_name", "random seed of the run", path);
    attach(seed.get(), scale, 0, path);
  }
  attach(make_labels(group, "arm", arms, path).get(), scale, 0, path);
  for (std::size_t k = 0; k < plan.grid_keys.size(); ++k) {
    std::vector<std::string> values;
    for (const auto& r : rows) values.push_back(r.grid_values[k]);
    attach(make_labels(group, plan.grid_keys[k], values, path).get(), scale, 0, path);
  }
  for (std::size_t k = 0; k < plan.sample_keys.size(); ++k) {
    std::vector<double> values;
    for (const auto& r : rows) values.push_back(r.sample_values[k]);
    auto set = make_fixed(group, plan.sample_keys[k].c_str(), H5T_NATIVE_DOUBLE, values.size(),
                          values.data(), path);
    put_text(set.get(), "long_name", "sampled value of " + plan.sample_keys[k], path);
    attach(set.get(), scale, 0, path);
  }
}

// Series datasets of one group along (row, time, dimensions...), with every scale attached.
std::vector<H5Handle> make_series_tables(hid_t group, const GroupInfo& info, hid_t row_scale,
                                         const RunInfo& run_info, const std::vector<hsize_t>& shape,
                                         const std::vector<std::string>& suffixes,
                                         const std::vector<std::string>& meanings,
                                         const std::string& path) {
  auto time = time_scale(group, run_info, path);
  std::vector<H5Handle> scales;
  for (const auto& d : info.dimensions) scales.push_back(make_label_scale(group, d, path));
  std::vector<H5Handle> out;
  for (const auto& s : info.series) {
    for (std::size_t k = 0; k < suffixes.size(); ++k) {
      out.push_back(make_table(group, (s.name + suffixes[k]).c_str(), shape, path));
      const hid_t set = out.back().get();
      put_text(set, "units", s.units, path);
      put_text(set, "long_name", meanings[k] + s.long_name, path);
      attach(set, row_scale, 0, path);
      attach(set, time.get(), 1, path);
      for (std::size_t d = 0; d < scales.size(); ++d)
        attach(set, scales[d].get(), static_cast<unsigned>(d + 2), path);
    }
  }
  return out;
}

std::vector<hsize_t> table_shape(std::size_t rows, std::size_t times, const GroupInfo& group) {
  std::vector<hsize_t> shape{rows, times};
  for (const auto& d : group.dimensions) shape.push_back(d.labels.size());
  return shape;
}

}  // namespace

std::size_t values_per_run(const std::vector<GroupInfo>& groups, std::size_t times) {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.series.size() * times * g.width();
  return n;
}

std::vector<double> run_values(const MemorySink& sink) {
  const auto& frames = sink.frames();
  std::vector<double> out;
  out.reserve(values_per_run(sink.groups(), frames.size()));
  for (std::size_t g = 0; g < sink.groups().size(); ++g) {
    const std::size_t width = sink.groups()[g].width();
    for (std::size_t s = 0; s < sink.groups()[g].series.size(); ++s) {
      for (const auto& frame : frames) {
        out.insert(out.end(), frame[g].begin() + static_cast<std::ptrdiff_t>(s * width),
                   frame[g].begin() + static_cast<std::ptrdiff_t>((s + 1) * width));
      }
    }
  }
  return out;
}

Hdf5SweepFile::Hdf5SweepFile(std::string path) : path_(std::move(path)) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Hdf5SweepFile::~Hdf5SweepFile() {
  groups_.clear();
  done_.reset();
  file_.reset();
}

void Hdf5SweepFile::create(const RunInfo& info, const SweepPlan& plan, bool overwrite) {
  plan_ = plan, info_ = info;
  done_runs_.assign(plan.runs.size(), false);
  file_ = create_file(path_, overwrite);
  const std::int32_t incomplete = 0;
  put_text(file_.get(), "experiment", info.config_toml, path_);
  put_text(file_.get(), "plan", plan.fingerprint, path_);
  put_text(file_.get(), "version", info.version, path_);
  put_text(file_.get(), "start_time", now_iso8601(), path_);
  put_attribute(file_.get(), "threads", H5T_NATIVE_INT32, &info.threads, path_);
  put_attribute(file_.get(), "agents", H5T_NATIVE_UINT64, &info.agents, path_);
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &incomplete, path_);
  open_datasets(true);
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5SweepFile::resume(const RunInfo& info, const SweepPlan& plan) {
  plan_ = plan, info_ = info;
  file_ = open_to_resume(path_, "sweep", "sweep");
  const hid_t file = file_.get();
  if (get_text(file, "plan", path_) != plan.fingerprint) {
    throw ConfigError({path_, 1, 1},
                      "the file holds another sweep (experiment, --set, --firms or --steps "
                      "differ); expected the same command that wrote it, or --force to start over");
  }
  // Summaries of the earlier attempt are rewritten at the end.
  if (H5Lexists(file, "summary", H5P_DEFAULT) > 0) H5Ldelete(file, "summary", H5P_DEFAULT);
  const std::int32_t incomplete = 0;
  put_attribute(file, "complete", H5T_NATIVE_INT32, &incomplete, path_);
  open_datasets(false);
  std::vector<std::int8_t> flags(plan.runs.size(), 0);
  checked(H5Dread(done_.get(), H5T_NATIVE_INT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, flags.data()), path_,
          "reading which runs are done");
  done_runs_.assign(flags.size(), false);
  for (std::size_t r = 0; r < flags.size(); ++r) done_runs_[r] = flags[r] != 0;
}

void Hdf5SweepFile::open_datasets(bool create) {
  groups_.clear();
  const std::size_t runs = plan_.runs.size(), times = info_.time.size();
  for (const auto& g : plan_.groups) {
    Group out;
    out.shape = table_shape(runs, times, g);
    if (create) {
      out.handle = make_group(file_.get(), g.name, path_);
      auto run_scale = index_scale(out.handle.get(), "run", runs, path_);
      label_runs(out.handle.get(), run_scale.get(), plan_, plan_.runs, true, path_);
      if (groups_.empty()) {  // `done` lives in the first group (national)
        std::vector<std::int8_t> none(runs, 0);
        done_ = make_fixed(out.handle.get(), "done", H5T_NATIVE_INT8, runs, none.data(), path_);
        put_text(done_.get(), "long_name", "1 when the run finished and its series are written",
                 path_);
        attach(done_.get(), run_scale.get(), 0, path_);
      }
      out.datasets = make_series_tables(out.handle.get(), g, run_scale.get(), info_, out.shape,
                                        {""}, {""}, path_);
    } else {
      out.handle = H5Handle(checked(H5Gopen2(file_.get(), g.name.c_str(), H5P_DEFAULT), path_,
                                    ("opening group " + g.name).c_str()),
                            H5Gclose);
      if (groups_.empty()) {
        done_ = H5Handle(checked(H5Dopen2(out.handle.get(), "done", H5P_DEFAULT), path_,
                                 "opening the done flags"),
                         H5Dclose);
      }
      for (const auto& s : g.series) {
        out.datasets.emplace_back(checked(H5Dopen2(out.handle.get(), s.name.c_str(), H5P_DEFAULT),
                                          path_, ("opening " + s.name).c_str()),
                                  H5Dclose);
      }
    }
    groups_.push_back(std::move(out));
  }
}

void Hdf5SweepFile::write_run(std::size_t run, std::span<const double> values) {
  const std::size_t times = info_.time.size();
  if (values.size() != values_per_run(plan_.groups, times))
    throw std::runtime_error(path_ + ": a run's values do not match the file's series");
  std::size_t offset = 0;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const std::size_t block = times * plan_.groups[g].width();
    for (const auto& dataset : groups_[g].datasets) {
      transfer_rows(dataset.get(), groups_[g].shape, run, 1,
                    const_cast<double*>(values.data() + offset), true, path_);
      offset += block;
    }
  }
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
  done_runs_[run] = true;
}

void Hdf5SweepFile::end(bool complete) {
  if (file_.get() < 0) return;
  write_summaries();
  put_text(file_.get(), "end_time", now_iso8601(), path_);
  const std::int32_t flag = complete ? 1 : 0;
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &flag, path_);
  groups_.clear();
  done_.reset();
  H5Fflush(file_.get(), H5F_SCOPE_GLOBAL);
  file_.reset();
}

// Per cell, over the runs done: the mean and the 95% t-interval of the mean, read back
// from the file one cell at a time (a cell's runs are neighbours), so memory stays small.
void Hdf5SweepFile::write_summaries() {
  std::vector<RunLabel> cells;
  std::vector<std::size_t> first, count;  // runs of each cell
  for (std::size_t r = 0; r < plan_.runs.size(); ++r) {
    const auto c = plan_.runs[r].cell;
    if (c >= cells.size()) cells.resize(c + 1), first.resize(c + 1, r), count.resize(c + 1, 0);
    cells[c] = plan_.runs[r];
    ++count[c];
  }
  auto summary = make_group(file_.get(), "summary", path_);
  const std::size_t times = info_.time.size();
  for (std::size_t g = 0; g < plan_.groups.size(); ++g) {
    const auto& info = plan_.groups[g];
    // National summaries sit in /summary itself; other groups in /summary/<group>.
    H5Handle sub = g == 0 ? H5Handle() : make_group(summary.get(), info.name, path_);
    const hid_t where = g == 0 ? summary.get() : sub.get();
    auto cell_scale = index_scale(where, "cell", cells.size(), path_);
    label_runs(where, cell_scale.get(), plan_, cells, false, path_);
    std::vector<std::int32_t> finished(cells.size(), 0);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      for (std::size_t r = first[c]; r < first[c] + count[c]; ++r) finished[c] += done_runs_[r];
    }
    auto runs =
        make_fixed(where, "runs", H5T_NATIVE_INT32, finished.size(), finished.data(), path_);
    put_text(runs.get(), "long_name", "finished runs (seeds) in the cell", path_);
    attach(runs.get(), cell_scale.get(), 0, path_);
    const auto shape = table_shape(cells.size(), times, info);
    auto tables = make_series_tables(
        where, info, cell_scale.get(), info_, shape, {"_mean", "_lo", "_hi"},
        {"mean over seeds of ", "lower end of the 95% confidence interval of the mean of ",
         "upper end of the 95% confidence interval of the mean of "},
        path_);
    const std::size_t block = times * info.width();
    for (std::size_t s = 0; s < info.series.size(); ++s) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const double n = finished[c];
        if (n == 0) continue;
        std::vector<double> rows(count[c] * block);
        transfer_rows(groups_[g].datasets[s].get(), groups_[g].shape, first[c], count[c],
                      rows.data(), false, path_);
        std::vector<double> mean(block, 0.0), sum2(block, 0.0), lo(block), hi(block);
        for (std::size_t r = 0; r < count[c]; ++r) {
          if (!done_runs_[first[c] + r]) continue;
          for (std::size_t k = 0; k < block; ++k) mean[k] += rows[r * block + k] / n;
        }
        for (std::size_t r = 0; r < count[c]; ++r) {
          if (!done_runs_[first[c] + r]) continue;
          for (std::size_t k = 0; k < block; ++k)
            sum2[k] += std::pow(rows[r * block + k] - mean[k], 2);
        }
        const double t = n > 1 ? t_quantile_975(static_cast<std::size_t>(n) - 1) : 0.0;
        for (std::size_t k = 0; k < block; ++k) {
          const double half = n > 1 ? t * std::sqrt(sum2[k] / (n - 1) / n) : 0.0;
          lo[k] = mean[k] - half, hi[k] = mean[k] + half;
        }
        const double* out[3] = {mean.data(), lo.data(), hi.data()};
        for (std::size_t k = 0; k < 3; ++k) {
          transfer_rows(tables[s * 3 + k].get(), shape, c, 1, const_cast<double*>(out[k]), true,
                        path_);
        }
      }
    }
  }
}

}  // namespace aiplus::core
