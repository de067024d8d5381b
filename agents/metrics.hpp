// What the firm model reports (MODEL.md section 9): the layout of the per-step
// reduction over firms, and how its sums become national, segment and skills
// series with units.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "agents/behaviours/subsidy.hpp"
#include "agents/taxonomy.hpp"
#include "core/sink.hpp"

namespace aiplus::agents {

/// kCNY in a billion CNY (money inside the model is in kCNY; outputs are in bn CNY).
inline constexpr double kKcnyPerBillion = 1e6;

/// Sums kept per segment in the observation pass.
enum SegmentSum : std::size_t {
  kFirms,
  kStage1,
  kStage2,
  kStage3,
  kSumD,
  kSumH,
  kSumE,
  kSumC,
  kHollow,
  kSumEDeployed,  ///< effective use summed over firms at stage >= 2
  kOutput,        ///< baseline value added
  kOutputAi,      ///< value added with the AI factor and the J-curve
  kOutputEc,      ///< value added x e x c
  kEmployees,
  kEngineersNeeded,
  kEngineersHired,
  kGpuHours,
  kSegmentSums
};

/// Layout of the observation accumulator: segment sums, then engineers needed and
/// hired per (region, tier), then voucher cost per subsidy slot.
inline constexpr std::size_t kDemandAt = kSegments * kSegmentSums;
inline constexpr std::size_t kHiredAt = kDemandAt + kRegions * kTiers;
inline constexpr std::size_t kSlotsAt = kHiredAt + kRegions * kTiers;
inline constexpr std::size_t kObservationWidth = kSlotsAt + kSubsidySlots;

/// Layout of the step accumulator: voucher money paid and wasted per segment.
inline constexpr std::size_t kStepWidth = 2 * kSegments;

/// The output groups of the firm model: national, segment, skills.
[[nodiscard]] std::vector<core::GroupInfo> firm_outputs();

/// Everything besides firm sums that a frame reports, for the month observed.
struct FrameContext {
  double weight;                                ///< real firms per agent
  double frontier;                              ///< F
  double tfp_trend;                             ///< exp(baseline TFP growth x years)
  double labour_force;                          ///< index
  double tfp_growth, labour_growth, ai_growth;  ///< per year, over the last 12 months (or fewer)
  double labour_share, capital_contribution;
  double engineer_supply;  ///< persons
  std::array<double, kRegions * kTiers> tier_fill;
  double subsidy_budget, subsidy_paid, subsidy_wasted;  ///< bn CNY per month
  std::span<const double> subsidy_by_segment;           ///< bn CNY per month
  double kwh_per_gpu_hour, electricity_price;           ///< kWh, kCNY per kWh
};

/// Fills a frame shaped as firm_outputs() from the observation sums.
void fill_frame(std::span<const double> sums, const FrameContext& context, core::Frame& frame);

/// National AI term of TFP (output-weighted AI factor x J, minus 1) from the sums.
[[nodiscard]] double ai_term(std::span<const double> sums);

}  // namespace aiplus::agents
