// ABC-SMC on toy models whose posteriors are known in closed form, and the properties
// that make it safe to run in parallel and to resume: determinism, order independence,
// resumption, prior support, weights and tolerances.
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/engine/rng.hpp"
#include "core/study/calibration/abc_smc.hpp"

using namespace aiplus::core;

namespace {

constexpr std::size_t kDraws = 20;

// The mean of 20 draws from N(theta, 1), drawn from the simulation seed.
double normal_mean(double theta, std::uint64_t seed) {
  auto stream = RandomStreams(seed).stream(0, 0, 0);
  boost::random::normal_distribution<double> normal(theta, 1.0);
  double sum = 0;
  for (std::size_t i = 0; i < kDraws; ++i) sum += normal(stream);
  return sum / kDraws;
}

// The mean of 20 draws from an exponential distribution of rate theta.
double exponential_mean(double rate, std::uint64_t seed) {
  auto stream = RandomStreams(seed).stream(0, 0, 0);
  boost::random::exponential_distribution<double> exponential(rate);
  double sum = 0;
  for (std::size_t i = 0; i < kDraws; ++i) sum += exponential(stream);
  return sum / kDraws;
}

// A callback evaluating |simulated mean - observed mean| for each proposal of a batch,
// in the order given by `order` (0: as given, 1: reversed, 2: shuffled), with checks.
struct MeanDistance {
  double (*simulate)(double, std::uint64_t) = nullptr;
  double observed = 0;
  int order = 0;
  std::vector<AbcParameter> parameters;
  std::size_t* calls = nullptr;
  bool* left_support = nullptr;

  std::vector<double> operator()(std::span<const AbcProposal> batch) const {
    std::vector<std::size_t> at(batch.size());
    std::iota(at.begin(), at.end(), std::size_t{0});
    if (order == 1) std::reverse(at.begin(), at.end());
    if (order == 2) {
      for (std::size_t i = 0; i < at.size(); ++i) std::swap(at[i], at[(i * 7919 + 13) % at.size()]);
    }
    std::vector<double> d(batch.size());
    for (const std::size_t b : at) {
      const auto& p = batch[b];
      if (left_support) {
        for (std::size_t i = 0; i < parameters.size(); ++i)
          if (!(p.parameters[i] >= parameters[i].min && p.parameters[i] <= parameters[i].max))
            *left_support = true;
      }
      d[b] = std::abs(simulate(p.parameters[0], p.seed) - observed);
    }
    if (calls) ++*calls;
    return d;
  }
};

MeanDistance distance_to(double (*simulate)(double, std::uint64_t), double observed) {
  MeanDistance d;
  d.simulate = simulate;
  d.observed = observed;
  return d;
}

AbcSettings normal_settings(std::size_t particles = 1000, std::uint64_t seed = 3) {
  AbcSettings s;
  s.parameters = {{"theta", -10, 10, false}};
  s.particles = particles;
  s.seed = seed;
  s.batch = 128;
  return s;
}

// Observed data: 20 draws from N(1.3, 1).
const double observed_normal = normal_mean(1.3, 12345);

bool same(const AbcState& a, const AbcState& b) {
  if (a.generations.size() != b.generations.size()) return false;
  for (std::size_t g = 0; g < a.generations.size(); ++g) {
    const auto &x = a.generations[g], &y = b.generations[g];
    if (x.tolerance != y.tolerance || x.particles != y.particles || x.weights != y.weights ||
        x.distances != y.distances || x.proposals != y.proposals ||
        x.acceptance_rate != y.acceptance_rate || x.ess != y.ess)
      return false;
  }
  return true;
}

// Runs `generations` generations (or fewer, if another rule stops the run first).
AbcState run_generations(const AbcSettings& settings, const AbcEvaluate& evaluate,
                         std::size_t generations) {
  AbcStopRules rules;
  rules.max_generations = generations;
  AbcState state;
  (void)run_abc_smc(settings, state, evaluate, rules);
  return state;
}

}  // namespace

