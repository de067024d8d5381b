#include "agents/metrics.hpp"

#include <algorithm>

namespace aiplus::agents {
namespace {

using Row = core::SeriesDef<Sums, FrameContext>;
using X = FrameContext;

double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

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
double gpu_hours(const Sums& s, const X& x) {
  return s.total(kGpuHours) * x.weight;
}
double kwh(const Sums& s, const X& x) {
  return gpu_hours(s, x) * x.kwh_per_gpu_hour;
}

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
        "mean absorbed capability c of adopters (F at the start = 1)",
        "sum of c / firms at stage >= 1"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kSumC), s.adopters()); }},
      {{"hollow_share", "1",
        "share of firms at stage >= 2 that are hollow adopters (e below threshold)",
        "firms at stage >= 2 with e < economics.hollow_threshold / firms at stage >= 2"},
       [](const Sums& s, const X&, std::size_t) { return ratio(s.total(kHollow), deployed(s)); }},
      {{"frontier", "frontier units", "frontier AI capability F (F at the start = 1)", "F"},
       [](const Sums&, const X& x, std::size_t) { return x.frontier; }},
      {{"diffusion_deficit", "1", "1 - output-weighted mean of e c over F",
        "1 - (sum of Y0 e c / sum of Y0) / F, Y0 baseline value added"},
       [](const Sums& s, const X& x, std::size_t) {
         return 1.0 - ratio(s.total(kOutputEc), s.total(kOutput)) / x.frontier;
       }},
      {{"tfp_index", "1", "total factor productivity index (start = 1)",
        "exp(growth.baseline_tfp t) (1 + ai_tfp_term)"},
       [](const Sums& s, const X& x, std::size_t) {
         return x.tfp_trend * ratio(s.total(kOutputAi), s.total(kOutput));
       }},
      {{"ai_tfp_term", "1", "AI term of TFP: output-weighted (1 + gamma w e c) J - 1",
        "sum of Y0 (1 + gamma w(S) e c) J / sum of Y0 - 1"},
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
        "GDP growth: TFP growth + labour share x labour force growth + capital (target 4.5%)",
        "tfp_growth + growth.labour_share x labour force growth + growth.capital_contribution"},
       [](const Sums&, const X& x, std::size_t) {
         return x.tfp_growth + x.labour_share * x.labour_growth + x.capital_contribution;
       }},
      {{"ai_needed_to_offset_labour", "1/year",
        "TFP growth needed to offset the labour force decline",
        "max(0, -growth.labour_share x labour force growth)"},
       [](const Sums&, const X& x, std::size_t) {
         return std::max(0.0, -x.labour_share * x.labour_growth);
       }},
      {{"engineers_demanded", "engineers", "AI engineers firms need for their stage",
        "weight x sum of need(S, size)"},
       [](const Sums& s, const X& x, std::size_t) { return s.total(kEngineersNeeded) * x.weight; }},
      {{"engineers_hired", "engineers", "AI engineers firms have hired",
        "weight x sum of need(S, size) h"},
       [](const Sums& s, const X& x, std::size_t) { return s.total(kEngineersHired) * x.weight; }},
      {{"engineer_supply", "engineers", "AI engineers available (broad and elite pools)",
        "sum over regions of broad and elite pools"},
       [](const Sums&, const X& x, std::size_t) { return x.engineer_supply; }},
      {{"subsidy_budget", "bn CNY/month", "voucher budget this month", "industry.subsidy_budget"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_budget; }},
      {{"subsidy_paid", "bn CNY/month", "voucher money paid out in the last step",
        "weight x sum of vouchers paid"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_paid; }},
      {{"subsidy_wasted", "bn CNY/month", "voucher money paid to firms that did not step up",
        "weight x sum of vouchers paid to firms that stayed at their stage"},
       [](const Sums&, const X& x, std::size_t) { return x.subsidy_wasted; }},
      {{"ai_compute", "bn GPU-hours/month", "compute used by firms' AI",
        "weight x sum of employees x GPU-hours per employee x F^elasticity x w(S) / 1e9"},
       [](const Sums& s, const X& x, std::size_t) { return gpu_hours(s, x) / 1e9; }},
      {{"ai_electricity", "TWh/year", "electricity for firms' AI, at this month's rate",
        "ai_compute x compute.kwh_per_gpu_hour x 12 (TWh)"},
       [](const Sums& s, const X& x, std::size_t) { return kwh(s, x) * 12 / 1e9; }},
      {{"ai_electricity_cost", "bn CNY/month", "cost of that electricity",
        "kWh x compute.electricity_price"},
       [](const Sums& s, const X& x, std::size_t) {
         return kwh(s, x) * x.electricity_price / kKcnyPerBillion;
       }},
      {{"ai_compute_cost", "bn CNY/month", "cost of that compute at each region's price",
        "weight x sum over regions of GPU-hours x compute.gpu_hour_price x regional price index"},
       [](const Sums& s, const X& x, std::size_t) {
         double cost = 0;
         for (std::size_t r = 0; r < kRegions; ++r) cost += s.gpu_hours(r) * x.gpu_hour_price[r];
         return cost * x.weight / kKcnyPerBillion;
       }},
      {{"ai_value_added", "bn CNY/month", "value added due to AI (before J-curve dips)",
        "weight x (sum of Y0 (1 + gamma w e c) J - sum of Y0)"},
       [](const Sums& s, const X& x, std::size_t) {
         return (s.total(kOutputAi) - s.total(kOutput)) * x.weight / kKcnyPerBillion;
       }},
  };
}

