#include "core/engine/calendar.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {
MonthIndex month(const char* text) {
  MonthIndex m = 0;
  REQUIRE(parse_month(text, m));
  return m;
}
}  // namespace

TEST_CASE("rows count months from the start month") {
  const Calendar c(month("2023-11"));
  CHECK(c.label(0) == "2023-11");
  CHECK(c.label(2) == "2024-01");
  CHECK(c.month(14) == month("2025-01"));
  CHECK(c.row(month("2025-01")) == 14);
  CHECK(c.row(month("2023-01")) == -10);
}

TEST_CASE("the time coordinate is days since the first day of the start month") {
  const Calendar c(month("2024-01"));
  CHECK(c.time_units() == "days since 2024-01-01");
  CHECK(c.time_coordinate(3) == std::vector<std::int32_t>{0, 31, 60, 91});  // 2024 is a leap year
  CHECK(Calendar(month("2025-01")).days(12) == 365);
}
