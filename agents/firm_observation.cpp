// The observation pass: what the month looks like to every firm (prices, thresholds,
// gains), and the sums of all firms that the series and the next step read.
#include "agents/firm_observation.hpp"

#include <cmath>
#include <limits>

#include "agents/behaviours/frontier.hpp"
#include "agents/behaviours/productivity.hpp"
#include "agents/firm_model.hpp"
#include "agents/purposes.hpp"
#include "core/engine/parallel.hpp"

namespace aiplus::agents {

double FirmModel::gain_multiplier(std::size_t sector) const noexcept {
  // Data and demand scale what AI yields, realised and expected alike.
  const auto& l = env_.lever;
  const double demand = 1.0 + (kConsumerFacing[sector] ? l[kConsumerDemand] : 0.0) +
                        (kPublicFacing[sector] ? l[kProcurement] : 0.0);
  return demand * (1.0 + params_.behaviour.data_effect * env_.data_index);
}

FirmModel::Rows FirmModel::rows() noexcept {
  return {firms_.size.data(),        firms_.sector.data(),     firms_.ownership.data(),
          firms_.region.data(),      firms_.segment.data(),    firms_.output.data(),
          firms_.employees.data(),   firms_.cost_scale.data(), firms_.digitization.data(),
          firms_.skill_fill.data(),  firms_.capability.data(), firms_.changed.data(),
          firms_.voucher_slot.data()};
}

void FirmModel::add_static_sums() {
  for (std::size_t k = 0; k < static_sums_.size(); ++k) sums_[k] += static_sums_[k];
}

FirmModel::MonthView FirmModel::month_view(int month) const {
  const auto& e = params_.environment;
  const core::MonthIndex when = params_.run.calendar().month(month);
  const auto& lever = params_.levers.schedule;
  const double rate = lever[kSubsidyRate].at(when);
  const auto& b = params_.behaviour;
  MonthView view{month,
                 e.gpu_hours_per_employee * std::pow(env_.frontier, e.frontier_compute_elasticity) *
                     std::pow(1.0 - e.compute_efficiency_gain, month / 12.0),
                 rate,
                 lever[kSubsidyBudget].at(when) > 0 && rate > 0,
                 b.use_digitization_exponent,
                 b.use_skill_exponent,
                 b.hollow_threshold,
                 b.jcurve_depth,
                 b.jcurve_months,
                 b.stage_weight,
                 {},
                 {},
                 {},
                 lever[kCapitalEvaluation].at(when),
                 b.step_cost,
                 b.digitization_gap_cost,
                 b.deploy_threshold,
                 b.integrate_threshold,
                 weight_.data(),
                 {},
                 band_first_};
  std::copy(params_.employment_bands.begin(), params_.employment_bands.end(),
            view.band_edges.begin());
  view.band_edges[params_.employment_bands.size()] = std::numeric_limits<double>::infinity();
  for (std::uint8_t stage = 0; stage < 4; ++stage)
    for (std::uint8_t size = 0; size < kSizes; ++size) view.need[stage][size] = need(stage, size);
  for (std::size_t sector = 0; sector < kSectors; ++sector) {
    view.gain[sector] = sector_gain(b.labour_cost_share, b.exposure[sector], b.frontier_saving);
    view.multiplier[sector] = gain_multiplier(sector);
  }
  return view;
}

void FirmModel::observe_month(int month) {
  const auto view = month_view(month);
  const auto& stage = firms_.stage.current();
  sums_ = core::reduce_blocks(
      firms_.count, kObservationWidth, [&](core::Block b, std::span<double> acc) {
        const Rows r = rows();
        core::WordsOfFour lottery(streams_, static_cast<std::uint32_t>(month), kPurposeSubsidy);
        for (std::size_t i = b.begin; i < b.end; ++i) {
          const double d = r.digitization[i], h = r.skill_fill[i];
          const FirmState f{stage[i],
                            tier_cell(r.region[i], r.ownership[i], r.size[i]),
                            d,
                            h,
                            r.capability[i],
                            use_of(stage[i], d, h, view)};
          observe_firm(static_cast<std::uint32_t>(i), f, r, view, lottery, acc.data());
        }
      });
  add_static_sums();
  sums_month_ = month;
}

}  // namespace aiplus::agents
