// How one firm is counted into the month's sums. Included by the step and by the
// observation pass and inlined into both: a call per firm costs more than most of the body.
#pragma once

#include <limits>

#include "agents/behaviours/economics.hpp"
#include "agents/behaviours/productivity.hpp"
#include "agents/behaviours/readiness.hpp"
#include "agents/behaviours/subsidy.hpp"
#include "agents/firm_model.hpp"
#include "agents/metrics.hpp"
#include "agents/population.hpp"

namespace aiplus::agents {

[[gnu::always_inline]] inline std::uint16_t FirmModel::subsidy_slot_of(
    std::uint32_t i, const FirmState& f, const Rows& r, const MonthView& view,
    core::WordsOfFour& lottery, double& voucher) const {
  voucher = 0;
  if (f.stage >= 3) return kSubsidySlots;
  const std::uint8_t cls = subsidy_class_[r.segment[i]];
  if (cls == kNotEligible) return kSubsidySlots;
  // One word a firm: its top 8 bits pick the lottery bin, the low 24 are capital
  // evaluation's draw (a resolution of 6e-8 is ample for a lever in [0, 1]).
  const std::uint32_t word = lottery(i);
  const double evaluation = ((word & 0xFFFFFFu) + 0.5) / 16777216.0;
  // Good capital evaluation keeps vouchers away from firms that cannot use them.
  if (!ready_for_next(f.stage, f.d, view.deploy_threshold, view.integrate_threshold) &&
      evaluation < view.capital_evaluation) {
    return kSubsidySlots;
  }
  voucher = view.next_rate *
            integration_cost(view.step_cost[f.stage], r.cost_scale[i], f.d, view.gap_cost);
  return subsidy_slot(cls, word);
}

[[gnu::always_inline]] inline void FirmModel::observe_firm(std::uint32_t i, const FirmState& f,
                                                           const Rows& r, const MonthView& view,
                                                           core::WordsOfFour& lottery,
                                                           double* __restrict acc) {
  const std::uint8_t s = f.stage;
  const double d = f.d, h = f.h, c = f.c;
  const double use = f.use;
  const double since =
      r.changed[i] == kNever ? -1.0 : view.month - static_cast<double>(r.changed[i]);
  const double j = jcurve(since, view.jcurve_depth, view.jcurve_months);
  const double out = r.output[i], employees = r.employees[i];
  const double n = view.need[s][r.size[i]];
  double* __restrict seg = acc + r.segment[i] * kSegmentSums;
  if (s > 0) seg[kStage1 + s - 1] += 1;
  seg[kSumD] += d;
  seg[kSumH] += h;
  seg[kSumE] += use;
  seg[kSumC] += c;
  seg[kHollow] += (s >= 2 && use < view.hollow_threshold) ? 1 : 0;
  seg[kSumEDeployed] += s >= 2 ? use : 0.0;
  const std::uint8_t sector = r.sector[i];
  seg[kOutputAi] +=
      out * ai_factor(view.gain[sector], view.stage_weight[s], use, c, view.multiplier[sector]) * j;
  seg[kOutputEc] += out * use * c;
  seg[kEmployeesEc] += employees * use * c;
  if (s > 0) {
    seg[kEmployeesAdopted] += employees;
    seg[kOutputAdopted] += out;
  }
  if (s >= 2) {
    seg[kEmployeesDeployed] += employees;
    seg[kOutputDeployed] += out;
  }
  seg[kEngineersNeeded] += n;
  seg[kEngineersHired] += n * h;
  const double gpu = employees * view.compute_per_employee * view.stage_weight[s];
  seg[kGpuHours] += gpu;
  // Sums outside the segments hold real quantities: each firm counts with its weight.
  const double w = view.weight[r.segment[i]];
  acc[kGpuAt + r.region[i]] += gpu * w;
  if (s > 0) acc[kClusterAt + cluster_of(r.region[i], sector)] += w;  // pools' adopters
  acc[kDemandAt + f.cell] += n * w;
  acc[kHiredAt + f.cell] += n * h * w;
  if (view.band_edges[0] < std::numeric_limits<double>::infinity()) {  // /bands asked for
    std::size_t band = 0;
    while (employees >= view.band_edges[band]) ++band;
    double* b = acc + kBandsAt + 3 * (band - view.band_first);
    b[0] += w;
    b[1] += s > 0 ? w : 0.0;
    b[2] += s >= 2 ? w : 0.0;
  }
  if (view.subsidies) {  // the voucher lottery of the coming step, kept for it
    double voucher = 0;
    const auto slot = subsidy_slot_of(i, f, r, view, lottery, voucher);
    if (slot < kSubsidySlots) acc[kSlotsAt + slot] += voucher * w;
    r.voucher_slot[i] = slot;
  }
}

}  // namespace aiplus::agents
