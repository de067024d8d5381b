#include "agents/behaviours/productivity.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("effective use needs both complements") {
  CHECK(effective_use(1, 1, 0.5, 0.5) == 1.0);
  CHECK(effective_use(0.25, 1, 0.5, 0.5) == doctest::Approx(0.5));
  CHECK(effective_use(1, 0, 0.5, 0.5) == 0.0);
  CHECK(effective_use(0.36, 0.25, 0.5, 0.5) == doctest::Approx(0.3));
}

TEST_CASE("capability moves toward the frontier at a rate proportional to use") {
  CHECK(next_capability(0, 2, 1, 0.1) == doctest::Approx(0.2));
  CHECK(next_capability(0, 2, 0.5, 0.1) == doctest::Approx(0.1));
  CHECK(next_capability(1, 2, 0, 0.1) == 1.0);
  double c = 0;
  for (int month = 0; month < 500; ++month) c = next_capability(c, 3, 0.8, 0.05);
  CHECK(c == doctest::Approx(3).epsilon(1e-6));
  CHECK(next_capability(0.5, 3, 100, 0.05) == 3.0);  // never overshoots
}

TEST_CASE("the J-curve dips after a stage change and recovers") {
  CHECK(jcurve(-1, 0.05, 12) == 1.0);
  CHECK(jcurve(0, 0.05, 12) == doctest::Approx(0.95));
  CHECK(jcurve(6, 0.05, 12) == doctest::Approx(0.975));
  CHECK(jcurve(12, 0.05, 12) == 1.0);
  CHECK(jcurve(40, 0.05, 12) == 1.0);
}

TEST_CASE("a sector's gain is labour cost share x exposure x saving, bounded by the ceiling") {
  CHECK(sector_gain(0.55, 0.3, 0.27) == doctest::Approx(0.04455));
  // At full integration, full use and the frontier's ceiling the factor is bounded.
  const double gamma = sector_gain(0.55, 0.63, 0.27);
  CHECK(ai_factor(gamma, 1.0, 1.0, 2.5) == doctest::Approx(1 + gamma * 2.5));
  CHECK(ai_factor(0.0, 1.0, 1.0, 2.5) == 1.0);  // AI worth nothing
}

TEST_CASE("the AI factor is 1 + gamma w e c") {
  CHECK(ai_factor(0.1, 0.6, 0.5, 2) == doctest::Approx(1.06));
  CHECK(ai_factor(0.1, 0.0, 1, 5) == 1.0);
}
