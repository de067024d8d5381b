// Small helpers over the HDF5 C API shared by the file writers: every failure
// becomes an exception naming the file.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "core/hdf5_sink.hpp"

namespace aiplus::core::h5 {

/// Rows of the time dimension per chunk.
inline constexpr hsize_t kTimeChunk = 64;

/// Throws with the file's name when an HDF5 call failed.
hid_t checked(hid_t id, const std::string& path, const char* what);
/// A variable-length UTF-8 string type.
H5Handle string_type(const std::string& path);
/// Writes (or replaces) a scalar attribute.
void put_attribute(hid_t object, const char* name, hid_t type, const void* data,
                   const std::string& path);
/// Writes (or replaces) a string attribute.
void put_text(hid_t object, const char* name, const std::string& value, const std::string& path);
/// A string attribute's value; "" when the object has no such attribute.
std::string get_text(hid_t object, const char* name, const std::string& path);
/// The current UTC time, ISO 8601.
std::string now_iso8601();
/// An empty dataset of shape (0, shape...), extendible along the first dimension,
/// chunked (time_chunk, min(shape, max_chunk)...) and compressed.
H5Handle make_series(hid_t group, const char* name, hid_t type, const std::vector<hsize_t>& shape,
                     const std::string& path, hsize_t time_chunk = kTimeChunk,
                     hsize_t max_chunk = 0);
/// A fixed 1-D dataset holding n values.
H5Handle make_fixed(hid_t group, const char* name, hid_t type, std::size_t n, const void* data,
                    const std::string& path);
/// A fixed 1-D dataset of UTF-8 strings.
H5Handle make_labels(hid_t group, const std::string& name, const std::vector<std::string>& labels,
                     const std::string& path);
/// The strings of a 1-D dataset of UTF-8 strings (as make_labels writes them).
std::vector<std::string> read_labels(hid_t file, const std::string& name, const std::string& path);
/// The dimension scale of a labelled dimension: its labels, named after it.
H5Handle make_label_scale(hid_t group, const Dimension& dimension, const std::string& path);
/// File access without HDF5's own file lock: the file's OutputFile holds aiplus's.
H5Handle unlocked_access(const std::string& path);
/// A group created under `parent`.
H5Handle make_group(hid_t parent, const std::string& name, const std::string& path);
/// A dimension scale of indices 0..n-1 named `name`.
H5Handle index_scale(hid_t group, const char* name, std::size_t n, const std::string& path);
/// Attaches a dimension scale to one dimension of a dataset.
void attach(hid_t dataset, hid_t scale, unsigned dimension, const std::string& path);
/// Writes `rows` rows from row `step` on of a (first, shape...) dataset, extending it.
void append(hid_t dataset, hsize_t step, const std::vector<hsize_t>& shape, hid_t type,
            const void* values, const std::string& path, hsize_t rows = 1);

}  // namespace aiplus::core::h5
