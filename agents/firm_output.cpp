// What the firm model reports: the frame of national, segment and skills series
// each month (from the sums the step left), the directive's milestones, and
// firm-level columns for panel snapshots.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "agents/behaviours/frontier.hpp"
#include "agents/behaviours/productivity.hpp"
#include "agents/behaviours/readiness.hpp"
#include "agents/behaviours/subsidy.hpp"
#include "agents/firm_model.hpp"
#include "agents/metrics.hpp"
#include "core/engine/outputs.hpp"
#include "core/engine/parallel.hpp"

namespace aiplus::agents {
namespace {

// Annualised growth between two index values `months` apart.
double annual_growth(double now, double before, double months) {
  return months > 0 && before > 0 ? std::pow(now / before, 12.0 / months) - 1.0 : 0.0;
}

// The national series the run summary reports at each milestone month.
constexpr const char* kMilestoneSeries[] = {"adoption_share",    "adoption_share_employment",
                                            "deployed_share",    "deployed_share_output",
                                            "ai_tfp_term",       "capability_in_use",
                                            "diffusion_deficit", "diffusion_lag",
                                            "sme_gap",           "gdp_growth"};
// The directive's penetration targets ("AI Plus", State Council, 2025-08-26): above
// 70% by 2027 and 90% by 2030, for intelligent terminals and agents.
constexpr std::pair<const char*, double> kDirectiveTargets[] = {{"directive_target_2027", 0.70},
                                                                {"directive_target_2030", 0.90}};

// "YYYY_MM", the suffix of a milestone's summary name.
std::string milestone_suffix(core::MonthIndex month) {
  std::string text = core::month_text(month);
  text[4] = '_';
  return text;
}

}  // namespace

void FirmModel::observe(core::Frame& frame) {
  const int month = static_cast<int>(tfp_history_.size());  // rows observed so far
  if (sums_month_ != month) observe_month(month);           // the step observed the month after it
  const Sums sums(sums_, weight_);
  adoption_share_ = sums.total(kFirms) > 0 ? sums.adopters() / sums.total(kFirms) : 0.0;
  set_pool_exposure();

  const auto& b = params_.behaviour;
  const auto& e = params_.environment;
  const double trend = std::exp(b.baseline_tfp_growth * month / 12.0);
  const double ai = 1.0 + ai_term(sums);
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
    subsidy_by_segment[seg] = step_sums_[seg] * weight_[seg] / kKcnyPerBillion;
    paid += step_sums_[seg] * weight_[seg];
    wasted += step_sums_[kSegments + seg] * weight_[seg];
  }
  double supply = 0;
  for (std::size_t r = 0; r < kRegions; ++r) supply += env_.broad_pool[r] + env_.elite_pool[r];
  frontier_history_.push_back(env_.frontier);
  note_thresholds(sums, month);
  FrameContext context{
      env_.frontier,
      trend,
      labour_history_.back(),
      growth(tfp_history_, std::exp(b.baseline_tfp_growth) - 1),
      growth(labour_history_, 0.0),
      growth(ai_history_, 0.0),
      e.labour_share,
      std::max(e.capital_contribution_floor,
               e.capital_contribution + e.capital_contribution_change * month / 12.0),
      supply,
      tier_fill_,
      env_.subsidy_budget / kKcnyPerBillion,
      paid / kKcnyPerBillion,
      wasted / kKcnyPerBillion,
      voucher_demand_ / kKcnyPerBillion,
      subsidy_by_segment,
      e.kwh_per_gpu_hour,
      e.electricity_price,
      {},
      diffusion_lag(capability_in_use(sums)),
      env_.lever[kInnovationProgramme] + env_.lever[kDiffusionProgramme],
      reached_};
  for (std::size_t r = 0; r < kRegions; ++r)
    context.gpu_hour_price[r] = env_.compute_price(r) * e.gpu_hour_price;
  for (std::size_t g = 0; g < tables_.size(); ++g) tables_[g].fill(frame[g], sums, context);

  // Milestones at the end of the month they name: the row that starts the month after.
  const auto calendar = params_.run.calendar();
  for (const auto& milestone : params_.milestones) {
    if (calendar.row(milestone.index) + 1 != month) continue;
    const auto groups = outputs();
    for (const char* name : kMilestoneSeries) {
      const auto at = core::find_series(groups, "national", name);
      summary_.emplace_back(std::string(name) + "_" + milestone_suffix(milestone.index),
                            frame[at.group][at.offset]);
    }
  }
  if (month == 0 && params_.directive_comparison)
    for (const auto& [name, target] : kDirectiveTargets) summary_.emplace_back(name, target);
}

