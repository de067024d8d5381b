// The national series: one row per series of /national, each with its unit, meaning
// and formula, computed from the sums of all firms.
#include <cmath>

#include "agents/metric_rows.hpp"

namespace aiplus::agents {
namespace {

// Segment filters for national series.
constexpr auto kLarge_ = [](auto, auto, auto size) { return size == kLarge; };
constexpr auto kSmallMicro = [](auto, auto, auto size) { return size <= kSmall; };
constexpr auto kSoe = [](auto, auto ownership, auto) { return is_soe(ownership); };

double adoption_where(const Sums& s, auto keep) {
  return ratio(s.adopters(keep), s.total(kFirms, keep));
}
double deployed(const Sums& s) {
  return s.total(kStage2) + s.total(kStage3);
}
double gpu_hours(const Sums& s) {
  return s.total(kGpuHours);
}
double kwh(const Sums& s, const X& x) {
  return gpu_hours(s) * x.kwh_per_gpu_hour;
}

}  // namespace

std::vector<Row> national_rows() {
  return {
      {{"adoption_share", "1", "share of firms that have adopted AI (stage >= 1)",
        "firms at stage >= 1 / firms"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.adopters(), s.total(kFirms)); }},
      {{"stage1_share", "1", "share of firms piloting AI (stage 1)", "firms at stage 1 / firms"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kStage1), s.total(kFirms));
       }},
      {{"stage2_share", "1", "share of firms with AI deployed in part of the business (stage 2)",
        "firms at stage 2 / firms"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kStage2), s.total(kFirms));
       }},
      {{"stage3_share", "1", "share of firms with AI integrated (stage 3, intelligent-native)",
        "firms at stage 3 / firms"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kStage3), s.total(kFirms));
       }},
      {{"deployed_share", "1",
        "share of firms at stage >= 2 (compare: directive's 70% by 2027, 90% by 2030)",
        "firms at stage >= 2 / firms"},
       [](const Sums& s, const X&, std::size_t) { return ratio(deployed(s), s.total(kFirms)); }},
      {{"adoption_share_employment", "1",
        "share of employment in firms that have adopted AI (stage >= 1): the closest firm "
        "metric to the directive's penetration targets, which count terminals and agents",
        "employees of firms at stage >= 1 / employees"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kEmployeesAdopted), s.total(kEmployees));
       }},
      {{"adoption_share_output", "1", "share of value added in firms that have adopted AI",
        "baseline value added of firms at stage >= 1 / baseline value added"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kOutputAdopted), s.total(kOutput));
       }},
      {{"deployed_share_employment", "1", "share of employment in firms with AI deployed",
        "employees of firms at stage >= 2 / employees"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kEmployeesDeployed), s.total(kEmployees));
       }},
      {{"deployed_share_output", "1", "share of value added in firms with AI deployed",
        "baseline value added of firms at stage >= 2 / baseline value added"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kOutputDeployed), s.total(kOutput));
       }},
      {{"adoption_share_large", "1", "adoption share of large firms",
        "large firms at stage >= 1 / large firms"},
       [](const Sums& s, const X&, std::size_t) { return adoption_where(s, kLarge_); }},
      {{"adoption_share_small_micro", "1", "adoption share of small and micro firms",
        "small and micro firms at stage >= 1 / small and micro firms"},
       [](const Sums& s, const X&, std::size_t) { return adoption_where(s, kSmallMicro); }},
      {{"sme_gap", "1", "SME gap: adoption share of large firms minus small and micro firms",
        "adoption_share_large - adoption_share_small_micro"},
       [](const Sums& s, const X&, std::size_t) {
         return adoption_where(s, kLarge_) - adoption_where(s, kSmallMicro);
       }},
      {{"soe_adoption_share", "1", "adoption share of SOEs (central and local)",
        "SOEs at stage >= 1 / SOEs"},
       [](const Sums& s, const X&, std::size_t) { return adoption_where(s, kSoe); }},
      {{"soe_effective_use", "1", "mean effective use e of SOEs with AI deployed (stage >= 2)",
        "sum of e over SOEs at stage >= 2 / SOEs at stage >= 2"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kSumEDeployed, kSoe),
                      s.total(kStage2, kSoe) + s.total(kStage3, kSoe));
       }},
      {{"mean_digitization", "1", "mean digitization d", "sum of d / firms"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kSumD), s.total(kFirms)); }},
      {{"mean_skill_fill", "1", "mean skill fill h of adopters", "sum of h / firms at stage >= 1"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kSumH), s.adopters()); }},
      {{"mean_effective_use", "1", "mean effective use e = d^a h^b of adopters",
        "sum of e / firms at stage >= 1"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kSumE), s.adopters()); }},
      {{"mean_capability", "frontier units",
        "mean absorbed capability c of adopters (F = 1 in the anchor month, 2025-01)",
        "sum of c / firms at stage >= 1"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kSumC), s.adopters()); }},
      {{"hollow_share", "1",
        "share of firms at stage >= 2 that are hollow adopters (e below threshold)",
        "firms at stage >= 2 with e < economics.hollow_threshold / firms at stage >= 2"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kHollow), deployed(s)); }},
      {{"frontier", "frontier units",
        "frontier AI capability F (F = 1 in the anchor month, 2025-01)", "F"},
       [](const Sums&, const X& x, std::size_t) { return x.frontier; }},
      {{"capability_in_use", "frontier units",
        "absolute diffusion: output-weighted mean of e c over all firms (F = 1 in the anchor "
        "month, 2025-01)",
        "sum of Y0 e c / sum of Y0, Y0 baseline value added"},
       [](const Sums& s, const X&, std::size_t) { return capability_in_use(s); }},
      {{"capability_in_use_employment", "frontier units",
        "absolute diffusion: employment-weighted mean of e c over all firms",
        "sum of employees e c / sum of employees"},
       [](const Sums& s, const X&, std::size_t) {
         return ratio(s.total(kEmployeesEc), s.total(kEmployees));
       }},
      {{"diffusion_deficit", "1", "relative deficit: 1 - capability in use over F",
        "1 - capability_in_use / F"},
       [](const Sums& s, const X& x, std::size_t) {
         return 1.0 - capability_in_use(s) / x.frontier;
       }},
      {maybe({"diffusion_lag", "years",
              "diffusion lag: how many years behind the frontier the capability in use is "
              "(compare Comin and Hobijn's adoption lags)",
              "t - t*, where F(t*) = capability_in_use(t); F before the start extrapolated "
              "along the logistic at growth.frontier_speed; NaN while nothing is in use. Once "
              "the frontier stops moving the lag grows a year a year by definition"}),
       [](const Sums&, const X& x, std::size_t) { return x.diffusion_lag; }},
      {{"tfp_index", "1", "total factor productivity index (start = 1)",
        "exp(growth.baseline_tfp t) (1 + ai_tfp_term)"},
       [](const Sums& s, const X& x, std::size_t) {
         return x.tfp_trend * ratio(s.total(kOutputAi), s.total(kOutput));
       }},
      {{"ai_tfp_term",
        "1",
        "AI term of TFP: output-weighted (1 + gamma w e c m) J - 1",
        "sum of Y0 (1 + gamma_s w(S) e c m_s) J / sum of Y0 - 1; gamma_s = labour cost share x "
        "exposure_s x frontier saving; attributes: the published ten-year band",
        false,
        {{"reference_low", kAiTfpBandLow}, {"reference_high", kAiTfpBandHigh}}},
       [](const Sums& s, const X&, std::size_t) { return ai_term(s); }},
      {{"tfp_growth", "1/year", "TFP growth over the last 12 months",
        "tfp_index(t) / tfp_index(t - 12) - 1 (annualised over the months there are at the start)"},
       [](const Sums&, const X& x, std::size_t) { return x.tfp_growth; }},
      {{"ai_growth_contribution", "1/year", "growth of the AI term of TFP over the last 12 months",
        "((1 + ai_tfp_term(t)) / (1 + ai_tfp_term(t - 12))) - 1"},
       [](const Sums&, const X& x, std::size_t) { return x.ai_growth; }},
      {{"labour_force_index", "1", "working-age labour force (start = 1)",
        "(1 + growth.labour_force_growth)^(t / 12)"},
       [](const Sums&, const X& x, std::size_t) { return x.labour_force; }},
      {{"gdp_growth", "1/year",
        "GDP growth: TFP growth + labour share x labour force growth + capital (compare: 5.0% "
        "in 2024, about 4.5% wanted through 2035)",
        "tfp_growth + growth.labour_share x labour force growth + max(growth.capital_"
        "contribution_floor, growth.capital_contribution + growth.capital_contribution_change x "
        "years)"},
       [](const Sums&, const X& x, std::size_t) {
         return x.tfp_growth + x.labour_share * x.labour_growth + x.capital_contribution;
       }},
      {{"ai_needed_to_offset_labour", "1/year",
        "TFP growth needed to offset the labour force decline",
        "max(0, -growth.labour_share x labour force growth)"},
       [](const Sums&, const X& x, std::size_t) {
         return std::max(0.0, -x.labour_share * x.labour_growth);
       }},
      {maybe({"months_to_10pct", "months", "months from the start until 10% of firms had adopted",
              "first row with adoption_share >= 0.1; NaN until then"}),
       [](const Sums&, const X& x, std::size_t) { return x.reached[kSegments][0]; }},
      {maybe({"months_to_50pct", "months", "months from the start until half of firms had adopted",
              "first row with adoption_share >= 0.5; NaN until then"}),
       [](const Sums&, const X& x, std::size_t) { return x.reached[kSegments][1]; }},
      {maybe({"months_to_90pct", "months", "months from the start until 90% of firms had adopted",
              "first row with adoption_share >= 0.9; NaN until then"}),
       [](const Sums&, const X& x, std::size_t) { return x.reached[kSegments][2]; }},
      {{"engineers_demanded", "engineers", "AI engineers firms need for their stage",
        "sum of w need(S, size), w the design weight"},
       [](const Sums& s, const X&, std::size_t) { return s.total(kEngineersNeeded); }},
      {{"engineers_hired", "engineers", "AI engineers firms have hired",
        "sum of w need(S, size) h"},
       [](const Sums& s, const X&, std::size_t) { return s.total(kEngineersHired); }},
      {{"engineer_supply", "engineers", "AI engineers available (broad and elite pools)",
        "sum over regions of broad and elite pools"},
       [](const Sums&, const X& x, std::size_t) { return x.engineer_supply; }},
      {{"subsidy_budget", "bn CNY/month", "voucher budget this month", "industry.subsidy_budget"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_budget; }},
      {{"subsidy_paid", "bn CNY/month", "voucher money paid out in the last step",
        "sum of w x voucher paid"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_paid; }},
      {{"subsidy_wasted", "bn CNY/month", "voucher money paid to firms that did not step up",
        "sum of w x voucher paid to firms that stayed at their stage"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_wasted; }},
      {{"subsidy_demand", "bn CNY/month",
        "vouchers the eligible firms would have claimed in the last step",
        "sum of w x the voucher of every firm that drew a slot (eligible and past capital "
        "evaluation)"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_demand; }},
      {{"subsidy_unspent", "bn CNY/month", "voucher budget left unspent in the last step",
        "subsidy_budget - subsidy_paid"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_budget - x.subsidy_paid; }},
      {{"programme_spending", "bn CNY/year",
        "spending of the innovation and diffusion programmes this month, at a yearly rate",
        "programmes.innovation + programmes.diffusion"},
       [](const Sums&, const X& x, std::size_t) { return x.programme_spending; }},
      {{"ai_compute", "bn GPU-hours/month", "compute used by firms' AI",
        "sum of w x employees x GPU-hours per employee x F^elasticity x efficiency x w(S) / 1e9"},
       [](const Sums& s, const X&, std::size_t) { return gpu_hours(s) / 1e9; }},
      {{"ai_electricity", "TWh/year", "electricity for firms' AI, at this month's rate",
        "ai_compute x compute.kwh_per_gpu_hour x 12 (TWh)"},
       [](const Sums& s, const X& x, std::size_t) { return kwh(s, x) * 12 / 1e9; }},
      {{"ai_electricity_cost", "bn CNY/month", "cost of that electricity",
        "kWh x compute.electricity_price"},
       [](const Sums& s, const X& x, std::size_t) {
         return kwh(s, x) * x.electricity_price / kKcnyPerBillion;
       }},
      {{"ai_compute_cost", "bn CNY/month", "cost of that compute at each region's price",
        "sum over regions of GPU-hours x compute.gpu_hour_price x regional price index"},
       [](const Sums& s, const X& x, std::size_t) {
         double cost = 0;
         for (std::size_t r = 0; r < kRegions; ++r) cost += s.gpu_hours(r) * x.gpu_hour_price[r];
         return cost / kKcnyPerBillion;
       }},
      {{"ai_value_added", "bn CNY/month", "value added due to AI, J-curve dips included",
        "sum of w Y0 ((1 + gamma w(S) e c m) J - 1) / 10^6"},
       [](const Sums& s, const X&, std::size_t) {
         return (s.total(kOutputAi) - s.total(kOutput)) / kKcnyPerBillion;
       }},
  };
}

}  // namespace aiplus::agents
