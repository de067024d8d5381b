#include "core/engine/schedule.hpp"

#include <cstdio>

namespace aiplus::core {

bool parse_month(std::string_view text, MonthIndex& out) {
  if (text.size() != 7 || text[4] != '-') return false;
  int year = 0, month = 0;
  for (int k = 0; k < 4; ++k) {
    if (text[k] < '0' || text[k] > '9') return false;
    year = year * 10 + (text[k] - '0');
  }
  for (int k = 5; k < 7; ++k) {
    if (text[k] < '0' || text[k] > '9') return false;
    month = month * 10 + (text[k] - '0');
  }
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return false;
  out = year * 12 + (month - 1);
  return true;
}

std::string month_text(MonthIndex month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", month / 12, month % 12 + 1);
  return text;
}

}  // namespace aiplus::core
