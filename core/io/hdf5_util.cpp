#include "core/io/hdf5_util.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>
#include <stdexcept>

namespace aiplus::core::h5 {

namespace {

// Why the last HDF5 call failed, from its error stack: the system's reason when a
// read or write failed (disk full, file size limit, ...), a lock held by another
// process, or memory running out.
std::string failure_reason() {
  struct Found {
    int error = 0;
    bool lock = false, memory = false;
  } found;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
        auto& f = *static_cast<Found*>(data);
        if (e->min_num == H5E_CANTLOCKFILE) f.lock = true;
        if (!e->desc) return 0;
        if (const char* at = std::strstr(e->desc, "errno = "); at && !f.error)
          f.error = std::atoi(at + 8);
        if (std::strstr(e->desc, "memory allocation failed")) f.memory = true;
        return 0;
      },
      &found);
  if (found.lock) return "the file is locked by another process";
  if (found.error) return std::strerror(found.error);
  if (found.memory) return "out of memory";
  return "disk full, file size limit or I/O error?";
}

}  // namespace

// Throws with the file's name when an HDF5 call failed.
hid_t checked(hid_t id, const std::string& path, const char* what) {
  if (id < 0) throw WriteError(path + ": HDF5 error while " + what + " (" + failure_reason() + ")");
  return id;
}

H5Handle string_type(const std::string& path) {
  H5Handle type(checked(H5Tcopy(H5T_C_S1), path, "making a string type"), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  return type;
}

void put_attribute(hid_t object, const char* name, hid_t type, const void* data,
                   const std::string& path) {
  H5Handle space(checked(H5Screate(H5S_SCALAR), path, "making a dataspace"), H5Sclose);
  if (H5Aexists(object, name) > 0) H5Adelete(object, name);
  H5Handle attribute(checked(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                             path, "creating an attribute"),
                     H5Aclose);
  checked(H5Awrite(attribute.get(), type, data), path, "writing an attribute");
}

void put_text(hid_t object, const char* name, const std::string& value, const std::string& path) {
  const char* data = value.c_str();
  put_attribute(object, name, string_type(path).get(), &data, path);
}

std::string get_text(hid_t object, const char* name, const std::string& path) {
  if (H5Aexists(object, name) <= 0) return "";
  H5Handle attribute(checked(H5Aopen(object, name, H5P_DEFAULT), path, "opening an attribute"),
                     H5Aclose);
  char* text = nullptr;
  std::string value;
  if (H5Aread(attribute.get(), string_type(path).get(), &text) >= 0 && text) {
    value = text;
    H5free_memory(text);
  }
  return value;
}

std::string now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// An empty dataset of shape (0, shape...), extendible along time, chunked and
// compressed with shuffle + deflate.
H5Handle make_series(hid_t group, const char* name, hid_t type, const std::vector<hsize_t>& shape,
                     const std::string& path, hsize_t time_chunk, hsize_t max_chunk) {
  std::vector<hsize_t> now{0}, most{H5S_UNLIMITED}, chunk{time_chunk};
  for (hsize_t n : shape)
    now.push_back(n), most.push_back(n), chunk.push_back(max_chunk ? std::min(n, max_chunk) : n);
  const int rank = static_cast<int>(now.size());
  H5Handle space(
      checked(H5Screate_simple(rank, now.data(), most.data()), path, "making a dataspace"),
      H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path, "making properties"), H5Pclose);
  H5Pset_chunk(properties.get(), rank, chunk.data());
  H5Pset_shuffle(properties.get());
  H5Pset_deflate(properties.get(), 4);
  return {checked(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, properties.get(),
                             H5P_DEFAULT),
                  path, "creating a dataset"),
          H5Dclose};
}

// A fixed 1-D dataset (a dimension's labels).
H5Handle make_fixed(hid_t group, const char* name, hid_t type, std::size_t n, const void* data,
                    const std::string& path) {
  const hsize_t size = n;
  H5Handle space(checked(H5Screate_simple(1, &size, nullptr), path, "making a dataspace"),
                 H5Sclose);
  H5Handle dataset(
      checked(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              path, "creating a dataset"),
      H5Dclose);
  if (n)
    checked(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), path,
            "writing labels");
  return dataset;
}

H5Handle make_labels(hid_t group, const std::string& name, const std::vector<std::string>& labels,
                     const std::string& path) {
  std::vector<const char*> raw;
  for (const auto& l : labels) raw.push_back(l.c_str());
  return make_fixed(group, name.c_str(), string_type(path).get(), raw.size(), raw.data(), path);
}

std::vector<std::string> read_labels(hid_t file, const std::string& name, const std::string& path) {
  H5Handle set(
      checked(H5Dopen2(file, name.c_str(), H5P_DEFAULT), path, ("opening " + name).c_str()),
      H5Dclose);
  H5Handle space(checked(H5Dget_space(set.get()), path, "reading a dataspace"), H5Sclose);
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  const auto type = string_type(path);
  if (raw.empty()) return {};
  checked(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), path,
          ("reading " + name).c_str());
  std::vector<std::string> labels(raw.begin(), raw.end());
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  return labels;
}

