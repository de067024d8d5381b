#include "agents/environment.hpp"

#include <algorithm>
#include <cmath>

#include "agents/calendar.hpp"

namespace aiplus::agents {
namespace {

constexpr double kMillion = 1e6;
constexpr int kMonths2035 = 131;  // 2035-12

// Reads every lever for the environment's month.
void apply_levers(Environment& env, const Levers& l) {
  const core::MonthIndex m = (kStartYear * 12 + kStartMonth - 1) + env.month;
  env.data_index = l.science_datasets.at(m) + l.data_rights.at(m);
  env.open_source_index = l.open_source_reach.at(m) + l.open_source_community.at(m);
  env.promotion = l.promotion.at(m);
  env.healthcare_push = l.healthcare_push.at(m);
  env.subsidy_rate = l.subsidy_rate.at(m);
  env.subsidy_budget = l.subsidy_budget.at(m) * kMillion;  // bn CNY -> kCNY
  env.soe_mandate = l.soe_mandate.at(m);
  env.digital_support = l.digital_support.at(m);
  env.consumer_demand = l.consumer_demand.at(m);
  env.procurement = l.procurement.at(m);
  env.equity_incentives = l.equity_incentives.at(m);
  env.hub_interconnection = l.hub_interconnection.at(m);
  env.regulatory_burden = l.regulatory_burden.at(m);
  env.registration_delay = l.registration_delay.at(m);
  env.capital_evaluation = l.capital_evaluation.at(m);
  env.patient_capital = l.patient_capital.at(m);
}

}  // namespace

double Environment::compute_price(std::size_t region) const noexcept {
  const double cheapest = *std::min_element(raw_compute_price.begin(), raw_compute_price.end());
  return cheapest + (raw_compute_price[region] - cheapest) * (1.0 - hub_interconnection);
}

double labour_force_index(const FirmParams& params, int month) {
  return std::pow(params.environment.working_age_2035, static_cast<double>(month) / kMonths2035);
}

Environment initial_environment(const FirmParams& params, const Levers& levers) {
  const auto& e = params.environment;
  Environment env;
  env.raw_compute_price = e.compute_price;
  for (std::size_t r = 0; r < kRegions; ++r) {
    env.broad_pool[r] = e.initial_broad_pool * kMillion * params.population.region_shares[r];
    env.elite_pool[r] = e.initial_elite_pool * kMillion * params.population.region_shares[r];
  }
  apply_levers(env, levers);
  return env;
}

void advance(Environment& env, const FirmParams& params, const Levers& levers) {
  const auto& e = params.environment;
  const core::MonthIndex m = (kStartYear * 12 + kStartMonth - 1) + env.month;
  // Innovation capacity: the frontier grows at the base rate plus the science boost.
  env.frontier *= std::pow(1.0 + e.frontier_growth + levers.frontier_boost.at(m), 1.0 / 12);
  const double decline =
      std::min(0.99, e.compute_price_decline + levers.compute_price_decline.at(m));
  for (auto& price : env.raw_compute_price) price *= std::pow(1.0 - decline, 1.0 / 12);
  // Engineers: attrition, then this month's inflows, shared by region like firms.
  const double stay = std::pow(1.0 - e.attrition, 1.0 / 12);
  const double years = env.month / 12.0;
  const double broad =
      (e.broad_inflow + levers.broad_training.at(m)) * (1.0 + levers.ai_education.at(m) * years);
  const double elite = e.elite_inflow + levers.ai_majors.at(m);
  for (std::size_t r = 0; r < kRegions; ++r) {
    const double share = params.population.region_shares[r];
    env.broad_pool[r] = env.broad_pool[r] * stay + broad * kMillion * share / 12;
    env.elite_pool[r] = env.elite_pool[r] * stay + elite * kMillion * share / 12;
  }
  ++env.month;
  apply_levers(env, levers);
}

}  // namespace aiplus::agents