TEST_CASE("normal mean: the ABC posterior matches the analytic one") {
  const auto settings = normal_settings();
  AbcStopRules rules;
  rules.max_generations = 12;
  rules.target_tolerance = 0.02;
  AbcState state;
  const auto why = run_abc_smc(settings, state, distance_to(normal_mean, observed_normal), rules);
  CHECK(why == AbcStop::tolerance_reached);
  const auto& last = state.generations.back();
  // Flat prior on [-10, 10]: the posterior is N(ybar, 1/20), up to a negligible truncation.
  const double sd = 1 / std::sqrt(static_cast<double>(kDraws));
  const auto mean = posterior_mean(last)[0];
  const auto spread = posterior_sd(last)[0];
  INFO("normal: ", state.generations.size(), " generations, eps ", last.tolerance, ", mean ", mean,
       " (", observed_normal, "), sd ", spread, " (", sd, "), ESS ", last.ess);
  CHECK(std::abs(mean - observed_normal) < 0.1);
  // Within 10% (ABC's own widening at eps = 0.02 is under 1%): dropping the importance
  // weights would leave the posterior about 20% too narrow.
  CHECK(std::abs(spread - sd) < 0.1 * sd);
  const std::vector<double> ps = {0.05, 0.5, 0.95};
  const auto q = posterior_quantiles(last, ps)[0];
  CHECK(std::abs(q[0] - (observed_normal - 1.645 * sd)) < 0.1);
  CHECK(std::abs(q[1] - observed_normal) < 0.1);
  CHECK(std::abs(q[2] - (observed_normal + 1.645 * sd)) < 0.1);
}

TEST_CASE("log-uniform prior: exponential rate with a Jeffreys prior, a gamma posterior") {
  // Prior proportional to 1 / theta on [0.01, 100]; 20 exponential draws with mean ybar
  // give the posterior Gamma(shape 20, rate 20 ybar); the mean is sufficient.
  const double observed = exponential_mean(2.0, 777);
  AbcSettings settings;
  settings.parameters = {{"rate", 0.01, 100, true}};
  settings.particles = 1000;
  settings.seed = 5;
  AbcStopRules rules;
  rules.max_generations = 14;
  rules.target_tolerance = 0.01;
  auto evaluate = distance_to(exponential_mean, observed);
  bool left_support = false;
  evaluate.parameters = settings.parameters;
  evaluate.left_support = &left_support;
  AbcState state;
  const auto why = run_abc_smc(settings, state, evaluate, rules);
  CHECK(why == AbcStop::tolerance_reached);
  CHECK_FALSE(left_support);
  const auto& last = state.generations.back();
  const boost::math::gamma_distribution<double> posterior(kDraws, 1 / (kDraws * observed));
  const double mean = posterior_mean(last)[0], sd = posterior_sd(last)[0];
  INFO("exponential: ", state.generations.size(), " generations, eps ", last.tolerance, ", mean ",
       mean, " (", boost::math::mean(posterior), "), sd ", sd, " (",
       boost::math::standard_deviation(posterior), "), ESS ", last.ess);
  CHECK(mean == doctest::Approx(boost::math::mean(posterior)).epsilon(0.05));
  CHECK(sd == doctest::Approx(boost::math::standard_deviation(posterior)).epsilon(0.1));
  const std::vector<double> ps = {0.05, 0.5, 0.95};
  const auto q = posterior_quantiles(last, ps)[0];
  for (std::size_t i = 0; i < ps.size(); ++i)
    CHECK(q[i] == doctest::Approx(boost::math::quantile(posterior, ps[i])).epsilon(0.1));
  for (const auto& x : last.particles) {
    CHECK(x[0] >= 0.01);
    CHECK(x[0] <= 100);
  }
}

