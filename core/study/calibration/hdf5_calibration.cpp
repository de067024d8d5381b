#include "core/study/calibration/hdf5_calibration.hpp"

#include <hdf5_hl.h>
#include <unistd.h>

#include <stdexcept>
#include <type_traits>

#include "core/config/config.hpp"
#include "core/config/input.hpp"
#include "core/io/hdf5_util.hpp"

namespace aiplus::core {
namespace {

using namespace h5;

H5Handle open_set(hid_t file, const std::string& name, const std::string& path) {
  return {checked(H5Dopen2(file, name.c_str(), H5P_DEFAULT), path, ("opening " + name).c_str()),
          H5Dclose};
}

template <class T>
std::vector<T> read_all(hid_t file, const std::string& name, hid_t type, const std::string& path) {
  auto set = open_set(file, name, path);
  H5Handle space(checked(H5Dget_space(set.get()), path, "reading a dataspace"), H5Sclose);
  std::vector<T> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (!out.empty())
    checked(H5Dread(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), path,
            ("reading " + name).c_str());
  return out;
}

void write_all(hid_t file, const std::string& name, std::span<const double> values,
               const std::string& path) {
  auto set = open_set(file, name, path);
  checked(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          path, ("writing " + name).c_str());
}

std::uint64_t get_count(hid_t object, const char* name, const std::string& path) {
  std::uint64_t value = 0;
  if (H5Aexists(object, name) <= 0) return 0;
  H5Handle attribute(checked(H5Aopen(object, name, H5P_DEFAULT), path, "opening an attribute"),
                     H5Aclose);
  checked(H5Aread(attribute.get(), H5T_NATIVE_UINT64, &value), path, "reading an attribute");
  return value;
}

// Whether the file says it is complete (`complete` = 1); false when it has no such attribute.
bool says_complete(hid_t file, const std::string& path) {
  std::int32_t complete = 0;
  if (H5Aexists(file, "complete") <= 0) return false;
  H5Handle attribute(checked(H5Aopen(file, "complete", H5P_DEFAULT), path, "opening complete"),
                     H5Aclose);
  checked(H5Aread(attribute.get(), H5T_NATIVE_INT32, &complete), path, "reading complete");
  return complete == 1;
}

// Rows [first, first + n) of a flat array.
template <class T>
std::vector<T> rows(const std::vector<T>& all, std::size_t first, std::size_t n) {
  return {all.begin() + static_cast<std::ptrdiff_t>(first),
          all.begin() + static_cast<std::ptrdiff_t>(first + n)};
}

ConfigError another_calibration(const std::string& path) {
  return ConfigError({path, 1, 1},
                     "the file holds another calibration (the calibration file, its targets, "
                     "a population's config or the populations fitted with --only differ); "
                     "expected the same inputs that wrote it, or --force to start over");
}

}  // namespace

std::string stop_name(AbcStop why) {
  switch (why) {
    case AbcStop::running:
      return "running";
    case AbcStop::tolerance_reached:
      return "tolerance_reached";
    case AbcStop::low_acceptance:
      return "low_acceptance";
    case AbcStop::max_generations:
      return "max_generations";
  }
  return "unknown";
}

Hdf5CalibrationFile::Hdf5CalibrationFile(std::string path) : path_(std::move(path)) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Hdf5CalibrationFile::~Hdf5CalibrationFile() {
  file_.reset();
}

void Hdf5CalibrationFile::sync() {
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
  output_.sync();
}

void Hdf5CalibrationFile::create(const CalibrationPlan& plan, bool overwrite) {
  plan_ = plan;
  // Laid out under a temporary name, then put in place: nothing at the path is
  // touched unless it is a regular file no process writes, and only when replacing.
  output_ = OutputFile::beside(path_);
  output_.lock();
  const std::string& where = output_.path();
  file_ = H5Handle(
      checked(H5Fcreate(where.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, unlocked_access(where).get()),
              where, "creating the file"),
      H5Fclose);
  const hid_t f = file_.get();
  const std::int32_t incomplete = 0;
  const std::uint64_t none = 0;
  put_text(f, "calibration", plan.calibration_text, path_);
  put_text(f, "targets", plan.targets_text, path_);
  put_text(f, "populations", plan.populations, path_);
  put_text(f, "version", plan.version, path_);
  put_text(f, "fingerprint", plan.fingerprint, path_);
  put_text(f, "start_time", now_iso8601(), path_);
  put_text(f, "stop_reason", "", path_);
  put_attribute(f, "seed", H5T_NATIVE_UINT64, &plan.seed, path_);
  put_attribute(f, "threads", H5T_NATIVE_INT32, &plan.threads, path_);
  put_attribute(f, "complete", H5T_NATIVE_INT32, &incomplete, path_);
  put_attribute(f, "generations_done", H5T_NATIVE_UINT64, &none, path_);
  make_groups();
  sync();
  output_.place(path_, overwrite);
}

AbcState Hdf5CalibrationFile::resume(const CalibrationPlan& plan) {
  plan_ = plan;
  output_ = OutputFile::existing(path_);  // never truncated; FileBusy when in use
  output_.lock();
  // Read-only first: a file that is not a calibration file is refused unchanged.
  const std::string written_for = root_text(path_, "fingerprint");
  if (written_for.empty())
    throw ConfigError({path_, 1, 1},
                      "cannot be read as HDF5 with a calibration's fingerprint (not HDF5, "
                      "damaged, or not a file that `aiplus calibrate` wrote), so --resume leaves "
                      "it as it is; expected the file an interrupted `aiplus calibrate` left, or "
                      "--force to replace it");
  if (written_for != plan.fingerprint) throw another_calibration(path_);
  const hid_t opened = H5Fopen(path_.c_str(), H5F_ACC_RDWR, unlocked_access(path_).get());
  if (opened < 0)
    throw ConfigError({path_, 1, 1},
                      "cannot open the calibration file to resume it; expected an HDF5 file that "
                      "an earlier `aiplus calibrate` wrote");
  file_ = H5Handle(opened, H5Fclose);
  const hid_t f = file_.get();
  const std::string stored = get_text(f, "fingerprint", path_);
  if (stored.empty())
    throw ConfigError({path_, 1, 1},
                      "not a calibration file; expected a file that `aiplus calibrate` wrote, or "
                      "--force to replace it");
  if (stored != plan.fingerprint) throw another_calibration(path_);
  done_ = get_count(f, "generations_done", path_);
  stop_reason_ = get_text(f, "stop_reason", path_);
  was_complete_ = says_complete(f, path_);

  const std::size_t n = plan.particles, k = plan.parameters.size();
  const auto values = read_all<double>(f, "generations/values", H5T_NATIVE_DOUBLE, path_);
  const auto weight = read_all<double>(f, "generations/weight", H5T_NATIVE_DOUBLE, path_);
  const auto distance = read_all<double>(f, "generations/distance", H5T_NATIVE_DOUBLE, path_);
  const auto tolerance = read_all<double>(f, "generations/tolerance", H5T_NATIVE_DOUBLE, path_);
  const auto rate = read_all<double>(f, "generations/acceptance_rate", H5T_NATIVE_DOUBLE, path_);
  const auto ess = read_all<double>(f, "generations/ess", H5T_NATIVE_DOUBLE, path_);
  const auto proposals =
      read_all<std::uint64_t>(f, "generations/proposals", H5T_NATIVE_UINT64, path_);
  const auto simulations =
      read_all<std::uint64_t>(f, "generations/simulations", H5T_NATIVE_UINT64, path_);
  if (values.size() < done_ * n * k || weight.size() < done_ * n || distance.size() < done_ * n ||
      ess.size() < done_ || simulations.size() < done_)
    throw ConfigError({path_, 1, 1},
                      "the file counts more generations than it holds; expected a file that "
                      "`aiplus calibrate` wrote, or --force to start over");
  AbcState state;
  for (std::size_t g = 0; g < done_; ++g) {
    AbcGeneration x;
    x.tolerance = tolerance[g], x.acceptance_rate = rate[g], x.ess = ess[g];
    x.proposals = proposals[g], x.simulations = simulations[g];
    for (std::size_t i = 0; i < n; ++i) x.particles.push_back(rows(values, (g * n + i) * k, k));
    x.weights = rows(weight, g * n, n);
    x.distances = rows(distance, g * n, n);
    state.generations.push_back(std::move(x));
  }
  if (!was_complete_) {
    const std::int32_t incomplete = 0;
    put_attribute(f, "complete", H5T_NATIVE_INT32, &incomplete, path_);
    put_attribute(f, "threads", H5T_NATIVE_INT32, &plan.threads, path_);
  }
  return state;
}

void Hdf5CalibrationFile::write_generation(const AbcState& state) {
  if (state.generations.size() != done_ + 1)
    throw std::logic_error(path_ + ": generations must be written one at a time, in order");
  const hid_t f = file_.get();
  const auto& x = state.generations.back();
  const hsize_t g = done_, n = plan_.particles, k = plan_.parameters.size();
  std::vector<double> values;
  for (const auto& particle : x.particles)
    values.insert(values.end(), particle.begin(), particle.end());
  const auto put = [&](const char* name, const std::vector<hsize_t>& shape, hid_t type,
                       const void* data) {
    auto set = open_set(f, std::string("generations/") + name, path_);
    append(set.get(), g, shape, type, data, path_);
  };
  const auto index = static_cast<std::int32_t>(g);
  const std::uint64_t proposals = x.proposals, simulations = x.simulations;
  put("values", {n, k}, H5T_NATIVE_DOUBLE, values.data());
  put("weight", {n}, H5T_NATIVE_DOUBLE, x.weights.data());
  put("distance", {n}, H5T_NATIVE_DOUBLE, x.distances.data());
  put("tolerance", {}, H5T_NATIVE_DOUBLE, &x.tolerance);
  put("acceptance_rate", {}, H5T_NATIVE_DOUBLE, &x.acceptance_rate);
  put("ess", {}, H5T_NATIVE_DOUBLE, &x.ess);
  put("proposals", {}, H5T_NATIVE_UINT64, &proposals);
  put("simulations", {}, H5T_NATIVE_UINT64, &simulations);
  put("generation", {}, H5T_NATIVE_INT32, &index);

  const std::vector<double> probabilities{0.05, 0.5, 0.95};
  const auto quantiles = posterior_quantiles(x, probabilities);
  std::vector<double> q[3];
  for (const auto& per_parameter : quantiles)
    for (std::size_t j = 0; j < 3; ++j) q[j].push_back(per_parameter[j]);
  write_all(f, "posterior/mean", posterior_mean(x), path_);
  write_all(f, "posterior/sd", posterior_sd(x), path_);
  write_all(f, "posterior/q05", q[0], path_);
  write_all(f, "posterior/q50", q[1], path_);
  write_all(f, "posterior/q95", q[2], path_);
  {
    H5Handle posterior(checked(H5Gopen2(f, "posterior", H5P_DEFAULT), path_, "opening posterior"),
                       H5Gclose);
    put_attribute(posterior.get(), "generation", H5T_NATIVE_INT32, &index, path_);
  }
  sync();  // the rows are on disk before the count says so
  const std::uint64_t done = done_ + 1;
  put_attribute(f, "generations_done", H5T_NATIVE_UINT64, &done, path_);
  sync();
  done_ = done;
}

void Hdf5CalibrationFile::write_stop(const std::string& reason) {
  put_text(file_.get(), "stop_reason", reason, path_);
  stop_reason_ = reason;
  sync();
}

void Hdf5CalibrationFile::write_predictions(std::span<const double> mean,
                                            std::span<const double> q05,
                                            std::span<const double> q95) {
  if (mean.size() != plan_.targets.size() || q05.size() != mean.size() || q95.size() != mean.size())
    throw std::logic_error(path_ + ": one prediction per target expected");
  write_all(file_.get(), "targets/predicted_mean", mean, path_);
  write_all(file_.get(), "targets/predicted_q05", q05, path_);
  write_all(file_.get(), "targets/predicted_q95", q95, path_);
  sync();
}

void Hdf5CalibrationFile::end(bool complete) {
  if (file_.get() < 0) return;
  put_text(file_.get(), "end_time", now_iso8601(), path_);
  const std::int32_t flag = complete ? 1 : 0;
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &flag, path_);
  sync();
  file_.reset();
}

