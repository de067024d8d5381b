// Subsidy allocation (docs/MODEL.md section 7.7). Eligible firms are ranked by
// the targeting rule's class, within a class by a lottery bin drawn per firm and
// month, and within a bin by firm order; vouchers go down that ranking until the
// month's budget cannot pay the next one, at any budget size. The slots (class,
// bin) wholly funded are found from a histogram of voucher cost; in the one slot
// funded in part, firms are taken in firm order from per-block prefix sums, so
// the same firms win whatever the thread count.
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

/// How far down the ranking the month's budget reaches: every slot before
/// `marginal` is funded whole; the marginal slot's firms are funded in firm order
/// while their cumulative cost stays within `left`; later slots get nothing.
struct Funding {
  std::size_t marginal = kSubsidySlots;  ///< the slot funded in part; kSubsidySlots: none
  double left = 0;                       ///< budget left for the marginal slot
};

/// Goes down the slots in rank order until one costs more than what is left.
[[nodiscard]] inline Funding fund_down_ranking(std::span<const double> cost_by_slot,
                                               double budget) noexcept {
  Funding f{kSubsidySlots, budget};
  for (std::size_t s = 0; s < cost_by_slot.size() && s < kSubsidySlots; ++s) {
    if (cost_by_slot[s] > f.left) {
      f.marginal = s;
      return f;
    }
    f.left -= cost_by_slot[s];
  }
  return f;
}

/// The share of its voucher a firm of slot `slot` receives: all of it before the
/// marginal slot; in the marginal slot, all while the vouchers of the slot's firms
/// before it (`before`, in firm order) and its own (`cost`) fit in what was left,
/// then the part that still fits (an agent stands for many firms: the rest of the
/// budget funds some of them), then nothing. The budget is spent to the last unit.
[[nodiscard]] constexpr double funded_share(const Funding& f, std::size_t slot, double before,
                                            double cost) noexcept {
  if (slot < f.marginal) return 1.0;
  if (slot != f.marginal || !(cost > 0) || before >= f.left) return 0.0;
  return before + cost <= f.left ? 1.0 : (f.left - before) / cost;
}

}  // namespace aiplus::agents
