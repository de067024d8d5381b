// The parts of a sweep file that are derived from its runs: the resolved config of
// every run, and the per-cell summaries (mean and 95% interval) read back from the runs.
#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/config/config.hpp"
#include "core/io/hdf5_util.hpp"
#include "core/study/sweep/hdf5_sweep.hpp"
#include "core/study/sweep/hdf5_tables.hpp"

namespace aiplus::core {

using namespace h5;

namespace {

// The cells of a plan and where their runs are (a cell's runs are neighbours).
struct Cells {
  std::vector<RunLabel> labels;
  std::vector<std::size_t> first, count;
};

Cells cells_of(const SweepPlan& plan) {
  Cells cells;
  for (std::size_t r = 0; r < plan.runs.size(); ++r) {
    const auto c = plan.runs[r].cell;
    if (c >= cells.labels.size()) {
      cells.labels.resize(c + 1), cells.first.resize(c + 1, r), cells.count.resize(c + 1, 0);
    }
    cells.labels[c] = plan.runs[r];
    ++cells.count[c];
  }
  return cells;
}

}  // namespace

// The summary tables, laid out (NaN) with the rest of the file: national summaries in
// /summary itself, other groups in /summary/<group>.
void Hdf5SweepFile::create_summaries() {
  const auto cells = cells_of(plan_);
  auto summary = make_group(file_.get(), "summary", path_);
  for (std::size_t g = 0; g < plan_.groups.size(); ++g) {
    const auto& info = plan_.groups[g];
    H5Handle sub = g == 0 ? H5Handle() : make_group(summary.get(), info.name, path_);
    const hid_t where = g == 0 ? summary.get() : sub.get();
    std::vector<std::string> labels;
    for (const auto& cell : cells.labels) labels.push_back(cell_label(plan_, cell));
    auto cell_scale = index_scale(where, "cell", labels.size(), path_, labels);
    const auto coordinates =
        write_coordinates(where, cell_scale.get(), plan_, cells.labels, {.sample = true}, path_);
    std::vector<std::int32_t> none(cells.labels.size(), 0);
    groups_[g].runs = make_fixed(where, "runs", H5T_NATIVE_INT32, none.size(), none.data(), path_);
    put_text(groups_[g].runs.get(), "long_name", "finished runs (seeds) in the cell", path_);
    put_text(groups_[g].runs.get(), "coordinates", coordinates, path_);
    attach(groups_[g].runs.get(), cell_scale.get(), 0, path_);
    groups_[g].summaries = make_series_tables(
        where, info, cell_scale.get(), info_, cells.labels.size(),
        {{"_mean", "_lo", "_hi"},
         {"mean over seeds of ", "lower end of the 95% confidence interval of the mean of ",
          "upper end of the 95% confidence interval of the mean of "},
         coordinates},
        path_);
  }
}

// What each run is, written once at creation: /runs/agents, and, when the plan has
// them, the resolved configs in /runs/config: fixed-length strings (as long as the
// longest), chunked and compressed, since configs are long and alike. Each config is
// built twice (for the length, then for the text), so memory does not grow with runs.
void Hdf5SweepFile::write_runs() {
  const std::size_t runs = plan_.runs.size();
  auto group = make_group(file_.get(), "runs", path_);
  auto run_scale = index_scale(group.get(), "run", runs, path_);
  std::vector<std::uint64_t> firms;
  for (const auto& r : plan_.runs) firms.push_back(r.agents);
  auto agents = make_fixed(group.get(), "agents", H5T_NATIVE_UINT64, runs, firms.data(), path_);
  put_text(agents.get(), "long_name", "simulated firms of the run (arms may differ)", path_);
  put_text(agents.get(), "units", "agents", path_);
  attach(agents.get(), run_scale.get(), 0, path_);
  if (!plan_.config) return;
  std::size_t longest = 1;
  for (std::size_t r = 0; r < runs; ++r) longest = std::max(longest, plan_.config(r).size());
  H5Handle type(checked(H5Tcopy(H5T_C_S1), path_, "making a string type"), H5Tclose);
  H5Tset_size(type.get(), longest);
  H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  const hsize_t size = runs, chunk = std::clamp<hsize_t>((1 << 16) / longest, 1, runs);
  H5Handle space(checked(H5Screate_simple(1, &size, nullptr), path_, "making a dataspace"),
                 H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path_, "making properties"), H5Pclose);
  H5Pset_chunk(properties.get(), 1, &chunk);
  H5Pset_deflate(properties.get(), 6);
  H5Handle configs(checked(H5Dcreate2(group.get(), "config", type.get(), space.get(), H5P_DEFAULT,
                                      properties.get(), H5P_DEFAULT),
                           path_, "creating the config table"),
                   H5Dclose);
  put_text(configs.get(), "long_name",
           "the run's resolved config (TOML): `aiplus run` of it reproduces the run", path_);
  attach(configs.get(), run_scale.get(), 0, path_);
  std::string block;
  for (hsize_t first = 0; first < size; first += chunk) {
    const hsize_t count = std::min(chunk, size - first);
    block.assign(count * longest, '\0');
    for (hsize_t k = 0; k < count; ++k) {
      const auto text = plan_.config(first + k);
      text.copy(block.data() + k * longest, text.size());
    }
    H5Handle file_space(checked(H5Dget_space(configs.get()), path_, "reading a dataspace"),
                        H5Sclose);
    H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &first, nullptr, &count, nullptr);
    H5Handle memory(checked(H5Screate_simple(1, &count, nullptr), path_, "making a dataspace"),
                    H5Sclose);
    checked(H5Dwrite(configs.get(), type.get(), memory.get(), file_space.get(), H5P_DEFAULT,
                     block.data()),
            path_, "writing the configs");
  }
}

