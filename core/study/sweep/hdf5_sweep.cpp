#include "core/study/sweep/hdf5_sweep.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/config/config.hpp"
#include "core/io/hdf5_util.hpp"
#include "core/study/sweep/hdf5_tables.hpp"

namespace aiplus::core {
namespace {

using namespace h5;

// Writes one element of a 1-D dataset in place.
void write_element(hid_t dataset, hid_t type, std::size_t index, const void* value,
                   const std::string& path, const char* what) {
  const hsize_t start = index, count = 1;
  H5Handle space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr);
  H5Handle memory(checked(H5Screate_simple(1, &count, nullptr), path, "making a dataspace"),
                  H5Sclose);
  checked(H5Dwrite(dataset, type, memory.get(), space.get(), H5P_DEFAULT, value), path, what);
}

// A fixed-size attribute rewritten in place: the file's structure does not change.
void rewrite_attribute(hid_t object, const char* name, hid_t type, const void* value,
                       const std::string& path) {
  H5Handle attribute(checked(H5Aopen(object, name, H5P_DEFAULT), path, "opening an attribute"),
                     H5Aclose);
  checked(H5Awrite(attribute.get(), type, value), path, "writing an attribute");
}

// `end_time` is an ISO 8601 UTC time of fixed length, so it is rewritten in place.
constexpr std::size_t kTimeLength = 20;  // "2025-01-01T00:00:00Z"

H5Handle time_text_type(const std::string& path) {
  H5Handle type(checked(H5Tcopy(H5T_C_S1), path, "making a string type"), H5Tclose);
  H5Tset_size(type.get(), kTimeLength);
  H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
  return type;
}

// Whether a dataset is laid out as this version writes it: contiguous and allocated.
bool laid_out_in_full(hid_t dataset) {
  H5Handle properties(H5Dget_create_plist(dataset), H5Pclose);
  return properties.get() >= 0 && H5Pget_layout(properties.get()) == H5D_CONTIGUOUS &&
         H5Dget_offset(dataset) != HADDR_UNDEF;
}

}  // namespace

std::size_t values_per_run(const std::vector<GroupInfo>& groups, std::size_t times) {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.series.size() * times * g.width();
  return n;
}

std::vector<double> run_values(const MemorySink& sink) {
  return run_values(sink, sink.groups());
}

