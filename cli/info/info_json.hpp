// The keys and the outputs as JSON: what `aiplus params --json` and `aiplus outputs
// --json` print, and what the Python module turns into tables.
#pragma once

#include <string>

#include "core/config/config.hpp"

namespace aiplus::cli {

/// Every config key (only `model`'s when it is not empty): key, kind, default, unit,
/// valid and plausible ranges with their source, choices, models, section, meaning.
[[nodiscard]] std::string params_json(const std::string& model);

/// Every dataset a run of `config` writes: path, dimensions, units, long name, definition.
[[nodiscard]] std::string outputs_json(const core::Config& config);

}  // namespace aiplus::cli
