#include "agents/metrics.hpp"

#include <algorithm>

namespace aiplus::agents {
namespace {

double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

// Sum of one quantity over the segments that pass a filter.
template <class Filter>
double total(std::span<const double> sums, SegmentSum what, Filter&& keep) {
  double t = 0;
  for (std::size_t seg = 0; seg < kSegments; ++seg) {
    const auto sector = seg / (kOwnerships * kSizes), ownership = seg / kSizes % kOwnerships,
               size = seg % kSizes;
    if (keep(sector, ownership, size)) t += sums[seg * kSegmentSums + what];
  }
  return t;
}

double total(std::span<const double> sums, SegmentSum what) {
  return total(sums, what, [](auto, auto, auto) { return true; });
}

double adopters(std::span<const double> s, std::size_t seg) {
  return s[seg * kSegmentSums + kStage1] + s[seg * kSegmentSums + kStage2] +
         s[seg * kSegmentSums + kStage3];
}

}  // namespace

std::vector<core::GroupInfo> firm_outputs() {
  core::GroupInfo national{
      "national",
      {},
      {
          {"adoption_share", "1", "share of firms that have adopted AI (stage >= 1)"},
          {"stage1_share", "1", "share of firms piloting AI (stage 1)"},
          {"stage2_share", "1",
           "share of firms with AI deployed in part of the business (stage 2)"},
          {"stage3_share", "1", "share of firms with AI integrated (stage 3, intelligent-native)"},
          {"deployed_share", "1",
           "share of firms at stage >= 2 (compare: directive's 70% by 2027, 90% by 2030)"},
          {"adoption_share_large", "1", "adoption share of large firms"},
          {"adoption_share_small_micro", "1", "adoption share of small and micro firms"},
          {"sme_gap", "1", "SME gap: adoption share of large firms minus small and micro firms"},
          {"soe_adoption_share", "1", "adoption share of SOEs (central and local)"},
          {"soe_effective_use", "1", "mean effective use e of SOEs with AI deployed (stage >= 2)"},
          {"mean_digitization", "1", "mean digitization d"},
          {"mean_skill_fill", "1", "mean skill fill h of adopters"},
          {"mean_effective_use", "1", "mean effective use e = d^a h^b of adopters"},
          {"mean_capability", "frontier units",
           "mean absorbed capability c of adopters (F(2025-01) = 1)"},
          {"hollow_share", "1",
           "share of firms at stage >= 2 that are hollow adopters (e below threshold)"},
          {"frontier", "frontier units", "frontier AI capability F (2025-01 = 1)"},
          {"diffusion_deficit", "1", "1 - output-weighted mean of e c over F"},
          {"tfp_index", "1", "total factor productivity index (2025-01 = 1)"},
          {"ai_tfp_term", "1", "AI term of TFP: output-weighted (1 + gamma w e c) J - 1"},
          {"tfp_growth", "1/year", "TFP growth over the last 12 months"},
          {"ai_growth_contribution", "1/year",
           "growth of the AI term of TFP over the last 12 months"},
          {"labour_force_index", "1", "working-age labour force (2025-01 = 1)"},
          {"gdp_growth", "1/year",
           "GDP growth: TFP growth + labour share x labour force growth + capital (target 4.5%)"},
          {"ai_needed_to_offset_labour", "1/year",
           "TFP growth needed to offset the labour force decline"},
          {"engineers_demanded", "engineers", "AI engineers firms need for their stage"},
          {"engineers_hired", "engineers", "AI engineers firms have hired"},
          {"engineer_supply", "engineers", "AI engineers available (broad and elite pools)"},
          {"subsidy_budget", "bn CNY/month", "voucher budget this month"},
          {"subsidy_paid", "bn CNY/month", "voucher money paid out in the last step"},
          {"subsidy_wasted", "bn CNY/month", "voucher money paid to firms that did not step up"},
          {"ai_compute", "bn GPU-hours/month", "compute used by firms' AI"},
          {"ai_electricity", "TWh/year", "electricity for firms' AI, at this month's rate"},
          {"ai_electricity_cost", "bn CNY/month", "cost of that electricity"},
          {"ai_value_added", "bn CNY/month", "value added due to AI (before J-curve dips)"},
      }};
  core::GroupInfo segment{
      "segment",
      {{"sector", names(kSectorNames)},
       {"ownership", names(kOwnershipNames)},
       {"size_class", names(kSizeNames)}},
      {
          {"firms", "firms", "real firms in the segment"},
          {"adoption_share", "1", "share of firms at stage >= 1"},
          {"deployed_share", "1", "share of firms at stage >= 2"},
          {"mean_effective_use", "1", "mean effective use e of adopters"},
          {"hollow_share", "1", "share of stage >= 2 firms that are hollow adopters"},
          {"ai_tfp_term", "1", "AI term of TFP in the segment"},
          {"subsidy_paid", "bn CNY/month", "voucher money paid to the segment in the last step"},
      }};
  core::GroupInfo skills{
      "skills",
      {{"region", names(kRegionNames)}, {"tier", {"soe_and_large", "medium", "small_and_micro"}}},
      {
          {"engineers_demanded", "engineers", "AI engineers needed, by region and hiring tier"},
          {"engineers_hired", "engineers", "AI engineers hired, by region and hiring tier"},
          {"tier_fill", "1", "share of the tier's demand the market filled in the last step"},
      }};
  return {national, segment, skills};
}

double ai_term(std::span<const double> sums) {
  return ratio(total(sums, kOutputAi), total(sums, kOutput)) - 1.0;
}

void fill_frame(std::span<const double> s, const FrameContext& x, core::Frame& frame) {
  const auto at = [&](std::size_t seg, SegmentSum what) { return s[seg * kSegmentSums + what]; };
  const double firms = total(s, kFirms), output = total(s, kOutput);
  double adopted = 0;
  for (std::size_t seg = 0; seg < kSegments; ++seg) adopted += adopters(s, seg);
  const auto adopters_where = [&](auto keep) {
    double a = 0;
    for (std::size_t seg = 0; seg < kSegments; ++seg) {
      if (keep(seg / (kOwnerships * kSizes), seg / kSizes % kOwnerships, seg % kSizes))
        a += adopters(s, seg);
    }
    return a;
  };
  const auto adoption_where = [&](auto keep) {
    return ratio(adopters_where(keep), total(s, kFirms, keep));
  };
  const auto large = [](auto, auto, auto size) { return size == kLarge; };
  const auto small_micro = [](auto, auto, auto size) { return size <= kSmall; };
  const auto soe = [](auto, auto ownership, auto) {
    return is_soe(static_cast<std::uint8_t>(ownership));
  };
  const double deployed = total(s, kStage2) + total(s, kStage3);
  const double tfp_ratio = ratio(total(s, kOutputAi), output);
  const double labour_growth = x.labour_growth;
  const double gpu_hours = total(s, kGpuHours) * x.weight;
  const double kwh = gpu_hours * x.kwh_per_gpu_hour;
  const double ai_value = (total(s, kOutputAi) - output) * x.weight / kKcnyPerBillion;

  auto& n = frame[0];
  std::size_t k = 0;
  n[k++] = ratio(adopted, firms);
  n[k++] = ratio(total(s, kStage1), firms);
  n[k++] = ratio(total(s, kStage2), firms);
  n[k++] = ratio(total(s, kStage3), firms);
  n[k++] = ratio(deployed, firms);
  const double large_share = adoption_where(large), small_share = adoption_where(small_micro);
  n[k++] = large_share;
  n[k++] = small_share;
  n[k++] = large_share - small_share;
  n[k++] = adoption_where(soe);
  n[k++] = ratio(total(s, kSumEDeployed, soe), total(s, kStage2, soe) + total(s, kStage3, soe));
  n[k++] = ratio(total(s, kSumD), firms);
  n[k++] = ratio(total(s, kSumH), adopted);
  n[k++] = ratio(total(s, kSumE), adopted);
  n[k++] = ratio(total(s, kSumC), adopted);
  n[k++] = ratio(total(s, kHollow), deployed);
  n[k++] = x.frontier;
  n[k++] = 1.0 - ratio(total(s, kOutputEc), output) / x.frontier;
  n[k++] = x.tfp_trend * tfp_ratio;
  n[k++] = tfp_ratio - 1.0;
  n[k++] = x.tfp_growth;
  n[k++] = x.ai_growth;
  n[k++] = x.labour_force;
  n[k++] = x.tfp_growth + x.labour_share * labour_growth + x.capital_contribution;
  n[k++] = std::max(0.0, -x.labour_share * labour_growth);
  n[k++] = total(s, kEngineersNeeded) * x.weight;
  n[k++] = total(s, kEngineersHired) * x.weight;
  n[k++] = x.engineer_supply;
  n[k++] = x.subsidy_budget;
  n[k++] = x.subsidy_paid;
  n[k++] = x.subsidy_wasted;
  n[k++] = gpu_hours / 1e9;
  n[k++] = kwh * 12 / 1e9;
  n[k++] = kwh * x.electricity_price / kKcnyPerBillion;
  n[k++] = ai_value;

  auto& g = frame[1];
  for (std::size_t seg = 0; seg < kSegments; ++seg) {
    const double f = at(seg, kFirms), a = adopters(s, seg),
                 dep = at(seg, kStage2) + at(seg, kStage3);
    g[0 * kSegments + seg] = f * x.weight;
    g[1 * kSegments + seg] = ratio(a, f);
    g[2 * kSegments + seg] = ratio(dep, f);
    g[3 * kSegments + seg] = ratio(at(seg, kSumE), a);
    g[4 * kSegments + seg] = ratio(at(seg, kHollow), dep);
    g[5 * kSegments + seg] =
        at(seg, kOutput) > 0 ? at(seg, kOutputAi) / at(seg, kOutput) - 1.0 : 0.0;
    g[6 * kSegments + seg] = x.subsidy_by_segment.empty() ? 0.0 : x.subsidy_by_segment[seg];
  }

  auto& sk = frame[2];
  constexpr std::size_t cells = kRegions * kTiers;
  for (std::size_t c = 0; c < cells; ++c) {
    sk[0 * cells + c] = s[kDemandAt + c] * x.weight;
    sk[1 * cells + c] = s[kHiredAt + c] * x.weight;
    sk[2 * cells + c] = x.tier_fill[c];
  }
}

}  // namespace aiplus::agents
