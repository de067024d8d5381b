// The stratified sample: strata hold every firm, agents go where output is, and
// weights make the sample stand for the population.
#include <cmath>
#include <numeric>

#include "agents/population.hpp"
#include "agents/sampling.hpp"
#include "agents/scenario.hpp"
#include "test.h"

using namespace aiplus;
using namespace aiplus::agents;

namespace {

PopulationParams defaults() {
  const core::Config config(schema());
  return read_firm_params(config).population;
}

double total(const std::array<double, kSegments>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0);
}

}  // namespace

TEST_CASE("the strata hold every enterprise, in whole firms") {
  const auto p = defaults();
  const auto s = strata(p);
  CHECK(total(s.firms) == p.enterprises);
  for (std::size_t h = 0; h < kSegments; ++h) CHECK(s.firms[h] == std::floor(s.firms[h]));
  // Large firms are a sliver of firms but a large share of output.
  double large_firms = 0, large_output = 0;
  for (std::size_t h = 0; h < kSegments; ++h)
    if (h % kSizes == kLarge) large_firms += s.firms[h], large_output += s.output[h];
  CHECK(large_firms / total(s.firms) < 0.001);
  CHECK(large_output / total(s.output) > 0.15);
}

TEST_CASE("allocation: every agent placed, floors kept, never more agents than firms") {
  const auto s = strata(defaults());
  for (std::uint32_t agents : {3000u, 200'000u, 1'000'000u}) {
    CAPTURE(agents);
    const auto n = allocate(s, agents, 0.8, 30);
    CHECK(std::accumulate(n.begin(), n.end(), std::uint64_t{0}) == agents);
    for (std::size_t h = 0; h < kSegments; ++h) {
      CHECK(n[h] <= s.firms[h] + 1);
      if (s.firms[h] >= 30 && agents >= 200'000) CHECK(n[h] >= 30);
      if (s.firms[h] > 0 && agents >= 3000) CHECK(n[h] >= 1);
    }
    // Weights stand for the population: the weighted agents are the firms.
    const auto w = design_weights(s, n);
    double firms = 0;
    for (std::size_t h = 0; h < kSegments; ++h) firms += w[h] * n[h];
    CHECK(firms == doctest::Approx(total(s.firms)));
  }
}

TEST_CASE("output allocation samples large firms far more densely than micro firms") {
  const auto s = strata(defaults());
  const auto n = allocate(s, 200'000, 0.8, 30);
  const auto w = design_weights(s, n);
  double large = 0, micro = 0;
  for (std::size_t h = 0; h < kSegments; ++h) {
    if (h % kSizes == kLarge) large += n[h];
    if (h % kSizes == kMicro) micro += n[h];
  }
  CHECK(large > 10'000);  // against about 100 agents when every agent weighs the same
  CHECK(w[segment_of(1, kPrivate, kMicro)] > 20 * w[segment_of(1, kPrivate, kLarge)]);
  // Proportional allocation gives every agent nearly the same weight.
  const auto flat = design_weights(s, allocate(s, 200'000, 0.0, 0));
  const double mean = total(s.firms) / 200'000;
  for (std::size_t h = 0; h < kSegments; ++h)
    if (s.firms[h] > 1e5) CHECK(flat[h] == doctest::Approx(mean).epsilon(0.01));
}

TEST_CASE("one agent per firm gives every weight 1") {
  auto p = defaults();
  p.enterprises = 50'000;
  const auto s = strata(p);
  const auto n = allocate(s, 50'000, 0.8, 30);
  const auto w = design_weights(s, n);
  for (std::size_t h = 0; h < kSegments; ++h)
    if (n[h] > 0) CHECK(w[h] == 1.0);
}

TEST_CASE("the mean of the truncated Pareto law matches its quantile function") {
  double sum = 0;
  constexpr int kDraws = 200'000;
  for (int k = 0; k < kDraws; ++k) sum += truncated_pareto(20, 300, 1.7, (k + 0.5) / kDraws);
  CHECK(truncated_pareto_mean(20, 300, 1.7) == doctest::Approx(sum / kDraws).epsilon(1e-3));
}
