// Names and labels of a sweep plan's runs and cells.
#include "core/study/sweep/sweep_plan.hpp"

namespace aiplus::core {
std::string unquoted(const std::string& text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    return text.substr(1, text.size() - 2);
  return text;
}

std::string variable_name(std::string_view key) {
  std::string name(key);
  for (char& c : name)
    if (c == '.') c = '_';
  return name;
}

std::string grid_label(const SweepPlan& plan, const RunLabel& run) {
  std::string out;
  for (std::size_t k = 0; k < plan.grid_keys.size() && k < run.grid_values.size(); ++k) {
    out += (out.empty() ? "" : " ") + variable_name(plan.grid_keys[k]) + "=" +
           unquoted(run.grid_values[k]);
  }
  return out;
}

std::string cell_label(const SweepPlan& plan, const RunLabel& run) {
  std::string out = "arm=" + run.arm;
  if (const auto grid = grid_label(plan, run); !grid.empty()) out += " " + grid;
  if (!plan.sample_keys.empty()) out += " point=" + std::to_string(run.point);
  return out;
}

}  // namespace aiplus::core
