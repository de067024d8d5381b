// A scenario: the full schema of config keys, and the model a validated config
// describes. The command line and the tests go through here, never around it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/config.hpp"
#include "core/simulation.hpp"

namespace aiplus::agents {

/// Every config key of every model, with units, ranges, defaults and meanings.
[[nodiscard]] const core::Schema& schema();

/// Builds the model a config describes; throws core::ConfigError for inconsistent values.
[[nodiscard]] std::unique_ptr<core::Model> make_model(const core::Config& config);

/// The groups of series the model of a config reports, without building it.
[[nodiscard]] std::vector<core::GroupInfo> outputs(const core::Config& config);

/// Rows (months after 2025-01) of the firm-level snapshots the config asks for;
/// throws core::ConfigError for months outside the run.
[[nodiscard]] std::vector<std::uint32_t> panel_rows(const core::Config& config);

/// Peak memory a run of this config needs, in bytes (a slight over-estimate).
[[nodiscard]] double estimated_bytes(const core::Config& config);

/// Checks a config as make_model would, without building anything.
void check(const core::Config& config);

}  // namespace aiplus::agents
