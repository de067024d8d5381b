// Effective use, absorption and productivity (docs/MODEL.md sections 7.13-7.15).
#pragma once

#include <algorithm>
#include <cmath>

namespace aiplus::agents {

/// e = d^a h^b: AI pays only with its complements in place.
[[nodiscard]] inline double effective_use(double d, double h, double a, double b) noexcept {
  d = std::max(d, 0.0), h = std::max(h, 0.0);
  if (a == 0.5 && b == 0.5) return std::sqrt(d * h);  // the default, without two pow calls per firm
  return std::pow(d, a) * std::pow(h, b);
}

/// Absorbed capability after a month: moves toward the frontier at a rate
/// proportional to effective use (the rate includes partners' spillovers).
[[nodiscard]] constexpr double next_capability(double c, double frontier, double use,
                                               double rate) noexcept {
  const double step = std::clamp(rate * use, 0.0, 1.0);
  return c + step * (frontier - c);
}

/// The J-curve factor: 1 - depth right after a stage change, recovering linearly
/// over `months`; 1 for a firm that never changed stage.
[[nodiscard]] constexpr double jcurve(double months_since_change, double depth,
                                      double months) noexcept {
  if (months_since_change < 0 || months <= 0) return 1.0;
  return 1.0 - depth * std::max(0.0, 1.0 - months_since_change / months);
}

/// The AI factor of productivity: 1 + gamma w(S) e c m, gamma the share of output
/// saved at full use of the start month's frontier, c capability in use (bounded by
/// the frontier's ceiling), m the data and demand multiplier.
[[nodiscard]] constexpr double ai_factor(double gamma, double stage_weight, double use,
                                         double capability, double multiplier = 1.0) noexcept {
  return 1.0 + gamma * stage_weight * use * capability * multiplier;
}

/// gamma of a sector: labour's share of the cost of exposed work x the share of the
/// sector's work exposed to AI x the cost saving on exposed work at the frontier.
[[nodiscard]] constexpr double sector_gain(double labour_cost_share, double exposure,
                                           double saving) noexcept {
  return labour_cost_share * exposure * saving;
}

}  // namespace aiplus::agents
