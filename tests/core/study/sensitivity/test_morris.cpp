// The Morris design and elementary effects, on functions whose effects are known.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/study/sensitivity/sensitivity.hpp"

using namespace aiplus::core;

namespace {

constexpr double pi = std::numbers::pi;

template <class F>
MorrisEffects effects_of(const MorrisDesign& design, const std::vector<FactorRange>& ranges, F f) {
  std::vector<double> y;
  for (const auto& x : scale_points(design.points, ranges)) y.push_back(f(x));
  return morris_effects(design, y);
}

}  // namespace

TEST_CASE("Morris design: one factor moves by Delta per step, each once per trajectory") {
  const std::size_t k = 5, r = 200, p = 6;
  const auto d = morris_design(k, r, p, 11);
  REQUIRE(d.points.size() == r * (k + 1));
  REQUIRE(d.steps.size() == r);
  CHECK(d.delta == doctest::Approx(0.6));  // 6 / (2 * 5)
  std::vector<std::size_t> level_count(p);
  std::size_t ups = 0;
  std::set<std::size_t> first_moved;
  for (std::size_t t = 0; t < r; ++t) {
    REQUIRE(d.steps[t].size() == k);
    std::set<std::size_t> moved;
    for (std::size_t s = 0; s < k; ++s) {
      const auto& before = d.points[t * (k + 1) + s];
      const auto& after = d.points[t * (k + 1) + s + 1];
      const auto& step = d.steps[t][s];
      moved.insert(step.factor);
      ups += step.up;
      for (std::size_t i = 0; i < k; ++i) {
        if (i == step.factor) {
          CHECK(after[i] - before[i] == doctest::Approx(step.up ? d.delta : -d.delta));
        } else {
          CHECK(after[i] == before[i]);
        }
      }
    }
    CHECK(moved.size() == k);
    first_moved.insert(d.steps[t][0].factor);
    for (std::size_t s = 0; s <= k; ++s) {
      for (const double x : d.points[t * (k + 1) + s]) {
        const double level = x * static_cast<double>(p - 1);
        CHECK(level == doctest::Approx(std::round(level)));
        CHECK(x >= 0);
        CHECK(x <= 1);
        ++level_count[static_cast<std::size_t>(std::lround(level))];
      }
    }
  }
  // Random orientation: both directions, every factor sometimes first, every level used
  // about equally often (Delta spanning half the levels makes them equally likely).
  CHECK(ups > r * k * 4 / 10);
  CHECK(ups < r * k * 6 / 10);
  CHECK(first_moved.size() == k);
  const double expected = static_cast<double>(r * (k + 1) * k) / static_cast<double>(p);
  for (const std::size_t c : level_count) {
    CHECK(static_cast<double>(c) > 0.85 * expected);
    CHECK(static_cast<double>(c) < 1.15 * expected);
  }
}

