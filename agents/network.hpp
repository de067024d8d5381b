// Partner networks. Links are mutual (a supplier is its customer's partner too),
// so every network is a symmetric core::Graph.
#pragma once

#include <cstdint>

#include "agents/firms.hpp"
#include "core/config/bindings.hpp"
#include "core/engine/graph.hpp"
#include "core/engine/rng.hpp"

namespace aiplus::agents {

/// How firms meet: through a partner network, or every firm with every other
/// (complete mixing, the classic Bass model). Shared by every model.
struct Mixing {
  enum Kind : std::uint8_t { Partners, Complete } kind = Partners;
  std::uint32_t partners = 0;  ///< mean partners per firm in the network
  [[nodiscard]] bool complete() const noexcept { return kind == Complete; }
};
/// The keys network.mixing and network.partners.
[[nodiscard]] const core::Bindings<Mixing>& mixing_bindings();

/// Shape of the firm model's clustered network.
struct NetworkParams {
  Mixing mixing;
  double local_share = 0;        ///< links within the firm's region
  double same_sector_share = 0;  ///< of local links, those within its sector
  double hub_share = 0;          ///< links redirected to the SOEs and large firms of a cluster
};

/// Each firm proposes about mean_partners / 2 links to uniformly chosen other
/// firms (an odd mean adds one more link with probability 1/2), so the mean
/// number of partners is mean_partners and no firm has fewer than mean_partners / 2.
[[nodiscard]] core::Graph random_partners(std::uint32_t firms, std::uint32_t mean_partners,
                                          const core::RandomStreams& streams);

/// The firm network (docs/MODEL.md section 7.3): each firm proposes about partners / 2
/// links; a link stays in the firm's region with probability local_share, and
/// then in its sector with probability same_sector_share; with probability
/// hub_share it goes to one of the SOEs and large firms of the chosen firm's
/// cluster instead, so that those become hubs.
[[nodiscard]] core::Graph clustered_partners(const Clusters& clusters, const NetworkParams& params,
                                             std::uint32_t firms,
                                             const core::RandomStreams& streams);

}  // namespace aiplus::agents
