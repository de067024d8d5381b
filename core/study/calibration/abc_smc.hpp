// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC; Toni et al. 2009,
// Beaumont et al. 2009). Generation 0 samples the prior; generation t proposes by picking
// a particle of generation t - 1 by weight and perturbing it with a multivariate normal
// kernel, and accepts a proposal when the distance between its simulation and the data is
// within the tolerance eps_t. Parameters live in a transformed space (identity, or log for
// log-uniform priors) where every prior is uniform on a box.
//
// The caller simulates: a callback takes a batch of proposals, each with its parameters
// and a simulation seed, and returns one distance each; it may evaluate them in any order,
// in parallel or elsewhere. Proposal j of generation g is drawn from Philox streams keyed
// by (seed, g, j) and its simulation seed is a function of (seed, g, j), and accepted
// particles are the first N acceptances in proposal order, so results do not depend on how
// or in what order a batch is evaluated, nor on the batch size. Each generation depends
// only on the previous one: the caller can keep the state after every generation and
// continue from it later with the same results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace aiplus::core {

/// A parameter to calibrate and its prior: uniform on [min, max], or log-uniform (0 < min).
struct AbcParameter {
  std::string name;
  double min = 0, max = 1;
  bool log = false;
};

/// What fixes the results of a run; a resumed run must use the same settings.
struct AbcSettings {
  std::vector<AbcParameter> parameters;
  std::size_t particles = 1000;  ///< N, accepted particles per generation
  double quantile = 0.5;         ///< alpha: eps_t is this quantile of generation t-1's distances
  std::size_t batch = 256;       ///< proposals per callback call (changes the cost, not results)
  std::uint64_t seed = 1;
  /// Generation 0 accepts prior draws with distances up to this.
  double initial_tolerance = std::numeric_limits<double>::infinity();
};

/// When to stop. A generation that would need more proposals than allowed is abandoned.
struct AbcStopRules {
  std::size_t max_generations = 20;  ///< generations in all, generation 0 included
  /// Stop once a generation accepts fewer than this share of its proposals; a generation
  /// is abandoned as soon as it cannot reach it (after N / min_acceptance proposals).
  double min_acceptance = 0.01;
  /// Stop once the tolerance reaches this; tolerances never go below it.
  double target_tolerance = 0;
  std::size_t max_proposals = 0;  ///< per generation; 0: no limit beyond min_acceptance
};

/// One parameter vector to simulate.
struct AbcProposal {
  std::size_t generation = 0;
  std::size_t index = 0;           ///< proposal index within the generation
  std::vector<double> parameters;  ///< natural units, within the prior's support
  std::uint64_t seed = 0;          ///< for the simulation: simulation_seed(seed, generation, index)
};

/// Simulates a batch of proposals and returns the distance of each to the data, in the
/// batch's order. A NaN or infinite distance marks a failed simulation: never accepted.
using AbcEvaluate = std::function<std::vector<double>(std::span<const AbcProposal>)>;

/// One finished generation.
struct AbcGeneration {
  double tolerance = 0;                        ///< eps_t: accepted distances are <= this
  std::vector<std::vector<double>> particles;  ///< [particle][parameter], natural units
  std::vector<double> weights;                 ///< importance weights, positive, sum 1
  std::vector<double> distances;               ///< of each particle's simulation
  std::size_t proposals = 0;    ///< drawn up to the N-th acceptance, those outside the prior too
  std::size_t simulations = 0;  ///< simulations run (whole batches: the real cost)
  double acceptance_rate = 0;   ///< N / proposals
  double ess = 0;               ///< effective sample size, 1 / sum of squared weights
};

/// Everything a run needs to go on: every finished generation, oldest first.
struct AbcState {
  std::vector<AbcGeneration> generations;
};

/// Why a run stops (or `running`: it goes on).
enum class AbcStop { running, tolerance_reached, low_acceptance, max_generations };

/// The seed of the simulation of proposal `index` of `generation` for a run seeded `seed`.
[[nodiscard]] std::uint64_t simulation_seed(std::uint64_t seed, std::size_t generation,
                                            std::size_t index);

/// Whether a run with this state stops by the rules, judged on its last generation.
[[nodiscard]] AbcStop stop_reason(const AbcState& state, const AbcStopRules& rules);

/// Runs the next generation and appends it to the state, returning `running`; or returns
/// `low_acceptance`, the state unchanged, when it needs more proposals than the rules
/// allow. eps_0 = settings.initial_tolerance; eps_t = max(the alpha-quantile of generation
/// t-1's distances under its weights, rules.target_tolerance) (Drovandi and Pettitt 2011;
/// Del Moral et al. 2012). Proposals are perturbed with a normal kernel of covariance twice
/// the weighted covariance of generation t-1 (Beaumont et al. 2009), in the transformed
/// space (a diagonal one when that covariance is not positive definite); proposals outside
/// the prior's support are rejected without being simulated. Weights are
/// w_i = prior(theta_i) / sum_j w_j K(theta_i | theta_j), normalised. Throws
/// std::invalid_argument on bad settings or a state of another shape, and
/// std::runtime_error when the callback returns the wrong number of distances.
[[nodiscard]] AbcStop run_generation(const AbcSettings& settings, AbcState& state,
                                     const AbcEvaluate& evaluate, const AbcStopRules& rules);

/// Runs generations until a rule stops the run, calling after_generation (e.g. to save the
/// state) after each; returns why it stopped.
AbcStop run_abc_smc(const AbcSettings& settings, AbcState& state, const AbcEvaluate& evaluate,
                    const AbcStopRules& rules,
                    const std::function<void(const AbcState&)>& after_generation = {});

/// The weighted posterior mean of each parameter (natural units).
[[nodiscard]] std::vector<double> posterior_mean(const AbcGeneration& generation);

/// The weighted posterior standard deviation of each parameter (natural units).
[[nodiscard]] std::vector<double> posterior_sd(const AbcGeneration& generation);

/// Weighted posterior quantiles, [parameter][probability], by the rule of
/// weighted_quantiles (core/study/statistics.hpp).
[[nodiscard]] std::vector<std::vector<double>> posterior_quantiles(
    const AbcGeneration& generation, std::span<const double> probabilities);

}  // namespace aiplus::core