TEST_CASE("the same seed gives the same run, however a batch is evaluated and batched") {
  const auto run = [&](AbcSettings settings, int order, std::size_t* calls = nullptr) {
    auto evaluate = distance_to(normal_mean, observed_normal);
    evaluate.order = order;
    evaluate.calls = calls;
    return run_generations(settings, evaluate, 4);
  };
  const auto settings = normal_settings(200);
  std::size_t calls_128 = 0, calls_7 = 0;
  const auto reference = run(settings, 0, &calls_128);
  REQUIRE(reference.generations.size() == 4);
  CHECK(same(reference, run(settings, 0)));
  CHECK(same(reference, run(settings, 1)));
  CHECK(same(reference, run(settings, 2)));
  auto small_batches = settings;
  small_batches.batch = 7;
  const auto batched = run(small_batches, 2, &calls_7);
  CHECK(same(reference, batched));
  CHECK(calls_7 > calls_128);
  // Only the cost differs: whole batches are simulated past the N-th acceptance.
  for (std::size_t g = 0; g < 4; ++g) {
    CHECK(reference.generations[g].simulations >= batched.generations[g].simulations);
    CHECK(batched.generations[g].simulations < batched.generations[g].proposals + 7);
  }
  auto other_seed = settings;
  other_seed.seed = 4;
  CHECK_FALSE(same(reference, run(other_seed, 0)));
}

TEST_CASE("simulation seeds are a function of (seed, generation, index)") {
  std::set<std::uint64_t> seeds;
  for (std::size_t g = 0; g < 4; ++g)
    for (std::size_t j = 0; j < 500; ++j) seeds.insert(simulation_seed(9, g, j));
  CHECK(seeds.size() == 2000);
  CHECK(simulation_seed(9, 2, 17) == simulation_seed(9, 2, 17));
  CHECK(simulation_seed(9, 2, 17) != simulation_seed(10, 2, 17));

  std::vector<AbcProposal> seen;
  AbcSettings settings = normal_settings(50);
  const AbcEvaluate record = [&](std::span<const AbcProposal> batch) {
    seen.insert(seen.end(), batch.begin(), batch.end());
    return std::vector<double>(batch.size(), 0.0);
  };
  (void)run_generations(settings, record, 2);
  REQUIRE_FALSE(seen.empty());
  for (const auto& p : seen) CHECK(p.seed == simulation_seed(settings.seed, p.generation, p.index));
}

TEST_CASE("a run resumed from a saved state equals an uninterrupted one") {
  const auto settings = normal_settings(300);
  AbcStopRules rules;
  rules.max_generations = 5;
  const auto evaluate = distance_to(normal_mean, observed_normal);
  AbcState whole;
  CHECK(run_abc_smc(settings, whole, evaluate, rules) == AbcStop::max_generations);

  AbcStopRules first_part = rules;
  first_part.max_generations = 2;
  AbcState part;
  std::size_t saved = 0;
  (void)run_abc_smc(settings, part, evaluate, first_part, [&](const AbcState&) { ++saved; });
  CHECK(saved == 2);
  // What a caller would store and read back: plain numbers, nothing else.
  AbcState restored;
  for (const auto& g : part.generations) {
    AbcGeneration copy;
    copy.tolerance = g.tolerance;
    copy.particles = g.particles;
    copy.weights = g.weights;
    copy.distances = g.distances;
    copy.proposals = g.proposals;
    copy.simulations = g.simulations;
    copy.acceptance_rate = g.acceptance_rate;
    copy.ess = g.ess;
    restored.generations.push_back(copy);
  }
  CHECK(run_abc_smc(settings, restored, evaluate, rules) == AbcStop::max_generations);
  CHECK(same(whole, restored));
}