CalibrationPosterior read_calibration_posterior(const std::string& path) {
  note_input(path, "posterior file");  // an output must never replace it
  H5Handle access = unlocked_access(path);
  const hid_t opened = H5Fis_hdf5(path.c_str()) > 0
                           ? H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get())
                           : H5I_INVALID_HID;
  if (opened < 0)
    throw std::runtime_error("cannot open it as HDF5; expected a file `aiplus calibrate` wrote");
  const H5Handle file(opened, H5Fclose);
  const hid_t f = file.get();
  if (get_text(f, "fingerprint", path).empty() || H5Lexists(f, "generations", H5P_DEFAULT) <= 0)
    throw std::runtime_error("not a calibration file; expected a file `aiplus calibrate` wrote");
  const std::size_t done = get_count(f, "generations_done", path);
  if (!says_complete(f, path) || done == 0)
    throw std::runtime_error(
        "the calibration has not finished; expected a file whose "
        "`aiplus calibrate` ran to the end (resume it with the same command)");

  CalibrationPosterior out;
  out.keys = read_labels(f, "parameters/parameter", path);
  out.generation = done - 1;
  const auto values = read_all<double>(f, "generations/values", H5T_NATIVE_DOUBLE, path);
  const auto weight = read_all<double>(f, "generations/weight", H5T_NATIVE_DOUBLE, path);
  const std::size_t k = out.keys.size();
  const std::size_t n =
      read_all<std::int32_t>(f, "generations/particle", H5T_NATIVE_INT32, path).size();
  if (k == 0 || n == 0 || weight.size() < done * n || values.size() < done * n * k)
    throw std::runtime_error(
        "its generations are shorter than generations_done says; expected "
        "a calibration file as `aiplus calibrate` wrote it");
  out.weights = rows(weight, out.generation * n, n);
  for (std::size_t i = 0; i < n; ++i)
    out.values.push_back(rows(values, (out.generation * n + i) * k, k));
  return out;
}

}  // namespace aiplus::core
