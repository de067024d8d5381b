// What the readers of experiment files share: positions and value text of TOML
// nodes, and the check on the number of runs. Internal to core/experiment*.cpp.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <utility>
#include <vector>

#include "core/experiment.hpp"

namespace aiplus::core::detail {

/// Where a node was written.
[[nodiscard]] SourcePos at(const std::string& source, const toml::node& node);
/// A TOML value written back as text, for Config::set_from_toml (strings quoted).
[[nodiscard]] std::string text_of(const toml::node& node);

/// What multiplies the number of runs, and where each factor was written.
using RunFactors = std::vector<std::pair<std::size_t, SourcePos>>;
/// Refuses an experiment of more than kMaxRuns runs before anything is allocated for
/// them, naming the largest factor.
void check_run_count(const RunFactors& factors);

/// Reads a [sample] table and draws its points; `schema` resolves "plausible" ranges.
[[nodiscard]] Sample parse_sample(const toml::table& table, const std::string& path,
                                  RunFactors& factors, const Schema* schema);

}  // namespace aiplus::core::detail
