#include "cli/scenario_options.hpp"

#include "agents/scenario.hpp"

#include <iostream>

namespace aiplus::cli {

core::Config resolve(const ScenarioOptions& options) {
  const auto& schema = agents::schema();
  core::Config config = options.config_path.empty() ? core::Config(schema)
                                                    : core::Config::load(schema, options.config_path);
  for (const auto& assignment : options.overrides) config.set(assignment);
  const auto flag = [&](const char* name, const char* key, const std::optional<std::int64_t>& value) {
    if (value) config.set(key, *value, {name, 1, 1});
  };
  flag("--seed", "simulation.seed", options.seed);
  flag("--firms", "simulation.firms", options.firms);
  flag("--steps", "simulation.steps", options.steps);
  agents::check(config);
  return config;
}

int report(const core::ConfigError& error) {
  for (const auto& d : error.diagnostics()) std::cerr << d.str() << "\n";
  return kBadInput;
}

}  // namespace aiplus::cli
