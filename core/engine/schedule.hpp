// A lever's value over time: a constant, or dated points read as a step function
// (each value holds from its month until the next point) or as a linear ramp.
// Before the first point the first value holds; after the last, the last.
#pragma once

#include <climits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiplus::core {

/// A month as a count since year 0: year * 12 + (month - 1).
using MonthIndex = int;

/// Parses "YYYY-MM" (years 1900-2200); false when malformed.
[[nodiscard]] bool parse_month(std::string_view text, MonthIndex& out);
/// "YYYY-MM" of a month index.
[[nodiscard]] std::string month_text(MonthIndex month);

/// A number that may change on given dates.
struct Schedule {
  enum class Shape { Steps, Linear };
  Shape shape = Shape::Steps;
  /// (month, value) in strictly increasing month order; one point at kAlways for a constant.
  std::vector<std::pair<MonthIndex, double>> points;

  static constexpr MonthIndex kAlways = INT_MIN;

  /// A schedule that is `value` at every date.
  [[nodiscard]] static Schedule constant(double value) {
    return {Shape::Steps, {{kAlways, value}}};
  }
  [[nodiscard]] bool is_constant() const noexcept {
    return points.size() == 1 && points[0].first == kAlways;
  }
  /// The value in the given month.
  [[nodiscard]] double at(MonthIndex month) const noexcept {
    if (points.empty()) return 0.0;
    if (month <= points.front().first) return points.front().second;
    for (std::size_t k = 1; k < points.size(); ++k) {
      const auto& [m1, v1] = points[k];
      if (month < m1) {
        const auto& [m0, v0] = points[k - 1];
        if (shape == Shape::Steps) return v0;
        return v0 + (v1 - v0) * static_cast<double>(month - m0) / static_cast<double>(m1 - m0);
      }
    }
    return points.back().second;
  }
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

}  // namespace aiplus::core
