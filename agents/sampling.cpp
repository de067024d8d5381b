#include "agents/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "agents/population.hpp"

namespace aiplus::agents {
namespace {

// Whole numbers near `target` that add up to `total`: each target's floor, then one
// more for the largest remainders until the total is reached.
std::array<std::uint32_t, kSegments> largest_remainder(const std::array<double, kSegments>& target,
                                                       std::uint64_t total) {
  std::array<std::uint32_t, kSegments> whole{};
  std::array<std::size_t, kSegments> order{};
  std::uint64_t given = 0;
  for (std::size_t h = 0; h < kSegments; ++h) {
    whole[h] = static_cast<std::uint32_t>(std::floor(target[h]));
    given += whole[h];
  }
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return target[a] - std::floor(target[a]) > target[b] - std::floor(target[b]);
  });
  for (std::size_t k = 0; given < total && k < kSegments; ++k, ++given) ++whole[order[k]];
  return whole;
}

}  // namespace

double truncated_pareto_mean(double lower, double upper, double index) {
  const double tail = 1.0 - std::pow(lower / upper, index);
  if (std::abs(index - 1.0) < 1e-9) return lower * std::log(upper / lower) / tail;
  return index * std::pow(lower, index) *
         (std::pow(upper, 1.0 - index) - std::pow(lower, 1.0 - index)) / ((1.0 - index) * tail);
}

Strata strata(const PopulationParams& p) {
  Strata s;
  std::array<double, kSegments> real{};
  for (std::uint8_t sector = 0; sector < kSectors; ++sector)
    for (std::uint8_t owner = 0; owner < kOwnerships; ++owner)
      for (std::uint8_t size = 0; size < kSizes; ++size)
        real[segment_of(sector, owner, size)] = p.enterprises * p.size_shares[size] *
                                                p.sector_shares[sector] *
                                                p.ownership_by_size[size][owner];
  const auto firms =
      largest_remainder(real, static_cast<std::uint64_t>(std::llround(p.enterprises)));
  const auto bands = size_bands(p);
  for (std::size_t h = 0; h < kSegments; ++h) {
    const std::size_t size = h % kSizes, sector = h / (kOwnerships * kSizes);
    s.firms[h] = firms[h];
    s.output[h] = firms[h] * truncated_pareto_mean(bands[size], bands[size + 1], p.employee_tail) *
                  p.output_per_worker[sector];
  }
  return s;
}

std::array<std::uint32_t, kSegments> allocate(const Strata& strata, std::uint32_t agents,
                                              double output_share, std::uint32_t min_agents) {
  const double firms = std::accumulate(strata.firms.begin(), strata.firms.end(), 0.0);
  const double output = std::accumulate(strata.output.begin(), strata.output.end(), 0.0);
  if (agents >= firms) {  // one agent per firm: every weight 1
    std::array<std::uint32_t, kSegments> all{};
    for (std::size_t h = 0; h < kSegments; ++h)
      all[h] = static_cast<std::uint32_t>(strata.firms[h]);
    return all;
  }
  std::size_t filled = 0;
  for (double f : strata.firms) filled += f > 0;
  // The floor shrinks when the agents could not give every stratum it twice over.
  const double floor =
      std::min<double>(min_agents, std::floor(agents / (2.0 * std::max<std::size_t>(1, filled))));
  std::array<double, kSegments> want{}, target{};
  for (std::size_t h = 0; h < kSegments; ++h) {
    if (strata.firms[h] <= 0) continue;
    want[h] = (1 - output_share) * strata.firms[h] / firms +
              (output > 0 ? output_share * strata.output[h] / output : 0.0);
  }
  // Strata held at their floor or cap are fixed; the rest share what is left.
  std::array<bool, kSegments> fixed{};
  for (int round = 0; round < 64; ++round) {
    double left = agents, share = 0;
    for (std::size_t h = 0; h < kSegments; ++h) {
      if (fixed[h])
        left -= target[h];
      else
        share += want[h];
    }
    bool changed = false;
    for (std::size_t h = 0; h < kSegments; ++h) {
      if (fixed[h] || strata.firms[h] <= 0) continue;
      target[h] = share > 0 ? left * want[h] / share : 0.0;
      const double lo = std::min(floor, strata.firms[h]), hi = strata.firms[h];
      if (target[h] < lo || target[h] > hi) {
        target[h] = std::clamp(target[h], lo, hi);
        fixed[h] = changed = true;
      }
    }
    if (!changed) break;
  }
  return largest_remainder(target, agents);
}

std::array<double, kSegments> design_weights(const Strata& strata,
                                             const std::array<std::uint32_t, kSegments>& agents) {
  std::array<double, kSegments> w{};
  for (std::size_t h = 0; h < kSegments; ++h)
    w[h] = agents[h] > 0 ? strata.firms[h] / agents[h] : 0.0;
  return w;
}

}  // namespace aiplus::agents
