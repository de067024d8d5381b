// The model's calendar: step t is the month (or quarter) t after the start month.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace aiplus::agents {

/// First month of every run: January 2025, the eve of the directive's first milestones.
inline constexpr int kStartYear = 2025;
inline constexpr int kStartMonth = 1;

/// "YYYY-MM" of the month `months` after the start.
[[nodiscard]] inline std::string month_label(std::int64_t months) {
  const std::int64_t index = (kStartYear * 12 + (kStartMonth - 1)) + months;
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02lld", static_cast<long long>(index / 12),
                static_cast<long long>(index % 12 + 1));
  return text;
}

}  // namespace aiplus::agents
