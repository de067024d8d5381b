// What the readers of experiment files share beyond core/config/toml_input.hpp: the check on
// the number of runs and the [sample] reader. Internal to core/experiment*.cpp.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <utility>
#include <vector>

#include "core/config/toml_input.hpp"
#include "core/study/sweep/experiment.hpp"

namespace aiplus::core::detail {

/// What multiplies the number of runs, and where each factor was written.
using RunFactors = std::vector<std::pair<std::size_t, SourcePos>>;
/// Refuses an experiment of more than kMaxRuns runs before anything is allocated for
/// them, naming the largest factor.
void check_run_count(const RunFactors& factors);

/// Reads a [sample] table and draws its points; `schema` resolves "plausible" ranges.
[[nodiscard]] Sample parse_sample(const toml::table& table, const std::string& path,
                                  RunFactors& factors, const Schema* schema);

}  // namespace aiplus::core::detail
