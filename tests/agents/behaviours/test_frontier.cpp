#include <cmath>

#include "agents/behaviours/frontier.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("the frontier rises towards its ceiling and never passes it") {
  for (double speed : {0.1, 0.35, 2.0, 12.0, 50.0}) {
    CAPTURE(speed);
    double f = 1.0, last = 1.0;
    for (int month = 0; month < 1200; ++month) {
      f = next_frontier(f, speed, 2.5);
      CHECK(f >= last);
      CHECK(f <= 2.5);
      last = f;
    }
    CHECK(f > 2.49);
  }
  CHECK(next_frontier(1.0, 0.0, 2.5) == 1.0);  // no innovation, no growth
}

TEST_CASE("the monthly path follows the logistic curve") {
  // F(t) = K / (1 + (K - 1) e^(-k t)) with k = 0.35/year, K = 2.5: F(5 years) is about 1.98.
  double f = 1.0;
  for (int month = 0; month < 60; ++month) f = next_frontier(f, 0.35, 2.5);
  CHECK(f == doctest::Approx(2.5 / (1 + 1.5 * std::exp(-0.35 * 5))).epsilon(0.02));
}

TEST_CASE("the frontier's past is the logistic extrapolated backwards") {
  // Where F stood at 0.5, it stands again after years_before_start years of growth.
  const double years = years_before_start(0.5, 0.35, 2.5);
  CHECK(years > 0);
  const double back = 2.5 / (1 + 1.5 * std::exp(0.35 * years));
  CHECK(back == doctest::Approx(0.5));
}
