#include "cli/run/run_info.hpp"

#include "agents/scenario.hpp"
#include "cli/version.hpp"

namespace aiplus::cli {

core::RunInfo describe_run(const core::Config& config, const core::Model& model, int threads) {
  const auto settings = agents::settings(config);
  const auto calendar = settings.calendar();
  core::RunInfo info;
  info.seed = settings.seed;
  info.config_toml = config.to_toml();
  info.version = version_string();
  info.start_date = calendar.label(0);
  info.time_units = calendar.time_units();
  info.steps = settings.steps;
  info.time = calendar.time_coordinate(info.steps);
  info.panel_rows = agents::panel_rows(config);
  info.agents = model.agents();
  info.firm_order = model.firm_order();
  info.threads = threads;
  return info;
}

}  // namespace aiplus::cli
