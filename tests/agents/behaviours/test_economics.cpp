#include "agents/behaviours/economics.hpp"
#include "test.h"

using namespace aiplus::agents;

namespace {

StepCase typical() {
  return {100.0, 0.1, 0.2, 0.5, 1.0, 1.0, 1.0, 0.0, 20.0, 36.0};
}

}  // namespace

TEST_CASE("the monthly gain is output x gamma x stage step x use x frontier x demand x data") {
  CHECK(monthly_gain(typical()) == doctest::Approx(100 * 0.1 * 0.2 * 0.5));
  auto c = typical();
  c.frontier = 2, c.demand = 1.5, c.data = 1.2;
  CHECK(monthly_gain(c) == doctest::Approx(1.0 * 2 * 1.5 * 1.2));
}

TEST_CASE("the return weighs payback-horizon value against cost") {
  auto c = typical();  // gain 1/month over 36 months against 20
  CHECK(step_return(c) == doctest::Approx(36.0 / 20 - 1));
  c.extra_compute = 0.5;
  CHECK(step_return(c) == doctest::Approx(18.0 / 20 - 1));
  c.one_time_cost = 10;  // a voucher halves the cost: the return rises
  CHECK(step_return(c) > 18.0 / 20 - 1);
}

TEST_CASE("the step-up probability rises with the return, capped by the rate, slowed by delay") {
  CHECK(step_probability(0.0, 0.08, 2.0, 0) == 0.0);  // a step that does not pay is not taken
  CHECK(step_probability(-0.5, 0.08, 2.0, 0) == 0.0);
  CHECK(step_probability(1e-3, 0.08, 2.0, 0) > 0.0);
  CHECK(step_probability(5.0, 0.08, 2.0, 0) > 0.079);
  CHECK(step_probability(5.0, 0.08, 2.0, 0) <= 0.08);
  CHECK(step_probability(1.0, 0.08, 2.0, 0) > step_probability(0.5, 0.08, 2.0, 0));
  CHECK(step_probability(1.0, 0.08, 2.0, 6) ==
        doctest::Approx(step_probability(1.0, 0.08, 2.0, 0) / 2));
}

TEST_CASE("no return, however large, lifts the step-up probability above its ceiling") {
  // The firm step skips the economics when the draw is at or above the ceiling, so
  // this must hold exactly, not approximately, down to the last bit.
  for (const double rate : {1.0, 0.08, 0.3, 1e-3}) {
    for (const double delay : {0.0, 1.0, 3.7, 12.0}) {
      const double ceiling = step_probability_ceiling(rate, delay);
      for (const double ret : {-1e9, -3.0, 0.0, 0.7, 40.0, 1e9, 1e300}) {
        CHECK(step_probability(ret, rate, 2.0, delay) <= ceiling);
      }
      CHECK(step_probability(1e9, rate, 2.0, delay) == ceiling);  // the ceiling is reached
    }
  }
}

TEST_CASE("integration costs grow with size and with the digitization gap") {
  CHECK(cost_scale(10, 0.8) == doctest::Approx(1));
  CHECK(cost_scale(1000, 0.8) == doctest::Approx(std::pow(100, 0.8)));
  CHECK(integration_cost(10, 1, 1.0, 2.0) == doctest::Approx(10));
  CHECK(integration_cost(10, 1, 0.0, 2.0) == doctest::Approx(30));
  CHECK(integration_cost(10, cost_scale(1000, 0.8), 1.0, 2.0) ==
        doctest::Approx(10 * std::pow(100, 0.8)));
}
