// Partner networks. Links are mutual (a supplier is its customer's partner too),
// so every network is a symmetric core::Graph.
#pragma once

#include "core/graph.hpp"
#include "core/rng.hpp"

#include <cstdint>

namespace aiplus::agents {

/// Each firm proposes about mean_partners / 2 links to uniformly chosen other
/// firms (an odd mean adds one more link with probability 1/2), so the mean
/// number of partners is mean_partners and no firm has fewer than mean_partners / 2.
[[nodiscard]] core::Graph random_partners(std::uint32_t firms, std::uint32_t mean_partners,
                                          const core::RandomStreams& streams);

}  // namespace aiplus::agents
