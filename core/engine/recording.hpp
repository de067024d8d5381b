// A run kept whole in memory: every frame, every firm-level snapshot (copied, since a
// sink is handed views), the run's description and its summary, for the groups asked
// for. It stands beside the HDF5 sink behind the same interface, so a caller (the
// Python module) gets a run's results without a file, and can still write the file
// later by replaying the recording into any other sink.
#pragma once

#include <string>
#include <vector>

#include "core/engine/sink.hpp"

namespace aiplus::core {

/// A firm-level column kept by value.
struct StoredColumn {
  std::string name, units, long_name;
  ColumnView::Type type = ColumnView::Type::F32;
  std::vector<unsigned char> bytes;
  std::size_t size = 0;  ///< values (firms)
  std::vector<std::string> labels;

  [[nodiscard]] ColumnView view() const {
    return {name, units, long_name, type, bytes.data(), size, labels};
  }
};

/// One snapshot: the step after which it was taken and the firms' state then.
struct Snapshot {
  std::uint32_t step = 0;
  std::vector<StoredColumn> state;
};

class Recording final : public Sink {
 public:
  /// Keeps the groups named in `keep` (every group when it is empty).
  explicit Recording(std::vector<std::string> keep = {}) : keep_(std::move(keep)) {}

  void begin(const RunInfo& info, const std::vector<GroupInfo>& groups) override;
  void write(std::uint32_t step, const Frame& frame) override;
  void write_panel(std::uint32_t step, const Columns& attributes, const Columns& state) override;
  void end(bool complete, const Summary& summary) override;

  /// Hands everything recorded to `sink` in the order the engine did.
  void replay(Sink& sink) const;

  [[nodiscard]] const RunInfo& info() const noexcept { return info_; }
  [[nodiscard]] const std::vector<GroupInfo>& groups() const noexcept { return groups_; }
  /// One frame per row written (the initial state, then each step done).
  [[nodiscard]] const std::vector<Frame>& frames() const noexcept { return frames_; }
  /// The firms' static attributes, as the first snapshot was handed them.
  [[nodiscard]] const std::vector<StoredColumn>& attributes() const noexcept { return attributes_; }
  [[nodiscard]] const std::vector<Snapshot>& snapshots() const noexcept { return snapshots_; }
  [[nodiscard]] bool complete() const noexcept { return complete_; }
  [[nodiscard]] const Summary& summary() const noexcept { return summary_; }

 private:
  std::vector<std::string> keep_;
  std::vector<std::size_t> kept_;  // the engine's index of each kept group
  RunInfo info_;
  std::vector<GroupInfo> groups_;
  std::vector<Frame> frames_;
  std::vector<StoredColumn> attributes_;
  std::vector<Snapshot> snapshots_;
  Summary summary_;
  bool complete_ = false;
};

}  // namespace aiplus::core
