// The keys of the directive's foundations (compute, the market for AI engineers, the
// networks firms learn through) and of what a lever unit costs.
#include "agents/firm_param_rows.hpp"

namespace aiplus::agents {

using F = FirmParams;

void compute_rows(Rows& b) {
  b.section("compute: prices, use and electricity");
  b.list(
      "compute.price_index", {1.0, 1.1, 0.95, 1.15}, names(kRegionNames), "index", {0.01, 100},
      "compute price by region at the start (west: cheap power for computing hubs)",
      [](F & f) -> auto& { return f.environment.compute_price; });
  b.real(
      "compute.price_decline", 0.15, "1/year", {0, 0.99},
      "annual decline of compute prices without levers",
      [](F & f) -> auto& { return f.environment.compute_price_decline; });
  b.plausible(0.1, 0.3,
              "price-performance of AI accelerators improves by about 30% a year (Epoch AI); "
              "rental prices fall more slowly");
  b.real(
      "compute.gpu_hours_per_employee", 76, "GPU-hours/employee/month", {0, 1e4},
      "compute use at full integration, frontier 1 and the start month's efficiency "
      "(calibrated: firms' AI at the start draws about 15 TWh a year, IEA 2025's 102 TWh of "
      "Chinese data centres in 2024 x an AI share of 10-20%)",
      [](F & f) -> auto& { return f.environment.gpu_hours_per_employee; });
  b.plausible(40.0, 120.0,
              "AI at 10-20% of China's 102 TWh of data-centre electricity in 2024 (IEA 2025)");
  b.real(
      "compute.efficiency_gain", 0.17, "1/year", {0, 0.9},
      "yearly fall of the GPU-hours a unit of AI use needs (algorithms and hardware; "
      "calibrated so that the directive's AI load in 2030 stays within IEA's projected growth "
      "of Chinese data-centre electricity, 102 -> 277 TWh)",
      [](F & f) -> auto& { return f.environment.compute_efficiency_gain; });
  b.plausible(0.1, 0.3,
              "algorithms halve the compute for a given capability every 8 months (Ho et al. "
              "2024), hardware gains; part is spent on more capability");
  b.real(
      "compute.frontier_elasticity", 0.5, "-", {0, 3}, "compute use grows as F to this power",
      [](F & f) -> auto& { return f.environment.frontier_compute_elasticity; });
  b.plausible(0.25, 1.0, "assumed: more capable AI uses more compute, less than proportionally");
  b.real(
      "compute.gpu_hour_price", 0.008, "kCNY/GPU-hour", {0, 10},
      "price of a GPU-hour at price index 1",
      [](F & f) -> auto& { return f.environment.gpu_hour_price; });
  b.plausible(0.005, 0.015, "rental of an H100-class GPU-hour in China, about 5-15 CNY");
  b.real(
      "compute.kwh_per_gpu_hour", 1.4, "kWh/GPU-hour", {0, 100},
      "electricity per GPU-hour at the meter: 0.8-1.3 kW per H100-class GPU in its server x "
      "PUE 1.25-1.5",
      [](F & f) -> auto& { return f.environment.kwh_per_gpu_hour; });
  b.plausible(1.0, 1.9, "0.8-1.3 kW per GPU in its server x PUE 1.25-1.5");
  b.real(
      "compute.electricity_price", 0.00063, "kCNY/kWh", {0, 1},
      "price of electricity for AI (industrial power, about 0.63 CNY/kWh in 2024)",
      [](F & f) -> auto& { return f.environment.electricity_price; });
  b.plausible(0.00055, 0.00075, "industrial power in China, 0.55-0.75 CNY/kWh");
}

void skills_rows(Rows& b) {
  b.section("skills: the market for AI engineers");
  b.list(
      "skills.engineers_by_size", {0.1, 0.8, 4, 20}, names(kSizeNames), "engineers/firm", {0, 1e5},
      "AI engineers a firm needs at stage 3, by size (full integration would ask about 10 "
      "million, against the 5 million shortfall MOHRSS reported in 2020)",
      [](F & f) -> auto& { return f.environment.engineers_by_size; });
  b.list(
      "skills.stage_need", {0.3, 0.7, 1.0}, {"pilot", "deployed", "integrated"}, "share", {0, 1},
      "share of the stage-3 need at each stage",
      [](F & f) -> auto& { return f.environment.stage_need; });
  b.real(
      "skills.broad_pool", 0.75, "million engineers", {0, 100},
      "AI-capable engineers for ordinary firms at the start (CALSS: an AI talent pool of "
      "about 0.95 million in 2022, growing)",
      [](F & f) -> auto& { return f.environment.initial_broad_pool; });
  b.plausible(0.5, 2.0,
              "AI talent pool about 0.95 million in 2022 (CALSS); software workforce 8 million");
  b.real(
      "skills.elite_pool", 0.25, "million engineers", {0, 100},
      "elite AI engineers at the start (hired first by SOEs and large firms)",
      [](F & f) -> auto& { return f.environment.initial_elite_pool; });
  b.plausible(0.1, 0.5, "a fraction of the AI talent pool with graduate AI training");
  b.real(
      "skills.broad_inflow", 0.1, "million engineers/year", {0, 100},
      "broad training inflow without levers",
      [](F & f) -> auto& { return f.environment.broad_inflow; });
  b.plausible(0.05, 0.3,
              "ordinary engineers retrained or graduating into AI work each year, assumed");
  b.real(
      "skills.elite_inflow", 0.05, "million engineers/year", {0, 100},
      "elite AI majors inflow without levers (over 500 universities offer an AI major)",
      [](F & f) -> auto& { return f.environment.elite_inflow; });
  b.plausible(0.02, 0.1, "graduates of over 500 AI programmes, assumed");
  b.real(
      "skills.education_ceiling", 2, "multiplier", {1, 10},
      "the most AI in education can multiply the broad inflow by (assumed)",
      [](F & f) -> auto& { return f.environment.education_ceiling; });
  b.plausible(1.5, 3.0, "assumed");
  b.real(
      "skills.attrition", 0.05, "1/year", {0, 1}, "share of engineers leaving the pool each year",
      [](F & f) -> auto& { return f.environment.attrition; });
  b.plausible(0.03, 0.1, "engineers leaving AI work each year, assumed");
  b.real(
      "skills.hiring_speed", 0.3, "1/month", {0, 1},
      "share of the gap between skill fill and its tier's fill closed a month by a fully "
      "digitized firm (scaled by d: poor data and processes slow building an AI team)",
      [](F & f) -> auto& { return f.environment.hiring_speed; });
  b.plausible(0.1, 0.5, "closing a hiring gap takes 2 to 10 months");
}

void network_rows(Rows& b) {
  b.include(
      mixing_bindings(), [](F & f) -> auto& { return f.network.mixing; });
  b.section("network: who learns from whom");
  b.real(
      "network.local_share", 0.8, "share", {0, 1},
      "share of partner links within the firm's region",
      [](F & f) -> auto& { return f.network.local_share; });
  b.plausible(0.6, 0.9, "most supply links stay within a region");
  b.real(
      "network.same_sector_share", 0.6, "share", {0, 1},
      "share of local links within the firm's sector",
      [](F & f) -> auto& { return f.network.same_sector_share; });
  b.plausible(0.4, 0.8, "assumed");
  b.real(
      "network.hub_share", 0.3, "share", {0, 1},
      "share of links redirected to the SOEs and large firms of a cluster (hubs)",
      [](F & f) -> auto& { return f.network.hub_share; });
  b.plausible(0.1, 0.5, "assumed: large firms and SOEs anchor supply chains");
}

void cost_rows(Rows& b) {
  b.section("costs: what a lever unit costs, so that policies compare in bn CNY a year");
  b.shares(
      "programmes.innovation_mix", {0.5, 0.4, 0.1},
      {"frontier_research", "ai_majors", "science_data"},
      "how programmes.innovation is spread over its levers",
      [](F & f) -> auto& { return f.innovation_mix; });
  b.shares(
      "programmes.diffusion_mix", {0.4, 0.3, 0.2, 0.1},
      {"broad_training", "sme_digitization", "sme_credit", "open_source"},
      "how programmes.diffusion is spread over its levers",
      [](F & f) -> auto& { return f.diffusion_mix; });
  b.real(
      "costs.frontier_speed", 25, "bn CNY/year", {0.01, 1e4},
      "spending that adds 0.01/year to the frontier's speed (assumed: all of China's basic "
      "research, 250 bn CNY in 2024, for +0.1/year)",
      [](F & f) -> auto& { return f.costs.frontier_speed; });
  b.plausible(10.0, 100.0,
              "assumed: the basic research budget buys +0.025 to +0.25 a year of frontier speed");
  b.real(
      "costs.elite_engineer", 150, "kCNY/graduate", {1, 1e4},
      "an elite AI master's graduate: 2.5-3 years at 40,721 CNY per student-year (MOE 2023) "
      "with a graduate premium",
      [](F & f) -> auto& { return f.costs.elite_engineer; });
  b.plausible(100.0, 250.0,
              "2.5-3 years of university spending, with and without a graduate premium");
  b.real(
      "costs.broad_engineer", 20, "kCNY/engineer", {0.1, 1e3},
      "an ordinary engineer retrained for AI (3-6 months; 5-15 vocational certificates of "
      "1,000-2,000 CNY)",
      [](F & f) -> auto& { return f.costs.broad_engineer; });
  b.plausible(10.0, 30.0, "5-15 vocational certificates of 1,000-2,000 CNY");
  b.real(
      "costs.data_index", 20, "bn CNY/year", {0.01, 1e4},
      "spending per unit of the data index (assumed: the scale of East Data West Computing's "
      "direct investment, 17-20 bn CNY a year)",
      [](F & f) -> auto& { return f.costs.data_index; });
  b.plausible(10.0, 40.0, "assumed around East Data West Computing's 17-20 bn CNY a year");
  b.real(
      "costs.digitized_firm", 300, "kCNY/firm", {1, 1e5},
      "support that brings one firm to full digitization (MOF/MIIT SME pilots: up to about "
      "0.3 million CNY of central subsidy per SME)",
      [](F & f) -> auto& { return f.costs.digitized_firm; });
  b.plausible(150.0, 600.0, "MOF/MIIT pilots: 0.2-0.5 million CNY of central subsidy per SME");
  b.real(
      "costs.credit_gap", 100, "bn CNY/year", {0.01, 1e4},
      "closing private SMEs' whole credit gap (assumed: guarantee fees and 2% loss cover on "
      "about 5 trillion CNY of SME loans)",
      [](F & f) -> auto& { return f.costs.credit_gap; });
  b.plausible(50.0, 200.0,
              "guarantee fees and 1-3% loss cover on about 5 trillion CNY of SME loans");
  b.real(
      "costs.open_source", 10, "bn CNY/year", {0.01, 1e4},
      "spending per unit of the open-source index (assumed)",
      [](F & f) -> auto& { return f.costs.open_source; });
  b.plausible(5.0, 30.0, "assumed");
}

}  // namespace aiplus::agents
