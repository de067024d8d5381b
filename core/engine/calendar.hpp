// The run's calendar: row t of every series is the state at the start of the
// month t months after the start month, which a config chooses
// (`simulation.start`). Every month index, date label and time coordinate derives
// from it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/schedule.hpp"

namespace aiplus::core {

/// Monthly steps from a start month.
class Calendar {
 public:
  /// The most months a run may take: schedules are checked against this span.
  static constexpr std::int64_t kMaxSteps = 1200;

  Calendar() = default;
  explicit Calendar(MonthIndex start) : start_(start) {}

  /// The first month of the run.
  [[nodiscard]] MonthIndex start() const noexcept { return start_; }
  /// The month `rows` months after the start.
  [[nodiscard]] MonthIndex month(std::int64_t rows) const noexcept {
    return static_cast<MonthIndex>(start_ + rows);
  }
  /// The row whose state is that at the start of `month` (negative before the start).
  [[nodiscard]] std::int64_t row(MonthIndex month) const noexcept { return month - start_; }
  /// "YYYY-MM" of the month `rows` months after the start.
  [[nodiscard]] std::string label(std::int64_t rows) const { return month_text(month(rows)); }

  /// CF units of the time coordinate: "days since YYYY-MM-01" of the start month.
  [[nodiscard]] std::string time_units() const { return "days since " + label(0) + "-01"; }
  /// Days from the first day of the start month to the first day of month `rows`.
  [[nodiscard]] std::int32_t days(std::int64_t rows) const {
    using namespace std::chrono;
    const year_month first{year{start_ / 12},
                           std::chrono::month{static_cast<unsigned>(start_ % 12 + 1)}};
    const auto then = sys_days{(first + std::chrono::months{rows}) / 1};
    return static_cast<std::int32_t>((then - sys_days{first / 1}).count());
  }
  /// The time coordinate of rows 0..steps.
  [[nodiscard]] std::vector<std::int32_t> time_coordinate(std::uint32_t steps) const {
    std::vector<std::int32_t> out;
    for (std::uint32_t k = 0; k <= steps; ++k) out.push_back(days(k));
    return out;
  }

 private:
  MonthIndex start_ = 0;
};

}  // namespace aiplus::core
