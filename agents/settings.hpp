// What every model's config holds besides its own keys: which model runs, how
// many agents, for how many months from which month, the seed, and what is
// written besides the series.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/bindings.hpp"
#include "core/engine/calendar.hpp"

namespace aiplus::agents {

/// The keys of the "simulation" and "output" sections.
struct RunSettings {
  std::string model;
  std::uint32_t firms = 0;  ///< agents
  std::uint32_t steps = 0;  ///< months after the start month
  std::uint64_t seed = 0;
  core::Month start;                ///< the month of row 0
  std::vector<core::Month> panels;  ///< months at whose start firm-level snapshots are written

  [[nodiscard]] core::Calendar calendar() const { return core::Calendar(start.index); }
};

/// Keys other code names: the model a config runs, agents, months, seed, start, panels.
inline constexpr const char* kModelKey = "simulation.model";
inline constexpr const char* kFirmsKey = "simulation.firms";
inline constexpr const char* kStepsKey = "simulation.steps";
inline constexpr const char* kSeedKey = "simulation.seed";
inline constexpr const char* kStartKey = "simulation.start";
inline constexpr const char* kPanelsKey = "output.panels";

/// The rows of the simulation and output keys; `models` lists the model names.
[[nodiscard]] core::Bindings<RunSettings> settings_bindings(const std::vector<std::string>& models);

/// The settings of a validated config.
[[nodiscard]] RunSettings settings(const core::Config& config);

/// Rows of the firm-level snapshots the settings ask for; throws core::ConfigError
/// for months outside the run.
[[nodiscard]] std::vector<std::uint32_t> panel_rows(const core::Config& config);

}  // namespace aiplus::agents