std::vector<Row> segment_rows() {
  return {
      {{"firms", "firms", "real firms in the segment", "weight x agents in the segment"},
       [](const Sums& s, const X& x, std::size_t seg) { return s.at(seg, kFirms) * x.weight; }},
      {{"adoption_share", "1", "share of firms at stage >= 1",
        "agents at stage >= 1 / agents, in the segment"},
       [](const Sums& s, const X&, std::size_t seg) {
         return ratio(s.adopters(seg), s.at(seg, kFirms));
       }},
      {{"deployed_share", "1", "share of firms at stage >= 2",
        "agents at stage >= 2 / agents, in the segment"},
       [](const Sums& s, const X&, std::size_t seg) {
         return ratio(s.at(seg, kStage2) + s.at(seg, kStage3), s.at(seg, kFirms));
       }},
      {{"mean_effective_use", "1", "mean effective use e of adopters",
        "sum of e / agents at stage >= 1, in the segment"},
       [](const Sums& s, const X&, std::size_t seg) {
         return ratio(s.at(seg, kSumE), s.adopters(seg));
       }},
      {{"hollow_share", "1", "share of stage >= 2 firms that are hollow adopters",
        "hollow agents / agents at stage >= 2, in the segment"},
       [](const Sums& s, const X&, std::size_t seg) {
         return ratio(s.at(seg, kHollow), s.at(seg, kStage2) + s.at(seg, kStage3));
       }},
      {{"ai_tfp_term", "1", "AI term of TFP in the segment",
        "sum of Y0 (1 + gamma w e c) J / sum of Y0 - 1, in the segment"},
       [](const Sums& s, const X&, std::size_t seg) {
         return s.at(seg, kOutput) > 0 ? s.at(seg, kOutputAi) / s.at(seg, kOutput) - 1.0 : 0.0;
       }},
      {{"subsidy_paid", "bn CNY/month", "voucher money paid to the segment in the last step",
        "weight x vouchers paid to the segment"},
       [](const Sums&, const X& x, std::size_t seg) {
         return x.subsidy_by_segment.empty() ? 0.0 : x.subsidy_by_segment[seg];
       }},
  };
}

std::vector<Row> skills_rows() {
  return {
      {{"engineers_demanded", "engineers", "AI engineers needed, by region and hiring tier",
        "weight x sum of need(S, size) in the cell"},
       [](const Sums& s, const X& x, std::size_t cell) { return s.demand(cell) * x.weight; }},
      {{"engineers_hired", "engineers", "AI engineers hired, by region and hiring tier",
        "weight x sum of need(S, size) h in the cell"},
       [](const Sums& s, const X& x, std::size_t cell) { return s.hired(cell) * x.weight; }},
      {{"tier_fill", "1", "share of the tier's demand the market filled in the last step",
        "engineers the market gave the tier / engineers it asked for"},
       [](const Sums&, const X& x, std::size_t cell) { return x.tier_fill[cell]; }},
  };
}

}  // namespace

const std::vector<core::GroupDef<Sums, FrameContext>>& firm_tables() {
  static const std::vector<core::GroupDef<Sums, FrameContext>> tables = {
      {"national", {}, national_rows()},
      {"segment",
       {{"sector", names(kSectorNames)},
        {"ownership", names(kOwnershipNames)},
        {"size_class", names(kSizeNames)}},
       segment_rows()},
      {"skills",
       {{"region", names(kRegionNames)}, {"tier", {"soe_and_large", "medium", "small_and_micro"}}},
       skills_rows()},
  };
  return tables;
}

std::vector<core::GroupInfo> firm_outputs() {
  return core::infos(firm_tables());
}

double ai_term(const Sums& sums) {
  return ratio(sums.total(kOutputAi), sums.total(kOutput)) - 1.0;
}

}  // namespace aiplus::agents
