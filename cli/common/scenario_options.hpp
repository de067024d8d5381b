// Turns command-line scenario options into a validated config.
#pragma once

#include "cli/common/commands.hpp"
#include "core/config/config.hpp"

namespace aiplus::cli {

/// Loads the config file (or defaults), applies --set overrides, then --seed,
/// --firms and --steps, and runs the model's consistency checks. Throws
/// core::ConfigError with located diagnostics.
[[nodiscard]] core::Config resolve(const ScenarioOptions& options);

/// Throws ConfigError when a run of this config cannot fit in the memory available now.
void refuse_if_too_big(const core::Config& config);

/// Memory the machine can give now, in bytes (0 when unknown).
[[nodiscard]] double available_bytes();

/// Prints a ConfigError's diagnostics to stderr; returns kBadInput.
int report(const core::ConfigError& error);

}  // namespace aiplus::cli
