// Digitization (docs/MODEL.md section 7.12): every month a firm closes a share of the gap
// to full digitization, faster with support and while it runs AI pilots.
#pragma once

#include <algorithm>

namespace aiplus::agents {

/// d after one month at the given annual rate (share of the gap closed per year).
[[nodiscard]] constexpr double next_digitization(double d, double annual_rate) noexcept {
  const double monthly = std::clamp(annual_rate / 12.0, 0.0, 1.0);
  return d + monthly * (1.0 - d);
}

}  // namespace aiplus::agents
