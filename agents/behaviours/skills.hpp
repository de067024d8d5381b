// The skills market (docs/MODEL.md section 7.6): per region, tiers are filled in priority
// order (SOEs and large firms, then medium, then small and micro); each tier draws on
// the elite pool first and the broad pool after, so elite engineers serve SOEs and
// large firms first and others only with what they leave (Ding: ordinary firms
// depend on the broad institutions that train ordinary engineers); a firm's skill
// fill h moves toward its tier's fill ratio with a hiring lag, and drops at once
// when its tier's fill falls, so engineers hired never exceed supply.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>

namespace aiplus::agents {

/// Fill ratios of each tier. demand: engineers wanted per tier, in priority order;
/// elite: the elite pool (graduates of elite AI majors), open to the first
/// `elite_tiers` tiers (every tier by default), who draw on it before the broad
/// pool; broad: the broad pool, open to every tier in order.
template <std::size_t Tiers>
[[nodiscard]] std::array<double, Tiers> clear_market(const std::array<double, Tiers>& demand,
                                                     double elite, double broad,
                                                     std::size_t elite_tiers = Tiers) {
  std::array<double, Tiers> fill{};
  for (std::size_t k = 0; k < Tiers; ++k) {
    if (demand[k] <= 0) {
      fill[k] = 1.0;
      continue;
    }
    const double from_elite = k < elite_tiers ? std::min(demand[k], elite) : 0.0;
    const double from_broad = std::min(demand[k] - from_elite, broad);
    elite -= from_elite;
    broad -= from_broad;
    fill[k] = (from_elite + from_broad) / demand[k];
  }
  return fill;
}

/// Skill fill next month: toward the tier's fill at `speed` when below it, down to
/// it at once when above.
[[nodiscard]] constexpr double next_skill_fill(double h, double tier_fill, double speed) noexcept {
  if (h >= tier_fill) return tier_fill;
  return h + std::clamp(speed, 0.0, 1.0) * (tier_fill - h);
}

/// Skill fill after a stage change: the same engineers against the new need.
[[nodiscard]] constexpr double rescale_skill_fill(double h, double old_need,
                                                  double new_need) noexcept {
  return new_need > 0 ? h * old_need / new_need : 0.0;
}

}  // namespace aiplus::agents
