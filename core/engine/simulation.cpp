#include "core/engine/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

namespace aiplus::core {
namespace {

// Names a non-finite value: group/series, its labels along the group's dimensions, and the step.
void check_finite(const std::vector<GroupInfo>& groups, const Frame& frame, std::uint32_t step) {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::size_t width = groups[g].width();
    for (std::size_t at = 0; at < frame[g].size(); ++at) {
      if (std::isfinite(frame[g][at])) continue;
      if (std::isnan(frame[g][at]) && groups[g].series[at / width].missing) continue;
      std::string where = groups[g].name + "/" + groups[g].series[at / width].name;
      std::size_t k = at % width, stride = width;
      for (const auto& d : groups[g].dimensions) {
        stride /= d.labels.size();
        where += " " + d.name + "=" + d.labels[k / stride];
        k %= stride;
      }
      throw std::runtime_error(where + " is " + std::to_string(frame[g][at]) + " at step " +
                               std::to_string(step) +
                               "; every output must be a finite number (NaN only where a "
                               "series is declared to be missing when undefined)");
    }
  }
}

}  // namespace

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
    check_finite(groups, frame, 0);
    sink.write(0, frame);
    snapshot(0);
    for (std::uint32_t t = 0; t < info.steps; ++t) {
      if (stop && stop->load(std::memory_order_relaxed)) break;
      model.step(t);
      model.observe(frame);
      check_finite(groups, frame, t + 1);
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
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sink.end(result.complete, model.summary());
  return result;
}

}  // namespace aiplus::core
