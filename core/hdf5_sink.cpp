#include "core/hdf5_sink.hpp"

#include <hdf5_hl.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace aiplus::core {
namespace {

constexpr hsize_t kTimeChunk = 256;

// Throws with the file's name when an HDF5 call failed.
hid_t checked(hid_t id, const std::string& path, const char* what) {
  if (id < 0) throw std::runtime_error(path + ": HDF5 error while " + what);
  return id;
}

void put_text(hid_t object, const char* name, const std::string& value, const std::string& path) {
  H5Handle type(checked(H5Tcopy(H5T_C_S1), path, "making a string type"), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  H5Handle space(checked(H5Screate(H5S_SCALAR), path, "making a dataspace"), H5Sclose);
  if (H5Aexists(object, name) > 0) H5Adelete(object, name);
  H5Handle attribute(checked(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                             path, "creating an attribute"),
                     H5Aclose);
  const char* data = value.c_str();
  checked(H5Awrite(attribute.get(), type.get(), &data), path, "writing an attribute");
}

template <class T>
void put_number(hid_t object, const char* name, T value, hid_t type, const std::string& path) {
  H5Handle space(checked(H5Screate(H5S_SCALAR), path, "making a dataspace"), H5Sclose);
  if (H5Aexists(object, name) > 0) H5Adelete(object, name);
  H5Handle attribute(checked(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                             path, "creating an attribute"),
                     H5Aclose);
  checked(H5Awrite(attribute.get(), type, &value), path, "writing an attribute");
}

std::string now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// An empty, extendible, chunked and compressed 1-D dataset along time.
H5Handle make_series(hid_t group, const char* name, hid_t type, const std::string& path) {
  const hsize_t zero = 0, unlimited = H5S_UNLIMITED;
  H5Handle space(checked(H5Screate_simple(1, &zero, &unlimited), path, "making a dataspace"), H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path, "making properties"), H5Pclose);
  H5Pset_chunk(properties.get(), 1, &kTimeChunk);
  H5Pset_shuffle(properties.get());
  H5Pset_deflate(properties.get(), 4);
  return {checked(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                  path, "creating a dataset"),
          H5Dclose};
}

void append(hid_t dataset, hsize_t row, hid_t type, const void* value, const std::string& path) {
  const hsize_t size = row + 1, count = 1;
  checked(H5Dset_extent(dataset, &size), path, "extending a dataset");
  H5Handle file_space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &row, nullptr, &count, nullptr);
  H5Handle memory_space(checked(H5Screate_simple(1, &count, nullptr), path, "making a dataspace"), H5Sclose);
  checked(H5Dwrite(dataset, type, memory_space.get(), file_space.get(), H5P_DEFAULT, value), path,
          "writing a row");
}

}  // namespace

H5Handle& H5Handle::operator=(H5Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    close_ = std::exchange(other.close_, nullptr);
  }
  return *this;
}

void H5Handle::reset() noexcept {
  if (id_ >= 0 && close_) close_(id_);
  id_ = H5I_INVALID_HID;
}

Hdf5Sink::Hdf5Sink(std::string path, bool overwrite) : path_(std::move(path)), overwrite_(overwrite) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
}

Hdf5Sink::~Hdf5Sink() {
  datasets_.clear();
  time_.reset();
  file_.reset();
}

void Hdf5Sink::begin(const RunInfo& info, const std::vector<SeriesInfo>& series) {
  file_ = H5Handle(checked(H5Fcreate(path_.c_str(), overwrite_ ? H5F_ACC_TRUNC : H5F_ACC_EXCL,
                                     H5P_DEFAULT, H5P_DEFAULT),
                           path_, "creating the file"),
                   H5Fclose);
  const hid_t root = file_.get();
  put_number<std::uint64_t>(root, "seed", info.seed, H5T_NATIVE_UINT64, path_);
  put_text(root, "config", info.config_toml, path_);
  put_text(root, "version", info.version, path_);
  put_text(root, "start_time", now_iso8601(), path_);
  put_number<std::int32_t>(root, "threads", info.threads, H5T_NATIVE_INT32, path_);
  put_number<std::uint64_t>(root, "agents", info.agents, H5T_NATIVE_UINT64, path_);
  put_number<std::uint32_t>(root, "steps_requested", info.steps, H5T_NATIVE_UINT32, path_);
  put_number<std::int32_t>(root, "complete", 0, H5T_NATIVE_INT32, path_);

  H5Handle national(checked(H5Gcreate2(root, "national", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                            path_, "creating group /national"),
                    H5Gclose);
  step_months_ = info.step_unit == "quarters" ? 3 : 1;
  time_ = make_series(national.get(), "time", H5T_NATIVE_INT32, path_);
  put_text(time_.get(), "units", "months since " + info.start_date + "-01", path_);
  put_text(time_.get(), "calendar", "standard", path_);
  put_text(time_.get(), "long_name", "time (start of the month after each step)", path_);
  checked(H5DSset_scale(time_.get(), "time"), path_, "making the time dimension scale");

  datasets_.clear();
  for (const auto& s : series) {
    auto dataset = make_series(national.get(), s.name.c_str(), H5T_NATIVE_DOUBLE, path_);
    put_text(dataset.get(), "units", s.units, path_);
    put_text(dataset.get(), "long_name", s.long_name, path_);
    checked(H5DSattach_scale(dataset.get(), time_.get(), 0), path_, "attaching the time scale");
    datasets_.push_back(std::move(dataset));
  }
  checked(H5Fflush(root, H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5Sink::write(std::uint32_t step, std::span<const double> values) {
  const std::int32_t month = static_cast<std::int32_t>(step) * step_months_;
  append(time_.get(), step, H5T_NATIVE_INT32, &month, path_);
  for (std::size_t k = 0; k < datasets_.size(); ++k) {
    append(datasets_[k].get(), step, H5T_NATIVE_DOUBLE, &values[k], path_);
  }
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5Sink::end(bool complete) {
  if (file_.get() < 0) return;
  put_text(file_.get(), "end_time", now_iso8601(), path_);
  put_number<std::int32_t>(file_.get(), "complete", complete ? 1 : 0, H5T_NATIVE_INT32, path_);
  datasets_.clear();
  time_.reset();
  H5Fflush(file_.get(), H5F_SCOPE_GLOBAL);
  file_.reset();
}

}  // namespace aiplus::core
