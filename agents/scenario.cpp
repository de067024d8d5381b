#include "agents/scenario.hpp"

#include <cstdint>
#include <limits>

#include "agents/bass.hpp"
#include "agents/calendar.hpp"
#include "agents/firm_model.hpp"
#include "agents/firm_params.hpp"
#include "agents/levers.hpp"
#include "agents/metrics.hpp"

namespace aiplus::agents {
namespace {

core::Schema build_schema() {
  using core::Kind;
  core::Schema s;
  const std::string section = "simulation: what is run";
  s.add(
      {"simulation.model",
       Kind::Choice,
       std::string("firms"),
       "-",
       "which model runs: \"firms\" (heterogeneous firms under the directive's levers) or \"bass\" "
       "(Bass diffusion on a partner network, the validation case)",
       section,
       0,
       0,
       {"firms", "bass"}});
  s.add({"simulation.firms", Kind::Integer, std::int64_t{1'000'000}, "agents",
         "number of simulated firms (agents)", section, 1,
         static_cast<double>(std::numeric_limits<std::uint32_t>::max())});
  s.add({"simulation.steps", Kind::Integer, std::int64_t{132}, "months",
         "number of monthly steps after the start month 2025-01 (132 reaches 2035-12)", section, 0,
         1200});
  s.add({"simulation.seed", Kind::Integer, std::int64_t{1}, "-",
         "random seed: the same seed and config give bit-identical output", section, 0, 9.2e18});
  s.add({"output.panels", Kind::MonthList, std::vector<std::string>{}, "months",
         "months at whose start firm-level snapshots (stage, d, h, c, e, productivity and the "
         "static attributes) "
         "are written to /panel, e.g. [\"2027-12\", \"2030-12\"]",
         "output: what is written besides the series"});
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
  if (config.text("simulation.model") == "bass")
    return std::make_unique<BassModel>(bass_params(config));
  return std::make_unique<FirmModel>(read_firm_params(config), read_levers(config));
}

std::vector<core::GroupInfo> outputs(const core::Config& config) {
  return config.text("simulation.model") == "bass" ? bass_outputs() : firm_outputs();
}

std::vector<std::uint32_t> panel_rows(const core::Config& config) {
  std::vector<std::uint32_t> rows;
  const auto steps = config.integer("simulation.steps");
  for (const auto& text : config.words("output.panels")) {
    core::MonthIndex month = 0;
    (void)core::parse_month(text, month);
    const auto row = month - (kStartYear * 12 + kStartMonth - 1);
    if (row < 0 || row > steps) {
      throw core::ConfigError(config.where("output.panels"),
                              "output.panels: " + text +
                                  " is outside the run; expected months from " + month_label(0) +
                                  " to " + month_label(steps));
    }
    rows.push_back(static_cast<std::uint32_t>(row));
  }
  return rows;
}

double estimated_bytes(const core::Config& config) {
  const double firms = static_cast<double>(config.integer("simulation.firms"));
  const double link_ends =
      config.text("network.mixing") == "complete" ? 0.0 : 4.0 * config.integer("network.partners");
  // Bass: two stage bytes, a 16-bit count, CSR offsets. Firms: about 50 bytes of
  // columns, offsets, and 24 bytes per firm of synthesis scratch at the peak.
  const double per_firm =
      config.text("simulation.model") == "bass" ? 12 + link_ends : 90 + link_ends;
  return firms * per_firm + 64.0 * (1 << 20);
}

// Every dated point of every schedule lies in the model's calendar.
void check_schedule_dates(const core::Config& config) {
  const core::MonthIndex first = kStartYear * 12 + kStartMonth - 1, last = first + 1199;
  for (const auto& spec : config.schema().all()) {
    if (spec.kind != core::Kind::Schedule) continue;
    const auto& schedule = config.schedule(spec.key);
    if (schedule.is_constant()) continue;
    for (const auto& [month, value] : schedule.points) {
      if (month < first || month > last) {
        throw core::ConfigError(config.where(spec.key),
                                spec.key + ": " + core::month_text(month) +
                                    " is outside the model's calendar; expected months from " +
                                    core::month_text(first) + " to " + core::month_text(last));
      }
    }
  }
}

void check(const core::Config& config) {
  (void)panel_rows(config);
  check_schedule_dates(config);
  if (config.text("simulation.model") == "bass") {
    (void)bass_params(config);
    return;
  }
  const auto params = read_firm_params(config);
  const auto& b = params.behaviour;
  if (b.integrate_threshold < b.deploy_threshold) {
    throw core::ConfigError(
        config.where("digitization.integrate_threshold"),
        "digitization.integrate_threshold is below digitization.deploy_threshold; expected "
        "integration to need at least the digitization deployment needs");
  }
}

}  // namespace aiplus::agents