TEST_CASE("Morris design: the seed alone fixes it; bad sizes are refused") {
  const auto a = morris_design(3, 10, 4, 5), b = morris_design(3, 10, 4, 5);
  CHECK(a.points == b.points);
  CHECK(a.points != morris_design(3, 10, 4, 6).points);
  CHECK_THROWS_AS((void)morris_design(0, 10, 4, 1), std::invalid_argument);
  CHECK_THROWS_AS((void)morris_design(3, 1, 4, 1), std::invalid_argument);
  CHECK_THROWS_AS((void)morris_design(3, 10, 5, 1), std::invalid_argument);
  CHECK_THROWS_AS((void)morris_design(3, 10, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS((void)morris_effects(a, std::vector<double>(3)), std::invalid_argument);
}

TEST_CASE("Morris effects of a linear function: mu* = |c| x range, sigma = 0") {
  const std::vector<FactorRange> ranges = {{0, 2}, {-1, 1}, {10, 20}, {0, 1}};
  const std::vector<double> c = {3.0, -0.5, 0.1, 0.0};
  const auto d = morris_design(4, 20, 4, 3);
  const auto e = effects_of(d, ranges, [&](const std::vector<double>& x) {
    return 5 + c[0] * x[0] + c[1] * x[1] + c[2] * x[2] + c[3] * x[3];
  });
  for (std::size_t i = 0; i < 4; ++i) {
    const double range = ranges[i].max - ranges[i].min;
    CHECK(e.mu_star[i] == doctest::Approx(std::abs(c[i]) * range));
    CHECK(e.mu[i] == doctest::Approx(c[i] * range));
    CHECK(e.sigma[i] == doctest::Approx(0.0).epsilon(1e-9));
  }
  CHECK(e.mu_star[3] == 0);  // no effect: exactly 0
  CHECK(e.sigma[3] == 0);
}

TEST_CASE("Morris effects of an additive function: each effect depends on its factor alone") {
  // y = x1^2 + sin(x2) + 0 * x3 on [0, 1]^3, p = 4, Delta = 2/3: x1 moves 0 <-> 2/3 or
  // 1/3 <-> 1, so its effect is (4/9) / (2/3) or (1 - 1/9) / (2/3).
  const std::vector<FactorRange> ranges(3, FactorRange{0, 1});
  const auto d = morris_design(3, 300, 4, 9);
  const auto e = effects_of(
      d, ranges, [](const std::vector<double>& x) { return x[0] * x[0] + std::sin(x[1]); });
  const double low_pair = (4.0 / 9) / (2.0 / 3), high_pair = (8.0 / 9) / (2.0 / 3);
  std::size_t lows = 0;
  for (const double ee : e.effects[0]) {
    const bool is_low = std::abs(ee - low_pair) < 1e-12;
    CHECK((is_low || std::abs(ee - high_pair) < 1e-12));
    lows += is_low;
  }
  CHECK(lows > 100);  // both pairs occur, about equally
  CHECK(lows < 200);
  CHECK(e.mu[0] == doctest::Approx(e.mu_star[0]));  // x1^2 only grows on [0, 1]
  CHECK(e.sigma[0] > 0.1);
  CHECK(e.mu_star[0] == doctest::Approx((low_pair + high_pair) / 2).epsilon(0.1));
  CHECK(e.mu_star[2] == 0);
  CHECK(e.sigma[2] == 0);
}

TEST_CASE("Morris effects of the Ishigami function on a 4-level grid") {
  // Levels -pi, -pi/3, pi/3, pi; Delta = 2/3 moves a factor -pi <-> pi/3 or -pi/3 <-> pi.
  // x2 acts alone: every |effect| is 7 (3/4) / (2/3) = 7.875, with either sign.
  // x1: sin x1 gains sqrt(3)/2 on both pairs, scaled by 1 + 0.1 x3^4 with x3^4 = pi^4 or
  // (pi/3)^4: effects always positive, two values, mean 7.70.
  // x3 acts only through x1: 0.1 sin(x1) (+-80 pi^4 / 81) / Delta, zero when sin x1 = 0;
  // signs cancel, so mu is near 0 while mu* (6.25 expected) and sigma are large.
  const std::vector<FactorRange> ranges(3, FactorRange{-pi, pi});
  const std::size_t r = 500;
  const auto d = morris_design(3, r, 4, 21);
  const auto e = effects_of(d, ranges, [](const std::vector<double>& x) {
    return std::sin(x[0]) + 7 * std::sin(x[1]) * std::sin(x[1]) +
           0.1 * std::pow(x[2], 4) * std::sin(x[0]);
  });
  const double pi4 = std::pow(pi, 4), half_root3 = std::sqrt(3.0) / 2, delta = 2.0 / 3;
  for (const double ee : e.effects[1]) CHECK(std::abs(ee) == doctest::Approx(7.875));
  CHECK(e.mu_star[1] == doctest::Approx(7.875));
  const double x1_small = half_root3 * (1 + 0.1 * pi4 / 81) / delta;
  const double x1_large = half_root3 * (1 + 0.1 * pi4) / delta;
  for (const double ee : e.effects[0]) {
    CHECK((std::abs(ee - x1_small) < 1e-9 || std::abs(ee - x1_large) < 1e-9));
  }
  const double x3_large = 0.1 * half_root3 * 80 * pi4 / 81 / delta;
  for (const double ee : e.effects[2]) {
    CHECK((std::abs(ee) < 1e-9 || std::abs(std::abs(ee) - x3_large) < 1e-9));
  }
  // Each of x1's and x3's effects takes two values with chance 1/2: sd 6.25 for each, so
  // four standard errors are 1.12 at r = 500.
  const double four_se = 4 * 6.25 / std::sqrt(static_cast<double>(r));
  CHECK(e.mu_star[0] == doctest::Approx((x1_small + x1_large) / 2).epsilon(four_se / 7.7));
  CHECK(e.mu[0] == doctest::Approx(e.mu_star[0]));
  CHECK(std::abs(e.mu_star[2] - x3_large / 2) < four_se);
  CHECK(std::abs(e.mu[2]) < 0.3 * e.mu_star[2]);
  CHECK(e.sigma[2] > 0.8 * x3_large / 2);
  CHECK(e.mu_star[2] < e.mu_star[1]);  // x3 ranks last
  CHECK(e.mu_star[2] < e.mu_star[0]);
}
