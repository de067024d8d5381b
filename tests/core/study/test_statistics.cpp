// Student t intervals, paired differences, 2x2 factorial effects, weighted quantiles.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "core/study/statistics.hpp"

using namespace aiplus::core;

TEST_CASE("t quantiles: the table for small df, the normal beyond, none without df") {
  CHECK(t_quantile_975(1) == doctest::Approx(12.706));
  CHECK(t_quantile_975(4) == doctest::Approx(2.776));
  CHECK(t_quantile_975(30) == doctest::Approx(2.042));
  CHECK(t_quantile_975(1000) == doctest::Approx(1.96));
  CHECK(std::isinf(t_quantile_975(0)));
  for (std::size_t df = 1; df < 40; ++df) CHECK(t_quantile_975(df + 1) <= t_quantile_975(df));
}

TEST_CASE("mean interval: mean plus or minus t times the standard error") {
  const std::vector<double> v = {1, 2, 3, 4, 5};  // mean 3, sd sqrt(2.5)
  const auto m = mean_interval(v);
  CHECK(m.n == 5);
  CHECK(m.mean == doctest::Approx(3));
  CHECK(m.half_width == doctest::Approx(2.776 * std::sqrt(2.5 / 5)));
  CHECK(m.low == doctest::Approx(3 - m.half_width));
  CHECK(m.high == doctest::Approx(3 + m.half_width));

  const std::vector<double> one = {7};
  const auto single = mean_interval(one);
  CHECK(single.mean == 7);
  CHECK(std::isinf(single.half_width));
  CHECK(single.low < -1e300);
  CHECK(single.high > 1e300);
  CHECK_THROWS_AS((void)mean_interval(std::vector<double>{}), std::invalid_argument);
}

TEST_CASE("paired difference: the interval of the per-seed differences") {
  // A common seed effect that pairing removes: the differences are 1, 1.1, 0.9, 1, 1.
  const std::vector<double> control = {10, 50, -20, 3, 8};
  const std::vector<double> treated = {11, 51.1, -19.1, 4, 9};
  const auto d = paired_difference(treated, control);
  CHECK(d.mean == doctest::Approx(1.0));
  const double sd = std::sqrt((0.01 + 0.01) / 4);
  CHECK(d.half_width == doctest::Approx(2.776 * sd / std::sqrt(5.0)));
  CHECK(d.low > 0.8);
  CHECK(d.high < 1.2);
  CHECK_THROWS_AS((void)paired_difference(treated, std::vector<double>{1, 2}),
                  std::invalid_argument);
}

TEST_CASE("2x2 factorial: main effects and interaction of a known surface") {
  // y = 2 + 3 a - 1 b + 0.5 a b + seed noise shared by the four arms of a seed.
  const std::vector<double> noise = {0.3, -1.2, 2.0, 0.0, 0.7, -0.4};
  std::vector<double> a0b0, a1b0, a0b1, a1b1;
  for (std::size_t s = 0; s < noise.size(); ++s) {
    const double extra = 0.01 * (static_cast<double>(s % 3) - 1);  // mean-zero seed wobble
    a0b0.push_back(2 + noise[s]);
    a1b0.push_back(5 + noise[s] + extra);
    a0b1.push_back(1 + noise[s]);
    a1b1.push_back(4.5 + noise[s] - extra);
  }
  const auto e = factorial_effects(a0b0, a1b0, a0b1, a1b1);
  CHECK(e.a.mean == doctest::Approx(3.25));   // 3 + 0.5 / 2
  CHECK(e.b.mean == doctest::Approx(-0.75));  // -1 + 0.5 / 2
  CHECK(e.interaction.mean == doctest::Approx(0.5));
  CHECK(e.a.half_width == doctest::Approx(0.0).epsilon(1e-9));  // the wobble cancels in a
  CHECK(e.interaction.half_width > 0);
  CHECK(e.interaction.low < 0.5);
  CHECK(e.interaction.high > 0.5);
  CHECK(e.a.n == 6);
  CHECK_THROWS_AS((void)factorial_effects(a0b0, a1b0, a0b1, std::vector<double>{1}),
                  std::invalid_argument);
}

TEST_CASE("weighted mean and quantiles") {
  const std::vector<double> v = {3, 1, 2, 10};
  const std::vector<double> w = {1, 1, 2, 0};
  CHECK(weighted_mean(v, w) == doctest::Approx((3 + 1 + 4) / 4.0));
  // Sorted with positive weight: 1 (w 1), 2 (w 2), 3 (w 1) at positions 1/8, 1/2, 7/8.
  CHECK(weighted_quantile(v, w, 0.5) == doctest::Approx(2));
  CHECK(weighted_quantile(v, w, 0.125) == doctest::Approx(1));
  CHECK(weighted_quantile(v, w, 0.3125) == doctest::Approx(1.5));
  CHECK(weighted_quantile(v, w, 0.0) == 1);
  CHECK(weighted_quantile(v, w, 1.0) == 3);  // the zero-weight 10 never counts
  const std::vector<double> ps = {0.05, 0.5, 0.95};
  const auto q = weighted_quantiles(v, w, ps);
  REQUIRE(q.size() == 3);
  CHECK(q[0] <= q[1]);
  CHECK(q[1] <= q[2]);

  // Scaling the weights changes nothing.
  const std::vector<double> w10 = {10, 10, 20, 0};
  CHECK(weighted_quantile(v, w10, 0.3) == weighted_quantile(v, w, 0.3));

  CHECK_THROWS_AS((void)weighted_mean(v, std::vector<double>{1, -1, 1, 1}), std::invalid_argument);
  CHECK_THROWS_AS((void)weighted_mean(v, std::vector<double>{0, 0, 0, 0}), std::invalid_argument);
  CHECK_THROWS_AS((void)weighted_quantile(v, w, 1.5), std::invalid_argument);
}

TEST_CASE("unweighted quantile is the Hazen rule") {
  const std::vector<double> v = {4, 1, 3, 2};
  CHECK(quantile(v, 0.5) == doctest::Approx(2.5));
  CHECK(quantile(v, 0.125) == doctest::Approx(1));
  CHECK(quantile(v, 0.25) == doctest::Approx(1.5));
  CHECK(quantile(v, 0.0) == 1);
  CHECK(quantile(v, 1.0) == 4);
  std::vector<double> many(1001);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<double>(1000 - i);
  CHECK(quantile(many, 0.5) == doctest::Approx(500));
  CHECK(quantile(many, 0.9) == doctest::Approx(900.4));
}
