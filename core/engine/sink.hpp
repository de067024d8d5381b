// Where a run's results go. The engine hands a sink the run's description once,
// then one frame of aggregate values per step, and firm-level columns for panel
// snapshots; the sink knows nothing of firms, only of groups of series along
// labelled dimensions and of named columns.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace aiplus::core {

/// One output time series: its dataset name, unit and human description.
struct SeriesInfo {
  std::string name;          ///< dataset name, e.g. "adoption_share"
  std::string units;         ///< e.g. "1" for a share, "firms", "TWh/year"
  std::string long_name;     ///< one line for plots and notebooks
  std::string definition{};  ///< how it is computed, e.g. "firms at stage >= 1 / firms"
  bool missing = false;      ///< NaN where undefined (an empty segment, a level not reached yet)
  std::vector<std::pair<std::string, double>> attributes{};  ///< e.g. a reference band's ends
};

/// One dimension of a group besides time, with a label for each position.
struct Dimension {
  std::string name;                 ///< e.g. "sector"
  std::vector<std::string> labels;  ///< e.g. the sector names
};

/// A group of series sharing their shape: (time) or (time, dimension 1, ...).
struct GroupInfo {
  std::string name;                   ///< e.g. "national", "segment"
  std::vector<Dimension> dimensions;  ///< empty: one value per series per step
  std::vector<SeriesInfo> series;
  /// Values per series per step: the product of the dimensions' sizes.
  [[nodiscard]] std::size_t width() const noexcept {
    std::size_t w = 1;
    for (const auto& d : dimensions) w *= d.labels.size();
    return w;
  }
};

/// One step's values: per group, series-major, then the group's dimensions in
/// row-major order (value of series s at flat position k: s * width + k).
using Frame = std::vector<std::vector<double>>;

/// A named number written once, at the end (e.g. a milestone reached).
using Summary = std::vector<std::pair<std::string, double>>;

/// One firm-level column handed to a sink for a panel snapshot (not owned).
struct ColumnView {
  enum class Type { U8, U16, U32, F32 };
  std::string name;
  std::string units;
  std::string long_name;
  Type type;
  const void* data;
  std::size_t size;
  std::vector<std::string> labels{};  ///< meanings of codes 0, 1, ... of a categorical column
};
using Columns = std::vector<ColumnView>;

/// Facts about a run that a sink stores next to the data (provenance).
struct RunInfo {
  std::uint64_t seed = 0;
  std::string config_toml;  ///< the fully resolved configuration
  std::string version;
  std::string start_date;  ///< calendar month of step 0, "YYYY-MM"
  std::string time_units;  ///< CF units of the time coordinate, e.g. "days since 2025-01-01"
  std::vector<std::int32_t> time;  ///< time coordinate of each row (steps + 1 values)
  std::uint32_t steps = 0;         ///< steps requested (rows written = steps + 1 when complete)
  std::uint64_t agents = 0;
  int threads = 0;                        ///< recorded only; results never depend on it
  std::vector<std::uint32_t> panel_rows;  ///< rows after which firm-level snapshots are written
  std::string firm_order;  ///< what the firm index of panels counts (the model's firm order)
};

/// Receives a run's results step by step.
class Sink {
 public:
  virtual ~Sink() = default;
  /// Called once before the first frame.
  virtual void begin(const RunInfo& info, const std::vector<GroupInfo>& groups) = 0;
  /// Frame `step` (0 = initial state).
  virtual void write(std::uint32_t step, const Frame& frame) = 0;
  /// A firm-level snapshot after frame `step`: static attributes and current state.
  virtual void write_panel(std::uint32_t step, const Columns& attributes, const Columns& state) {
    (void)step, (void)attributes, (void)state;
  }
  /// Called once at the end; complete is false when the run stopped early.
  virtual void end(bool complete, const Summary& summary) = 0;
};

/// Keeps every frame in memory: for tests and for callers that post-process.
class MemorySink final : public Sink {
 public:
  void begin(const RunInfo& info, const std::vector<GroupInfo>& groups) override {
    info_ = info;
    groups_ = groups;
    frames_.clear();
  }
  void write(std::uint32_t, const Frame& frame) override { frames_.push_back(frame); }
  void write_panel(std::uint32_t step, const Columns&, const Columns&) override {
    panel_steps_.push_back(step);
  }
  void end(bool complete, const Summary& summary) override {
    complete_ = complete;
    summary_ = summary;
  }

  /// One series over time at one flat position (0 for a group without dimensions); empty if
  /// unknown.
  [[nodiscard]] std::vector<double> series(const std::string& group, const std::string& name,
                                           std::size_t segment = 0) const {
    std::vector<double> out;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      if (groups_[g].name != group) continue;
      for (std::size_t s = 0; s < groups_[g].series.size(); ++s) {
        if (groups_[g].series[s].name != name) continue;
        for (const auto& frame : frames_) out.push_back(frame[g][s * groups_[g].width() + segment]);
      }
    }
    return out;
  }
  /// A national series over time.
  [[nodiscard]] std::vector<double> series(const std::string& name) const {
    return series("national", name);
  }
  [[nodiscard]] const std::vector<Frame>& frames() const noexcept { return frames_; }
  [[nodiscard]] const std::vector<GroupInfo>& groups() const noexcept { return groups_; }
  [[nodiscard]] bool complete() const noexcept { return complete_; }
  [[nodiscard]] const Summary& summary() const noexcept { return summary_; }
  [[nodiscard]] const RunInfo& info() const noexcept { return info_; }
  /// Steps after which a panel snapshot was handed over.
  [[nodiscard]] const std::vector<std::uint32_t>& panel_steps() const noexcept {
    return panel_steps_;
  }

 private:
  RunInfo info_;
  std::vector<std::uint32_t> panel_steps_;
  std::vector<GroupInfo> groups_;
  std::vector<Frame> frames_;
  Summary summary_;
  bool complete_ = false;
};

/// Hands every call to several sinks in order (e.g. a file and a memory summary).
class FanoutSink final : public Sink {
 public:
  explicit FanoutSink(std::vector<Sink*> sinks) : sinks_(std::move(sinks)) {}
  void begin(const RunInfo& info, const std::vector<GroupInfo>& groups) override {
    for (auto* s : sinks_) s->begin(info, groups);
  }
  void write(std::uint32_t step, const Frame& frame) override {
    for (auto* s : sinks_) s->write(step, frame);
  }
  void write_panel(std::uint32_t step, const Columns& attributes, const Columns& state) override {
    for (auto* s : sinks_) s->write_panel(step, attributes, state);
  }
  void end(bool complete, const Summary& summary) override {
    for (auto* s : sinks_) s->end(complete, summary);
  }

 private:
  std::vector<Sink*> sinks_;
};

}  // namespace aiplus::core
