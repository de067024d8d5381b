// Inside the calibrate command: reading a calibration's targets and keeping the
// populations asked for.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "cli/calibrate/calibration_file.hpp"

namespace aiplus::cli {

/// A non-empty quoted string, or a ConfigError "NAME: expected WHAT, as a quoted string".
[[nodiscard]] std::string required_text(const toml::node& node, const std::string& source,
                                        const std::string& name, const std::string& what);

/// Reads c.targets_path into c.targets, each placed on the outputs of its population.
void read_targets(Calibration& c, const std::vector<std::vector<core::GroupInfo>>& outputs);

/// Keeps the populations named in `only` (every one when empty) and their targets; the
/// others' targets were read and checked all the same, so a typo still fails.
void keep_only(Calibration& c, std::vector<core::SourcePos>& population_where,
               const std::vector<std::string>& only, const core::SourcePos& populations_at);

}  // namespace aiplus::cli
