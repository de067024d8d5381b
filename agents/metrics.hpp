// What the firm model reports (docs/MODEL.md sections 7.16-7.20): the layout of the
// per-step reduction over firms, and the table of national, segment and skills
// series computed from its sums. A series is declared once, as a row of that
// table in metrics.cpp; the writers, the run summary and `aiplus outputs` read it.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>

#include "agents/behaviours/subsidy.hpp"
#include "agents/firm_params.hpp"
#include "agents/taxonomy.hpp"
#include "core/engine/outputs.hpp"

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
  kEmployeesEc,   ///< employees x e x c
  kEmployeesAdopted,
  kOutputAdopted,
  kEmployeesDeployed,
  kOutputDeployed,
  kEmployees,
  kEngineersNeeded,
  kEngineersHired,
  kGpuHours,
  kSegmentSums
};

/// Layout of the observation accumulator: segment sums, then engineers needed and
/// hired per (region, tier), then voucher cost per subsidy slot, then GPU-hours per
/// region.
inline constexpr std::size_t kDemandAt = kSegments * kSegmentSums;
inline constexpr std::size_t kHiredAt = kDemandAt + kRegions * kTiers;
inline constexpr std::size_t kSlotsAt = kHiredAt + kRegions * kTiers;
inline constexpr std::size_t kGpuAt = kSlotsAt + kSubsidySlots;
/// Then firms, adopters and deployed firms per employment band (weighted).
inline constexpr std::size_t kBandsAt = kGpuAt + kRegions;
inline constexpr std::size_t kClusterAt = kBandsAt + 3 * kMaxBands;
inline constexpr std::size_t kObservationWidth = kClusterAt + kClusters;

/// Layout of the step accumulator: voucher money paid and wasted per segment.
inline constexpr std::size_t kStepWidth = 2 * kSegments;

/// The design weight of each segment: real firms per agent.
using SegmentWeights = std::array<double, kSegments>;

/// The observation sums of a month, with the totals the series are made of.
/// Segment sums are over agents; totals weight each segment by its design weight.
/// The cells of the skills market, GPU-hours by region and voucher slots are
/// summed with each firm's weight already.
class Sums {
 public:
  Sums(std::span<const double> sums, const SegmentWeights& weight) : s_(sums), w_(&weight) {}
  /// One sum of one segment, over its agents.
  [[nodiscard]] double at(std::size_t segment, SegmentSum what) const {
    return s_[segment * kSegmentSums + what];
  }
  /// One sum of one segment, over the real firms its agents stand for.
  [[nodiscard]] double weighted(std::size_t segment, SegmentSum what) const {
    return (*w_)[segment] * at(segment, what);
  }
  /// Agents at stage >= 1 in a segment.
  [[nodiscard]] double adopters(std::size_t segment) const {
    return at(segment, kStage1) + at(segment, kStage2) + at(segment, kStage3);
  }
  /// Sum of one quantity over the segments whose (sector, ownership, size) pass `keep`.
  template <class Keep>
  requires std::invocable<Keep, std::uint8_t, std::uint8_t, std::uint8_t>
  [[nodiscard]] double total(SegmentSum what, Keep&& keep) const {
    double t = 0;
    for (std::size_t seg = 0; seg < kSegments; ++seg)
      if (keep(sector_of(seg), ownership_of(seg), size_of(seg))) t += weighted(seg, what);
    return t;
  }
  [[nodiscard]] double total(SegmentSum what) const {
    return total(what, [](auto, auto, auto) { return true; });
  }
  /// Real adopters over the segments that pass `keep`.
  template <class Keep>
  requires std::invocable<Keep, std::uint8_t, std::uint8_t, std::uint8_t>
  [[nodiscard]] double adopters(Keep&& keep) const {
    double a = 0;
    for (std::size_t seg = 0; seg < kSegments; ++seg)
      if (keep(sector_of(seg), ownership_of(seg), size_of(seg))) a += (*w_)[seg] * adopters(seg);
    return a;
  }
  [[nodiscard]] double adopters() const {
    return adopters([](auto, auto, auto) { return true; });
  }
  /// Engineers needed and hired in a (region, tier) cell.
  [[nodiscard]] double demand(std::size_t cell) const { return s_[kDemandAt + cell]; }
  [[nodiscard]] double hired(std::size_t cell) const { return s_[kHiredAt + cell]; }
  /// GPU-hours used by the firms of a region.
  [[nodiscard]] double gpu_hours(std::size_t region) const { return s_[kGpuAt + region]; }
  /// Real firms, adopters (stage >= 1) and deployed firms (stage >= 2) of a band.
  [[nodiscard]] double band(std::size_t b, std::size_t what) const {
    return s_[kBandsAt + 3 * b + what];
  }

