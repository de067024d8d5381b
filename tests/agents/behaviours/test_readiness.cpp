#include "agents/behaviours/readiness.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("readiness: a pilot needs nothing, deployment and integration need digitization") {
  CHECK(ready_for_next(0, 0.0, 0.3, 0.6));
  CHECK_FALSE(ready_for_next(1, 0.29, 0.3, 0.6));
  CHECK(ready_for_next(1, 0.3, 0.3, 0.6));
  CHECK_FALSE(ready_for_next(2, 0.59, 0.3, 0.6));
  CHECK(ready_for_next(2, 0.6, 0.3, 0.6));
  CHECK_FALSE(ready_for_next(3, 1.0, 0.3, 0.6));
}

TEST_CASE("a firm pushed past its readiness uses AI only in part") {
  CHECK(readiness_factor(1, 0.1, 0.3, 0.6) == 1.0);
  CHECK(readiness_factor(2, 0.15, 0.3, 0.6) == doctest::Approx(0.5));
  CHECK(readiness_factor(2, 0.45, 0.3, 0.6) == 1.0);
  CHECK(readiness_factor(3, 0.45, 0.3, 0.6) == doctest::Approx(0.75));
  CHECK(readiness_factor(3, 0.7, 0.3, 0.6) == 1.0);
}
