#include "agents/firm_params.hpp"

#include "agents/firm_param_rows.hpp"

namespace aiplus::agents {
namespace {

// Keys read again in the model's own checks.
constexpr const char* kSizeBandsKey = "population.size_bands";
constexpr const char* kEmploymentBandsKey = "output.employment_bands";
constexpr const char* kDeployThresholdKey = "digitization.deploy_threshold";
constexpr const char* kIntegrateThresholdKey = "digitization.integrate_threshold";

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
