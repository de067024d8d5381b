// Properties of the Bass model (docs/MODEL.md sections 7.21 and 9): the Bass limit and determinism.
#include <cmath>
#include <cstring>

#include "agents/bass.hpp"
#include "agents/scenario.hpp"
#include "test.h"

using namespace aiplus;

namespace {

// Runs the Bass model and returns the adopter share after each step (element 0: start).
std::vector<double> run_bass(const agents::BassParams& params, std::uint32_t steps) {
  agents::BassModel model(params);
  core::MemorySink sink;
  core::RunInfo info;
  info.steps = steps;
  (void)core::simulate(model, sink, info);
  return sink.series("adoption_share");
}

agents::BassParams complete_mixing(double p, double q, std::uint32_t firms, std::uint64_t seed) {
  agents::BassParams params;
  params.p = p, params.q = q, params.run.firms = firms, params.run.seed = seed,
  params.mixing.kind = agents::Mixing::Complete;
  return params;
}

// One step of the discrete Bass map.
double bass_map(double F, double p, double q) {
  return F + (p + q * F) * (1 - F);
}

}  // namespace

TEST_CASE("Bass limit: complete mixing follows F(t+1) = F(t) + (p + q F(t)) (1 - F(t))") {
  constexpr std::uint32_t kFirms = 100'000, kSteps = 60;
  const double pairs[][2] = {{0.01, 0.3}, {0.03, 0.1}, {0.001, 0.6}, {0.05, 0.0}, {0.2, 0.5}};
  double sum_z2 = 0;
  int count = 0;
  for (const auto& pq : pairs) {
    const double p = pq[0], q = pq[1];
    CAPTURE(p);
    CAPTURE(q);
    const auto F = run_bass(complete_mixing(p, q, kFirms, 17), kSteps);
    REQUIRE(F.size() == kSteps + 1);
    CHECK(F[0] == 0.0);
    double map = 0, variance = 0;  // the deterministic map and the variance of F around it
    for (std::uint32_t t = 0; t < kSteps; ++t) {
      CAPTURE(t);
      // One step, conditional on the simulated F(t): a binomial number of new adopters.
      const double pi = std::min(1.0, p + q * F[t]);
      const double sd = std::sqrt((1 - F[t]) * pi * (1 - pi) / kFirms);
      const double expected = bass_map(F[t], p, q);
      CHECK(std::abs(F[t + 1] - expected) <= 5 * sd + 1e-12);
      if (sd > 0) sum_z2 += std::pow((F[t + 1] - expected) / sd, 2), ++count;
      // The whole path against the map from F(0), with sampling variance carried
      // forward through the map's slope.
      const double pm = p + q * map, slope = 1 - p + q - 2 * q * map;
      variance = slope * slope * variance + (1 - map) * pm * (1 - pm) / kFirms;
      map = bass_map(map, p, q);
      CHECK(std::abs(F[t + 1] - map) <= 5 * std::sqrt(variance) + 1e-12);
    }
  }
  // The standardised one-step errors have variance 1; a biased or over-dispersed
  // process would push this far up.
  CHECK(sum_z2 / count < 1.5);
  CHECK(sum_z2 / count > 0.5);
}

TEST_CASE("Bass limit holds at other sizes and seeds") {
  for (std::uint32_t firms : {20'000u, 250'000u}) {
    for (std::uint64_t seed : {1ull, 99ull}) {
      const double p = 0.02, q = 0.4;
      const auto F = run_bass(complete_mixing(p, q, firms, seed), 40);
      for (std::size_t t = 0; t + 1 < F.size(); ++t) {
        const double pi = p + q * F[t];
        CHECK(std::abs(F[t + 1] - bass_map(F[t], p, q)) <=
              5 * std::sqrt((1 - F[t]) * pi * (1 - pi) / firms) + 1e-12);
      }
    }
  }
}

