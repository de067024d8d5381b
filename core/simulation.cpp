#include "core/simulation.hpp"

#include <algorithm>
#include <chrono>

namespace aiplus::core {

RunResult simulate(Model& model, Sink& sink, const RunInfo& info, const std::atomic<bool>* stop,
                   const Progress& progress) {
  const auto groups = model.outputs();
  Frame frame;
  for (const auto& g : groups) frame.emplace_back(g.series.size() * g.width(), 0.0);
  RunResult result;
  const auto started = std::chrono::steady_clock::now();
  sink.begin(info, groups);
  const auto snapshot = [&](std::uint32_t row) {
    if (std::find(info.panel_rows.begin(), info.panel_rows.end(), row) != info.panel_rows.end()) {
      sink.write_panel(row, model.firm_attributes(), model.firm_state());
    }
  };
  try {
    model.observe(frame);
    sink.write(0, frame);
    snapshot(0);
    for (std::uint32_t t = 0; t < info.steps; ++t) {
      if (stop && stop->load(std::memory_order_relaxed)) break;
      model.step(t);
      model.observe(frame);
      sink.write(t + 1, frame);
      snapshot(t + 1);
      result.steps_done = t + 1;
      if (progress) progress(t + 1, info.steps);
    }
  } catch (...) {
    sink.end(false, {});
    throw;
  }
  result.complete = result.steps_done == info.steps;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sink.end(result.complete, model.summary());
  return result;
}

}  // namespace aiplus::core
