// The environment (MODEL.md section 6): one value per month, or per region, that
// every firm reads. It advances serially at the start of each step.
#pragma once

#include <array>

#include "agents/firm_params.hpp"
#include "agents/levers.hpp"
#include "agents/taxonomy.hpp"

namespace aiplus::agents {

/// The state of the world in one month, with the levers' values for that month.
struct Environment {
  int month = 0;                                     ///< months since 2025-01
  double frontier = 1;                               ///< F(t), frontier capability
  std::array<double, kRegions> raw_compute_price{};  ///< before hub interconnection
  std::array<double, kRegions> broad_pool{};         ///< engineers
  std::array<double, kRegions> elite_pool{};         ///< engineers
  // Levers and indices in this month.
  double data_index = 0, open_source_index = 0;
  double promotion = 0, healthcare_push = 0;
  double subsidy_rate = 0, subsidy_budget = 0;  ///< budget in kCNY per month
  double soe_mandate = 0, digital_support = 0;
  double consumer_demand = 0, procurement = 0;
  double equity_incentives = 0, hub_interconnection = 0;
  double regulatory_burden = 1, registration_delay = 0;
  double capital_evaluation = 0, patient_capital = 0;

  /// Compute price in a region after interconnection closes part of the gap to the cheapest.
  [[nodiscard]] double compute_price(std::size_t region) const noexcept;
};

/// Working-age labour force in a month (2025-01 = 1), declining geometrically to
/// its 2035-12 value.
[[nodiscard]] double labour_force_index(const FirmParams& params, int month);

/// The environment of 2025-01.
[[nodiscard]] Environment initial_environment(const FirmParams& params, const Levers& levers);
/// Moves the environment one month on.
void advance(Environment& env, const FirmParams& params, const Levers& levers);

}  // namespace aiplus::agents
