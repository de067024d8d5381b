#include "agents/scenario.hpp"

#include "agents/bass.hpp"

#include <cstdint>
#include <limits>

namespace aiplus::agents {
namespace {

core::Schema build_schema() {
  using core::Kind;
  core::Schema s;
  const std::string section = "simulation: what is run";
  s.add({"simulation.model", Kind::Choice, std::string("bass"), "-",
         "which model runs: \"bass\" (Bass diffusion on a partner network)", section, 0, 0,
         {"bass"}});
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
  return s;
}

}  // namespace

const core::Schema& schema() {
  static const core::Schema instance = build_schema();
  return instance;
}

std::unique_ptr<core::Model> make_model(const core::Config& config) {
  return std::make_unique<BassModel>(bass_params(config));
}

void check(const core::Config& config) { (void)bass_params(config); }

}  // namespace aiplus::agents
