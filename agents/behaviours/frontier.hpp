// The AI frontier (docs/MODEL.md section 7.4): capability in use at the frontier
// follows a logistic path towards a ceiling; innovation capacity sets its speed.
// F = 1 in the anchor month (growth.frontier_anchor, 2025-01), whatever month a run
// starts in, so that capability is measured in the same units for every economy.
#pragma once

#include <algorithm>
#include <cmath>

namespace aiplus::agents {

/// F after one month of logistic growth at `speed` (per year) towards `ceiling`.
/// The monthly step never overshoots: F stays below the ceiling whatever the speed.
[[nodiscard]] constexpr double next_frontier(double frontier, double speed,
                                             double ceiling) noexcept {
  const double step = std::clamp(speed / 12.0, 0.0, 1.0);
  return frontier + step * frontier * (1.0 - frontier / ceiling);
}

/// F `years` after (or before, when negative) the month in which F = 1, on the
/// logistic path with this speed and ceiling: K / (1 + (K - 1) exp(-k years)).
[[nodiscard]] inline double logistic_frontier(double years, double speed, double ceiling) noexcept {
  return ceiling / (1.0 + (ceiling - 1.0) * std::exp(-speed * years));
}

/// Years before the start month at which a logistic frontier with this speed and
/// ceiling (F = 1 at the start) stood at `level` (0 < level < 1); the frontier's
/// past, extrapolated backwards.
[[nodiscard]] inline double years_before_start(double level, double speed,
                                               double ceiling) noexcept {
  // F(t) = K / (1 + (K - 1) exp(-k t)), so t = -ln((K / F - 1) / (K - 1)) / k.
  return std::log((ceiling / level - 1.0) / (ceiling - 1.0)) / speed;
}

}  // namespace aiplus::agents
