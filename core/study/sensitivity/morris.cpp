// The Morris design and its elementary-effect statistics.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/engine/rng.hpp"
#include "core/study/sensitivity/sensitivity.hpp"

namespace aiplus::core {

MorrisDesign morris_design(std::size_t factors, std::size_t trajectories, std::size_t levels,
                           std::uint64_t seed) {
  if (factors < 1) throw std::invalid_argument("morris_design: needs at least one factor");
  if (trajectories < 2)
    throw std::invalid_argument("morris_design: needs at least two trajectories");
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("morris_design: the number of levels must be even and >= 2");
  MorrisDesign design;
  design.factors = factors, design.trajectories = trajectories, design.levels = levels;
  // Delta spans half the levels, so every level is used equally often (Morris 1991).
  const std::size_t half = levels / 2;
  const double last = static_cast<double>(levels - 1);
  design.delta = static_cast<double>(half) / last;
  design.points.reserve(trajectories * (factors + 1));
  design.steps.resize(trajectories);
  const RandomStreams random(seed);
  std::vector<std::size_t> low(factors), level(factors), order(factors);
  std::vector<bool> up(factors);
  const auto point = [&] {
    std::vector<double> x(factors);
    for (std::size_t i = 0; i < factors; ++i) x[i] = static_cast<double>(level[i]) / last;
    return x;
  };
  for (std::size_t t = 0; t < trajectories; ++t) {
    // One stream per trajectory: base levels and directions, then the order of factors.
    auto stream = random.stream(static_cast<std::uint32_t>(t), 0, 0);
    const auto uniform = [&] { return RandomStreams::unit(static_cast<std::uint32_t>(stream())); };
    for (std::size_t i = 0; i < factors; ++i) {
      low[i] = std::min(half - 1, static_cast<std::size_t>(uniform() * static_cast<double>(half)));
      up[i] = uniform() < 0.5;
      level[i] = up[i] ? low[i] : low[i] + half;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = factors; i > 1; --i) {
      const auto j = std::min(i - 1, static_cast<std::size_t>(uniform() * static_cast<double>(i)));
      std::swap(order[i - 1], order[j]);
    }
    design.points.push_back(point());
    for (const std::size_t i : order) {
      level[i] = up[i] ? low[i] + half : low[i];
      design.points.push_back(point());
      design.steps[t].push_back({i, up[i]});
    }
  }
  return design;
}

MorrisEffects morris_effects(const MorrisDesign& design, std::span<const double> outputs) {
  const std::size_t k = design.factors, r = design.trajectories;
  check_outputs("morris_effects", r * (k + 1), outputs);
  if (design.points.size() != r * (k + 1) || design.steps.size() != r)
    throw std::invalid_argument("morris_effects: the design's runs do not fit its sizes");
  MorrisEffects out;
  out.effects.assign(k, std::vector<double>(r));
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t s = 0; s < k; ++s) {
      const double change = outputs[t * (k + 1) + s + 1] - outputs[t * (k + 1) + s];
      const MorrisStep& step = design.steps[t][s];
      out.effects[step.factor][t] = (step.up ? change : -change) / design.delta;
    }
  }
  out.mu.resize(k), out.mu_star.resize(k), out.sigma.resize(k);
  const double n = static_cast<double>(r);
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0, sum_abs = 0;
    for (const double e : out.effects[i]) sum += e, sum_abs += std::abs(e);
    out.mu[i] = sum / n;
    out.mu_star[i] = sum_abs / n;
    double sum2 = 0;
    for (const double e : out.effects[i]) sum2 += (e - out.mu[i]) * (e - out.mu[i]);
    out.sigma[i] = std::sqrt(sum2 / (n - 1));
  }
  return out;
}

}  // namespace aiplus::core
