#include "agents/firm_params.hpp"

namespace aiplus::agents {
namespace {

// Keys read again in the model's own checks.
constexpr const char* kSizeBandsKey = "population.size_bands";
constexpr const char* kEmploymentBandsKey = "output.employment_bands";
constexpr const char* kDeployThresholdKey = "digitization.deploy_threshold";
constexpr const char* kIntegrateThresholdKey = "digitization.integrate_threshold";

using Rows = core::Bindings<FirmParams>;
using F = FirmParams;

void population_rows(Rows& b) {
  const auto sectors = names(kSectorNames), sizes = names(kSizeNames);
  b.section("population: the firms (calibrated to seeds/facts.toml)");
  b.real(
      "population.enterprises", 60e6, "firms", {1, 1e10},
      "real enterprises the simulated firms stand for (SAMR 2024: about 60 million); each agent "
      "stands for the firms of its stratum over the stratum's agents (sampling.*)",
      [](F & f) -> auto& { return f.population.enterprises; });
  b.shares(
      "population.size_shares", {0.9355, 0.06, 0.004, 0.0005}, sizes,
      "firms by size class (micro < 20 employees, small 20-299, medium 300-999, large 1,000+)",
      [](F & f) -> auto& { return f.population.size_shares; });
  b.shares(
      "population.region_shares", {0.59, 0.20, 0.16, 0.05}, names(kRegionNames),
      "firms by macro-region (about 59% in the east)",
      [](F & f) -> auto& { return f.population.region_shares; });
  b.shares(
      "population.sector_shares",
      {0.03, 0.15, 0.07, 0.01, 0.04, 0.02, 0.13, 0.06, 0.40, 0.01, 0.02, 0.06}, sectors,
      "firms by sector", [](F & f) -> auto& { return f.population.sector_shares; });
  const std::vector<std::vector<double>> ownership = {{0.0002, 0.002, 0.995, 0.0028},
                                                      {0.001, 0.01, 0.975, 0.014},
                                                      {0.01, 0.06, 0.89, 0.04},
                                                      {0.08, 0.22, 0.62, 0.08}};
  for (std::size_t k = 0; k < kSizes; ++k) {
    b.shares(
        "population.ownership_" + kSizeNames[k], ownership[k], names(kOwnershipNames),
        "ownership of " + kSizeNames[k] +
            " firms (SOEs are well under 1% of all firms, many of the large)",
        [k](F & f) -> auto& { return f.population.ownership_by_size[k]; });
  }
  b.real(
      "population.employee_tail", 1.7, "-", {0.2, 5},
      "Pareto index of employees within each size band (heavier tail when lower)",
      [](F & f) -> auto& { return f.population.employee_tail; });
  b.plausible(1.2, 2.0,
              "Pareto indices of firm size distributions are 1-2 (Axtell 2001 finds about 1 for US "
              "firms); China's large SOEs argue for a heavier tail than 1.7");
  b.list(
      kSizeBandsKey, {1, 20, 300, 1000}, sizes, "employees", {1, 1e6},
      "lower end of each size class's band of employees (NBS industrial bands: micro under 20, "
      "small 20-299, medium 300-999, large 1,000 and more); a population of firms with 10 or "
      "more persons starts the micro band at 10",
      [](F & f) -> auto& { return f.population.size_bands; });
  b.real(
      "population.largest_firm", 500'000, "employees", {1000, 5e6},
      "upper end of the large-firm band", [](F & f) -> auto& { return f.population.largest_firm; });
  b.names(
      "population.region_labels", names(kRegionNames),
      "names of the four macro-regions, in the order of the region keys (outputs use them)",
      [](F & f) -> auto& { return f.population.region_labels; });
  b.names(
      "population.ownership_labels", names(kOwnershipNames),
      "names of the four ownership categories; their roles stay in order: central state, local "
      "state, private, foreign-controlled",
      [](F & f) -> auto& { return f.population.ownership_labels; });
  b.real(
      "population.productivity_spread", 0.5, "log points", {0, 3},
      "spread (sd of log) of baseline productivity across firms",
      [](F & f) -> auto& { return f.population.productivity_spread; });
  b.plausible(
      0.3, 0.8,
      "within-industry dispersion of log TFP is about 0.5-0.8 in China (Hsieh and Klenow 2009)");
  b.list(
      "population.output_per_worker", {4, 15, 12, 30, 14, 40, 18, 30, 9, 14, 10, 22}, sectors,
      "kCNY/worker/month", {0.01, 1000}, "value added per worker by sector",
      [](F & f) -> auto& { return f.population.output_per_worker; });
  b.section("sampling: how agents stand for the population (a stratified sample)");
  b.real(
      "sampling.output_share", 0.8, "share", {0, 1},
      "share of agents allocated to the strata (sector x ownership x size) in proportion to "
      "their output, the rest in proportion to their firms: output-weighted results are "
      "precise with few agents; 0 gives every agent the same weight",
      [](F & f) -> auto& { return f.population.sampling_output_share; });
  b.integer(
      "sampling.min_agents", 30, "agents", {0, 1e6},
      "least agents in a stratum that has firms (fewer when agents are too few)",
      [](F & f) -> auto& { return f.population.sampling_min_agents; });
}

void digitization_rows(Rows& b) {
  const std::vector<std::string> shape = {"alpha", "beta"};
  b.section("digitization: readiness of data, processes and systems (d in [0, 1])");
  b.list(
      "digitization.initial_soe", {1.75, 4.55}, shape, "Beta shape", {0.05, 100},
      "initial d of SOEs; fitted so 60% have d < 0.3 (early stage) and 4.5% d >= 0.6 (meeting "
      "expectations), the 2022 survey of SOE executives",
      [](F & f) -> auto& { return f.population.digitization_soe; });
  b.list(
      "digitization.initial_private_sme", {1.3, 4.2}, shape, "Beta shape", {0.05, 100},
      "initial d of private micro, small and medium firms (mean 0.24)",
      [](F & f) -> auto& { return f.population.digitization_private_sme; });
  b.list(
      "digitization.initial_private_large", {3.0, 3.5}, shape, "Beta shape", {0.05, 100},
      "initial d of private large firms (mean 0.46)",
      [](F & f) -> auto& { return f.population.digitization_private_large; });
  b.list(
      "digitization.initial_foreign", {3.5, 3.5}, shape, "Beta shape", {0.05, 100},
      "initial d of foreign-invested firms (mean 0.5)",
      [](F & f) -> auto& { return f.population.digitization_foreign; });
  b.real(
      "digitization.rate", 0.067, "1/year", {0, 1},
      "share of the digitization gap (1 - d) closed each year without support (fitted to MIIT's "
      "2012-2023 series of industrial processes under numerical control, seeds/facts.toml)",
      [](F & f) -> auto& { return f.behaviour.digitization_rate; });
  b.plausible(0.04, 0.09,
              "MIIT numerical-control series: 6.5% a year in 2012-2019, 7.7% in 2019-2023; lower "
              "for firms outside the key industrial sample");
  b.real(
      "digitization.pilot_boost", 0.05, "1/year", {0, 1},
      "added rate while a firm runs AI (stage >= 1)",
      [](F & f) -> auto& { return f.behaviour.pilot_digitization; });
  b.plausible(0.0, 0.1, "assumed: running AI pushes data work up to 10% of the gap a year");
  b.real(
      kDeployThresholdKey, 0.3, "d", {0, 1},
      "readiness: d needed to go from pilot (1) to deployed (2)",
      [](F & f) -> auto& { return f.behaviour.deploy_threshold; });
  b.plausible(0.2, 0.4, "assumed around the survey's early stage (d < 0.3)");
  b.real(
      kIntegrateThresholdKey, 0.6, "d", {0, 1},
      "readiness: d needed to go from deployed (2) to integrated (3)",
      [](F & f) -> auto& { return f.behaviour.integrate_threshold; });
  b.plausible(0.5, 0.7, "assumed around the survey's meeting expectations (d >= 0.6)");
}

void initial_rows(Rows& b) {
  b.section("initial: AI adoption in the start month");
  b.list(
      "initial.adoption_by_size", {0.02, 0.05, 0.12, 0.30}, names(kSizeNames), "share of firms",
      {0, 1},
      "share at stage >= 1 at the start, by size class (China: from the proxies in "
      "seeds/facts.toml, low and concentrated in large firms)",
      [](F & f) -> auto& { return f.population.initial_adoption; });
  b.list(
      "initial.sector_multiplier", {0.5, 1, 0.6, 1, 1, 2.5, 1.2, 3, 0.8, 1, 1, 1.5},
      names(kSectorNames), "multiplier", {0, 20},
      "moves a size class's initial adoption between sectors without changing it (divided by "
      "the class's firm-weighted mean; ICT and finance lead)",
      [](F & f) -> auto& { return f.population.initial_sector_multiplier; });
  b.real(
      "initial.deployed_share", 0.2, "share", {0, 1},
      "of initial adopters with d >= deploy threshold, the share already deployed",
      [](F & f) -> auto& { return f.population.initial_deployed; });
  b.plausible(0.1, 0.4,
              "of adopters ready to deploy, the share already deployed: Gartner 2024 finds 8% of "
              "large firms in production against 83% testing or using (SAS 2024)");
}

void decision_rows(Rows& b) {
  const std::vector<std::string> stages = {"pilot", "deployed", "integrated"};
  b.section("consideration: whether a firm looks at AI at all (Bass)");
  b.real(
      "consideration.p", 0.00209, "1/month", {0, 1},
      "external influence: vendors and media, before any policy promotion (calibrated: the "
      "posterior median of seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.p; });
  b.plausible(0.00150, 0.00267,
              "the 90% posterior interval of the calibration to EU and US adoption 2023-2024 "
              "(seeds/calibration.h5; prior 0.00001-0.01, log-uniform)");
  b.real(
      "consideration.q", 0.0168, "1/month", {0, 1},
      "imitation: added chance when every partner has adopted (calibrated: the posterior "
      "median of seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.q; });
  b.plausible(0.0108, 0.0335,
              "the 90% posterior interval of the calibration (seeds/calibration.h5; prior "
              "0.01-1, log-uniform); Bass q for business technologies is 0.38-0.53 a year, about "
              "0.04 a month (Chandrasekaran and Tellis 2007)");
  b.real(
      "consideration.open_source_effect", 0.5, "-", {0, 10},
      "open source raises p and q by this share per unit of the open-source index",
      [](F & f) -> auto& { return f.behaviour.open_source_effect; });
  b.plausible(0.0, 1.0, "assumed: a unit of the open-source index at most doubles consideration");

  b.section("economics: the return on moving up a stage");
  b.flag(
      "economics.enabled", true,
      "false: Bass validation mode, every considering firm adopts (no costs, readiness or "
      "credit)",
      [](F & f) -> auto& { return f.behaviour.economics; });
  b.list(
      "economics.exposure",
      {0.15, 0.28, 0.23, 0.33, 0.30, 0.55, 0.48, 0.63, 0.29, 0.36, 0.37, 0.54}, names(kSectorNames),
      "share of work", {0, 1},
      "share of a sector's work (tasks) that frontier AI tools speed up by half or more: "
      "Eloundou et al. (2024) exposure by occupation, weighted by each sector's occupations "
      "(seeds/facts.toml)",
      [](F & f) -> auto& { return f.behaviour.exposure; });
  b.real(
      "economics.frontier_saving", 0.27, "share of cost", {0, 0.6},
      "labour-cost saving on exposed work with the start month's frontier (Acemoglu 2024: "
      "27%, the mean of two field experiments); the saving grows with capability c",
      [](F & f) -> auto& { return f.behaviour.frontier_saving; });
  b.plausible(0.12, 0.5,
              "task-level savings: 12% (customer support, Brynjolfsson et al. 2023) to 40-56% "
              "(writing, coding: Noy and Zhang 2023, Peng et al. 2023)");
  b.real(
      "economics.labour_cost_share", 0.55, "share", {0, 1},
      "labour's share of the cost of exposed work (PWT 11.0 labour share 0.586; Acemoglu "
      "about 0.53)",
      [](F & f) -> auto& { return f.behaviour.labour_cost_share; });
  b.plausible(0.5, 0.6, "labour share: PWT 0.586, Acemoglu 2024 about 0.53");
  b.list("economics.stage_weights", {0.2, 0.6, 1.0}, stages, "-", {0, 1},
         "w(S): share of the full gain reached at each stage", [](F& f) {
           return std::span<double, 3>(f.behaviour.stage_weight.data() + 1, 3);  // w(0) = 0
         });
  b.list(
      "economics.step_cost", {8, 60, 200}, stages, "kCNY", {0, 1e6},
      "one-time cost of reaching each stage for a 10-employee firm with d = 1",
      [](F & f) -> auto& { return f.behaviour.step_cost; });
  b.real(
      "economics.cost_size_elasticity", 0.736, "-", {0, 2},
      "cost grows as (employees / 10) to this power (calibrated: the posterior median of "
      "seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.cost_size_elasticity; });
  b.plausible(0.539, 0.989,
              "the 90% posterior interval of the calibration (seeds/calibration.h5; prior 0.5-1: "
              "integration cost rises less than proportionally with size, 1 is proportional)");
  b.real(
      "economics.digitization_gap_cost", 1.5, "-", {0, 20},
      "cost multiplier 1 + this x (1 - d): poor data makes AI dear",
      [](F & f) -> auto& { return f.behaviour.digitization_gap_cost; });
  b.plausible(0.5, 3.0, "assumed: poor data makes integration 1.5 to 4 times dearer");
  b.real(
      "economics.compliance_cost", 5, "kCNY", {0, 1e5},
      "compliance cost of a stage step at today's regulation",
      [](F & f) -> auto& { return f.behaviour.compliance_cost; });
  b.plausible(0.0, 50.0,
              "assumed: algorithm filing and security assessment for a small firm, from nothing to "
              "about 50 thousand CNY");
  b.real(
      "economics.payback_months", 36, "months", {1, 240},
      "horizon over which a firm weighs monthly gains against the cost",
      [](F & f) -> auto& { return f.behaviour.payback_months; });
  b.plausible(18.0, 60.0, "IT projects are usually asked to pay back within two to five years");
  b.real(
      "economics.decision_rate", 0.08, "1/month", {0, 1},
      "most a firm that has adopted moves up a stage in a month, however good the return",
      [](F & f) -> auto& { return f.behaviour.decision_rate; });
  b.plausible(0.02, 0.2, "an adopter weighs its next stage every 5 to 50 months");
  b.real(
      "economics.return_sensitivity", 1.81, "-", {0, 100},
      "slope of the step-up probability, tanh(slope x return / 2), in the return on cost "
      "(calibrated: the posterior median of seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.return_sensitivity; });
  b.plausible(0.331, 6.85,
              "the 90% posterior interval of the calibration (seeds/calibration.h5; prior "
              "0.25-8, log-uniform: from sluggish to near-threshold responses)");
  b.real(
      "economics.data_effect", 0.3, "-", {0, 10},
      "AI gains grow by this share per unit of the data index",
      [](F & f) -> auto& { return f.behaviour.data_effect; });
  b.plausible(0.0, 0.6, "assumed: a unit of the data index raises AI's yield by up to 60%");
  b.real(
      "economics.credit_access", 0.5, "1/month", {0, 1},
      "chance a private SME finds credit for a step in a month",
      [](F & f) -> auto& { return f.behaviour.credit_access; });
  b.plausible(0.2, 0.8, "assumed: the monthly chance a private SME finds credit for a step");
  b.real(
      "economics.use_digitization_exponent", 0.5, "-", {0, 5}, "a in effective use e = d^a h^b",
      [](F & f) -> auto& { return f.behaviour.use_digitization_exponent; });
  b.plausible(0.3, 0.7, "complements of equal weight (0.5) give or take 0.2");
  b.real(
      "economics.use_skill_exponent", 0.5, "-", {0, 5}, "b in effective use e = d^a h^b",
      [](F & f) -> auto& { return f.behaviour.use_skill_exponent; });
  b.plausible(0.3, 0.7, "complements of equal weight (0.5) give or take 0.2");
  b.real(
      "economics.hollow_threshold", 0.3, "e", {0, 1},
      "a firm at stage >= 2 with e below this is a hollow adopter",
      [](F & f) -> auto& { return f.behaviour.hollow_threshold; });
  b.plausible(0.2, 0.4, "assumed: effective use below which adoption is on paper");
}

void growth_rows(Rows& b) {
  b.section("growth: capability, productivity and the macro economy");
  b.real(
      "growth.frontier_speed", 0.35, "1/year", {0, 3},
      "logistic speed of frontier capability in use, F (F = 1 in the anchor month, 2025-01): "
      "capability "
      "grows at speed x (1 - F / ceiling) a year, slower than raw benchmarks because it must "
      "be put to use across the whole task distribution (seeds/facts.toml)",
      [](F & f) -> auto& { return f.environment.frontier_speed; });
  b.plausible(0.2, 0.7,
              "capability in use grows far slower than raw benchmarks (Epoch AI, METR): see "
              "seeds/facts.toml");
  b.real(
      "growth.frontier_ceiling", 2.5, "frontier units", {1, 10},
      "the level F approaches: how far tools can widen the exposed share and deepen the "
      "saving on it (Eloundou et al. zeta/beta 1.6 x best-case saving/27% about 2; "
      "seeds/facts.toml)",
      [](F & f) -> auto& { return f.environment.frontier_ceiling; });
  b.plausible(1.5, 4.0,
              "Eloundou et al. zeta/beta = 1.6 times best-case saving over 27% = 2 gives about 3; "
              "1.5-4 covers the jagged frontier");
  b.month(
      "growth.frontier_anchor", "2025-01",
      "the month in which F = 1: capability is measured in the frontier units of that month, "
      "and a run that starts earlier or later starts from F's path without levers",
      [](F & f) -> auto& { return f.environment.frontier_anchor; });
  b.real(
      "growth.absorption_rate", 0.05, "1/month", {0, 1},
      "share of the gap to the frontier a firm absorbs at e = 1",
      [](F & f) -> auto& { return f.behaviour.absorption_rate; });
  b.plausible(0.02, 0.1, "half the gap to the frontier absorbed in 7 to 35 months of full use");
  b.real(
      "growth.partner_spillover", 0.5, "-", {0, 5},
      "knowledge spillovers: absorption rises by this share times the adopted share of a "
      "firm's partners",
      [](F & f) -> auto& { return f.behaviour.partner_spillover; });
  b.plausible(0.0, 1.0, "assumed: fully adopted partners at most double absorption");
  b.real(
      "growth.baseline_tfp", 0.018, "1/year", {-0.1, 0.2},
      "TFP growth without AI, human capital included (PWT 11.0 growth accounting, China "
      "2015-2023: 1.2-2.3%)",
      [](F & f) -> auto& { return f.behaviour.baseline_tfp_growth; });
  b.plausible(
      0.012, 0.023,
      "PWT 11.0 growth accounting for China: 1.2-2.3% a year over 2015-2023 and sub-periods");
  b.real(
      "growth.jcurve_depth", 0.05, "share", {0, 1}, "productivity dip right after a stage change",
      [](F & f) -> auto& { return f.behaviour.jcurve_depth; });
  b.plausible(0.0, 0.1, "short-run productivity losses after adoption (McElheran et al. 2025)");
  b.real(
      "growth.jcurve_months", 12, "months", {0, 120}, "months for the dip to recover",
      [](F & f) -> auto& { return f.behaviour.jcurve_months; });
  b.plausible(6.0, 36.0,
              "the dip lasts months to a few years (McElheran et al. 2025; Brynjolfsson, Rock and "
              "Syverson 2021)");
  b.real(
      "growth.labour_share", 0.55, "share", {0, 1},
      "labour share in growth accounting (PWT 0.586; Conference Board 0.53)",
      [](F & f) -> auto& { return f.environment.labour_share; });
  b.plausible(0.5, 0.6, "PWT 0.586; Conference Board 0.53");
  b.real(
      "growth.labour_force_growth", -0.006, "1/year", {-0.2, 0.2},
      "growth of the working-age labour force (UN WPP 2024: ages 15-64, 987 million in 2025 "
      "to 930 million in 2035)",
      [](F & f) -> auto& { return f.environment.labour_force_growth; });
  b.plausible(-0.009, -0.003,
              "UN WPP 2024: ages 15-64 -0.3% a year to 2030 and -0.9% after; ages 15-59 -0.8%");
  b.real(
      "growth.capital_contribution", 0.032, "1/year", {-0.1, 0.2},
      "capital deepening's contribution to GDP growth in the start month (PWT 11.0, China "
      "2019-2023: 3.1 pp)",
      [](F & f) -> auto& { return f.environment.capital_contribution; });
  b.plausible(0.028, 0.035, "PWT 11.0: 3.1 pp (2019-2023) to 3.45 pp (2015-2023)");
  b.real(
      "growth.capital_contribution_change", -0.001, "1/year per year", {-0.05, 0.05},
      "yearly change of capital's contribution (IMF potential growth 3.8% in 2025-30, 2.8% "
      "in 2031-40)",
      [](F & f) -> auto& { return f.environment.capital_contribution_change; });
  b.plausible(-0.002, 0.0, "IMF: potential growth falls by about 1 pp over the decade");
  b.real(
      "growth.capital_contribution_floor", 0.015, "1/year", {-0.1, 0.2},
      "the level capital's contribution does not fall below (assumed: about half of long-run "
      "potential growth of about 3%)",
      [](F & f) -> auto& { return f.environment.capital_contribution_floor; });
  b.plausible(0.01, 0.02, "assumed: half of long-run potential growth of 2-4%");
}

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

}  // namespace

const core::Bindings<FirmParams>& firm_bindings() {
  static const Rows b = [] {
    Rows rows;
    population_rows(rows);
    digitization_rows(rows);
    initial_rows(rows);
    decision_rows(rows);
    growth_rows(rows);
    compute_rows(rows);
    skills_rows(rows);
    network_rows(rows);
    rows.include(
        lever_bindings(), [](F & f) -> auto& { return f.levers; });
    cost_rows(rows);
    rows.section("output: what is written besides the series");
    rows.months(
        "output.milestones", {"2027-12", "2030-12", "2035-12"},
        "months at whose end the run summary records adoption, deployment, capability in use, "
        "the AI term of TFP, the diffusion deficit and lag, the SME gap and GDP growth "
        "(attributes of /national)",
        [](F & f) -> auto& { return f.milestones; });
    rows.numbers(
        kEmploymentBandsKey, {}, "employees", {1, 1e7},
        "lower edges of employment bands for /bands (adoption and deployment by band), "
        "e.g. [10, 50, 250] for Eurostat's 10-49, 50-249 and 250+; empty: no /bands",
        [](F & f) -> auto& { return f.employment_bands; });
    rows.flag(
        "output.directive_comparison", true,
        "record the AI Plus directive's penetration targets (2027, 2030) beside the run's "
        "employment-weighted adoption; false for economies the directive does not cover",
        [](F & f) -> auto& { return f.directive_comparison; });
    return rows;
  }();
  return b;
}

FirmParams read_firm_params(const core::Config& config) {
  FirmParams params = firm_bindings().read(config);
  params.run = settings(config);
  if (params.run.firms > params.population.enterprises) {
    throw core::ConfigError(config.where(kFirmsKey),
                            std::string(kFirmsKey) + " = " + std::to_string(params.run.firms) +
                                " exceeds population.enterprises; expected at most one agent per "
                                "real firm");
  }
  const auto& bands = params.population.size_bands;
  for (std::size_t k = 1; k <= kSizes; ++k) {
    const double upper = k < kSizes ? bands[k] : params.population.largest_firm;
    if (!(upper > bands[k - 1])) {
      throw core::ConfigError(config.where(kSizeBandsKey),
                              std::string(kSizeBandsKey) +
                                  ": the bands must rise from micro to large and stay below "
                                  "population.largest_firm; expected increasing lower ends");
    }
  }
  if (params.employment_bands.size() + 1 > kMaxBands) {
    throw core::ConfigError(config.where(kEmploymentBandsKey),
                            std::string(kEmploymentBandsKey) + ": at most " +
                                std::to_string(kMaxBands - 1) + " edges; expected fewer bands");
  }
  const auto& b = params.behaviour;
  if (b.integrate_threshold < b.deploy_threshold) {
    throw core::ConfigError(config.where(kIntegrateThresholdKey),
                            std::string(kIntegrateThresholdKey) + " is below " +
                                kDeployThresholdKey +
                                "; expected integration to need at least the digitization "
                                "deployment needs");
  }
  return params;
}

}  // namespace aiplus::agents
