// The environment (docs/MODEL.md section 7.4): one value per month, or per region,
// that every firm reads. It advances serially at the start of each step.
#pragma once

#include <array>

#include "agents/firm_params.hpp"
#include "agents/levers.hpp"
#include "agents/taxonomy.hpp"

namespace aiplus::agents {

/// The state of the world in one month, with the levers' values for that month.
struct Environment {
  int month = 0;                                     ///< months since the start
  double frontier = 1;                               ///< F(t), frontier capability
  std::array<double, kRegions> raw_compute_price{};  ///< before hub interconnection
  std::array<double, kRegions> broad_pool{};         ///< engineers
  std::array<double, kRegions> elite_pool{};         ///< engineers
  double education = 1;                              ///< multiplier of the broad inflow
  std::array<double, kLevers> lever{};               ///< every lever's value this month
  double data_index = 0, open_source_index = 0;      ///< sums of the levers that raise them
  double subsidy_budget = 0;                         ///< kCNY per month

  /// Compute price in a region after interconnection closes part of the gap to the cheapest.
  [[nodiscard]] double compute_price(std::size_t region) const noexcept;
};

/// Working-age labour force in a month (start = 1), growing geometrically.
[[nodiscard]] double labour_force_index(const FirmParams& params, int month);

/// The environment of the start month.
[[nodiscard]] Environment initial_environment(const FirmParams& params);
/// Moves the environment one month on.
void advance(Environment& env, const FirmParams& params);

}  // namespace aiplus::agents
