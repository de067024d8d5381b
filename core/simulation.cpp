#include "core/simulation.hpp"

#include <chrono>

namespace aiplus::core {

RunResult simulate(Model& model, Sink& sink, const RunInfo& info, const std::atomic<bool>* stop,
                   const Progress& progress) {
  const auto series = model.series();
  std::vector<double> row(series.size());
  RunResult result;
  const auto started = std::chrono::steady_clock::now();
  sink.begin(info, series);
  try {
    model.observe(row);
    sink.write(0, row);
    for (std::uint32_t t = 0; t < info.steps; ++t) {
      if (stop && stop->load(std::memory_order_relaxed)) break;
      model.step(t);
      model.observe(row);
      sink.write(t + 1, row);
      result.steps_done = t + 1;
      if (progress) progress(t + 1, info.steps);
    }
  } catch (...) {
    sink.end(false);
    throw;
  }
  result.complete = result.steps_done == info.steps;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sink.end(result.complete);
  return result;
}

}  // namespace aiplus::core
