// Readiness (docs/MODEL.md sections 7.10-7.11): deployment needs digitization >= 0.3 and
// integration >= 0.6 (the keys' defaults); a pilot needs none. A firm pushed past
// its readiness (an SOE mandate) uses AI only in part.
#pragma once

namespace aiplus::agents {

/// True when a firm at `stage` has the digitization to move to stage + 1.
[[nodiscard]] constexpr bool ready_for_next(int stage, double digitization, double deploy_threshold,
                                            double integrate_threshold) noexcept {
  if (stage == 0) return true;
  if (stage == 1) return digitization >= deploy_threshold;
  if (stage == 2) return digitization >= integrate_threshold;
  return false;
}

/// How much of its stage a firm can use: a firm at stage 2 or 3 below that stage's
/// digitization threshold (pushed there unready, by mandate) uses AI only in
/// proportion d / threshold. Effective use is scaled by it; this is how hollow
/// adoption arises.
[[nodiscard]] constexpr double readiness_factor(int stage, double digitization,
                                                double deploy_threshold,
                                                double integrate_threshold) noexcept {
  const double threshold = stage >= 3 ? integrate_threshold : stage == 2 ? deploy_threshold : 0.0;
  if (threshold <= 0 || digitization >= threshold) return 1.0;
  return digitization / threshold;
}

}  // namespace aiplus::agents
