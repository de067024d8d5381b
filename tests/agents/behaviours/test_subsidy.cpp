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

TEST_CASE("the budget goes down the ranking until it cannot pay the next firm") {
  std::vector<double> cost(kSubsidySlots, 0.0);
  cost[0] = 5, cost[1] = 4, cost[2] = 2, cost[300] = 1;
  const auto f = fund_down_ranking(cost, 8.0);
  CHECK(f.marginal == 1);  // 5 + 4 > 8: slot 1 is funded in part
  CHECK(f.left == 3.0);
  CHECK(funded_share(f, 0, 0.0, 5.0) == 1.0);
  CHECK(funded_share(f, 1, 0.0, 3.0) == 1.0);  // firms of slot 1 whose cumulative cost fits
  CHECK(funded_share(f, 1, 2.0, 2.0) == 0.5);  // the next gets what is left
  CHECK(funded_share(f, 1, 3.0, 1.0) == 0.0);  // nothing left for the one after
  CHECK(funded_share(f, 2, 0.0, 1.0) == 0.0);  // later slots get nothing, though they would fit
  CHECK(fund_down_ranking(cost, 100.0).marginal == kSubsidySlots);  // all funded
  CHECK(fund_down_ranking(cost, 0.5).marginal == 0);
}

TEST_CASE("whatever the budget and costs, the money paid is what the ranking reaches") {
  // Firms with voucher costs, ranked by slot then firm order: the greedy prefix.
  for (double budget : {0.0, 0.7, 3.3, 17.0, 1e6}) {
    CAPTURE(budget);
    std::vector<std::pair<std::size_t, double>> firms;  // (slot, voucher), in firm order
    for (std::size_t i = 0; i < 200; ++i)
      firms.push_back({(i * 37) % 5, 0.1 + static_cast<double>((i * 13) % 7) / 10});
    std::vector<double> cost(kSubsidySlots, 0.0);
    for (const auto& [slot, v] : firms) cost[slot] += v;
    const auto f = fund_down_ranking(cost, budget);
    double paid = 0, before = 0, demand = 0;
    for (const auto& [slot, v] : firms) {
      paid += v * funded_share(f, slot, before, v);
      if (slot == f.marginal) before += v;
      demand += v;
    }
    CHECK(paid <= budget + 1e-9);
    CHECK(paid == doctest::Approx(std::min(budget, demand)));  // spent to the last unit
  }
}
