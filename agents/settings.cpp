#include "agents/settings.hpp"

#include <limits>

#include "agents/scenario.hpp"

namespace aiplus::agents {

core::Bindings<RunSettings> settings_bindings(const std::vector<std::string>& models) {
  core::Bindings<RunSettings> b;
  b.section("simulation: what is run");
  std::string list;
  for (const auto& m : models) list += (list.empty() ? "\"" : "\", \"") + m;
  b.choice(
      kModelKey, models.front(), models,
      "which model runs: " + list + "\" (`aiplus params --model NAME` lists its keys)",
      [](RunSettings & s) -> auto& { return s.model; });
  b.integer(
      kFirmsKey, 1'000'000, "agents", {1, std::numeric_limits<std::uint32_t>::max()},
      "number of simulated firms (agents)", [](RunSettings & s) -> auto& { return s.firms; });
  b.integer(
      kStepsKey, 132, "months", {0, core::Calendar::kMaxSteps},
      "number of monthly steps after the start month (132 from 2025-01 reaches 2035-12)",
      [](RunSettings & s) -> auto& { return s.steps; });
  b.integer(
      kSeedKey, 1, "-", {0, 9.2e18},
      "random seed: the same seed and config give bit-identical output",
      [](RunSettings & s) -> auto& { return s.seed; });
  b.month(
      kStartKey, "2025-01",
      "the month of the first row (the initial state); schedules, panels and milestones are "
      "dated in calendar months",
      [](RunSettings & s) -> auto& { return s.start; });
  b.section("output: what is written besides the series");
  b.months(
      kPanelsKey, {},
      "months at whose start firm-level snapshots (stage, d, h, c, e, productivity and the "
      "static attributes) are written to /panel, e.g. [\"2027-12\", \"2030-12\"]",
      [](RunSettings & s) -> auto& { return s.panels; });
  return b;
}

RunSettings settings(const core::Config& config) {
  static const auto bindings = settings_bindings(model_names());
  return bindings.read(config);
}

std::vector<std::uint32_t> panel_rows(const core::Config& config) {
  const RunSettings s = settings(config);
  const core::Calendar calendar = s.calendar();
  std::vector<std::uint32_t> rows;
  for (const auto& month : s.panels) {
    const auto row = calendar.row(month.index);
    if (row < 0 || row > s.steps) {
      throw core::ConfigError(config.where(kPanelsKey),
                              std::string(kPanelsKey) + ": " + core::month_text(month.index) +
                                  " is outside the run; expected months from " + calendar.label(0) +
                                  " to " + calendar.label(s.steps));
    }
    rows.push_back(static_cast<std::uint32_t>(row));
  }
  return rows;
}

}  // namespace aiplus::agents
