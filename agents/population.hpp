// Population synthesis (docs/MODEL.md section 7.2): firms drawn from the segment table
// of the config, with heavy-tailed employees, initial digitization by ownership
// and size, and initial AI adoption; then sorted into clusters.
#pragma once

#include "agents/firm_params.hpp"
#include "agents/firms.hpp"
#include "core/rng.hpp"

namespace aiplus::agents {

/// Band of employees of each size class: [lower, upper).
[[nodiscard]] std::array<double, kSizes + 1> size_bands(const PopulationParams& params);

/// Employees from a Pareto law with the given index, truncated to [lower, upper), at quantile u.
[[nodiscard]] double truncated_pareto(double lower, double upper, double index, double u);

/// Draws the population into firms (sorted by region, sector, hub rank) and
/// returns where each cluster lies.
[[nodiscard]] Clusters synthesise(const FirmParams& params, const core::RandomStreams& streams,
                                  Firms& firms);

}  // namespace aiplus::agents
