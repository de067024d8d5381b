#include "agents/network.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "agents/purposes.hpp"

namespace aiplus::agents {
namespace {

// Proposals per firm: mean / 2, plus one with probability 1/2 when mean is odd.
template <class Stream>
std::uint32_t proposals(std::uint32_t mean_partners, Stream& stream) {
  std::uint32_t k = mean_partners / 2;
  if (mean_partners % 2 == 1 && boost::random::bernoulli_distribution<>(0.5)(stream)) ++k;
  return k;
}

}  // namespace

const core::Bindings<Mixing>& mixing_bindings() {
  static const core::Bindings<Mixing> b = [] {
    core::Bindings<Mixing> rows;
    rows.section("network: who learns from whom");
    rows.choice(
        "network.mixing", "partners", {"partners", "complete"},
        "\"partners\": x is the adopted share of a firm's partners; \"complete\": x is the "
        "adopted share of all firms (the classic Bass model)",
        [](Mixing & m) -> auto& { return m.kind; });
    rows.integer(
        "network.partners", 8, "partners per firm", {1, 1000},
        "mean number of partners per firm in the partner network",
        [](Mixing & m) -> auto& { return m.partners; });
    return rows;
  }();
  return b;
}

core::Graph clustered_partners(const Clusters& clusters, const NetworkParams& params,
                               std::uint32_t firms, const core::RandomStreams& streams) {
  constexpr auto kMarked = core::Graph::Ends::MarkProposer;
  if (firms < 2)
    return core::Graph::symmetric(
        firms, [](std::uint32_t, auto&&) {}, kMarked);
  // Partners are drawn among real firms: an agent in proportion to the firms it stands
  // for, so a firm's partners are as mixed as a real firm's whatever the sampling.
  return core::Graph::symmetric(
      firms,
      [&](std::uint32_t i, auto&& link) {
        auto stream = streams.stream(i, 0, kPurposeNetwork);
        boost::random::uniform_01<double> u;
        const std::size_t cluster = clusters.of(i);
        const std::size_t region_first = cluster / kSectors * kSectors;
        const std::uint32_t count = proposals(params.mixing.partners, stream);
        for (std::uint32_t k = 0; k < count; ++k) {
          std::uint32_t begin = 0, end = firms;
          if (u(stream) < params.local_share) {
            const bool same_sector = u(stream) < params.same_sector_share;
            begin = clusters.begin[same_sector ? cluster : region_first];
            end = clusters.begin[same_sector ? cluster + 1 : region_first + kSectors];
          }
          std::uint32_t j = clusters.draw(begin, end, u(stream));
          if (j == end) continue;  // the range stands for no firm
          if (u(stream) < params.hub_share) {
            const std::size_t c = clusters.of(j);
            const std::uint32_t hub =
                clusters.draw(clusters.begin[c], clusters.hub_end[c], u(stream));
            if (hub != clusters.hub_end[c]) j = hub;
          }
          if (j != i) link(j);  // a link to oneself is dropped
        }
      },
      kMarked);
}

core::Graph random_partners(std::uint32_t firms, std::uint32_t mean_partners,
                            const core::RandomStreams& streams) {
  if (firms < 2) return core::Graph::symmetric(firms, [](std::uint32_t, auto&&) {});
  return core::Graph::symmetric(firms, [&](std::uint32_t i, auto&& link) {
    auto stream = streams.stream(i, 0, kPurposeNetwork);
    const std::uint32_t count = proposals(mean_partners, stream);
    boost::random::uniform_int_distribution<std::uint32_t> other(0, firms - 2);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t j = other(stream);
      link(j >= i ? j + 1 : j);  // skips i itself
    }
  });
}

}  // namespace aiplus::agents
