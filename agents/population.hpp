// Population synthesis (docs/MODEL.md section 7.2): a stratified sample of the
// population the config describes (sampling.cpp shares the agents out), with
// heavy-tailed employees, initial digitization by ownership and size, and initial
// AI adoption; then sorted into clusters.
#pragma once

#include "agents/firm_params.hpp"
#include "agents/firms.hpp"
#include "core/engine/rng.hpp"

namespace aiplus::agents {

/// Band of employees of each size class: [lower, upper).
[[nodiscard]] std::array<double, kSizes + 1> size_bands(const PopulationParams& params);

/// Employees from a Pareto law with the given index, truncated to [lower, upper), at quantile u.
[[nodiscard]] double truncated_pareto(double lower, double upper, double index, double u);

/// What synthesis leaves besides the firms: where each cluster lies, and the
/// design weight (real firms per agent) of each segment.
struct Synthesis {
  Clusters clusters;
  std::array<double, kSegments> weight{};
};

/// Draws the stratified sample into firms (sorted by region, sector, hub rank).
[[nodiscard]] Synthesis synthesise(const FirmParams& params, const core::RandomStreams& streams,
                                   Firms& firms);

}  // namespace aiplus::agents
