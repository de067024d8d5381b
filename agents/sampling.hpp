// The stratified sample (docs/MODEL.md section 7.2): the population is cut into
// strata, one per output segment (sector x ownership x size class); each stratum
// gets a number of agents, more where output is, and each agent stands for the
// real firms of its stratum divided by the stratum's agents (its design weight).
// Agents equal to enterprises gives every stratum all its firms: every weight 1.
#pragma once

#include <array>
#include <cstdint>

#include "agents/firm_params.hpp"
#include "agents/taxonomy.hpp"

namespace aiplus::agents {

/// Real firms and their expected baseline output, per stratum.
struct Strata {
  std::array<double, kSegments> firms{};   ///< whole numbers summing to the enterprises
  std::array<double, kSegments> output{};  ///< kCNY per month
};

/// The strata of a population: firms = enterprises x P(size) P(sector) P(ownership |
/// size), rounded to whole firms by largest remainder; output = firms x mean
/// employees of the size band x output per worker of the sector.
[[nodiscard]] Strata strata(const PopulationParams& params);

/// Mean of a Pareto law with the given index truncated to [lower, upper).
[[nodiscard]] double truncated_pareto_mean(double lower, double upper, double index);

/// Agents per stratum: `agents` shared out in proportion to
/// (1 - output_share) x firm share + output_share x output share, at least
/// `min_agents` in every non-empty stratum (fewer when there are too few agents) and
/// never more than its firms; whole numbers by largest remainder, summing to agents.
[[nodiscard]] std::array<std::uint32_t, kSegments> allocate(const Strata& strata,
                                                            std::uint32_t agents,
                                                            double output_share,
                                                            std::uint32_t min_agents);

/// Design weights: real firms per agent in each stratum (0 where it has no agent).
[[nodiscard]] std::array<double, kSegments> design_weights(
    const Strata& strata, const std::array<std::uint32_t, kSegments>& agents);

}  // namespace aiplus::agents
