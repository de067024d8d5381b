// What the firm model reports: the frame of national, segment and skills series
// each month (from the sums the step left), the directive's milestones, and
// firm-level columns for panel snapshots.
#include <cmath>

#include "agents/behaviours/productivity.hpp"
#include "agents/behaviours/subsidy.hpp"
#include "agents/firm_model.hpp"
#include "agents/metrics.hpp"
#include "core/parallel.hpp"

namespace aiplus::agents {
namespace {

// Annualised growth between two index values `months` apart.
double annual_growth(double now, double before, double months) {
  return months > 0 && before > 0 ? std::pow(now / before, 12.0 / months) - 1.0 : 0.0;
}

// Months from 2025-01 of the directive's milestones, and the summary names.
struct Milestone {
  int month;
  const char* name;
};
constexpr Milestone kMilestones[] = {{35, "2027_12"}, {71, "2030_12"}, {131, "2035_12"}};

}  // namespace

void FirmModel::observe(core::Frame& frame) {
  const int month = static_cast<int>(tfp_history_.size());  // rows observed so far
  if (sums_month_ != month) observe_month(month);           // the step observed the month after it
  const double firms = std::max<double>(1, firms_.count);
  double adopted = 0;
  for (std::size_t seg = 0; seg < kSegments; ++seg) {
    for (auto k : {kStage1, kStage2, kStage3}) adopted += sums_[seg * kSegmentSums + k];
  }
  adoption_share_ = adopted / firms;

  const auto& b = params_.behaviour;
  const auto& e = params_.environment;
  const double trend = std::exp(b.baseline_tfp_growth * month / 12.0);
  const double ai = 1.0 + ai_term(sums_);
  tfp_history_.push_back(trend * ai);
  ai_history_.push_back(ai);
  labour_history_.push_back(labour_force_index(params_, month));
  const std::size_t back = std::min<std::size_t>(12, tfp_history_.size() - 1);
  const auto growth = [&](const std::vector<double>& h, double fallback) {
    return back == 0 ? fallback
                     : annual_growth(h.back(), h[h.size() - 1 - back], static_cast<double>(back));
  };

  std::vector<double> subsidy_by_segment(kSegments);
  double paid = 0, wasted = 0;
  for (std::size_t seg = 0; seg < kSegments; ++seg) {
    subsidy_by_segment[seg] = step_sums_[seg] * weight_ / kKcnyPerBillion;
    paid += step_sums_[seg];
    wasted += step_sums_[kSegments + seg];
  }
  double supply = 0;
  for (std::size_t r = 0; r < kRegions; ++r) supply += env_.broad_pool[r] + env_.elite_pool[r];
  FrameContext context{weight_,
                       env_.frontier,
                       trend,
                       labour_history_.back(),
                       growth(tfp_history_, std::exp(b.baseline_tfp_growth) - 1),
                       growth(labour_history_, 0.0),
                       growth(ai_history_, 0.0),
                       e.labour_share,
                       e.capital_contribution,
                       supply,
                       tier_fill_,
                       env_.subsidy_budget / kKcnyPerBillion,
                       paid * weight_ / kKcnyPerBillion,
                       wasted * weight_ / kKcnyPerBillion,
                       subsidy_by_segment,
                       e.kwh_per_gpu_hour,
                       e.electricity_price};
  fill_frame(sums_, context, frame);

  for (const auto& m : kMilestones) {
    if (m.month != month) continue;
    summary_.emplace_back(std::string("deployed_share_") + m.name, frame[0][4]);
    summary_.emplace_back(std::string("adoption_share_") + m.name, frame[0][0]);
    summary_.emplace_back(std::string("ai_tfp_term_") + m.name, frame[0][18]);
    summary_.emplace_back(std::string("diffusion_deficit_") + m.name, frame[0][16]);
  }
  if (month == 0) {
    summary_.emplace_back("directive_target_2027", 0.70);
    summary_.emplace_back("directive_target_2030", 0.90);
  }
}

core::Columns FirmModel::firm_attributes() const {
  using T = core::ColumnView::Type;
  const std::size_t n = firms_.count;
  return {
      {"sector", "1", "sector code", T::U8, firms_.sector.data(), n, names(kSectorNames)},
      {"region", "1", "macro-region code", T::U8, firms_.region.data(), n, names(kRegionNames)},
      {"ownership", "1", "ownership code", T::U8, firms_.ownership.data(), n,
       names(kOwnershipNames)},
      {"size_class", "1", "size class code", T::U8, firms_.size.data(), n, names(kSizeNames)},
      {"employees", "persons", "employees", T::F32, firms_.employees.data(), n},
      {"baseline_output", "kCNY/month", "value added without AI at 2025-01 productivity", T::F32,
       firms_.output.data(), n},
  };
}

core::Columns FirmModel::firm_state() {
  using T = core::ColumnView::Type;
  const auto& b = params_.behaviour;
  const std::size_t n = firms_.count;
  const int month = static_cast<int>(tfp_history_.size()) - 1;  // the row just observed
  panel_use_.resize(n);
  panel_productivity_.resize(n);
  const double trend = std::exp(b.baseline_tfp_growth * month / 12.0);
  core::for_each_block(n, [&](core::Block blk) {
    for (std::size_t i = blk.begin; i < blk.end; ++i) {
      const std::uint8_t s = firms_.stage.current()[i];
      const double use = s > 0 ? effective_use(firms_.digitization[i], firms_.skill_fill[i],
                                               b.use_digitization_exponent, b.use_skill_exponent)
                               : 0.0;
      const double since =
          firms_.changed[i] == kNever ? -1.0 : month - static_cast<double>(firms_.changed[i]);
      panel_use_[i] = static_cast<float>(use);
      panel_productivity_[i] = static_cast<float>(
          trend *
          ai_factor(b.ai_gain[firms_.sector[i]], b.stage_weight[s], use, firms_.capability[i]) *
          jcurve(since, b.jcurve_depth, b.jcurve_months));
    }
  });
  return {
      {"stage",
       "1",
       "AI stage: 0 none, 1 pilot, 2 deployed, 3 integrated",
       T::U8,
       firms_.stage.current().data(),
       n,
       {"none", "pilot", "deployed", "integrated"}},
      {"digitization", "1", "digitization d", T::F32, firms_.digitization.data(), n},
      {"skill_fill", "1", "share of needed AI engineers hired, h", T::F32, firms_.skill_fill.data(),
       n},
      {"capability", "frontier units", "absorbed AI capability c (F(2025-01) = 1)", T::F32,
       firms_.capability.data(), n},
      {"effective_use", "1", "effective use e = d^a h^b", T::F32, panel_use_.data(), n},
      {"productivity", "1", "productivity A / A0 (2025-01 = 1 without AI)", T::F32,
       panel_productivity_.data(), n},
  };
}

}  // namespace aiplus::agents