// Per cell, over the runs done: the mean and the 95% t-interval of the mean, read back
// from the file one cell at a time (a cell's runs are neighbours), so memory stays small.
// Every cell is written, NaN where no run is done, over whatever an earlier attempt wrote.
void Hdf5SweepFile::write_summaries() {
  const auto cells = cells_of(plan_);
  const std::size_t times = info_.time.size();
  for (std::size_t g = 0; g < plan_.groups.size(); ++g) {
    const auto& info = plan_.groups[g];
    std::vector<std::int32_t> finished(cells.labels.size(), 0);
    for (std::size_t c = 0; c < cells.labels.size(); ++c) {
      for (std::size_t r = cells.first[c]; r < cells.first[c] + cells.count[c]; ++r)
        finished[c] += done_runs_[r];
    }
    checked(H5Dwrite(groups_[g].runs.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                     finished.data()),
            path_, "writing the summaries");
    const auto shape = table_shape(cells.labels.size(), times, info);
    const std::size_t block = times * info.width();
    for (std::size_t s = 0; s < info.series.size(); ++s) {
      for (std::size_t c = 0; c < cells.labels.size(); ++c) {
        const double n = finished[c];
        const std::size_t first = cells.first[c], count = cells.count[c];
        std::vector<double> mean(block, 0.0), sum2(block, 0.0), lo(block), hi(block);
        if (n == 0) {
          mean.assign(block, std::numeric_limits<double>::quiet_NaN());
          lo = hi = mean;
        } else {
          std::vector<double> rows(count * block);
          transfer_rows(groups_[g].datasets[s].get(), groups_[g].shape, first, count, rows.data(),
                        false, path_);
          for (std::size_t r = 0; r < count; ++r) {
            if (!done_runs_[first + r]) continue;
            for (std::size_t k = 0; k < block; ++k) mean[k] += rows[r * block + k] / n;
          }
          for (std::size_t r = 0; r < count; ++r) {
            if (!done_runs_[first + r]) continue;
            for (std::size_t k = 0; k < block; ++k)
              sum2[k] += std::pow(rows[r * block + k] - mean[k], 2);
          }
          const double t = n > 1 ? t_quantile_975(static_cast<std::size_t>(n) - 1) : 0.0;
          for (std::size_t k = 0; k < block; ++k) {
            const double half = n > 1 ? t * std::sqrt(sum2[k] / (n - 1) / n) : 0.0;
            lo[k] = mean[k] - half, hi[k] = mean[k] + half;
          }
        }
        const double* out[3] = {mean.data(), lo.data(), hi.data()};
        for (std::size_t k = 0; k < 3; ++k) {
          transfer_rows(groups_[g].summaries[s * 3 + k].get(), shape, c, 1,
                        const_cast<double*>(out[k]), true, path_);
        }
      }
    }
  }
}

}  // namespace aiplus::core