TEST_CASE("on a network without imitation, adoption is 1 - (1 - p)^t") {
  agents::BassParams params;
  params.p = 0.03, params.q = 0.0, params.run.firms = 100'000, params.run.seed = 4,
  params.mixing.partners = 6;
  const auto F = run_bass(params, 50);
  for (std::size_t t = 0; t < F.size(); ++t) {
    const double expected = 1 - std::pow(1 - params.p, static_cast<double>(t));
    CHECK(std::abs(F[t] - expected) <=
          5 * std::sqrt(expected * (1 - expected) / params.run.firms) + 1e-12);
  }
}

TEST_CASE("on a network, imitation speeds adoption and the share only grows") {
  agents::BassParams params;
  params.p = 0.01, params.q = 0.3, params.run.firms = 50'000, params.run.seed = 8,
  params.mixing.partners = 8;
  const auto with = run_bass(params, 60);
  params.q = 0.0;
  const auto without = run_bass(params, 60);
  for (std::size_t t = 1; t < with.size(); ++t) CHECK(with[t] >= with[t - 1]);
  CHECK(with[30] > without[30] + 0.2);
  CHECK(with.back() > 0.99);
}

TEST_CASE("determinism: the same seed gives bit-identical output for 1, 2 and 4 threads") {
  for (bool complete : {false, true}) {
    CAPTURE(complete);
    agents::BassParams params;
    params.p = 0.01, params.q = 0.3, params.run.firms = 60'000, params.run.seed = 21,
    params.mixing.kind = complete ? agents::Mixing::Complete : agents::Mixing::Partners;
    params.mixing.partners = 8;
    params.initial_share = 0.001;
    const auto one = test::with_threads(1, [&] { return run_bass(params, 40); });
    for (int threads : {2, 4}) {
      const auto many = test::with_threads(threads, [&] { return run_bass(params, 40); });
      REQUIRE(many.size() == one.size());
      CHECK(std::memcmp(one.data(), many.data(), one.size() * sizeof(double)) == 0);
    }
    params.run.seed = 22;
    const auto other = run_bass(params, 40);
    CHECK(std::memcmp(one.data(), other.data(), one.size() * sizeof(double)) != 0);
  }
}

TEST_CASE("the random partner network has the requested mean degree and no self-links") {
  agents::BassParams params;
  params.run.firms = 40'000, params.mixing.partners = 7, params.run.seed = 3;
  agents::BassModel model(params);
  const auto& g = model.network();
  const double mean = static_cast<double>(g.link_ends()) / params.run.firms;
  CHECK(mean == doctest::Approx(7.0).epsilon(0.02));
  for (std::uint32_t i = 0; i < g.nodes(); ++i) {
    CHECK(g.degree(i) >= 3);
    for (auto j : g.partners(i)) REQUIRE(j != i);
  }
}

TEST_CASE("p + q above 1 is refused, pointing at q") {
  core::Config config(agents::schema());
  config.set("simulation.model=bass");
  config.set("adoption.p=0.6");
  config.set("adoption.q=0.6");
  CHECK_THROWS_WITH_AS(agents::check(config),
                       doctest::Contains("--set:1:12: adoption.p + adoption.q"), core::ConfigError);
}

TEST_CASE("a non-adopter's count of adopted partners matches the network, from the start") {
  agents::BassParams params;
  params.p = 0.01, params.q = 0.3, params.run.firms = 30'000, params.run.seed = 4,
  params.mixing.partners = 8;
  params.initial_share = 0.05;  // initial adopters must count for their partners too
  agents::BassModel model(params);
  core::Frame frame{{0.0}};
  for (std::uint32_t step = 0; step <= 12; ++step) {
    if (step % 4 == 0) {
      std::size_t wrong = 0, counted = 0;
      for (std::uint32_t i = 0; i < params.run.firms; ++i) {
        if (model.adopted()[i]) continue;
        std::uint32_t count = 0;
        for (std::uint32_t j : model.network().partners(i)) count += model.adopted()[j];
        wrong += count != model.adopted_partners()[i];
        counted += count;
      }
      CAPTURE(step);
      CHECK(counted > 0);
      CHECK(wrong == 0);
    }
    model.observe(frame);
    model.step(step);
  }
}
