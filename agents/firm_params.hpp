// The firm model's structural parameters (MODEL.md sections 3-6 and 8): who the
// firms are, how they decide and how they learn. The directive's levers are in
// levers.hpp; these are the economy they act on.
#pragma once

#include <array>
#include <cstdint>

#include "agents/taxonomy.hpp"
#include "core/config.hpp"

namespace aiplus::agents {

/// A Beta distribution's two shape parameters.
struct BetaShape {
  double alpha = 1;
  double beta = 1;
};

/// Everything the population synthesis needs.
struct PopulationParams {
  double enterprises = 60e6;  ///< real firms the agents stand for
  std::array<double, kSizes> size_shares{};
  std::array<double, kRegions> region_shares{};
  std::array<double, kSectors> sector_shares{};
  std::array<std::array<double, kOwnerships>, kSizes> ownership_by_size{};
  double employee_tail = 1.7;        ///< Pareto index of employees within a size band
  double largest_firm = 500'000;     ///< employees
  double productivity_spread = 0.5;  ///< sd of log baseline productivity
  std::array<double, kSectors> output_per_worker{};  ///< kCNY per worker per month
  // Initial digitization: SOEs, private SMEs, private medium and large firms, foreign-invested.
  BetaShape digitization_soe, digitization_private_sme, digitization_private_large,
      digitization_foreign;
  std::array<double, kSizes> initial_adoption{};  ///< share at stage >= 1 in 2025-01
  std::array<double, kSectors> initial_sector_multiplier{};
  double initial_deployed = 0.2;  ///< of initial adopters ready for stage 2, the share there
};

/// Partner network shape.
struct NetworkParams {
  bool complete_mixing = false;
  std::uint32_t partners = 8;
  double local_share = 0.8;        ///< links within the firm's region
  double same_sector_share = 0.6;  ///< of local links, those within its sector
  double hub_share = 0.3;          ///< links redirected to the SOEs and large firms of a cluster
};

/// Decisions, learning and growth.
struct BehaviourParams {
  double p = 0.003, q = 0.06;  ///< consideration, per month
  double open_source_effect = 0.5;
  bool economics = true;  ///< false: Bass validation mode (no costs, readiness or credit)
  std::array<double, kSectors> ai_gain{};  ///< gamma: productivity gain at full use of the frontier
  std::array<double, 4> stage_weight{};    ///< w(S), S = 0..3
  std::array<double, 3> step_cost{};       ///< kCNY for a 10-employee firm, steps 0->1, 1->2, 2->3
  double cost_size_elasticity = 0.8;
  double digitization_gap_cost = 2.0;
  double compliance_cost = 20;  ///< kCNY per stage step at today's regulation
  double payback_months = 36;
  double decision_rate = 0.08;  ///< most a firm steps up in a month
  double return_sensitivity = 2.0;
  double data_effect = 0.3;
  double credit_access = 0.5;  ///< monthly chance a private SME finds credit
  double deploy_threshold = 0.3, integrate_threshold = 0.6;  ///< readiness: d for stages 2 and 3
  double use_digitization_exponent = 0.5, use_skill_exponent = 0.5;
  double hollow_threshold = 0.3;
  double digitization_rate = 0.04;     ///< per year, share of the gap closed
  double pilot_digitization = 0.05;    ///< per year, added while at stage >= 1
  double absorption_rate = 0.05;       ///< per month at full effective use
  double baseline_tfp_growth = 0.015;  ///< per year, without AI
  double jcurve_depth = 0.05, jcurve_months = 12;
};

/// The environment's starting point and drift without levers.
struct EnvironmentParams {
  double frontier_growth = 0.3;                  ///< per year
  std::array<double, kRegions> compute_price{};  ///< index, 2025-01
  double compute_price_decline = 0.15;           ///< per year
  double gpu_hours_per_employee = 3;             ///< per month at full integration and frontier 1
  double frontier_compute_elasticity = 0.5;
  double gpu_hour_price = 0.008;  ///< kCNY at price index 1
  double kwh_per_gpu_hour = 1.0;
  double electricity_price = 0.0007;                          ///< kCNY per kWh
  std::array<double, kSizes> engineers_by_size{};             ///< needed at stage 3
  std::array<double, 3> stage_need{};                         ///< share of that need at stages 1..3
  double initial_broad_pool = 0.6, initial_elite_pool = 0.2;  ///< million engineers
  double broad_inflow = 0.1, elite_inflow = 0.03;             ///< million per year
  double attrition = 0.05;                                    ///< per year
  double hiring_speed = 0.3;  ///< per month, share of the hiring gap closed at d = 1
  double labour_share = 0.5;
  double working_age_2035 = 0.85;      ///< labour force index in 2035-12 (2025-01 = 1)
  double capital_contribution = 0.02;  ///< per year, to GDP growth
};

/// All structural parameters of the firm model.
struct FirmParams {
  std::uint32_t firms = 0;
  std::uint64_t seed = 0;
  PopulationParams population;
  NetworkParams network;
  BehaviourParams behaviour;
  EnvironmentParams environment;
};

/// Adds every structural key of the firm model to a schema.
void add_firm_params(core::Schema& schema);
/// Reads them from a validated config.
[[nodiscard]] FirmParams read_firm_params(const core::Config& config);

}  // namespace aiplus::agents
