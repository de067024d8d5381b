#include "core/hdf5_sink.hpp"

#include <hdf5_hl.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace aiplus::core {
namespace {

constexpr hsize_t kTimeChunk = 64;

// Throws with the file's name when an HDF5 call failed.
hid_t checked(hid_t id, const std::string& path, const char* what) {
  if (id < 0) throw std::runtime_error(path + ": HDF5 error while " + what);
  return id;
}

H5Handle string_type(const std::string& path) {
  H5Handle type(checked(H5Tcopy(H5T_C_S1), path, "making a string type"), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  return type;
}

void put_attribute(hid_t object, const char* name, hid_t type, const void* data, const std::string& path) {
  H5Handle space(checked(H5Screate(H5S_SCALAR), path, "making a dataspace"), H5Sclose);
  if (H5Aexists(object, name) > 0) H5Adelete(object, name);
  H5Handle attribute(checked(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT), path,
                             "creating an attribute"),
                     H5Aclose);
  checked(H5Awrite(attribute.get(), type, data), path, "writing an attribute");
}

void put_text(hid_t object, const char* name, const std::string& value, const std::string& path) {
  const char* data = value.c_str();
  put_attribute(object, name, string_type(path).get(), &data, path);
}

std::string now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// An empty dataset of shape (0) or (0, segments), extendible along time,
// chunked and compressed with shuffle + deflate.
H5Handle make_series(hid_t group, const char* name, hid_t type, std::size_t segments, const std::string& path) {
  const int rank = segments == 0 ? 1 : 2;
  const hsize_t now[2] = {0, segments}, most[2] = {H5S_UNLIMITED, segments};
  const hsize_t chunk[2] = {kTimeChunk, segments};
  H5Handle space(checked(H5Screate_simple(rank, now, most), path, "making a dataspace"), H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path, "making properties"), H5Pclose);
  H5Pset_chunk(properties.get(), rank, chunk);
  H5Pset_shuffle(properties.get());
  H5Pset_deflate(properties.get(), 4);
  return {checked(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT), path,
                  "creating a dataset"),
          H5Dclose};
}

// A fixed 1-D dataset along the segment dimension.
H5Handle make_fixed(hid_t group, const char* name, hid_t type, std::size_t n, const void* data, const std::string& path) {
  const hsize_t size = n;
  H5Handle space(checked(H5Screate_simple(1, &size, nullptr), path, "making a dataspace"), H5Sclose);
  H5Handle dataset(checked(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path,
                           "creating a dataset"),
                   H5Dclose);
  if (n) checked(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), path, "writing labels");
  return dataset;
}

// Writes row `step` (width values) of a (time) or (time, segment) dataset.
void append(hid_t dataset, hsize_t step, std::size_t segments, hid_t type, const void* values, const std::string& path) {
  const int rank = segments == 0 ? 1 : 2;
  const hsize_t size[2] = {step + 1, segments}, start[2] = {step, 0}, count[2] = {1, segments};
  checked(H5Dset_extent(dataset, size), path, "extending a dataset");
  H5Handle file_space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  H5Handle memory_space(checked(H5Screate_simple(rank, count, nullptr), path, "making a dataspace"), H5Sclose);
  checked(H5Dwrite(dataset, type, memory_space.get(), file_space.get(), H5P_DEFAULT, values), path, "writing a row");
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
  groups_.clear();
  file_.reset();
}

