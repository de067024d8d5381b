// Where a run's results go. The engine hands a sink the run's description once,
// then one row of aggregate values per step; the sink knows nothing of firms.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace aiplus::core {

/// One output time series: its dataset name, unit and human description.
struct SeriesInfo {
  std::string name;       ///< dataset name, e.g. "adoption_share"
  std::string units;      ///< e.g. "1" for a share, "firms", "TWh"
  std::string long_name;  ///< one line for plots and notebooks
};

/// Facts about a run that a sink stores next to the data (provenance).
struct RunInfo {
  std::uint64_t seed = 0;
  std::string config_toml;  ///< the fully resolved configuration
  std::string version;
  std::string start_date;   ///< calendar month of step 0, "YYYY-MM"
  std::string step_unit;    ///< "months" or "quarters"
  std::uint32_t steps = 0;  ///< steps requested (rows written = steps + 1 when complete)
  std::uint64_t agents = 0;
  int threads = 0;          ///< recorded only; results never depend on it
};

/// Receives a run's results step by step.
class Sink {
 public:
  virtual ~Sink() = default;
  /// Called once before the first row.
  virtual void begin(const RunInfo& info, const std::vector<SeriesInfo>& series) = 0;
  /// Row `step` (0 = initial state), one value per series in begin()'s order.
  virtual void write(std::uint32_t step, std::span<const double> values) = 0;
  /// Called once at the end; complete is false when the run stopped early.
  virtual void end(bool complete) = 0;
};

/// Keeps every row in memory: for tests and for callers that post-process.
class MemorySink final : public Sink {
 public:
  void begin(const RunInfo& info, const std::vector<SeriesInfo>& series) override {
    info_ = info;
    series_ = series;
    rows_.clear();
  }
  void write(std::uint32_t, std::span<const double> values) override {
    rows_.emplace_back(values.begin(), values.end());
  }
  void end(bool complete) override { complete_ = complete; }

  /// The values of one series over time.
  [[nodiscard]] std::vector<double> series(const std::string& name) const {
    std::vector<double> out;
    for (std::size_t k = 0; k < series_.size(); ++k) {
      if (series_[k].name != name) continue;
      for (const auto& row : rows_) out.push_back(row[k]);
    }
    return out;
  }
  [[nodiscard]] const std::vector<std::vector<double>>& rows() const noexcept { return rows_; }
  [[nodiscard]] bool complete() const noexcept { return complete_; }
  [[nodiscard]] const RunInfo& info() const noexcept { return info_; }

 private:
  RunInfo info_;
  std::vector<SeriesInfo> series_;
  std::vector<std::vector<double>> rows_;
  bool complete_ = false;
};

/// Hands every call to several sinks in order (e.g. a file and a memory summary).
class FanoutSink final : public Sink {
 public:
  explicit FanoutSink(std::vector<Sink*> sinks) : sinks_(std::move(sinks)) {}
  void begin(const RunInfo& info, const std::vector<SeriesInfo>& series) override {
    for (auto* s : sinks_) s->begin(info, series);
  }
  void write(std::uint32_t step, std::span<const double> values) override {
    for (auto* s : sinks_) s->write(step, values);
  }
  void end(bool complete) override {
    for (auto* s : sinks_) s->end(complete);
  }

 private:
  std::vector<Sink*> sinks_;
};

}  // namespace aiplus::core