TEST_CASE("proposals stay in the prior; weights are positive and sum to 1; eps never grows") {
  // Data near the lower edge of U(0, 1) on a log-free scale and a log scale, so the kernel
  // often proposes outside the support.
  AbcSettings settings;
  settings.parameters = {{"edge", 0, 1, false}, {"scale", 0.5, 2, true}};
  settings.particles = 300;
  settings.batch = 64;
  bool left_support = false;
  const AbcEvaluate evaluate = [&](std::span<const AbcProposal> batch) {
    std::vector<double> d;
    for (const auto& p : batch) {
      if (!(p.parameters[0] >= 0 && p.parameters[0] <= 1)) left_support = true;
      if (!(p.parameters[1] >= 0.5 && p.parameters[1] <= 2)) left_support = true;
      const double noise = RandomStreams(p.seed).uniform(0, 0, 0) * 0.02;
      d.push_back(std::abs(p.parameters[0] - 0.02 + noise) + std::abs(p.parameters[1] - 0.6));
    }
    return d;
  };
  const auto state = run_generations(settings, evaluate, 6);
  REQUIRE(state.generations.size() == 6);
  CHECK_FALSE(left_support);
  std::size_t rejected_outside = 0;
  for (std::size_t g = 0; g < state.generations.size(); ++g) {
    const auto& gen = state.generations[g];
    CHECK(gen.particles.size() == 300);
    double sum = 0;
    for (const double w : gen.weights) {
      CHECK(w > 0);
      sum += w;
    }
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
    for (const double d : gen.distances) CHECK(d <= gen.tolerance);
    CHECK(gen.ess > 1);
    CHECK(gen.ess <= 300 * (1 + 1e-9));
    CHECK(gen.acceptance_rate == doctest::Approx(300.0 / static_cast<double>(gen.proposals)));
    if (g > 0) {
      CHECK(gen.tolerance <= state.generations[g - 1].tolerance);
      rejected_outside += gen.proposals > gen.simulations ? 1 : 0;
    }
  }
  CHECK(state.generations[0].ess == doctest::Approx(300));
  CHECK(rejected_outside > 0);  // some proposals fell outside and were never simulated
  CHECK(posterior_mean(state.generations.back())[0] < 0.1);
}

TEST_CASE("stopping: generations, tolerance target, acceptance floor, failed simulations") {
  const auto settings = normal_settings(100);
  const auto evaluate = distance_to(normal_mean, observed_normal);
  {
    AbcStopRules rules;
    rules.max_generations = 3;
    AbcState state;
    CHECK(run_abc_smc(settings, state, evaluate, rules) == AbcStop::max_generations);
    CHECK(state.generations.size() == 3);
    CHECK(stop_reason(state, rules) == AbcStop::max_generations);
  }
  {
    AbcStopRules rules;
    rules.target_tolerance = 0.5;
    AbcState state;
    CHECK(run_abc_smc(settings, state, evaluate, rules) == AbcStop::tolerance_reached);
    CHECK(state.generations.back().tolerance == 0.5);  // eps stops at the target exactly
    CHECK(state.generations[state.generations.size() - 2].tolerance > 0.5);
  }
  {
    // Distances that ignore theta: each generation accepts about half what the last did.
    const AbcEvaluate noise = [](std::span<const AbcProposal> batch) {
      std::vector<double> d;
      for (const auto& p : batch) d.push_back(RandomStreams(p.seed).uniform(0, 0, 0));
      return d;
    };
    AbcStopRules rules;
    rules.min_acceptance = 0.1;
    AbcState state;
    CHECK(run_abc_smc(settings, state, noise, rules) == AbcStop::low_acceptance);
    CHECK(state.generations.size() >= 3);
    CHECK(state.generations.size() <= 6);
    for (const auto& g : state.generations) CHECK(g.acceptance_rate >= 0.1);
  }
  {
    // Failed simulations (NaN, infinite) are never accepted, even at infinite tolerance.
    const AbcEvaluate flaky = [](std::span<const AbcProposal> batch) {
      std::vector<double> d;
      for (const auto& p : batch) {
        d.push_back(p.index % 3 == 0   ? std::nan("")
                    : p.index % 3 == 1 ? std::numeric_limits<double>::infinity()
                                       : 1.0);
      }
      return d;
    };
    const auto state = run_generations(settings, flaky, 1);
    REQUIRE(state.generations.size() == 1);
    CHECK(state.generations[0].acceptance_rate == doctest::Approx(1.0 / 3).epsilon(0.02));
    for (const double d : state.generations[0].distances) CHECK(d == 1.0);
  }
}

