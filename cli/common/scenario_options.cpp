#include "cli/common/scenario_options.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "agents/scenario.hpp"

namespace aiplus::cli {

double available_bytes() {  // from /proc/meminfo, within this process's address space limit
  double limit = 0;
  if (rlimit space{}; ::getrlimit(RLIMIT_AS, &space) == 0 && space.rlim_cur != RLIM_INFINITY)
    limit = static_cast<double>(space.rlim_cur);
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  double kib = 0;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return limit > 0 ? std::min(limit, kib * 1024) : kib * 1024;
  }
  return limit;
}

// A run that cannot fit in memory is refused up front, not killed halfway.
void refuse_if_too_big(const core::Config& config) {
  const double need = agents::estimated_bytes(config), have = available_bytes();
  if (have <= 0 || need <= 0.9 * have) return;
  const double firms = agents::settings(config).firms;
  char message[256];
  std::snprintf(message, sizeof message,
                "simulation.firms = %.0f needs about %.1f GB of memory, more than the %.1f GB "
                "available; expected at most about %.0f firms",
                firms, need / 1e9, have / 1e9, 0.9 * have / (need / firms));
  throw core::ConfigError(config.where(agents::kFirmsKey), message);
}

core::Config resolve(const ScenarioOptions& options) {
  const auto& schema = agents::schema();
  core::Config config = options.config_path.empty()
                            ? core::Config(schema)
                            : core::Config::load(schema, options.config_path);
  for (const auto& assignment : options.overrides) config.set(assignment);
  const auto flag = [&](const char* name, const char* key,
                        const std::optional<std::int64_t>& value) {
    if (value) config.set(key, *value, {name, 1, 1});
  };
  flag("--seed", agents::kSeedKey, options.seed);
  flag("--firms", agents::kFirmsKey, options.firms);
  flag("--steps", agents::kStepsKey, options.steps);
  agents::check(config);
  refuse_if_too_big(config);
  return config;
}

int report(const core::ConfigError& error) {
  std::cerr << error.what() << "\n";  // the first problems, then how many more
  return kBadInput;
}

}  // namespace aiplus::cli
