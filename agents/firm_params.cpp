#include "agents/firm_params.hpp"

#include <algorithm>
#include <limits>

namespace aiplus::agents {
namespace {

core::ParamSpec real(std::string key, double fallback, std::string unit, std::string meaning,
                     std::string section, double min, double max) {
  return {std::move(key),     core::Kind::Real,   fallback, std::move(unit),
          std::move(meaning), std::move(section), min,      max};
}

core::ParamSpec list(std::string key, std::vector<double> fallback, std::vector<std::string> labels,
                     std::string unit, std::string meaning, std::string section, double min,
                     double max, bool shares = false) {
  return {std::move(key),
          shares ? core::Kind::Shares : core::Kind::RealList,
          std::move(fallback),
          std::move(unit),
          std::move(meaning),
          std::move(section),
          min,
          max,
          {},
          std::move(labels)};
}

template <std::size_t N>
std::array<double, N> as_array(const std::vector<double>& v) {
  std::array<double, N> out{};
  std::copy_n(v.begin(), N, out.begin());
  return out;
}

BetaShape beta(const std::vector<double>& v) {
  return {v[0], v[1]};
}

}  // namespace

void add_firm_params(core::Schema& s) {
  const auto sectors = names(kSectorNames), sizes = names(kSizeNames),
             owners = names(kOwnershipNames);
  const std::vector<std::string> shape = {"alpha", "beta"};

  const std::string pop = "population: the firms (calibrated to seeds/facts.toml)";
  s.add(real("population.enterprises", 60e6, "firms",
             "real enterprises the simulated firms stand for (SAMR 2024: about 60 million); each "
             "agent weighs "
             "enterprises / simulation.firms",
             pop, 1, 1e10));
  s.add(
      list("population.size_shares", {0.9355, 0.06, 0.004, 0.0005}, sizes, "share of firms",
           "firms by size class (micro < 20 employees, small 20-299, medium 300-999, large 1,000+)",
           pop, 0, 1, true));
  s.add(list("population.region_shares", {0.59, 0.20, 0.16, 0.05}, names(kRegionNames),
             "share of firms", "firms by macro-region (about 59% in the east)", pop, 0, 1, true));
  s.add(list("population.sector_shares",
             {0.03, 0.15, 0.07, 0.01, 0.04, 0.02, 0.13, 0.06, 0.40, 0.01, 0.02, 0.06}, sectors,
             "share of firms", "firms by sector", pop, 0, 1, true));
  const std::vector<std::vector<double>> ownership = {{0.0002, 0.002, 0.995, 0.0028},
                                                      {0.001, 0.01, 0.975, 0.014},
                                                      {0.01, 0.06, 0.89, 0.04},
                                                      {0.08, 0.22, 0.62, 0.08}};
  for (std::size_t k = 0; k < kSizes; ++k) {
    s.add(list("population.ownership_" + kSizeNames[k], ownership[k], owners, "share of firms",
               "ownership of " + kSizeNames[k] +
                   " firms (SOEs are well under 1% of all firms, many of the large)",
               pop, 0, 1, true));
  }
  s.add(real("population.employee_tail", 1.7, "-",
             "Pareto index of employees within each size band (heavier tail when lower)", pop, 0.2,
             5));
  s.add(real("population.largest_firm", 500'000, "employees", "upper end of the large-firm band",
             pop, 1000, 5e6));
  s.add(real("population.productivity_spread", 0.5, "log points",
             "spread (sd of log) of baseline productivity across firms", pop, 0, 3));
  s.add(list("population.output_per_worker", {4, 15, 12, 30, 14, 40, 18, 30, 9, 14, 10, 22},
             sectors, "kCNY/worker/month", "value added per worker by sector", pop, 0.01, 1000));

  const std::string dig = "digitization: readiness of data, processes and systems (d in [0, 1])";
  s.add(list("digitization.initial_soe", {1.75, 4.55}, shape, "Beta shape",
             "initial d of SOEs; fitted so 60% have d < 0.3 (early stage) and 4.5% d >= 0.6 "
             "(meeting expectations), "
             "the 2022 survey of SOE executives",
             dig, 0.05, 100));
  s.add(list("digitization.initial_private_sme", {1.3, 4.2}, shape, "Beta shape",
             "initial d of private micro, small and medium firms (mean 0.24)", dig, 0.05, 100));
  s.add(list("digitization.initial_private_large", {3.0, 3.5}, shape, "Beta shape",
             "initial d of private large firms (mean 0.46)", dig, 0.05, 100));
  s.add(list("digitization.initial_foreign", {3.5, 3.5}, shape, "Beta shape",
             "initial d of foreign-invested firms (mean 0.5)", dig, 0.05, 100));
  s.add(real("digitization.rate", 0.04, "1/year",
             "share of the digitization gap (1 - d) closed each year without support", dig, 0, 1));
  s.add(real("digitization.pilot_boost", 0.05, "1/year",
             "added rate while a firm runs AI (stage >= 1)", dig, 0, 1));
  s.add(real("digitization.deploy_threshold", 0.3, "d",
             "readiness: d needed to go from pilot (1) to deployed (2)", dig, 0, 1));
  s.add(real("digitization.integrate_threshold", 0.6, "d",
             "readiness: d needed to go from deployed (2) to integrated (3)", dig, 0, 1));

  const std::string ini = "initial: AI adoption in 2025-01";
  s.add(list("initial.adoption_by_size", {0.02, 0.05, 0.12, 0.30}, sizes, "share of firms",
             "share at stage >= 1 in 2025-01 before the sector multiplier (low, concentrated in "
             "large firms)",
             ini, 0, 1));
  s.add(list("initial.sector_multiplier", {0.5, 1, 0.6, 1, 1, 2.5, 1.2, 3, 0.8, 1, 1, 1.5}, sectors,
             "multiplier", "sector multiplier of initial adoption (ICT and finance lead)", ini, 0,
             20));
  s.add(real("initial.deployed_share", 0.2, "share",
             "of initial adopters with d >= deploy threshold, the share already deployed", ini, 0,
             1));

  const std::string con = "consideration: whether a firm looks at AI at all (Bass)";
  s.add(real("consideration.p", 0.005, "1/month",
             "external influence: vendors and media, before any policy promotion", con, 0, 1));
  s.add(real("consideration.q", 0.1, "1/month",
             "imitation: added chance when every partner has adopted", con, 0, 1));
  s.add(real("consideration.open_source_effect", 0.5, "-",
             "open source raises p and q by this share per unit of the open-source index", con, 0,
             10));

  const std::string eco = "economics: the return on moving up a stage";
  s.add(
      {"economics.enabled", core::Kind::Boolean, true, "-",
       "false: Bass validation mode, every considering firm adopts (no costs, readiness or credit)",
       eco});
  s.add(list("economics.ai_gain",
             {0.04, 0.06, 0.04, 0.05, 0.06, 0.10, 0.09, 0.12, 0.05, 0.07, 0.07, 0.10}, sectors,
             "share of output",
             "gamma: productivity gain at full integration, full effective use and frontier 1", eco,
             0, 5));
  s.add(list("economics.stage_weights", {0.2, 0.6, 1.0}, {"pilot", "deployed", "integrated"}, "-",
             "w(S): share of the full gain reached at each stage", eco, 0, 1));
  s.add(list("economics.step_cost", {8, 60, 200}, {"pilot", "deployed", "integrated"}, "kCNY",
             "one-time cost of reaching each stage for a 10-employee firm with d = 1", eco, 0,
             1e6));
  s.add(real("economics.cost_size_elasticity", 0.8, "-",
             "cost grows as (employees / 10) to this power", eco, 0, 2));
  s.add(real("economics.digitization_gap_cost", 1.5, "-",
             "cost multiplier 1 + this x (1 - d): poor data makes AI dear", eco, 0, 20));
  s.add(real("economics.compliance_cost", 5, "kCNY",
             "compliance cost of a stage step at today's regulation", eco, 0, 1e5));
  s.add(real("economics.payback_months", 36, "months",
             "horizon over which a firm weighs monthly gains against the cost", eco, 1, 240));
  s.add(real("economics.decision_rate", 0.08, "1/month",
             "most a firm that has adopted moves up a stage in a month, however good the return",
             eco, 0, 1));
  s.add(real("economics.return_sensitivity", 2.0, "-",
             "slope of the logistic step-up probability in the return on cost", eco, 0, 100));
  s.add(real("economics.data_effect", 0.3, "-",
             "AI gains grow by this share per unit of the data index", eco, 0, 10));
  s.add(real("economics.credit_access", 0.5, "1/month",
             "chance a private SME finds credit for a step in a month", eco, 0, 1));
  s.add(real("economics.use_digitization_exponent", 0.5, "-", "a in effective use e = d^a h^b", eco,
             0, 5));
  s.add(
      real("economics.use_skill_exponent", 0.5, "-", "b in effective use e = d^a h^b", eco, 0, 5));
  s.add(real("economics.hollow_threshold", 0.3, "e",
             "a firm at stage >= 2 with e below this is a hollow adopter", eco, 0, 1));

  const std::string gro = "growth: capability, productivity and the macro economy";
  s.add(real("growth.frontier", 0.15, "1/year",
             "growth of frontier AI capability F without levers (F(2025-01) = 1)", gro, 0, 5));
  s.add(real("growth.absorption_rate", 0.05, "1/month",
             "share of the gap to the frontier a firm absorbs at e = 1", gro, 0, 1));
  s.add(real("growth.baseline_tfp", 0.015, "1/year", "TFP growth without AI", gro, -0.1, 0.2));
  s.add(real("growth.jcurve_depth", 0.05, "share", "productivity dip right after a stage change",
             gro, 0, 1));
  s.add(real("growth.jcurve_months", 12, "months", "months for the dip to recover", gro, 0, 120));
  s.add(real("growth.labour_share", 0.5, "share", "labour share in growth accounting", gro, 0, 1));
  s.add(real(
      "growth.working_age_2035", 0.85, "index",
      "labour force in 2035-12 relative to 2025-01 (over-60 share 22% -> 32.5%, seeds/facts.toml)",
      gro, 0.1, 2));
  s.add(real("growth.capital_contribution", 0.02, "1/year",
             "capital deepening's contribution to GDP growth", gro, -0.1, 0.2));

  const std::string cmp = "compute: prices, use and electricity";
  s.add(list("compute.price_index", {1.0, 1.1, 0.95, 1.15}, names(kRegionNames), "index",
             "compute price by region in 2025-01 (west: cheap power for computing hubs)", cmp, 0.01,
             100));
  s.add(real("compute.price_decline", 0.15, "1/year",
             "annual decline of compute prices without levers", cmp, 0, 0.99));
  s.add(real("compute.gpu_hours_per_employee", 1, "GPU-hours/employee/month",
             "compute use at full integration and frontier 1", cmp, 0, 1e4));
  s.add(real("compute.frontier_elasticity", 0.5, "-", "compute use grows as F to this power", cmp,
             0, 3));
  s.add(real("compute.gpu_hour_price", 0.008, "kCNY/GPU-hour",
             "price of a GPU-hour at price index 1", cmp, 0, 10));
  s.add(real("compute.kwh_per_gpu_hour", 1.0, "kWh/GPU-hour",
             "electricity per GPU-hour, cooling included", cmp, 0, 100));
  s.add(real("compute.electricity_price", 0.0007, "kCNY/kWh", "price of electricity for AI", cmp, 0,
             1));

  const std::string skl = "skills: the market for AI engineers";
  s.add(list("skills.engineers_by_size", {0.05, 0.4, 2, 10}, sizes, "engineers/firm",
             "AI engineers a firm needs at stage 3, by size", skl, 0, 1e5));
  s.add(list("skills.stage_need", {0.3, 0.7, 1.0}, {"pilot", "deployed", "integrated"}, "share",
             "share of the stage-3 need at each stage", skl, 0, 1));
  s.add(real("skills.broad_pool", 0.6, "million engineers",
             "AI-capable engineers for ordinary firms in 2025-01", skl, 0, 100));
  s.add(real("skills.elite_pool", 0.2, "million engineers",
             "elite AI engineers in 2025-01 (hired first by SOEs and large firms)", skl, 0, 100));
  s.add(real("skills.broad_inflow", 0.1, "million engineers/year",
             "broad training inflow without levers", skl, 0, 100));
  s.add(real("skills.elite_inflow", 0.03, "million engineers/year",
             "elite AI majors inflow without levers", skl, 0, 100));
  s.add(real("skills.attrition", 0.05, "1/year", "share of engineers leaving the pool each year",
             skl, 0, 1));
  s.add(real("skills.hiring_speed", 0.3, "1/month",
             "share of the gap between skill fill and its tier's fill closed a month by a fully "
             "digitized firm "
             "(scaled by d: poor data and processes slow building an AI team)",
             skl, 0, 1));

  const std::string net = "network: who learns from whom";
  s.add(real("network.local_share", 0.8, "share", "share of partner links within the firm's region",
             net, 0, 1));
  s.add(real("network.same_sector_share", 0.6, "share",
             "share of local links within the firm's sector", net, 0, 1));
  s.add(real("network.hub_share", 0.3, "share",
             "share of links redirected to the SOEs and large firms of a cluster (hubs)", net, 0,
             1));
}

FirmParams read_firm_params(const core::Config& c) {
  FirmParams f;
  f.firms = static_cast<std::uint32_t>(c.integer("simulation.firms"));
  f.seed = static_cast<std::uint64_t>(c.integer("simulation.seed"));

  auto& p = f.population;
  p.enterprises = c.real("population.enterprises");
  p.size_shares = as_array<kSizes>(c.reals("population.size_shares"));
  p.region_shares = as_array<kRegions>(c.reals("population.region_shares"));
  p.sector_shares = as_array<kSectors>(c.reals("population.sector_shares"));
  for (std::size_t k = 0; k < kSizes; ++k) {
    p.ownership_by_size[k] =
        as_array<kOwnerships>(c.reals("population.ownership_" + kSizeNames[k]));
  }
  p.employee_tail = c.real("population.employee_tail");
  p.largest_firm = c.real("population.largest_firm");
  p.productivity_spread = c.real("population.productivity_spread");
  p.output_per_worker = as_array<kSectors>(c.reals("population.output_per_worker"));
  p.digitization_soe = beta(c.reals("digitization.initial_soe"));
  p.digitization_private_sme = beta(c.reals("digitization.initial_private_sme"));
  p.digitization_private_large = beta(c.reals("digitization.initial_private_large"));
  p.digitization_foreign = beta(c.reals("digitization.initial_foreign"));
  p.initial_adoption = as_array<kSizes>(c.reals("initial.adoption_by_size"));
  p.initial_sector_multiplier = as_array<kSectors>(c.reals("initial.sector_multiplier"));
  p.initial_deployed = c.real("initial.deployed_share");

  auto& n = f.network;
  n.complete_mixing = c.text("network.mixing") == "complete";
  n.partners = static_cast<std::uint32_t>(c.integer("network.partners"));
  n.local_share = c.real("network.local_share");
  n.same_sector_share = c.real("network.same_sector_share");
  n.hub_share = c.real("network.hub_share");

  auto& b = f.behaviour;
  b.p = c.real("consideration.p");
  b.q = c.real("consideration.q");
  b.open_source_effect = c.real("consideration.open_source_effect");
  b.economics = c.boolean("economics.enabled");
  b.ai_gain = as_array<kSectors>(c.reals("economics.ai_gain"));
  const auto w = c.reals("economics.stage_weights");
  b.stage_weight = {0.0, w[0], w[1], w[2]};
  b.step_cost = as_array<3>(c.reals("economics.step_cost"));
  b.cost_size_elasticity = c.real("economics.cost_size_elasticity");
  b.digitization_gap_cost = c.real("economics.digitization_gap_cost");
  b.compliance_cost = c.real("economics.compliance_cost");
  b.payback_months = c.real("economics.payback_months");
  b.decision_rate = c.real("economics.decision_rate");
  b.return_sensitivity = c.real("economics.return_sensitivity");
  b.data_effect = c.real("economics.data_effect");
  b.credit_access = c.real("economics.credit_access");
  b.use_digitization_exponent = c.real("economics.use_digitization_exponent");
  b.use_skill_exponent = c.real("economics.use_skill_exponent");
  b.hollow_threshold = c.real("economics.hollow_threshold");
  b.deploy_threshold = c.real("digitization.deploy_threshold");
  b.integrate_threshold = c.real("digitization.integrate_threshold");
  b.digitization_rate = c.real("digitization.rate");
  b.pilot_digitization = c.real("digitization.pilot_boost");
  b.absorption_rate = c.real("growth.absorption_rate");
  b.baseline_tfp_growth = c.real("growth.baseline_tfp");
  b.jcurve_depth = c.real("growth.jcurve_depth");
  b.jcurve_months = c.real("growth.jcurve_months");

  auto& e = f.environment;
  e.frontier_growth = c.real("growth.frontier");
  e.compute_price = as_array<kRegions>(c.reals("compute.price_index"));
  e.compute_price_decline = c.real("compute.price_decline");
  e.gpu_hours_per_employee = c.real("compute.gpu_hours_per_employee");
  e.frontier_compute_elasticity = c.real("compute.frontier_elasticity");
  e.gpu_hour_price = c.real("compute.gpu_hour_price");
  e.kwh_per_gpu_hour = c.real("compute.kwh_per_gpu_hour");
  e.electricity_price = c.real("compute.electricity_price");
  e.engineers_by_size = as_array<kSizes>(c.reals("skills.engineers_by_size"));
  e.stage_need = as_array<3>(c.reals("skills.stage_need"));
  e.initial_broad_pool = c.real("skills.broad_pool");
  e.initial_elite_pool = c.real("skills.elite_pool");
  e.broad_inflow = c.real("skills.broad_inflow");
  e.elite_inflow = c.real("skills.elite_inflow");
  e.attrition = c.real("skills.attrition");
  e.hiring_speed = c.real("skills.hiring_speed");
  e.labour_share = c.real("growth.labour_share");
  e.working_age_2035 = c.real("growth.working_age_2035");
  e.capital_contribution = c.real("growth.capital_contribution");
  return f;
}

}  // namespace aiplus::agents
