#include "agents/scenario.hpp"

#include "agents/bass.hpp"
#include "agents/firm_model.hpp"
#include "agents/firm_params.hpp"
#include "agents/levers.hpp"

#include <cstdint>
#include <limits>

namespace aiplus::agents {
namespace {

core::Schema build_schema() {
  using core::Kind;
  core::Schema s;
  const std::string section = "simulation: what is run";
  s.add({"simulation.model", Kind::Choice, std::string("firms"), "-",
         "which model runs: \"firms\" (heterogeneous firms under the directive's levers) or \"bass\" "
         "(Bass diffusion on a partner network, the validation case)",
         section, 0, 0, {"firms", "bass"}});
  s.add({"simulation.firms", Kind::Integer, std::int64_t{1'000'000}, "agents",
         "number of simulated firms (agents)", section, 1,
         static_cast<double>(std::numeric_limits<std::uint32_t>::max())});
  s.add({"simulation.steps", Kind::Integer, std::int64_t{132}, "months",
         "number of monthly steps after the start month 2025-01 (132 reaches 2035-12)", section, 0,
         1200});
  s.add({"simulation.seed", Kind::Integer, std::int64_t{1}, "-",
         "random seed: the same seed and config give bit-identical output", section, 0,
         9.2e18});
  add_bass_params(s);
  add_firm_params(s);
  add_lever_params(s);
  return s;
}

}  // namespace

const core::Schema& schema() {
  static const core::Schema instance = build_schema();
  return instance;
}

std::unique_ptr<core::Model> make_model(const core::Config& config) {
  check(config);
  if (config.text("simulation.model") == "bass") return std::make_unique<BassModel>(bass_params(config));
  return std::make_unique<FirmModel>(read_firm_params(config), read_levers(config));
}

void check(const core::Config& config) {
  if (config.text("simulation.model") == "bass") {
    (void)bass_params(config);
    return;
  }
  const auto params = read_firm_params(config);
  const auto& b = params.behaviour;
  if (b.integrate_threshold < b.deploy_threshold) {
    throw core::ConfigError(config.where("digitization.integrate_threshold"),
                            "digitization.integrate_threshold is below digitization.deploy_threshold; expected "
                            "integration to need at least the digitization deployment needs");
  }
}

}  // namespace aiplus::agents
