#include "agents/behaviours/consideration.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("the adoption probability is p + q x, capped at 1") {
  CHECK(adoption_probability(0.01, 0.3, 0.0) == doctest::Approx(0.01));
  CHECK(adoption_probability(0.01, 0.3, 0.5) == doctest::Approx(0.16));
  CHECK(adoption_probability(0.01, 0.3, 1.0) == doctest::Approx(0.31));
  CHECK(adoption_probability(0.8, 0.9, 1.0) == 1.0);
  CHECK(adoption_probability(0.0, 0.0, 1.0) == 0.0);
}

TEST_CASE("a draw adopts exactly when it falls at or under the probability") {
  CHECK_FALSE(adopts(0.0, 1e-300));  // u is never 0, so probability 0 never adopts
  CHECK(adopts(1.0, 1.0));           // and probability 1 always does
  CHECK(adopts(0.3, 0.3));
  CHECK_FALSE(adopts(0.3, 0.3000001));
}
