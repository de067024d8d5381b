// The stepping loop, in the manner of "describe the model apart from running it":
// a Model knows how to take one step and what to report; simulate() only loops,
// hands each row to a sink, reports progress and honours a stop request.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/engine/sink.hpp"

namespace aiplus::core {

/// A model the engine can step: synchronous update, aggregates on demand.
class Model {
 public:
  virtual ~Model() = default;
  /// The groups of series observe() fills, in order.
  [[nodiscard]] virtual std::vector<GroupInfo> outputs() const = 0;
  /// Aggregates of the current state into frame (shaped as outputs() says).
  virtual void observe(Frame& frame) = 0;
  /// Numbers to store once at the end (milestones and the like).
  [[nodiscard]] virtual Summary summary() const { return {}; }
  /// Static firm-level columns for panel snapshots (none by default).
  [[nodiscard]] virtual Columns firm_attributes() const { return {}; }
  /// Firm-level state columns at the current step, valid until the next step.
  [[nodiscard]] virtual Columns firm_state() { return {}; }
  /// Advances from the state after `step` steps to the state after step + 1.
  virtual void step(std::uint32_t step) = 0;
  /// What position i of the firm columns is (the order firms are stored in).
  [[nodiscard]] virtual std::string firm_order() const { return "firm index"; }
  /// Number of agents (for throughput figures).
  [[nodiscard]] virtual std::uint64_t agents() const = 0;
};

/// How a run ended.
struct RunResult {
  std::uint32_t steps_done = 0;
  bool complete = false;
  double seconds = 0;  ///< wall time of stepping and observing
};

/// Called after each step with (steps done, steps requested).
using Progress = std::function<void(std::uint32_t, std::uint32_t)>;

/// Runs `steps` steps, writing the initial state and every step to sink. Stops
/// after the current step when *stop becomes true; the sink then ends incomplete.
/// An exception from the model or sink ends the sink incomplete and propagates.
RunResult simulate(Model& model, Sink& sink, const RunInfo& info,
                   const std::atomic<bool>* stop = nullptr, const Progress& progress = {});

}  // namespace aiplus::core
