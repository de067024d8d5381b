// The firm model's parameters (docs/MODEL.md section 7): who the firms are,
// how they decide and learn, the environment, and the directive's levers (in
// levers.hpp). Each field is filled from its config key's row in firm_params.cpp
// or levers.cpp, where its default, unit, range and meaning live.
#pragma once

#include <array>
#include <cstdint>

#include "agents/levers.hpp"
#include "agents/network.hpp"
#include "agents/settings.hpp"
#include "agents/taxonomy.hpp"
#include "core/config/bindings.hpp"

namespace aiplus::agents {

/// A Beta distribution's two shape parameters.
struct BetaShape {
  double alpha = 1;
  double beta = 1;
};
/// Reads a Beta shape from its [alpha, beta] config list.
inline void assign_value(const core::Value& v, BetaShape& out) {
  const auto& ab = std::get<std::vector<double>>(v);
  out = {ab[0], ab[1]};
}

/// Everything the population synthesis needs.
struct PopulationParams {
  double enterprises;  ///< real firms the agents stand for
  std::array<double, kSizes> size_shares{};
  std::array<double, kRegions> region_shares{};
  std::array<double, kSectors> sector_shares{};
  std::array<std::array<double, kOwnerships>, kSizes> ownership_by_size{};
  std::array<double, kSizes> size_bands{};  ///< lower end of each size class, employees
  std::vector<std::string> region_labels, ownership_labels;
  double employee_tail;        ///< Pareto index of employees within a size band
  double largest_firm;         ///< employees
  double productivity_spread;  ///< sd of log baseline productivity
  std::array<double, kSectors> output_per_worker{};  ///< kCNY per worker per month
  // Initial digitization: SOEs, private SMEs, private medium and large firms, foreign-invested.
  BetaShape digitization_soe, digitization_private_sme, digitization_private_large,
      digitization_foreign;
  std::array<double, kSizes> initial_adoption{};  ///< share at stage >= 1 in 2025-01
  std::array<double, kSectors> initial_sector_multiplier{};
  double initial_deployed;            ///< of initial adopters ready for stage 2, the share there
  double sampling_output_share;       ///< share of agents allocated by output, not firm count
  std::uint32_t sampling_min_agents;  ///< least agents in a non-empty stratum
};

/// Decisions, learning and growth.
struct BehaviourParams {
  double p, q;  ///< consideration, per month
  double open_source_effect;
  bool economics;  ///< false: Bass validation mode (no costs, readiness or credit)
  std::array<double, kSectors> exposure{};  ///< share of a sector's work exposed to AI
  double frontier_saving;                   ///< cost saving on exposed work at F = 1
  double labour_cost_share;                 ///< labour's share of the cost of exposed work
  double partner_spillover;  ///< absorption rises by this x the adopted share of partners
  std::array<double, 4> stage_weight{};  ///< w(S), S = 0..3
  std::array<double, 3> step_cost{};     ///< kCNY for a 10-employee firm, steps 0->1, 1->2, 2->3
  double cost_size_elasticity;
  double digitization_gap_cost;
  double compliance_cost;  ///< kCNY per stage step at today's regulation
  double payback_months;
  double decision_rate;  ///< most a firm steps up in a month
  double return_sensitivity;
  double data_effect;
  double credit_access;                          ///< monthly chance a private SME finds credit
  double deploy_threshold, integrate_threshold;  ///< readiness: d for stages 2 and 3
  double use_digitization_exponent, use_skill_exponent;
  double hollow_threshold;
  double digitization_rate;    ///< per year, share of the gap closed
  double pilot_digitization;   ///< per year, added while at stage >= 1
  double absorption_rate;      ///< per month at full effective use
  double baseline_tfp_growth;  ///< per year, without AI
  double jcurve_depth, jcurve_months;
};

/// The environment's starting point and drift without levers.
struct EnvironmentParams {
  double frontier_speed;                         ///< logistic speed of F, per year
  double frontier_ceiling;                       ///< the level F approaches (1 in the anchor month)
  core::Month frontier_anchor;                   ///< the month in which F = 1
  std::array<double, kRegions> compute_price{};  ///< index, 2025-01
  double compute_price_decline;                  ///< per year
  double gpu_hours_per_employee;                 ///< per month at full integration and frontier 1
  double frontier_compute_elasticity;
  double compute_efficiency_gain;  ///< per year: fall of GPU-hours per unit of AI use
  double gpu_hour_price;           ///< kCNY at price index 1
  double kwh_per_gpu_hour;
  double electricity_price;                        ///< kCNY per kWh
  std::array<double, kSizes> engineers_by_size{};  ///< needed at stage 3
  std::array<double, 3> stage_need{};              ///< share of that need at stages 1..3
  double initial_broad_pool, initial_elite_pool;   ///< million engineers
  double broad_inflow, elite_inflow;               ///< million per year
  double attrition;                                ///< per year
  double education_ceiling;  ///< most AI in education multiplies the broad inflow by
  double hiring_speed;       ///< per month, share of the hiring gap closed at d = 1
  double labour_share;
  double labour_force_growth;          ///< per year
  double capital_contribution;         ///< per year, to GDP growth, in the start month
  double capital_contribution_change;  ///< change of that contribution per year
  double capital_contribution_floor;   ///< the least it falls to
};

/// What a lever unit costs, to express policy in bn CNY a year.
struct LeverCosts {
  double frontier_speed;  ///< bn CNY/year per +0.01/year of frontier speed
  double elite_engineer;  ///< kCNY per elite AI graduate
  double broad_engineer;  ///< kCNY per ordinary AI engineer trained
  double data_index;      ///< bn CNY/year per unit of the data index
  double digitized_firm;  ///< kCNY per firm brought to full digitization
  double credit_gap;      ///< bn CNY/year to close private SMEs' whole credit gap
  double open_source;     ///< bn CNY/year per unit of the open-source index
};

/// All parameters of the firm model.
struct FirmParams {
  RunSettings run;
  PopulationParams population;
  NetworkParams network;
  BehaviourParams behaviour;
  EnvironmentParams environment;
  Levers levers;
  LeverCosts costs;
  std::array<double, 3> innovation_mix{};  ///< frontier research, AI majors, science data
  std::array<double, 4> diffusion_mix{};  ///< broad training, SME digitization, credit, open source
  std::vector<core::Month> milestones;    ///< months the run summary reports
  std::vector<double> employment_bands;   ///< lower edges of the bands /bands reports
  bool directive_comparison = true;       ///< report the AI Plus directive's targets
};

/// The firm model's own keys (population to network, and the levers).
[[nodiscard]] const core::Bindings<FirmParams>& firm_bindings();
/// Reads them, with the run settings, from a validated config; throws
/// core::ConfigError for values no single key shows to be wrong.
[[nodiscard]] FirmParams read_firm_params(const core::Config& config);

}  // namespace aiplus::agents
