#include "agents/network.hpp"

#include "agents/purposes.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

namespace aiplus::agents {

core::Graph random_partners(std::uint32_t firms, std::uint32_t mean_partners,
                            const core::RandomStreams& streams) {
  if (firms < 2) return core::Graph::symmetric(firms, [](std::uint32_t, auto&&) {});
  return core::Graph::symmetric(firms, [&](std::uint32_t i, auto&& link) {
    auto stream = streams.stream(i, 0, kPurposeNetwork);
    std::uint32_t proposals = mean_partners / 2;
    if (mean_partners % 2 == 1 && boost::random::bernoulli_distribution<>(0.5)(stream)) ++proposals;
    boost::random::uniform_int_distribution<std::uint32_t> other(0, firms - 2);
    for (std::uint32_t k = 0; k < proposals; ++k) {
      const std::uint32_t j = other(stream);
      link(j >= i ? j + 1 : j);  // skips i itself
    }
  });
}

}  // namespace aiplus::agents
