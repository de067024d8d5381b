// The directive's policy levers (MODEL.md section 7), one config section per
// section of the State Council's "AI Plus" directive. Every lever is a dated
// schedule; all default to "off", which is the baseline scenario.
#pragma once

#include <array>

#include "agents/taxonomy.hpp"
#include "core/config.hpp"
#include "core/schedule.hpp"

namespace aiplus::agents {

/// How the monthly subsidy budget chooses firms (directive section 2).
enum class Targeting { None, SoeFirst, LargeFirst, PrioritySectors, SmeVoucher };

/// Every lever, typed. Schedules are read by calendar month.
struct Levers {
  // 1 science
  core::Schedule frontier_boost;    ///< added annual growth of frontier capability
  core::Schedule science_datasets;  ///< added to the data index
  // 2 industry
  core::Schedule promotion;       ///< added monthly external influence p
  core::Schedule subsidy_rate;    ///< share of a stage step's cost a voucher covers
  core::Schedule subsidy_budget;  ///< bn CNY per month
  Targeting targeting = Targeting::None;
  std::array<bool, kSectors> priority_sector{};
  core::Schedule soe_mandate;      ///< monthly probability an SOE is pushed up a stage
  core::Schedule digital_support;  ///< added annual digitization rate
  // 3 consumption
  core::Schedule consumer_demand;  ///< added demand multiplier, consumer-facing sectors
  // 4 human support
  core::Schedule broad_training;   ///< million engineers per year added to broad inflow
  core::Schedule ai_education;     ///< yearly growth of the broad inflow multiplier
  core::Schedule healthcare_push;  ///< added monthly p for healthcare
  // 5 government
  core::Schedule procurement;  ///< added demand multiplier, public-facing sectors
  // 6 international
  core::Schedule open_source_reach;  ///< added to the open-source index
  // 7 foundations
  core::Schedule compute_price_decline;  ///< added annual decline of compute prices
  core::Schedule hub_interconnection;    ///< 0..1: closes regional compute price gaps
  core::Schedule data_rights;            ///< added to the data index
  core::Schedule ai_majors;              ///< million elite engineers per year
  core::Schedule equity_incentives;      ///< added hiring speed multiplier, industrial firms
  core::Schedule open_source_community;  ///< added to the open-source index
  // 8 risks
  core::Schedule regulatory_burden;   ///< multiplier of compliance cost
  core::Schedule registration_delay;  ///< months of algorithm registration before a step
  core::Schedule capital_evaluation;  ///< 0..1: share of subsidy reaching firms able to use it
  core::Schedule patient_capital;     ///< 0..1: closes the credit gap of private SMEs
};

/// Adds every lever key (sections science.* to risks.*) to a schema.
void add_lever_params(core::Schema& schema);
/// Reads the levers of a validated config.
[[nodiscard]] Levers read_levers(const core::Config& config);

}  // namespace aiplus::agents