void Hdf5Sink::begin(const RunInfo& info, const std::vector<GroupInfo>& groups) {
  file_ = H5Handle(checked(H5Fcreate(path_.c_str(), overwrite_ ? H5F_ACC_TRUNC : H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT),
                           path_, "creating the file"),
                   H5Fclose);
  const hid_t root = file_.get();
  const std::int32_t incomplete = 0;
  put_attribute(root, "seed", H5T_NATIVE_UINT64, &info.seed, path_);
  put_text(root, "config", info.config_toml, path_);
  put_text(root, "version", info.version, path_);
  put_text(root, "start_time", now_iso8601(), path_);
  put_attribute(root, "threads", H5T_NATIVE_INT32, &info.threads, path_);
  put_attribute(root, "agents", H5T_NATIVE_UINT64, &info.agents, path_);
  put_attribute(root, "steps_requested", H5T_NATIVE_UINT32, &info.steps, path_);
  put_attribute(root, "complete", H5T_NATIVE_INT32, &incomplete, path_);

  groups_.clear();
  for (const auto& g : groups) {
    Group out;
    out.segments = g.segments;
    out.handle = H5Handle(checked(H5Gcreate2(root, g.name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path_,
                                  "creating a group"),
                          H5Gclose);
    out.time = make_series(out.handle.get(), "time", H5T_NATIVE_INT32, 0, path_);
    put_text(out.time.get(), "units", "months since " + info.start_date + "-01", path_);
    put_text(out.time.get(), "calendar", "proleptic_gregorian", path_);
    put_text(out.time.get(), "long_name", "month (state at the start of the month)", path_);
    checked(H5DSset_scale(out.time.get(), "time"), path_, "making the time dimension scale");

    H5Handle segment;
    std::string coordinates;
    if (g.segments > 0) {
      std::vector<std::int32_t> index(g.segments);
      for (std::size_t k = 0; k < g.segments; ++k) index[k] = static_cast<std::int32_t>(k);
      segment = make_fixed(out.handle.get(), "segment", H5T_NATIVE_INT32, g.segments, index.data(), path_);
      put_text(segment.get(), "long_name", "segment index", path_);
      put_text(segment.get(), "units", "1", path_);
      checked(H5DSset_scale(segment.get(), "segment"), path_, "making the segment dimension scale");
      const auto text = string_type(path_);
      for (const auto& c : g.coordinates) {
        std::vector<const char*> labels;
        for (const auto& l : c.labels) labels.push_back(l.c_str());
        auto labels_set = make_fixed(out.handle.get(), c.name.c_str(), text.get(), labels.size(), labels.data(), path_);
        put_text(labels_set.get(), "long_name", c.name + " of each segment", path_);
        checked(H5DSattach_scale(labels_set.get(), segment.get(), 0), path_, "attaching the segment scale");
        coordinates += (coordinates.empty() ? "" : " ") + c.name;
      }
    }
    for (const auto& s : g.series) {
      auto dataset = make_series(out.handle.get(), s.name.c_str(), H5T_NATIVE_DOUBLE, g.segments, path_);
      put_text(dataset.get(), "units", s.units, path_);
      put_text(dataset.get(), "long_name", s.long_name, path_);
      checked(H5DSattach_scale(dataset.get(), out.time.get(), 0), path_, "attaching the time scale");
      if (g.segments > 0) {
        checked(H5DSattach_scale(dataset.get(), segment.get(), 1), path_, "attaching the segment scale");
        if (!coordinates.empty()) put_text(dataset.get(), "coordinates", coordinates, path_);
      }
      out.series.push_back(std::move(dataset));
    }
    groups_.push_back(std::move(out));
  }
  checked(H5Fflush(root, H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5Sink::write(std::uint32_t step, const Frame& frame) {
  const std::int32_t month = static_cast<std::int32_t>(step);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    auto& group = groups_[g];
    append(group.time.get(), step, 0, H5T_NATIVE_INT32, &month, path_);
    const std::size_t width = group.segments == 0 ? 1 : group.segments;
    for (std::size_t s = 0; s < group.series.size(); ++s) {
      append(group.series[s].get(), step, group.segments, H5T_NATIVE_DOUBLE, frame[g].data() + s * width, path_);
    }
  }
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5Sink::end(bool complete, const Summary& summary) {
  if (file_.get() < 0) return;
  const hid_t summary_holder = groups_.empty() ? file_.get() : groups_.front().handle.get();
  for (const auto& [name, value] : summary) put_attribute(summary_holder, name.c_str(), H5T_NATIVE_DOUBLE, &value, path_);
  put_text(file_.get(), "end_time", now_iso8601(), path_);
  const std::int32_t flag = complete ? 1 : 0;
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &flag, path_);
  groups_.clear();
  H5Fflush(file_.get(), H5F_SCOPE_GLOBAL);
  file_.reset();
}

}  // namespace aiplus::core
