#include "agents/behaviours/digitization.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("digitization closes a share of its gap each month") {
  CHECK(next_digitization(0.0, 0.12) == doctest::Approx(0.01));
  CHECK(next_digitization(0.5, 0.12) == doctest::Approx(0.505));
  CHECK(next_digitization(1.0, 0.5) == 1.0);
  double d = 0.2;
  for (int month = 0; month < 12; ++month) d = next_digitization(d, 0.24);
  CHECK(d > 0.2 + 0.8 * 0.2);
  CHECK(d < 0.2 + 0.8 * 0.24);
}
