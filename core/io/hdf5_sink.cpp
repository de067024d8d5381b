#include "core/io/hdf5_sink.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <stdexcept>

#include "core/io/hdf5_util.hpp"

namespace aiplus::core {
namespace {

using namespace h5;

hid_t native(ColumnView::Type type) {
  switch (type) {
    case ColumnView::Type::U8:
      return H5T_NATIVE_UINT8;
    case ColumnView::Type::U16:
      return H5T_NATIVE_UINT16;
    case ColumnView::Type::U32:
      return H5T_NATIVE_UINT32;
    case ColumnView::Type::F32:
      return H5T_NATIVE_FLOAT;
  }
  return H5T_NATIVE_FLOAT;
}

// Firms per chunk of a panel dataset: one snapshot of a million firms reads in a few chunks.
constexpr hsize_t kFirmChunk = 1 << 20;

void describe(hid_t dataset, const ColumnView& c, const std::string& path) {
  put_text(dataset, "units", c.units, path);
  put_text(dataset, "long_name", c.long_name, path);
  if (!c.labels.empty()) {  // CF flags: what each code means
    std::string meanings;
    for (const auto& l : c.labels) meanings += (meanings.empty() ? "" : " ") + l;
    put_text(dataset, "flag_meanings", meanings, path);
  }
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

Hdf5Sink::Hdf5Sink(std::string path, bool overwrite)
    : path_(std::move(path)), overwrite_(overwrite) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
}

Hdf5Sink::~Hdf5Sink() {
  groups_.clear();
  panel_ = Group{};
  file_.reset();
}

void Hdf5Sink::begin(const RunInfo& info, const std::vector<GroupInfo>& groups) {
  file_ = H5Handle(checked(H5Fcreate(path_.c_str(), overwrite_ ? H5F_ACC_TRUNC : H5F_ACC_EXCL,
                                     H5P_DEFAULT, H5P_DEFAULT),
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

  time_ = info.time;
  time_units_ = info.time_units;
  firm_order_ = info.firm_order.empty() ? "firm index" : info.firm_order;
  last_flush_ = std::chrono::steady_clock::now();
  panel_ = Group{};
  snapshots_ = 0;
  groups_.clear();
  for (const auto& g : groups) {
    Group out;
    out.handle =
        H5Handle(checked(H5Gcreate2(root, g.name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                         path_, "creating a group"),
                 H5Gclose);
    out.time = make_series(out.handle.get(), "time", H5T_NATIVE_INT32, {}, path_);
    put_text(out.time.get(), "units", info.time_units.empty() ? "steps" : info.time_units, path_);
    if (!info.time_units.empty())
      put_text(out.time.get(), "calendar", "proleptic_gregorian", path_);
    put_text(out.time.get(), "long_name", "time (state at the start of each month)", path_);
    checked(H5DSset_scale(out.time.get(), "time"), path_, "making the time dimension scale");

    // Each further dimension is a scale holding its labels.
    std::vector<H5Handle> scales;
    for (const auto& d : g.dimensions) {
      scales.push_back(make_label_scale(out.handle.get(), d, path_));
      out.shape.push_back(d.labels.size());
    }
    for (const auto& s : g.series) {
      auto dataset =
          make_series(out.handle.get(), s.name.c_str(), H5T_NATIVE_DOUBLE, out.shape, path_);
      put_text(dataset.get(), "units", s.units, path_);
      put_text(dataset.get(), "long_name", s.long_name, path_);
      if (!s.definition.empty()) put_text(dataset.get(), "definition", s.definition, path_);
      for (const auto& [name, value] : s.attributes)
        put_attribute(dataset.get(), name.c_str(), H5T_NATIVE_DOUBLE, &value, path_);
      checked(H5DSattach_scale(dataset.get(), out.time.get(), 0), path_,
              "attaching the time scale");
      for (std::size_t k = 0; k < scales.size(); ++k) {
        checked(H5DSattach_scale(dataset.get(), scales[k].get(), static_cast<unsigned>(k + 1)),
                path_, "attaching a dimension scale");
      }
      out.series.push_back(std::move(dataset));
    }
    groups_.push_back(std::move(out));
  }
  checked(H5Fflush(root, H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5Sink::write(std::uint32_t step, const Frame& frame) {
  const std::int32_t time = step < time_.size() ? time_[step] : static_cast<std::int32_t>(step);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    auto& group = groups_[g];
    std::size_t width = 1;
    for (hsize_t n : group.shape) width *= n;
    group.pending.resize(group.series.size());
    group.pending_time.push_back(time);
    for (std::size_t s = 0; s < group.series.size(); ++s) {
      group.pending[s].insert(group.pending[s].end(),
                              frame[g].begin() + static_cast<std::ptrdiff_t>(s * width),
                              frame[g].begin() + static_cast<std::ptrdiff_t>((s + 1) * width));
    }
  }
  const bool full = !groups_.empty() && groups_.front().pending_time.size() >= kTimeChunk;
  if (full || std::chrono::steady_clock::now() - last_flush_ > std::chrono::seconds(2))
    flush_pending();
}

void Hdf5Sink::flush_pending() {
  for (auto& group : groups_) {
    const hsize_t rows = group.pending_time.size();
    if (rows == 0) continue;
    append(group.time.get(), group.written, {}, H5T_NATIVE_INT32, group.pending_time.data(), path_,
           rows);
    for (std::size_t s = 0; s < group.series.size(); ++s) {
      append(group.series[s].get(), group.written, group.shape, H5T_NATIVE_DOUBLE,
             group.pending[s].data(), path_, rows);
      group.pending[s].clear();
    }
    group.pending_time.clear();
    group.written += rows;
  }
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
  last_flush_ = std::chrono::steady_clock::now();
}

void Hdf5Sink::write_panel(std::uint32_t step, const Columns& attributes, const Columns& state) {
  if (state.empty()) return;
  const hsize_t firms = state.front().size;
  if (snapshots_ == 0) {
    panel_.handle =
        H5Handle(checked(H5Gcreate2(file_.get(), "panel", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                         path_, "creating group /panel"),
                 H5Gclose);
    const hid_t g = panel_.handle.get();
    panel_.time = make_series(g, "time", H5T_NATIVE_INT32, {}, path_, 8);
    put_text(panel_.time.get(), "units", time_units_.empty() ? "steps" : time_units_, path_);
    if (!time_units_.empty()) put_text(panel_.time.get(), "calendar", "proleptic_gregorian", path_);
    put_text(panel_.time.get(), "long_name",
             "date of the snapshot (state at the start of the month)", path_);
    checked(H5DSset_scale(panel_.time.get(), "time"), path_, "making the time dimension scale");
    std::vector<std::uint32_t> index(firms);
    for (hsize_t i = 0; i < firms; ++i) index[i] = static_cast<std::uint32_t>(i);
    H5Handle firm = make_fixed(g, "firm", H5T_NATIVE_UINT32, firms, index.data(), path_);
    put_text(firm.get(), "long_name", firm_order_, path_);
    checked(H5DSset_scale(firm.get(), "firm"), path_, "making the firm dimension scale");
    for (const auto& c : attributes) {
      auto dataset = make_fixed(g, c.name.c_str(), native(c.type), c.size, c.data, path_);
      describe(dataset.get(), c, path_);
      checked(H5DSattach_scale(dataset.get(), firm.get(), 0), path_, "attaching the firm scale");
    }
    panel_.shape = {firms};
    for (const auto& c : state) {
      auto dataset =
          make_series(g, c.name.c_str(), native(c.type), panel_.shape, path_, 1, kFirmChunk);
      describe(dataset.get(), c, path_);
      checked(H5DSattach_scale(dataset.get(), panel_.time.get(), 0), path_,
              "attaching the time scale");
      checked(H5DSattach_scale(dataset.get(), firm.get(), 1), path_, "attaching the firm scale");
      panel_.series.push_back(std::move(dataset));
    }
  }
  const std::int32_t time = step < time_.size() ? time_[step] : static_cast<std::int32_t>(step);
  append(panel_.time.get(), snapshots_, {}, H5T_NATIVE_INT32, &time, path_);
  for (std::size_t k = 0; k < state.size() && k < panel_.series.size(); ++k) {
    append(panel_.series[k].get(), snapshots_, panel_.shape, native(state[k].type), state[k].data,
           path_);
  }
  ++snapshots_;
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), path_, "flushing");
}

void Hdf5Sink::end(bool complete, const Summary& summary) {
  if (file_.get() < 0) return;
  flush_pending();
  const hid_t summary_holder = groups_.empty() ? file_.get() : groups_.front().handle.get();
  for (const auto& [name, value] : summary)
    put_attribute(summary_holder, name.c_str(), H5T_NATIVE_DOUBLE, &value, path_);
  put_text(file_.get(), "end_time", now_iso8601(), path_);
  const std::int32_t flag = complete ? 1 : 0;
  put_attribute(file_.get(), "complete", H5T_NATIVE_INT32, &flag, path_);
  groups_.clear();
  panel_ = Group{};
  H5Fflush(file_.get(), H5F_SCOPE_GLOBAL);
  file_.reset();
}

}  // namespace aiplus::core
