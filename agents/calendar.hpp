// The model's calendar: step t is the month t after the start month.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/schedule.hpp"

namespace aiplus::agents {

/// First month of every run: January 2025, the eve of the directive's first milestones.
inline constexpr int kStartYear = 2025;
inline constexpr int kStartMonth = 1;

/// "YYYY-MM" of the month `months` after the start.
[[nodiscard]] inline std::string month_label(std::int64_t months) {
  return core::month_text(
      static_cast<core::MonthIndex>(kStartYear * 12 + (kStartMonth - 1) + months));
}

/// CF units of the time coordinate.
inline constexpr const char* kTimeUnits = "days since 2025-01-01";

/// Days from 2025-01-01 to the first day of the month `months` after the start.
[[nodiscard]] inline std::int32_t days_since_start(std::int64_t months) {
  using namespace std::chrono;
  const year_month start{year{kStartYear}, month{kStartMonth}};
  const auto first = sys_days{(start + std::chrono::months{months}) / 1};
  return static_cast<std::int32_t>((first - sys_days{start / 1}).count());
}

/// The time coordinate of rows 0..steps.
[[nodiscard]] inline std::vector<std::int32_t> time_coordinate(std::uint32_t steps) {
  std::vector<std::int32_t> days;
  for (std::uint32_t k = 0; k <= steps; ++k) days.push_back(days_since_start(k));
  return days;
}

}  // namespace aiplus::agents
