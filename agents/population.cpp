#include "agents/population.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <vector>

#include "agents/behaviours/economics.hpp"
#include "agents/purposes.hpp"
#include "agents/sampling.hpp"
#include "core/engine/parallel.hpp"

namespace aiplus::agents {
namespace {

constexpr std::size_t kHubRanks = 4;                  // SOE or large, medium, small, micro
constexpr std::size_t kPairs = kOwnerships * kSizes;  // (ownership, size) pairs
constexpr std::size_t kSortKeys = kClusters * kPairs;

std::uint8_t hub_rank(std::uint8_t ownership, std::uint8_t size) {
  if (is_hub(ownership, size)) return 0;
  return static_cast<std::uint8_t>(kLarge - size);  // medium 1, small 2, micro 3
}

// Within a cluster, firms sit by hub rank, and within a rank by size (largest first)
// and ownership: each segment's firms are contiguous, so an agent's design weight is
// constant along runs and partners can be drawn in proportion to it.
struct PairOrder {
  std::array<std::uint8_t, kPairs> rank{};  ///< place of (ownership, size) in a cluster
  std::array<std::uint8_t, kPairs> pair{};  ///< (ownership, size) at each place
  std::size_t hubs = 0;                     ///< places taken by hubs (rank 0)
};

const PairOrder& pair_order() {
  static const PairOrder order = [] {
    PairOrder o;
    std::uint8_t next = 0;
    for (std::uint8_t rank = 0; rank < kHubRanks; ++rank)
      for (int size = kLarge; size >= 0; --size)
        for (std::uint8_t owner = 0; owner < kOwnerships; ++owner) {
          const auto s = static_cast<std::uint8_t>(size);
          if (hub_rank(owner, s) != rank) continue;
          o.rank[owner * kSizes + s] = next;
          o.pair[next++] = static_cast<std::uint8_t>(owner * kSizes + s);
          o.hubs += rank == 0;
        }
    return o;
  }();
  return order;
}

std::size_t sort_key(const Firms& f, std::size_t i) {
  return cluster_of(f.region[i], f.sector[i]) * kPairs +
         pair_order().rank[f.ownership[i] * kSizes + f.size[i]];
}

BetaShape digitization_shape(const PopulationParams& p, std::uint8_t ownership, std::uint8_t size) {
  if (is_soe(ownership)) return p.digitization_soe;
  if (ownership == kForeign) return p.digitization_foreign;
  return size == kLarge ? p.digitization_private_large : p.digitization_private_sme;
}

template <class Array>
boost::random::discrete_distribution<std::uint8_t> categorical(const Array& shares) {
  return boost::random::discrete_distribution<std::uint8_t>(shares.begin(), shares.end());
}

}  // namespace

std::array<double, kSizes + 1> size_bands(const PopulationParams& params) {
  const auto& b = params.size_bands;
  return {b[0], b[1], b[2], b[3], params.largest_firm};
}

double truncated_pareto(double lower, double upper, double index, double u) {
  const double tail = 1.0 - std::pow(lower / upper, index);
  return lower * std::pow(1.0 - u * tail, -1.0 / index);
}

Synthesis synthesise(const FirmParams& params, const core::RandomStreams& streams, Firms& firms) {
  const auto& p = params.population;
  const std::uint32_t n = params.run.firms;
  const auto regions = categorical(p.region_shares);
  const auto bands = size_bands(p);

  // The stratified sample: agents per stratum (segment) and the real firms each stands for.
  const Strata population = strata(p);
  const auto agents = allocate(population, n, p.sampling_output_share, p.sampling_min_agents);
  Synthesis out;
  out.weight = design_weights(population, agents);
  std::array<std::uint32_t, kSegments + 1> first{};  // first agent of each stratum
  for (std::size_t h = 0; h < kSegments; ++h) first[h + 1] = first[h] + agents[h];

  // Sector multipliers move a size class's initial adoption between sectors without
  // changing it: each is divided by the class's firm-weighted mean multiplier.
  std::array<double, kSizes> multiplied{}, counted{};
  for (std::size_t h = 0; h < kSegments; ++h) {
    multiplied[h % kSizes] +=
        population.firms[h] * p.initial_sector_multiplier[h / (kOwnerships * kSizes)];
    counted[h % kSizes] += population.firms[h];
  }
  std::array<double, kSizes> adoption{};
  for (std::size_t s = 0; s < kSizes; ++s)
    adoption[s] = multiplied[s] > 0 ? p.initial_adoption[s] * counted[s] / multiplied[s] : 0.0;

  // Draw every firm in draw order; each firm's draws come from its own stream.
  firms.resize(n);
  core::for_each_block(n, [&](core::Block b) {
    for (std::size_t i = b.begin; i < b.end; ++i) {
      auto stream = streams.stream(static_cast<std::uint32_t>(i), 0, kPurposePopulation);
      boost::random::uniform_01<double> uniform;
      const auto h = static_cast<std::size_t>(
          std::upper_bound(first.begin(), first.end(), static_cast<std::uint32_t>(i)) -
          first.begin() - 1);
      const auto size = static_cast<std::uint8_t>(h % kSizes);
      const auto ownership = static_cast<std::uint8_t>(h / kSizes % kOwnerships);
      const auto sector = static_cast<std::uint8_t>(h / (kOwnerships * kSizes));
      const std::uint8_t region = regions(stream);
      // Employees at stratified quantiles: the k-th of a stratum's n agents draws in
      // [k/n, (k+1)/n), so the heavy tail of each band is always covered.
      const double quantile = (i - first[h] + uniform(stream)) / agents[h];
      const auto employees = static_cast<float>(
          truncated_pareto(bands[size], bands[size + 1], p.employee_tail, quantile));
      const double spread = p.productivity_spread;
      const double productivity = std::exp(
          boost::random::normal_distribution<double>(-spread * spread / 2, spread)(stream));
      const auto shape = digitization_shape(p, ownership, size);
      const auto d = static_cast<float>(
          boost::random::beta_distribution<double>(shape.alpha, shape.beta)(stream));
      const double adopted = std::min(1.0, adoption[size] * p.initial_sector_multiplier[sector]);
      std::uint8_t stage = 0;
      if (uniform(stream) < adopted) {
        stage = 1;
        if (d >= params.behaviour.deploy_threshold && uniform(stream) < p.initial_deployed)
          stage = 2;
      }
      firms.size[i] = size;
      firms.region[i] = region;
      firms.sector[i] = sector;
      firms.ownership[i] = ownership;
      firms.segment[i] = segment_of(sector, ownership, size);
      firms.employees[i] = employees;
      firms.output[i] = static_cast<float>(employees * p.output_per_worker[sector] * productivity);
      firms.cost_scale[i] =
          static_cast<float>(cost_scale(employees, params.behaviour.cost_size_elasticity));
      firms.digitization[i] = d;
      firms.stage.current()[i] = stage;
    }
  });

  // Stable counting sort by (region, sector, hub rank): per-block counts, then
  // destinations in key order and, within a key, in block order.
  const std::size_t blocks = core::block_count(n);
  std::vector<std::uint32_t> counts(blocks * kSortKeys, 0);
  core::for_each_block(n, [&](core::Block b) {
    for (std::size_t i = b.begin; i < b.end; ++i)
      ++counts[b.index * kSortKeys + sort_key(firms, i)];
  });
  std::vector<std::uint32_t> key_begin(kSortKeys + 1, 0);
  std::uint32_t next = 0;
  for (std::size_t k = 0; k < kSortKeys; ++k) {
    key_begin[k] = next;
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::uint32_t c = counts[b * kSortKeys + k];
      counts[b * kSortKeys + k] = next;
      next += c;
    }
  }
  key_begin[kSortKeys] = next;
  std::vector<std::uint32_t> order(n);
  core::for_each_block(n, [&](core::Block b) {
    std::uint32_t* cursor = counts.data() + b.index * kSortKeys;
    for (std::size_t i = b.begin; i < b.end; ++i) order[i] = cursor[sort_key(firms, i)]++;
  });
  firms.permute(order);

