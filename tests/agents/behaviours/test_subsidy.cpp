#include <vector>

#include "agents/behaviours/subsidy.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("targeting rules rank firms") {
  CHECK(subsidy_class(Targeting::None, kPrivate, kMicro, false) == 0);
  CHECK(subsidy_class(Targeting::SoeFirst, kCentralSoe, kMicro, false) == 0);
  CHECK(subsidy_class(Targeting::SoeFirst, kPrivate, kLarge, false) == 1);
  CHECK(subsidy_class(Targeting::LargeFirst, kPrivate, kLarge, false) == 0);
  CHECK(subsidy_class(Targeting::LargeFirst, kPrivate, kMicro, false) == 3);
  CHECK(subsidy_class(Targeting::PrioritySectors, kPrivate, kSmall, true) == 0);
  CHECK(subsidy_class(Targeting::PrioritySectors, kPrivate, kSmall, false) == 1);
  CHECK(subsidy_class(Targeting::SmeVoucher, kPrivate, kSmall, false) == 0);
  CHECK(subsidy_class(Targeting::SmeVoucher, kPrivate, kLarge, false) == kNotEligible);
  CHECK(subsidy_class(Targeting::SmeVoucher, kLocalSoe, kSmall, false) == kNotEligible);
}

TEST_CASE("slots order by class, then lottery") {
  CHECK(subsidy_slot(0, 0) < subsidy_slot(0, 0xFFFFFFFFu));
  CHECK(subsidy_slot(0, 0xFFFFFFFFu) < subsidy_slot(1, 0));
  CHECK(subsidy_slot(3, 0xFFFFFFFFu) == kSubsidySlots - 1);
}

TEST_CASE("the budget funds slots in rank order, skipping those that no longer fit") {
  std::vector<double> cost(kSubsidySlots, 0.0);
  cost[0] = 5, cost[1] = 4, cost[2] = 2, cost[300] = 1;
  const auto funded = funded_slots(cost, 8.0);
  CHECK(funded[0]);
  CHECK_FALSE(funded[1]);  // 5 + 4 > 8: skipped
  CHECK(funded[2]);
  CHECK(funded[300]);
  CHECK_FALSE(funded[3]);  // nobody there
  double paid = 0;
  for (std::size_t s = 0; s < kSubsidySlots; ++s) paid += funded[s] ? cost[s] : 0;
  CHECK(paid == 8.0);
  const auto none = funded_slots(cost, 0.5);
  for (bool f : none) CHECK_FALSE(f);
}