H5Handle make_label_scale(hid_t group, const Dimension& dimension, const std::string& path) {
  auto scale = make_labels(group, dimension.name, dimension.labels, path);
  put_text(scale.get(), "long_name", dimension.name, path);
  checked(H5DSset_scale(scale.get(), dimension.name.c_str()), path, "making a dimension scale");
  return scale;
}

H5Handle unlocked_access(const std::string& path) {
  H5Handle access(checked(H5Pcreate(H5P_FILE_ACCESS), path, "making properties"), H5Pclose);
  H5Pset_file_locking(access.get(), false, true);
  return access;
}

std::string root_text(const std::string& path, const char* name) {
  if (H5Fis_hdf5(path.c_str()) <= 0) return "";
  const hid_t opened = H5Fopen(path.c_str(), H5F_ACC_RDONLY, unlocked_access(path).get());
  if (opened < 0) return "";
  const H5Handle file(opened, H5Fclose);
  try {
    return get_text(file.get(), name, path);
  } catch (const WriteError&) {  // an attribute of another type: not ours
    return "";
  }
}

// Writes `rows` rows from row `step` on of a (time, shape...) dataset.
void append(hid_t dataset, hsize_t step, const std::vector<hsize_t>& shape, hid_t type,
            const void* values, const std::string& path, hsize_t rows) {
  std::vector<hsize_t> size{step + rows}, start{step}, count{rows};
  for (hsize_t n : shape) size.push_back(n), start.push_back(0), count.push_back(n);
  checked(H5Dset_extent(dataset, size.data()), path, "extending a dataset");
  H5Handle file_space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                      nullptr);
  H5Handle memory_space(
      checked(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), path,
              "making a dataspace"),
      H5Sclose);
  checked(H5Dwrite(dataset, type, memory_space.get(), file_space.get(), H5P_DEFAULT, values), path,
          "writing a row");
}

H5Handle make_table(hid_t group, const char* name, const std::vector<hsize_t>& shape,
                    const std::string& path) {
  H5Handle space(checked(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                         path, "making a dataspace"),
                 H5Sclose);
  H5Handle properties(checked(H5Pcreate(H5P_DATASET_CREATE), path, "making properties"), H5Pclose);
  const double fill = std::numeric_limits<double>::quiet_NaN();
  H5Pset_fill_value(properties.get(), H5T_NATIVE_DOUBLE, &fill);
  H5Pset_layout(properties.get(), H5D_CONTIGUOUS);
  H5Pset_alloc_time(properties.get(), H5D_ALLOC_TIME_EARLY);
  H5Pset_fill_time(properties.get(), H5D_FILL_TIME_ALLOC);
  return {checked(H5Dcreate2(group, name, H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT,
                             properties.get(), H5P_DEFAULT),
                  path, "creating a dataset"),
          H5Dclose};
}

void transfer_block(hid_t dataset, const std::vector<hsize_t>& start,
                    const std::vector<hsize_t>& count, double* values, bool write,
                    const std::string& path) {
  H5Handle file_space(checked(H5Dget_space(dataset), path, "reading a dataspace"), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                      nullptr);
  H5Handle memory(checked(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                          path, "making a dataspace"),
                  H5Sclose);
  if (write) {
    checked(
        H5Dwrite(dataset, H5T_NATIVE_DOUBLE, memory.get(), file_space.get(), H5P_DEFAULT, values),
        path, "writing a table");
  } else {
    checked(
        H5Dread(dataset, H5T_NATIVE_DOUBLE, memory.get(), file_space.get(), H5P_DEFAULT, values),
        path, "reading runs back");
  }
}

void transfer_rows(hid_t dataset, std::vector<hsize_t> shape, hsize_t first, hsize_t rows,
                   double* values, bool write, const std::string& path) {
  std::vector<hsize_t> start(shape.size(), 0);
  start[0] = first, shape[0] = rows;
  transfer_block(dataset, start, shape, values, write, path);
}

H5Handle make_group(hid_t parent, const std::string& name, const std::string& path) {
  return {checked(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path,
                  ("creating group " + name).c_str()),
          H5Gclose};
}

H5Handle open_dataset(hid_t group, const std::string& name, const std::string& path) {
  return {checked(H5Dopen2(group, name.c_str(), H5P_DEFAULT), path, ("opening " + name).c_str()),
          H5Dclose};
}

H5Handle index_scale(hid_t group, const char* name, std::size_t n, const std::string& path,
                     const std::vector<std::string>& labels) {
  H5Handle scale;
  if (labels.empty()) {
    std::vector<std::int32_t> index(n);
    for (std::size_t k = 0; k < n; ++k) index[k] = static_cast<std::int32_t>(k);
    scale = make_fixed(group, name, H5T_NATIVE_INT32, n, index.data(), path);
  } else {
    scale = make_labels(group, name, labels, path);
  }
  checked(H5DSset_scale(scale.get(), name), path, "making a dimension scale");
  return scale;
}

void attach(hid_t dataset, hid_t scale, unsigned dimension, const std::string& path) {
  checked(H5DSattach_scale(dataset, scale, dimension), path, "attaching a dimension scale");
}

}  // namespace aiplus::core::h5