 private:
  static std::uint8_t sector_of(std::size_t seg) {
    return static_cast<std::uint8_t>(seg / (kOwnerships * kSizes));
  }
  static std::uint8_t ownership_of(std::size_t seg) {
    return static_cast<std::uint8_t>(seg / kSizes % kOwnerships);
  }
  static std::uint8_t size_of(std::size_t seg) { return static_cast<std::uint8_t>(seg % kSizes); }
  std::span<const double> s_;
  const SegmentWeights* w_;
};

/// Everything besides firm sums that a frame reports, for the month observed.
struct FrameContext {
  double frontier;                              ///< F
  double tfp_trend;                             ///< exp(baseline TFP growth x years)
  double labour_force;                          ///< index
  double tfp_growth, labour_growth, ai_growth;  ///< per year, over the last 12 months (or fewer)
  double labour_share, capital_contribution;
  double engineer_supply;  ///< persons
  std::array<double, kRegions * kTiers> tier_fill;
  double subsidy_budget, subsidy_paid, subsidy_wasted;  ///< bn CNY per month
  double subsidy_demand;                                ///< bn CNY per month
  std::span<const double> subsidy_by_segment;           ///< bn CNY per month
  double kwh_per_gpu_hour, electricity_price;           ///< kWh, kCNY per kWh
  std::array<double, kRegions> gpu_hour_price;          ///< kCNY per GPU-hour by region
  double diffusion_lag;       ///< years behind the frontier (NaN with no capability in use)
  double programme_spending;  ///< bn CNY per year
  /// Months from the start at which adoption first reached 10%, 50% and 90%, nationally
  /// (position kSegments) and per segment; NaN until then.
  std::span<const std::array<double, 3>> reached;
};

/// The adoption shares whose first crossing months_to_* reports.
inline constexpr std::array<double, 3> kAdoptionThresholds = {0.10, 0.50, 0.90};

/// The groups the firm model reports.
using FirmTables = std::vector<core::GroupDef<Sums, FrameContext>>;

/// The firm model's output table for these parameters: national, segment and skills
/// groups, and /bands when employment bands are asked for; labels of regions and
/// ownership come from the population.
[[nodiscard]] FirmTables firm_tables(const FirmParams& params);

/// The labels of the employment bands (e.g. "10-49", "50-249", "250+"): the bands
/// that can hold firms of a population whose smallest firm has `smallest` employees.
[[nodiscard]] std::vector<std::string> band_labels(const std::vector<double>& edges,
                                                   double smallest);

/// National AI term of TFP (output-weighted AI factor x J, minus 1) from the sums.
[[nodiscard]] double ai_term(const Sums& sums);
/// Capability in use: output-weighted mean of e c over all firms, in frontier units.
[[nodiscard]] double capability_in_use(const Sums& sums);
/// The published band of AI's contribution to the TFP level over about a decade
/// (Acemoglu 2024 at the low end, Goldman Sachs 2023 at the high end).
inline constexpr double kAiTfpBandLow = 0.005, kAiTfpBandHigh = 0.15;

}  // namespace aiplus::agents
