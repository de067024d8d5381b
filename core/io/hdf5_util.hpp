// Small helpers over the HDF5 C API shared by the file writers: every failure
// becomes an exception naming the file.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "core/io/hdf5_sink.hpp"

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
/// The string attribute `name` at the root of the file at `path`, opened read-only
/// (nothing in it changes); "" when it is not HDF5 or has no such attribute: how a
/// command recognises a file it wrote before it opens one for writing.
std::string root_text(const std::string& path, const char* name);
/// Writes `rows` rows from row `step` on of a (first, shape...) dataset, extending it.
void append(hid_t dataset, hsize_t step, const std::vector<hsize_t>& shape, hid_t type,
            const void* values, const std::string& path, hsize_t rows = 1);

/// A fixed dataset of doubles, contiguous and uncompressed, its space allocated and
/// filled with NaN at creation: writing a part of it later touches only those bytes.
H5Handle make_table(hid_t group, const char* name, const std::vector<hsize_t>& shape,
                    const std::string& path);
/// Reads or writes the block [start, start + count) of a dataset of doubles, in place.
void transfer_block(hid_t dataset, const std::vector<hsize_t>& start,
                    const std::vector<hsize_t>& count, double* values, bool write,
                    const std::string& path);
/// Reads or writes rows [first, first + rows) of a (row, rest...) dataset of doubles.
void transfer_rows(hid_t dataset, std::vector<hsize_t> shape, hsize_t first, hsize_t rows,
                   double* values, bool write, const std::string& path);
/// Creates a group.
H5Handle make_group(hid_t parent, const std::string& name, const std::string& path);
/// Opens a dataset by its path from `group`.
H5Handle open_dataset(hid_t group, const std::string& name, const std::string& path);
/// A dimension scale named `name`: the values 0..n-1, or `labels` when there are any.
H5Handle index_scale(hid_t group, const char* name, std::size_t n, const std::string& path,
                     const std::vector<std::string>& labels = {});
/// Attaches a dimension scale to a dimension of a dataset.
void attach(hid_t dataset, hid_t scale, unsigned dimension, const std::string& path);

}  // namespace aiplus::core::h5