  auto& clusters = out.clusters;
  const auto& pairs = pair_order();
  clusters.begin.resize(kClusters + 1);
  clusters.hub_end.resize(kClusters);
  for (std::size_t c = 0; c < kClusters; ++c) {
    clusters.begin[c] = key_begin[c * kPairs];
    clusters.hub_end[c] = key_begin[c * kPairs + pairs.hubs];
  }
  clusters.begin[kClusters] = n;
  // Runs of one segment within a cluster, with the real firms before each.
  double before = 0;
  for (std::size_t k = 0; k < kSortKeys; ++k) {
    const std::uint32_t agents_in = key_begin[k + 1] - key_begin[k];
    if (agents_in == 0) continue;
    const std::size_t cluster = k / kPairs, pair = pairs.pair[k % kPairs];
    const auto segment = segment_of(static_cast<std::uint8_t>(cluster % kSectors),
                                    static_cast<std::uint8_t>(pair / kSizes),
                                    static_cast<std::uint8_t>(pair % kSizes));
    clusters.run_begin.push_back(key_begin[k]);
    clusters.firms_before.push_back(before);
    before += agents_in * out.weight[segment];
  }
  clusters.run_begin.push_back(n);
  clusters.firms_before.push_back(before);
  return out;
}

}  // namespace aiplus::agents
