// Runs a shipped scenario in memory, for the agents' tests.
#pragma once

#include <initializer_list>
#include <string>

#include "agents/scenario.hpp"
#include "agents/settings.hpp"
#include "core/engine/simulation.hpp"

namespace aiplus::testing {

/// Runs a config for its simulation.steps; returns everything it reported.
inline core::MemorySink run_config(const core::Config& config) {
  auto model = agents::make_model(config);
  core::MemorySink sink;
  core::RunInfo info;
  info.steps = static_cast<std::uint32_t>(agents::settings(config).steps);
  (void)core::simulate(*model, sink, info);
  return sink;
}

/// Runs configs/<scenario> with `overrides` ("key=value", applied in order; empty ones
/// skipped).
inline core::MemorySink run_scenario(const std::string& scenario,
                                     std::initializer_list<std::string> overrides) {
  auto config = core::Config::load(agents::schema(), AIPLUS_SOURCE_DIR "/configs/" + scenario);
  for (const auto& o : overrides)
    if (!o.empty()) config.set(o);
  return run_config(config);
}

}  // namespace aiplus::testing
