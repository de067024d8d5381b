#include "agents/environment.hpp"

#include <algorithm>
#include <cmath>

#include "agents/behaviours/frontier.hpp"

namespace aiplus::agents {
namespace {

constexpr double kMillion = 1e6;

// Reads every lever for the environment's month; the programmes' budgets buy lever
// units at their costs (bn CNY / kCNY = million units).
void apply_levers(Environment& env, const FirmParams& params) {
  auto& l = env.lever = params.levers.at(params.run.calendar().month(env.month));
  const auto& c = params.costs;
  const double innovation = l[kInnovationProgramme], diffusion = l[kDiffusionProgramme];
  const auto& im = params.innovation_mix;
  const auto& dm = params.diffusion_mix;
  l[kFrontierBoost] += innovation * im[0] / c.frontier_speed * 0.01;
  l[kAiMajors] += innovation * im[1] / c.elite_engineer;
  l[kScienceDatasets] += innovation * im[2] / c.data_index;
  l[kBroadTraining] += diffusion * dm[0] / c.broad_engineer;
  l[kDigitalSupport] +=
      diffusion * dm[1] * kMillion / c.digitized_firm / params.population.enterprises;
  l[kPatientCapital] = std::min(1.0, l[kPatientCapital] + diffusion * dm[2] / c.credit_gap);
  l[kOpenSourceCommunity] += diffusion * dm[3] / c.open_source;
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
  // The frontier of the start month, on its path without levers from the anchor month.
  const double years = (params.run.start.index - e.frontier_anchor.index) / 12.0;
  env.frontier = logistic_frontier(years, e.frontier_speed, e.frontier_ceiling);
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
  // Innovation capacity: the frontier approaches its ceiling at the base speed plus
  // the science boost.
  env.frontier =
      next_frontier(env.frontier, e.frontier_speed + l[kFrontierBoost], e.frontier_ceiling);
  const double decline = std::min(0.99, e.compute_price_decline + l[kComputePriceDecline]);
  for (auto& price : env.raw_compute_price) price *= std::pow(1.0 - decline, 1.0 / 12);
  // Engineers: attrition, then this month's inflows, shared by region like firms.
  const double stay = std::pow(1.0 - e.attrition, 1.0 / 12);
  // AI in education raises the broad inflow while it lasts, towards its ceiling.
  if (e.education_ceiling > 1)
    env.education += l[kAiEducation] / 12.0 * (e.education_ceiling - env.education) /
                     (e.education_ceiling - 1.0);
  const double broad = (e.broad_inflow + l[kBroadTraining]) * env.education;
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
