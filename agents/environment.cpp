#include "agents/environment.hpp"

#include <algorithm>
#include <cmath>

namespace aiplus::agents {
namespace {

constexpr double kMillion = 1e6;

// Reads every lever for the environment's month.
void apply_levers(Environment& env, const FirmParams& params) {
  const auto& l = env.lever = params.levers.at(params.run.calendar().month(env.month));
  env.data_index = l[kScienceDatasets] + l[kDataRights];
  env.open_source_index = l[kOpenSourceReach] + l[kOpenSourceCommunity];
  env.subsidy_budget = l[kSubsidyBudget] * kMillion;  // bn CNY -> kCNY
}

}  // namespace

double Environment::compute_price(std::size_t region) const noexcept {
  const double cheapest = *std::min_element(raw_compute_price.begin(), raw_compute_price.end());
  return cheapest + (raw_compute_price[region] - cheapest) * (1.0 - lever[kHubInterconnection]);
}

double labour_force_index(const FirmParams& params, int month) {
  return std::pow(1.0 + params.environment.labour_force_growth, month / 12.0);
}

Environment initial_environment(const FirmParams& params) {
  const auto& e = params.environment;
  Environment env;
  env.raw_compute_price = e.compute_price;
  for (std::size_t r = 0; r < kRegions; ++r) {
    env.broad_pool[r] = e.initial_broad_pool * kMillion * params.population.region_shares[r];
    env.elite_pool[r] = e.initial_elite_pool * kMillion * params.population.region_shares[r];
  }
  apply_levers(env, params);
  return env;
}

void advance(Environment& env, const FirmParams& params) {
  const auto& e = params.environment;
  const auto& l = env.lever;  // this month's levers, read before moving on
  // Innovation capacity: the frontier grows at the base rate plus the science boost.
  env.frontier *= std::pow(1.0 + e.frontier_growth + l[kFrontierBoost], 1.0 / 12);
  const double decline = std::min(0.99, e.compute_price_decline + l[kComputePriceDecline]);
  for (auto& price : env.raw_compute_price) price *= std::pow(1.0 - decline, 1.0 / 12);
  // Engineers: attrition, then this month's inflows, shared by region like firms.
  const double stay = std::pow(1.0 - e.attrition, 1.0 / 12);
  const double years = env.month / 12.0;
  const double broad = (e.broad_inflow + l[kBroadTraining]) * (1.0 + l[kAiEducation] * years);
  const double elite = e.elite_inflow + l[kAiMajors];
  for (std::size_t r = 0; r < kRegions; ++r) {
    const double share = params.population.region_shares[r];
    env.broad_pool[r] = env.broad_pool[r] * stay + broad * kMillion * share / 12;
    env.elite_pool[r] = env.elite_pool[r] * stay + elite * kMillion * share / 12;
  }
  ++env.month;
  apply_levers(env, params);
}

}  // namespace aiplus::agents