namespace {

template <class T>
constexpr core::ColumnView::Type view_type() {
  if constexpr (std::is_same_v<T, std::uint8_t>) return core::ColumnView::Type::U8;
  if constexpr (std::is_same_v<T, std::uint16_t>) return core::ColumnView::Type::U16;
  if constexpr (std::is_same_v<T, std::uint32_t>) return core::ColumnView::Type::U32;
  return core::ColumnView::Type::F32;
}

// The firm columns of one role, as the panel writer takes them.
// (Region and ownership codes are named by the population's own labels.)
core::Columns columns_of(const Firms& firms, ColumnRole role, const PopulationParams& p) {
  core::Columns out;
  Firms::each_column(firms, [&](const auto& column, const ColumnMeta& meta) {
    if (meta.role != role) return;
    const auto& values = [&]() -> const auto& {
      if constexpr (requires { column.current(); })
        return column.current();
      else
        return column;
    }
    ();
    using T = typename std::remove_cvref_t<decltype(values)>::value_type;
    out.push_back({meta.name, meta.units, meta.long_name, view_type<T>(), values.data(),
                   firms.count,
                   std::string_view(meta.name) == "region" ? p.region_labels
                   : std::string_view(meta.name) == "ownership"
                       ? p.ownership_labels
                       : std::vector<std::string>(meta.labels.begin(), meta.labels.end())});
  });
  return out;
}

// The design weight, written with the static attributes: a notebook weights firms by it.
const core::SeriesInfo kWeightAttribute{"weight", "firms",
                                        "real firms the agent stands for (design weight)"};
// Panel state derived from the columns when a snapshot is taken.
const core::SeriesInfo kDerivedState[] = {
    {"effective_use", "1", "effective use e = d^a h^b"},
    {"productivity", "1", "productivity A / A0 (start = 1 without AI)"},
};

}  // namespace

PanelInfo firm_panel_info() {
  PanelInfo info;
  info.attributes.push_back(kWeightAttribute);
  const Firms none;
  Firms::each_column(none, [&](const auto&, const ColumnMeta& meta) {
    if (meta.role == ColumnRole::Attribute)
      info.attributes.push_back({meta.name, meta.units, meta.long_name});
    if (meta.role == ColumnRole::State)
      info.state.push_back({meta.name, meta.units, meta.long_name});
  });
  for (const auto& derived : kDerivedState) info.state.push_back(derived);
  return info;
}

double FirmModel::diffusion_lag(double in_use) const {
  // The latest observed month whose frontier was at or below the capability in use.
  const auto& f = frontier_history_;
  const double now = static_cast<double>(f.size() - 1);
  if (!(in_use > 0)) return std::numeric_limits<double>::quiet_NaN();
  if (in_use >= f.back()) return 0.0;
  if (in_use >= f.front()) {
    const auto above = std::upper_bound(f.begin(), f.end(), in_use);  // F is nondecreasing
    const auto k = static_cast<std::size_t>(above - f.begin());
    const double m = k - 1 + (in_use - f[k - 1]) / (f[k] - f[k - 1]);
    return (now - m) / 12.0;
  }
  // Before the start: along the logistic the frontier followed without levers.
  const auto& e = params_.environment;
  return now / 12.0 +
         years_before_start(in_use / f.front(), e.frontier_speed, e.frontier_ceiling / f.front());
}

void FirmModel::note_thresholds(const Sums& sums, int month) {
  const auto note = [&](std::array<double, 3>& at, double share) {
    for (std::size_t k = 0; k < kAdoptionThresholds.size(); ++k)
      if (std::isnan(at[k]) && share >= kAdoptionThresholds[k]) at[k] = month;
  };
  for (std::size_t seg = 0; seg < kSegments; ++seg)
    if (sums.at(seg, kFirms) > 0) note(reached_[seg], sums.adopters(seg) / sums.at(seg, kFirms));
  if (sums.total(kFirms) > 0) note(reached_[kSegments], sums.adopters() / sums.total(kFirms));
}

core::Columns FirmModel::firm_attributes() const {
  panel_weight_.resize(firms_.count);
  for (std::size_t i = 0; i < firms_.count; ++i)
    panel_weight_[i] = static_cast<float>(weight_[firms_.segment[i]]);
  auto columns = columns_of(firms_, ColumnRole::Attribute, params_.population);
  columns.insert(columns.begin(),
                 {kWeightAttribute.name, kWeightAttribute.units, kWeightAttribute.long_name,
                  core::ColumnView::Type::F32, panel_weight_.data(), firms_.count});
  return columns;
}

core::Columns FirmModel::firm_state() {
  using T = core::ColumnView::Type;
  const auto& b = params_.behaviour;
  const std::size_t n = firms_.count;
  const int month = static_cast<int>(tfp_history_.size()) - 1;  // the row just observed
  panel_use_.resize(n);
  panel_productivity_.resize(n);
  const double trend = std::exp(b.baseline_tfp_growth * month / 12.0);
  const auto view = month_view(month);
  core::for_each_block(n, [&](core::Block blk) {
    for (std::size_t i = blk.begin; i < blk.end; ++i) {
      const std::uint8_t s = firms_.stage.current()[i], sector = firms_.sector[i];
      const double use = use_of(s, firms_.digitization[i], firms_.skill_fill[i], view);
      const double since =
          firms_.changed[i] == kNever ? -1.0 : month - static_cast<double>(firms_.changed[i]);
      panel_use_[i] = static_cast<float>(use);
      panel_productivity_[i] =
          static_cast<float>(trend *
                             ai_factor(view.gain[sector], b.stage_weight[s], use,
                                       firms_.capability[i], view.multiplier[sector]) *
                             jcurve(since, b.jcurve_depth, b.jcurve_months));
    }
  });
  auto columns = columns_of(firms_, ColumnRole::State, params_.population);
  const float* derived[] = {panel_use_.data(), panel_productivity_.data()};
  for (std::size_t k = 0; k < std::size(kDerivedState); ++k) {
    const auto& d = kDerivedState[k];
    columns.push_back({d.name, d.units, d.long_name, T::F32, derived[k], n});
  }
  return columns;
}

}  // namespace aiplus::agents