std::vector<double> run_values(const MemorySink& sink, const std::vector<GroupInfo>& groups) {
  const auto& frames = sink.frames();
  std::vector<double> out;
  out.reserve(values_per_run(groups, frames.size()));
  for (std::size_t g = 0; g < sink.groups().size(); ++g) {
    if (std::none_of(groups.begin(), groups.end(),
                     [&](const GroupInfo& kept) { return kept.name == sink.groups()[g].name; }))
      continue;
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

std::uint64_t run_checksum(std::span<const double> values) {
  std::uint64_t h = 14695981039346656037ull;
  for (const double x : values) {
    unsigned char bytes[sizeof x];
    std::memcpy(bytes, &x, sizeof x);
    for (const unsigned char b : bytes) h = (h ^ b) * 1099511628211ull;
  }
  return h;
}

double Hdf5SweepFile::bytes_needed(const SweepPlan& plan, std::size_t times) {
  std::size_t cells = 0;
  for (const auto& run : plan.runs) cells = std::max(cells, run.cell + 1);
  // Every run's and every cell's tables, the labels (a generous allowance), and room
  // for the structure.
  const double tables = static_cast<double>(plan.runs.size() + 3 * cells) *
                        static_cast<double>(values_per_run(plan.groups, times)) * sizeof(double);
  // Each run's config, compressed: a few kilobytes at most.
  const double configs = plan.config ? 4096.0 * static_cast<double>(plan.runs.size()) : 0.0;
  return tables + configs + AnalysisTables::bytes(plan, times) +
         512.0 * static_cast<double>(plan.runs.size() + cells) + (1 << 20);
}

Hdf5SweepFile::Hdf5SweepFile(std::string path) : path_(std::move(path)) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Hdf5SweepFile::~Hdf5SweepFile() {
  close();
}

void Hdf5SweepFile::close() noexcept {
  groups_.clear();
  analysis_.close();
  done_.reset();
  checksum_.reset();
  file_.reset();
  output_ = OutputFile();  // the lock goes; a temporary file never placed is removed
}

void Hdf5SweepFile::create(const RunInfo& info, const SweepPlan& plan, bool replace) {
  try {
    lay_out(info, plan, replace);
  } catch (...) {
    close();
    throw;
  }
}

void Hdf5SweepFile::lay_out(const RunInfo& info, const SweepPlan& plan, bool replace) {
  plan_ = plan, info_ = info;
  done_runs_.assign(plan.runs.size(), false);
  damaged_.clear();
  output_ = OutputFile::beside(path_);
  output_.lock();
  const std::string& where = output_.path();  // the temporary name until it is in place
  file_ = H5Handle(
      checked(H5Fcreate(where.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, unlocked_access(where).get()),
              where, "creating the file"),
      H5Fclose);
  const std::int32_t incomplete = 0;
  const char no_time[kTimeLength] = {};
  put_text(file_.get(), "experiment", info.config_toml, path_);
  put_text(file_.get(), "plan", plan.fingerprint, path_);
  put_text(file_.get(), "posterior", plan.posterior, path_);
  put_text(file_.get(), "version", info.version, path_);
  put_text(file_.get(), "start_time", now_iso8601(), path_);
  put_attribute(file_.get(), "end_time", time_text_type(path_).get(), no_time, path_);
  put_attribute(file_.get(), "threads", H5T_NATIVE_INT32, &info.threads, path_);
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &incomplete, path_);
  open_datasets(true);
  create_summaries();
  analysis_.create(file_.get(), plan_, info_, path_);
  write_runs();
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
  output_.place(path_, replace);  // durable first, then in place
}

void Hdf5SweepFile::resume(const RunInfo& info, const SweepPlan& plan) {
  try {
    reopen(info, plan);
  } catch (...) {
    close();
    throw;
  }
}

namespace {

ConfigError another_sweep(const std::string& path) {
  return ConfigError({path, 1, 1},
                     "the file holds another sweep (experiment, --set, --firms or --steps "
                     "differ); expected the same command that wrote it, or --force to start over");
}

}  // namespace

void Hdf5SweepFile::reopen(const RunInfo& info, const SweepPlan& plan) {
  plan_ = plan, info_ = info;
  damaged_.clear();
  output_ = OutputFile::existing(path_);
  output_.lock();
  // Read-only first: a file that is not a sweep file is refused before a byte of it changes.
  const std::string written_for = root_text(path_, "plan");
  if (written_for.empty())
    throw ConfigError({path_, 1, 1},
                      "cannot be read as HDF5 with a sweep's plan (not HDF5, damaged, or not a "
                      "file that `aiplus sweep` wrote), so --resume leaves it as it is; expected "
                      "the file an interrupted `aiplus sweep` left, or --force to replace it");
  if (written_for != plan.fingerprint) throw another_sweep(path_);
  const hid_t file = H5Fopen(path_.c_str(), H5F_ACC_RDWR, unlocked_access(path_).get());
  if (file < 0)
    throw ConfigError({path_, 1, 1},
                      "cannot be read as HDF5 (damaged, or not a sweep file), so no run in it can "
                      "be recovered; expected the file an interrupted `aiplus sweep` left, or "
                      "--force to start over");
  file_ = H5Handle(file, H5Fclose);
  std::string stored;
  if (H5Aexists(file, "plan") > 0) {
    H5Handle attribute(H5Aopen(file, "plan", H5P_DEFAULT), H5Aclose);
    char* text = nullptr;
    if (H5Aread(attribute.get(), string_type(path_).get(), &text) >= 0 && text) {
      stored = text;
      H5free_memory(text);
    }
  }
  if (stored != plan.fingerprint) throw another_sweep(path_);
  // Every table where this version puts it, laid out in full; otherwise the file is
  // from an older aiplus (compressed tables, no run checksums) or damaged.
  bool laid_out = H5Lexists(file, "summary", H5P_DEFAULT) > 0 && H5Aexists(file, "end_time") > 0;
  try {
    if (laid_out) open_datasets(false);
  } catch (const WriteError&) {
    laid_out = false;
  }
  try {
    if (laid_out) analysis_.open(file_.get(), plan_, path_);
  } catch (const WriteError&) {
    laid_out = false;
  }
  laid_out = laid_out && checksum_.get() >= 0 && laid_out_in_full(done_.get());
  for (const auto& g : groups_)
    for (const auto& d : g.datasets) laid_out = laid_out && laid_out_in_full(d.get());
  if (!laid_out) {
    throw ConfigError({path_, 1, 1},
                      "does not have the tables of a sweep file of this aiplus version (it was "
                      "written by an older aiplus, without run checksums, or it is damaged); "
                      "expected a file this version wrote, or --force to start over");
  }
  // The summaries of the earlier attempt are rewritten at the end.
  const std::int32_t incomplete = 0;
  rewrite_attribute(file, "complete", H5T_NATIVE_INT32, &incomplete, path_);
  flush_durably("marking the file incomplete");
  std::vector<std::int8_t> flags(plan.runs.size(), 0);
  std::vector<std::uint64_t> sums(plan.runs.size(), 0);
  checked(H5Dread(done_.get(), H5T_NATIVE_INT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, flags.data()), path_,
          "reading which runs are done");
  checked(H5Dread(checksum_.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, sums.data()),
          path_, "reading the run checksums");
  // A run counts as done only when its values read back as written.
  done_runs_.assign(flags.size(), false);
  for (std::size_t r = 0; r < flags.size(); ++r) {
    if (flags[r] == 0) continue;
    bool intact = false;
    try {
      intact = run_checksum(read_run(r)) == sums[r];
    } catch (const WriteError&) {  // unreadable rows are damaged too
    }
    done_runs_[r] = intact;
    if (!intact) damaged_.push_back(r);
  }
}

std::vector<double> Hdf5SweepFile::read_run(std::size_t run) const {
  std::vector<double> values(values_per_run(plan_.groups, info_.time.size()));
  std::size_t offset = 0;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const std::size_t block = info_.time.size() * plan_.groups[g].width();
    for (const auto& dataset : groups_[g].datasets) {
      transfer_rows(dataset.get(), groups_[g].shape, run, 1, values.data() + offset, false, path_);
      offset += block;
    }
  }
  return values;
}

