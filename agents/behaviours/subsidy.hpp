// Subsidy allocation (docs/MODEL.md section 7.7). Eligible firms are ranked by
// the targeting rule's class and, within a class, by a lottery number drawn per
// firm and month; vouchers go down that ranking until the month's budget is spent.
// Ranking uses (class, lottery bin) slots, so the funded slots are found from a
// histogram of voucher cost and the same firms win whatever the thread count.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "agents/levers.hpp"
#include "agents/taxonomy.hpp"

namespace aiplus::agents {

inline constexpr std::uint8_t kNotEligible = 255;
inline constexpr std::size_t kSubsidyClasses = 4;
inline constexpr std::size_t kLotteryBins = 256;
inline constexpr std::size_t kSubsidySlots = kSubsidyClasses * kLotteryBins;

/// The priority class of a firm under a targeting rule (0 first), or kNotEligible.
[[nodiscard]] constexpr std::uint8_t subsidy_class(Targeting rule, std::uint8_t ownership,
                                                   std::uint8_t size,
                                                   bool priority_sector) noexcept {
  switch (rule) {
    case Targeting::None:
      return 0;
    case Targeting::SoeFirst:
      return is_soe(ownership) ? 0 : 1;
    case Targeting::LargeFirst:
      return static_cast<std::uint8_t>(kLarge - size);
    case Targeting::PrioritySectors:
      return priority_sector ? 0 : 1;
    case Targeting::SmeVoucher:
      return is_sme(size) && !is_soe(ownership) ? 0 : kNotEligible;
  }
  return kNotEligible;
}

/// The slot of a firm: its class, then its lottery bin (from a 32-bit random word).
[[nodiscard]] constexpr std::uint16_t subsidy_slot(std::uint8_t cls,
                                                   std::uint32_t lottery) noexcept {
  return static_cast<std::uint16_t>(cls * kLotteryBins + (lottery >> 24));
}

/// Which slots the budget funds: slots are taken in rank order, and a slot whose
/// vouchers no longer fit in what is left is skipped for the next. The total of
/// the funded slots never exceeds the budget.
[[nodiscard]] inline std::array<bool, kSubsidySlots> funded_slots(
    std::span<const double> cost_by_slot, double budget) noexcept {
  std::array<bool, kSubsidySlots> funded{};
  double left = budget;
  for (std::size_t s = 0; s < cost_by_slot.size() && s < kSubsidySlots; ++s) {
    if (cost_by_slot[s] > 0 && cost_by_slot[s] <= left) {
      funded[s] = true;
      left -= cost_by_slot[s];
    }
  }
  return funded;
}

}  // namespace aiplus::agents
