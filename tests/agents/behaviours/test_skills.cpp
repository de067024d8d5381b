#include "agents/behaviours/skills.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("tiers are filled in priority order and never beyond supply") {
  const std::array<double, 3> demand = {100, 50, 200};
  const auto plenty = clear_market(demand, 50, 1000);
  CHECK(plenty == std::array<double, 3>{1, 1, 1});
  const auto scarce = clear_market(demand, 30, 100);  // 130 engineers for 350 wanted
  CHECK(scarce[0] == 1.0);
  CHECK(scarce[1] == doctest::Approx(0.6));
  CHECK(scarce[2] == 0.0);
  double hired = 0;
  for (std::size_t k = 0; k < 3; ++k) hired += scarce[k] * demand[k];
  CHECK(hired <= 130 + 1e-9);
  CHECK(clear_market(std::array<double, 3>{0, 10, 0}, 0, 5)[0] ==
        1.0);  // no demand: nothing missing
}

TEST_CASE("elite engineers serve SOEs and large firms first, then the others") {
  // Only elite engineers: the first tier takes what it needs, the rest go down the tiers.
  const auto elite_only = clear_market(std::array<double, 3>{10, 10, 10}, 25, 0);
  CHECK(elite_only[0] == 1.0);
  CHECK(elite_only[1] == 1.0);
  CHECK(elite_only[2] == doctest::Approx(0.5));
  // Scarce: the first tier is served before any other gets one.
  const auto scarce = clear_market(std::array<double, 3>{10, 10, 10}, 8, 0);
  CHECK(scarce[0] == doctest::Approx(0.8));
  CHECK(scarce[1] == 0.0);
  // More elite engineers never lower a tier's fill.
  for (double elite : {0.0, 5.0, 15.0, 40.0}) {
    const auto less = clear_market(std::array<double, 3>{10, 20, 30}, elite, 12);
    const auto more = clear_market(std::array<double, 3>{10, 20, 30}, elite + 5, 12);
    for (std::size_t k = 0; k < 3; ++k) CHECK(more[k] >= less[k]);
  }
}

TEST_CASE("skill fill rises toward the tier's fill with a lag and falls at once") {
  CHECK(next_skill_fill(0.0, 0.8, 0.25) == doctest::Approx(0.2));
  CHECK(next_skill_fill(0.6, 0.8, 0.5) == doctest::Approx(0.7));
  CHECK(next_skill_fill(0.9, 0.4, 0.25) == 0.4);
  double h = 0;
  for (int month = 0; month < 100; ++month) h = next_skill_fill(h, 0.8, 0.1);
  CHECK(h == doctest::Approx(0.8).epsilon(1e-3));
}

TEST_CASE("a stage change keeps the engineers and spreads them over the larger need") {
  CHECK(rescale_skill_fill(0.9, 3, 9) == doctest::Approx(0.3));
  CHECK(rescale_skill_fill(0.9, 0, 3) == 0.0);
  CHECK(rescale_skill_fill(0.5, 3, 0) == 0.0);
}