void Hdf5SweepFile::flush_durably(const char* what) {
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, what);
  output_.sync();
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
      const auto coordinates = write_coordinates(out.handle.get(), run_scale.get(), plan_,
                                                 plan_.runs, {.seed = true, .sample = true}, path_);
      if (groups_.empty()) {  // `done` and `checksum` live in the first group (national)
        std::vector<std::int8_t> none(runs, 0);
        done_ = make_fixed(out.handle.get(), "done", H5T_NATIVE_INT8, runs, none.data(), path_);
        put_text(done_.get(), "long_name", "1 when the run finished and its series are written",
                 path_);
        put_text(done_.get(), "coordinates", coordinates, path_);
        attach(done_.get(), run_scale.get(), 0, path_);
        std::vector<std::uint64_t> zero(runs, 0);
        checksum_ =
            make_fixed(out.handle.get(), "checksum", H5T_NATIVE_UINT64, runs, zero.data(), path_);
        put_text(checksum_.get(), "long_name",
                 "FNV-1a hash of the run's values in file order, written with done", path_);
        put_text(checksum_.get(), "coordinates", coordinates, path_);
        attach(checksum_.get(), run_scale.get(), 0, path_);
      }
      out.datasets = make_series_tables(out.handle.get(), g, run_scale.get(), info_, runs,
                                        {{""}, {""}, coordinates}, path_);
    } else {
      out.handle = H5Handle(checked(H5Gopen2(file_.get(), g.name.c_str(), H5P_DEFAULT), path_,
                                    ("opening group " + g.name).c_str()),
                            H5Gclose);
      if (groups_.empty()) {
        done_ = open_dataset(out.handle.get(), "done", path_);
        if (H5Lexists(out.handle.get(), "checksum", H5P_DEFAULT) > 0)
          checksum_ = open_dataset(out.handle.get(), "checksum", path_);
      }
      for (const auto& s : g.series)
        out.datasets.push_back(open_dataset(out.handle.get(), s.name, path_));
      // The summaries: national ones in /summary itself, others in /summary/<group>.
      const std::string where = groups_.empty() ? "summary" : "summary/" + g.name;
      out.runs = open_dataset(file_.get(), where + "/runs", path_);
      for (const auto& s : g.series) {
        for (const char* suffix : {"_mean", "_lo", "_hi"})
          out.summaries.push_back(open_dataset(file_.get(), where + "/" + s.name + suffix, path_));
      }
    }
    groups_.push_back(std::move(out));
  }
}

void Hdf5SweepFile::write_run(std::size_t run, std::span<const double> values) {
  // The values first, made durable; only then the checksum and the flag, made durable
  // too: a run marked done always has its values on disk.
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
  flush_durably("writing a run");
  const std::uint64_t sum = run_checksum(values);
  const std::int8_t one = 1;
  write_element(checksum_.get(), H5T_NATIVE_UINT64, run, &sum, path_, "writing a checksum");
  write_element(done_.get(), H5T_NATIVE_INT8, run, &one, path_, "marking a run");
  flush_durably("marking a run");
  done_runs_[run] = true;
}

void Hdf5SweepFile::end(bool complete) {
  if (file_.get() < 0) return;
  write_summaries();
  std::vector<std::vector<hid_t>> tables;
  for (const auto& g : groups_) {
    tables.emplace_back();
    for (const auto& d : g.datasets) tables.back().push_back(d.get());
  }
  analysis_.write(plan_, info_.time.size(), tables, done_runs_, path_);
  flush_durably("writing the summaries");
  const std::string now = now_iso8601();
  char end_time[kTimeLength] = {};
  now.copy(end_time, kTimeLength);
  rewrite_attribute(file_.get(), "end_time", time_text_type(path_).get(), end_time, path_);
  const std::int32_t flag = complete ? 1 : 0;
  rewrite_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &flag, path_);
  flush_durably("marking the file complete");
  close();
}

}  // namespace aiplus::core
