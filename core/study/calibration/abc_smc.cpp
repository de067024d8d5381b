// ABC-SMC: proposals, acceptance, importance weights and posterior summaries.
#include "core/study/calibration/abc_smc.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/engine/rng.hpp"
#include "core/study/calibration/abc_kernel.hpp"
#include "core/study/statistics.hpp"

namespace aiplus::core {
namespace {

// Purposes of the Philox streams of a run: entity = proposal index, step = generation.
constexpr std::uint32_t kPropose = 0;  // the draws that make a proposal
constexpr std::uint32_t kSeed = 1;     // the proposal's simulation seed

void check(const AbcSettings& settings) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("ABC-SMC: " + what);
  };
  if (settings.parameters.empty()) fail("no parameters to calibrate");
  for (const auto& p : settings.parameters) {
    if (!std::isfinite(p.min) || !std::isfinite(p.max) || !(p.min < p.max))
      fail("parameter '" + p.name + "' needs finite min < max");
    if (p.log && !(p.min > 0)) fail("log-uniform parameter '" + p.name + "' needs min > 0");
  }
  if (settings.particles < 2) fail("needs at least two particles");
  if (!(settings.quantile > 0 && settings.quantile <= 1)) fail("the quantile must be in (0, 1]");
  if (settings.batch < 1) fail("the batch size must be at least 1");
  if (!(settings.initial_tolerance >= 0)) fail("the initial tolerance must be >= 0");
}

// The prior's box in the transformed space, and the maps in and out of it.
struct Space {
  std::vector<AbcParameter> parameters;
  std::vector<double> low, high;

  explicit Space(const std::vector<AbcParameter>& p) : parameters(p) {
    for (const auto& q : p) {
      low.push_back(q.log ? std::log(q.min) : q.min);
      high.push_back(q.log ? std::log(q.max) : q.max);
    }
  }
  [[nodiscard]] std::size_t size() const noexcept { return parameters.size(); }
  [[nodiscard]] bool inside(std::span<const double> z) const {
    for (std::size_t i = 0; i < z.size(); ++i)
      if (!(z[i] >= low[i] && z[i] <= high[i])) return false;
    return true;
  }
  [[nodiscard]] std::vector<double> natural(std::span<const double> z) const {
    std::vector<double> x(z.size());
    for (std::size_t i = 0; i < z.size(); ++i) {
      const auto& p = parameters[i];
      x[i] = std::clamp(p.log ? std::exp(z[i]) : z[i], p.min, p.max);
    }
    return x;
  }
  [[nodiscard]] std::vector<double> inner(std::span<const double> x) const {
    std::vector<double> z(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) z[i] = parameters[i].log ? std::log(x[i]) : x[i];
    return z;
  }
};

// Generation g >= 1 proposes from generation g - 1 through this.
struct Proposer {
  std::vector<std::vector<double>> centres;  // previous particles, transformed
  std::vector<double> weights, cumulative;   // previous weights and their running sums
  Kernel kernel;
};

Proposer make_proposer(const Space& space, const AbcGeneration& previous) {
  Proposer p;
  for (const auto& x : previous.particles) p.centres.push_back(space.inner(x));
  p.weights = previous.weights;
  double sum = 0;
  for (const double w : p.weights) p.cumulative.push_back(sum += w);
  std::vector<double> width(space.size());
  for (std::size_t i = 0; i < space.size(); ++i) width[i] = space.high[i] - space.low[i];
  p.kernel = make_kernel(p.centres, p.weights, width);
  return p;
}

// Proposal `index` of generation `g` in the transformed space (maybe outside the prior).
std::vector<double> propose(const RandomStreams& random, const Space& space,
                            const Proposer* proposer, std::size_t g, std::size_t index) {
  auto stream =
      random.stream(static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(g), kPropose);
  const auto uniform = [&] { return RandomStreams::unit(static_cast<std::uint32_t>(stream())); };
  std::vector<double> z(space.size());
  if (proposer == nullptr) {  // generation 0: the prior, uniform on the box
    for (std::size_t i = 0; i < z.size(); ++i)
      z[i] = space.low[i] + uniform() * (space.high[i] - space.low[i]);
    return z;
  }
  const double pick = uniform() * proposer->cumulative.back();
  const auto chosen = std::min<std::size_t>(
      static_cast<std::size_t>(
          std::upper_bound(proposer->cumulative.begin(), proposer->cumulative.end(), pick) -
          proposer->cumulative.begin()),
      proposer->centres.size() - 1);
  std::vector<double> normal(z.size());
  boost::random::normal_distribution<double> standard(0.0, 1.0);
  for (double& n : normal) n = standard(stream);
  z = proposer->centres[chosen];
  perturb(proposer->kernel, normal, z);
  return z;
}

}  // namespace

std::uint64_t simulation_seed(std::uint64_t seed, std::size_t generation, std::size_t index) {
  const auto w = RandomStreams(seed).bits(static_cast<std::uint32_t>(index),
                                          static_cast<std::uint32_t>(generation), kSeed);
  return (static_cast<std::uint64_t>(w[0]) << 32) | w[1];
}

AbcStop stop_reason(const AbcState& state, const AbcStopRules& rules) {
  if (state.generations.empty()) return AbcStop::running;
  const auto& last = state.generations.back();
  if (last.tolerance <= rules.target_tolerance) return AbcStop::tolerance_reached;
  if (last.acceptance_rate < rules.min_acceptance) return AbcStop::low_acceptance;
  if (state.generations.size() >= rules.max_generations) return AbcStop::max_generations;
  return AbcStop::running;
}

