// Readiness (MODEL.md section 8): deployment needs digitization >= 0.3 and
// integration >= 0.6; a pilot needs none.
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

}  // namespace aiplus::agents