TEST_CASE("bad settings and a callback returning the wrong count are refused") {
  const auto evaluate = distance_to(normal_mean, observed_normal);
  const AbcStopRules rules;
  AbcState state;
  auto bad = normal_settings(100);
  bad.parameters = {};
  CHECK_THROWS_AS((void)run_generation(bad, state, evaluate, rules), std::invalid_argument);
  bad = normal_settings(100);
  bad.parameters = {{"x", 0, 1, true}};
  CHECK_THROWS_AS((void)run_generation(bad, state, evaluate, rules), std::invalid_argument);
  bad = normal_settings(100);
  bad.parameters = {{"x", 2, 1, false}};
  CHECK_THROWS_AS((void)run_generation(bad, state, evaluate, rules), std::invalid_argument);
  bad = normal_settings(1);
  CHECK_THROWS_AS((void)run_generation(bad, state, evaluate, rules), std::invalid_argument);
  bad = normal_settings(100);
  bad.quantile = 0;
  CHECK_THROWS_AS((void)run_generation(bad, state, evaluate, rules), std::invalid_argument);
  const AbcEvaluate short_answer = [](std::span<const AbcProposal> batch) {
    return std::vector<double>(batch.size() - 1, 0.0);
  };
  CHECK_THROWS_AS((void)run_generation(normal_settings(100), state, short_answer, rules),
                  std::runtime_error);
  CHECK(state.generations.empty());
  // A saved state must fit the settings it is continued with.
  REQUIRE(run_generation(normal_settings(100), state, evaluate, rules) == AbcStop::running);
  CHECK_THROWS_AS((void)run_generation(normal_settings(50), state, evaluate, rules),
                  std::invalid_argument);
  auto two = normal_settings(100);
  two.parameters.push_back({"other", 0, 1, false});
  CHECK_THROWS_AS((void)run_generation(two, state, evaluate, rules), std::invalid_argument);
  CHECK(state.generations.size() == 1);
}

TEST_CASE("two parameters seen only through their sum: a ridge of strongly correlated ones") {
  // a, b ~ U(0, 2); the data say a + b = 1.2 (noise sd 0.05): the posterior lies along the
  // segment a + b = 1.2, symmetric in a and b, so cor(a, b) is close to -1.
  AbcSettings settings;
  settings.parameters = {{"a", 0, 2, false}, {"b", 0, 2, false}};
  settings.particles = 500;
  settings.seed = 8;
  const AbcEvaluate evaluate = [](std::span<const AbcProposal> batch) {
    std::vector<double> d;
    for (const auto& p : batch) {
      auto stream = RandomStreams(p.seed).stream(0, 0, 0);
      boost::random::normal_distribution<double> noise(0, 0.05);
      d.push_back(std::abs(p.parameters[0] + p.parameters[1] + noise(stream) - 1.2));
    }
    return d;
  };
  const auto state = run_generations(settings, evaluate, 8);
  const auto& last = state.generations.back();
  const auto mean = posterior_mean(last), sd = posterior_sd(last);
  double covariance = 0;
  for (std::size_t i = 0; i < last.particles.size(); ++i)
    covariance +=
        last.weights[i] * (last.particles[i][0] - mean[0]) * (last.particles[i][1] - mean[1]);
  const double correlation = covariance / (sd[0] * sd[1]);
  INFO("mean ", mean[0], ", ", mean[1], "; sd ", sd[0], ", ", sd[1], "; cor ", correlation);
  CHECK(mean[0] + mean[1] == doctest::Approx(1.2).epsilon(0.03));
  CHECK(mean[0] == doctest::Approx(0.6).epsilon(0.1));
  CHECK(sd[0] == doctest::Approx(1.2 / std::sqrt(12.0)).epsilon(0.15));  // uniform on [0, 1.2]
  CHECK(correlation < -0.9);
}