AbcStop run_generation(const AbcSettings& settings, AbcState& state, const AbcEvaluate& evaluate,
                       const AbcStopRules& rules) {
  check(settings);
  for (const auto& done : state.generations) {
    if (done.particles.size() != settings.particles || done.weights.size() != settings.particles ||
        done.distances.size() != settings.particles)
      throw std::invalid_argument("ABC-SMC: the state holds a generation of another size");
    for (const auto& x : done.particles)
      if (x.size() != settings.parameters.size())
        throw std::invalid_argument("ABC-SMC: the state holds particles of other parameters");
  }
  const Space space(settings.parameters);
  const std::size_t g = state.generations.size(), n = settings.particles;
  Proposer proposer;
  AbcGeneration next;
  if (g == 0) {
    next.tolerance = settings.initial_tolerance;
  } else {
    const auto& previous = state.generations.back();
    proposer = make_proposer(space, previous);
    next.tolerance =
        std::max(weighted_quantile(previous.distances, previous.weights, settings.quantile),
                 rules.target_tolerance);
  }
  // Proposal indices key 32-bit stream counters; the acceptance floor may lower the cap.
  std::size_t cap = std::numeric_limits<std::uint32_t>::max();
  if (rules.max_proposals > 0) cap = std::min(cap, rules.max_proposals);
  // Floor: a generation that completes within the cap accepts at least min_acceptance.
  if (rules.min_acceptance > 0)
    cap = static_cast<std::size_t>(std::min(
        static_cast<double>(cap), std::floor(static_cast<double>(n) / rules.min_acceptance)));

  const RandomStreams random(settings.seed);
  std::vector<std::vector<double>> accepted_inner;
  std::size_t drawn = 0, last_accepted = 0;
  std::vector<AbcProposal> batch;
  while (next.particles.size() < n) {
    batch.clear();
    while (batch.size() < settings.batch && drawn < cap) {
      const auto z = propose(random, space, g == 0 ? nullptr : &proposer, g, drawn);
      if (space.inside(z))  // outside the prior: rejected, never simulated
        batch.push_back({g, drawn, space.natural(z), simulation_seed(settings.seed, g, drawn)});
      ++drawn;
    }
    if (batch.empty()) return AbcStop::low_acceptance;
    const std::vector<double> distances = evaluate(batch);
    if (distances.size() != batch.size())
      throw std::runtime_error("ABC-SMC: the evaluation returned " +
                               std::to_string(distances.size()) + " distances for " +
                               std::to_string(batch.size()) + " proposals");
    next.simulations += batch.size();
    for (std::size_t b = 0; b < batch.size() && next.particles.size() < n; ++b) {
      const double d = distances[b];
      if (!std::isfinite(d) || !(d <= next.tolerance)) continue;
      next.particles.push_back(batch[b].parameters);
      next.distances.push_back(d);
      accepted_inner.push_back(space.inner(batch[b].parameters));
      last_accepted = batch[b].index;
    }
  }
  next.proposals = last_accepted + 1;
  next.acceptance_rate = static_cast<double>(n) / static_cast<double>(next.proposals);
  next.weights = g == 0 ? std::vector<double>(n, 1.0 / static_cast<double>(n))
                        : importance_weights(proposer.kernel, proposer.centres, proposer.weights,
                                             accepted_inner);
  double sum2 = 0;
  for (const double w : next.weights) sum2 += w * w;
  next.ess = 1 / sum2;
  state.generations.push_back(std::move(next));
  return AbcStop::running;
}

AbcStop run_abc_smc(const AbcSettings& settings, AbcState& state, const AbcEvaluate& evaluate,
                    const AbcStopRules& rules,
                    const std::function<void(const AbcState&)>& after_generation) {
  for (;;) {
    if (const auto why = stop_reason(state, rules); why != AbcStop::running) return why;
    if (const auto why = run_generation(settings, state, evaluate, rules); why != AbcStop::running)
      return why;
    if (after_generation) after_generation(state);
  }
}

namespace {

std::vector<double> column(const AbcGeneration& generation, std::size_t i) {
  std::vector<double> out;
  out.reserve(generation.particles.size());
  for (const auto& x : generation.particles) out.push_back(x[i]);
  return out;
}

std::size_t parameter_count(const AbcGeneration& generation) {
  if (generation.particles.empty()) throw std::invalid_argument("ABC-SMC: an empty generation");
  return generation.particles.front().size();
}

}  // namespace

std::vector<double> posterior_mean(const AbcGeneration& generation) {
  std::vector<double> out(parameter_count(generation));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = weighted_mean(column(generation, i), generation.weights);
  return out;
}

std::vector<double> posterior_sd(const AbcGeneration& generation) {
  const auto mean = posterior_mean(generation);
  std::vector<double> out(mean.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto squares = column(generation, i);
    for (double& x : squares) x = (x - mean[i]) * (x - mean[i]);
    out[i] = std::sqrt(weighted_mean(squares, generation.weights));
  }
  return out;
}

std::vector<std::vector<double>> posterior_quantiles(const AbcGeneration& generation,
                                                     std::span<const double> probabilities) {
  std::vector<std::vector<double>> out(parameter_count(generation));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = weighted_quantiles(column(generation, i), generation.weights, probabilities);
  return out;
}

}  // namespace aiplus::core
