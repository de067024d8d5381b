#include "agents/firm_model.hpp"

#include <atomic>
#include <cmath>

#include "agents/behaviours/consideration.hpp"
#include "agents/behaviours/digitization.hpp"
#include "agents/behaviours/economics.hpp"
#include "agents/behaviours/productivity.hpp"
#include "agents/behaviours/readiness.hpp"
#include "agents/behaviours/skills.hpp"
#include "agents/behaviours/subsidy.hpp"
#include "agents/calendar.hpp"
#include "agents/metrics.hpp"
#include "agents/network.hpp"
#include "agents/population.hpp"
#include "agents/purposes.hpp"
#include "core/parallel.hpp"

namespace aiplus::agents {
namespace {

constexpr auto unit = core::RandomStreams::unit;

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

FirmModel::FirmModel(const FirmParams& params, const Levers& levers)
    : params_(params), levers_(levers), streams_(params.seed) {
  clusters_ = synthesise(params_, streams_, firms_);
  if (!params_.network.complete_mixing) {
    network_ = clustered_partners(clusters_, params_.network, firms_.count, streams_);
    core::for_each_block(firms_.count, [&](core::Block b) { tell_partners(b); });
  }
  firms_.stage.next() = firms_.stage.current();
  env_ = initial_environment(params_, levers_);
  weight_ = params_.population.enterprises / std::max<std::uint32_t>(1, firms_.count);
  step_sums_.assign(kStepWidth, 0.0);
  // Initial adopters start with the engineers the market gives their tier.
  sums_ =
      core::reduce_blocks(firms_.count, kObservationWidth,
                          [&](core::Block b, std::span<double> acc) { observe_block(b, acc, 0); });
  clear_skills_market();
  core::for_each_block(firms_.count, [&](core::Block b) {
    for (std::size_t i = b.begin; i < b.end; ++i) {
      if (firms_.stage.current()[i] > 0) {
        firms_.skill_fill[i] = static_cast<float>(
            tier_fill_[firms_.region[i] * kTiers + tier(firms_.ownership[i], firms_.size[i])]);
      }
    }
  });
}

std::vector<core::GroupInfo> FirmModel::outputs() const {
  return firm_outputs();
}

double FirmModel::need(std::uint8_t stage, std::uint8_t size) const noexcept {
  return stage == 0 ? 0.0
                    : params_.environment.engineers_by_size[size] *
                          params_.environment.stage_need[stage - 1];
}

double FirmModel::step_cost(std::uint8_t stage, std::uint32_t i) const noexcept {
  const auto& b = params_.behaviour;
  return integration_cost(b.step_cost[stage], firms_.cost_scale[i], firms_.digitization[i],
                          b.digitization_gap_cost);
}

std::uint16_t FirmModel::subsidy_slot_of(std::uint32_t i, std::uint32_t step, double rate,
                                         double& voucher) const {
  const std::uint8_t stage = firms_.stage.current()[i];
  voucher = 0;
  if (stage >= 3 || rate <= 0) return kSubsidySlots;
  const std::uint8_t cls = subsidy_class(levers_.targeting, firms_.ownership[i], firms_.size[i],
                                         levers_.priority_sector[firms_.sector[i]]);
  if (cls == kNotEligible) return kSubsidySlots;
  const auto words = streams_.bits(i, step, kPurposeSubsidy);
  const auto& b = params_.behaviour;
  // Good capital evaluation keeps vouchers away from firms that cannot use them.
  if (!ready_for_next(stage, firms_.digitization[i], b.deploy_threshold, b.integrate_threshold) &&
      unit(words[1]) < levers_.capital_evaluation.at(kStartYear * 12 + kStartMonth - 1 +
                                                     static_cast<int>(step))) {
    return kSubsidySlots;
  }
  voucher = rate * step_cost(stage, i);
  return subsidy_slot(cls, words[0]);
}

void FirmModel::observe_block(core::Block block, std::span<double> acc, int month) {
  const auto& b = params_.behaviour;
  const auto& e = params_.environment;
  const auto& stage = firms_.stage.current();
  const double compute_per_employee =
      e.gpu_hours_per_employee * std::pow(env_.frontier, e.frontier_compute_elasticity);
  const double next_rate = levers_.subsidy_rate.at(kStartYear * 12 + kStartMonth - 1 + month);
  const bool subsidies =
      levers_.subsidy_budget.at(kStartYear * 12 + kStartMonth - 1 + month) > 0 && next_rate > 0;
  for (std::size_t i = block.begin; i < block.end; ++i) {
    const std::uint8_t s = stage[i], size = firms_.size[i];
    const double d = firms_.digitization[i], h = firms_.skill_fill[i], c = firms_.capability[i];
    const double use =
        s > 0 ? effective_use(d, h, b.use_digitization_exponent, b.use_skill_exponent) : 0.0;
    const double since =
        firms_.changed[i] == kNever ? -1.0 : month - static_cast<double>(firms_.changed[i]);
    const double j = jcurve(since, b.jcurve_depth, b.jcurve_months);
    const double out = firms_.output[i];
    const double n = need(s, size);
    double* seg = acc.data() + firms_.segment[i] * kSegmentSums;
    seg[kFirms] += 1;
    if (s > 0) seg[kStage1 + s - 1] += 1;
    seg[kSumD] += d;
    seg[kSumH] += h;
    seg[kSumE] += use;
    seg[kSumC] += c;
    seg[kHollow] += (s >= 2 && use < b.hollow_threshold) ? 1 : 0;
    seg[kSumEDeployed] += s >= 2 ? use : 0.0;
    seg[kOutput] += out;
    seg[kOutputAi] += out * ai_factor(b.ai_gain[firms_.sector[i]], b.stage_weight[s], use, c) * j;
    seg[kOutputEc] += out * use * c;
    seg[kEmployees] += firms_.employees[i];
    seg[kEngineersNeeded] += n;
    seg[kEngineersHired] += n * h;
    seg[kGpuHours] += firms_.employees[i] * compute_per_employee * b.stage_weight[s];
    const std::size_t cell = firms_.region[i] * kTiers + tier(firms_.ownership[i], size);
    acc[kDemandAt + cell] += n;
    acc[kHiredAt + cell] += n * h;
    if (subsidies) {  // the voucher lottery of the coming step, kept for it
      double voucher = 0;
      const auto slot = subsidy_slot_of(static_cast<std::uint32_t>(i),
                                        static_cast<std::uint32_t>(month), next_rate, voucher);
      if (slot < kSubsidySlots) acc[kSlotsAt + slot] += voucher;
      firms_.voucher_slot[i] = slot;
    }
  }
}

void FirmModel::clear_skills_market() {
  for (std::size_t r = 0; r < kRegions; ++r) {
    std::array<double, kTiers> demand{};
    for (std::size_t t = 0; t < kTiers; ++t)
      demand[t] = sums_[kDemandAt + r * kTiers + t] * weight_;
    const auto fill = clear_market(demand, env_.elite_pool[r], env_.broad_pool[r]);
    for (std::size_t t = 0; t < kTiers; ++t) tier_fill_[r * kTiers + t] = fill[t];
  }
}

void FirmModel::update_block(core::Block block, std::span<double> acc, std::uint32_t step) {
  const auto& b = params_.behaviour;
  const auto& e = params_.environment;
  const auto& now = firms_.stage.current();
  auto& next = firms_.stage.next();
  const double openness = 1.0 + b.open_source_effect * env_.open_source_index;
  const double data = 1.0 + b.data_effect * env_.data_index;
  const double compute_per_employee =
      e.gpu_hours_per_employee * std::pow(env_.frontier, e.frontier_compute_elasticity);
  const double credit = b.credit_access + env_.patient_capital * (1.0 - b.credit_access);
  const bool subsidies = env_.subsidy_budget > 0 && env_.subsidy_rate > 0;
  for (std::size_t at = block.begin; at < block.end; ++at) {
    const auto i = static_cast<std::uint32_t>(at);
    const std::uint8_t s = now[i], size = firms_.size[i], sector = firms_.sector[i],
                       owner = firms_.ownership[i];
    const std::size_t cell = firms_.region[i] * kTiers + tier(owner, size);
    // The month's four decision draws, made only when some decision needs them.
    std::array<std::uint32_t, 4> u{};
    bool drawn = false;
    const auto draw = [&](int k) {
      if (!drawn) {
        const auto words = streams_.bits(i, step, kPurposeDecide);
        std::copy(words.begin(), words.end(), u.begin());
        drawn = true;
      }
      return unit(u[static_cast<std::size_t>(k)]);
    };
    float d = firms_.digitization[i];

    // Skills: hire toward the tier's fill. A firm with poor data and processes
    // takes longer to build an AI team (speed scales with d); equity incentives
    // speed industrial firms up.
    const double speed =
        e.hiring_speed * d * (kIndustrial[sector] ? 1.0 + env_.equity_incentives : 1.0);
    const double usable = usable_share(s, d, b.deploy_threshold, b.integrate_threshold);
    double h =
        s == 0 ? 0.0 : next_skill_fill(firms_.skill_fill[i], tier_fill_[cell] * usable, speed);
    const double use =
        s > 0 ? effective_use(d, h, b.use_digitization_exponent, b.use_skill_exponent) : 0.0;

    // Subsidy: was this firm's slot funded this month?
    double voucher = 0;
    if (subsidies) {
      const auto slot = firms_.voucher_slot[i];
      if (slot < kSubsidySlots && funded_[slot]) voucher = env_.subsidy_rate * step_cost(s, i);
    }

    std::uint8_t up = s;
    if (s < 3) {
      if (is_soe(owner) && env_.soe_mandate > 0 && draw(3) < env_.soe_mandate) {
        up = s + 1;  // the mandate ignores readiness and returns
      } else {
        bool considering = s > 0 || voucher > 0;
        if (!considering) {
          const double x =
              params_.network.complete_mixing
                  ? adoption_share_
                  : (network_.degree(i) ? double(firms_.adopted_partners[i]) / network_.degree(i)
                                        : 0.0);
          const double p =
              (b.p + env_.promotion + (sector == kHealthcare ? env_.healthcare_push : 0.0)) *
              openness;
          considering = adopts(adoption_probability(p, b.q * openness, x), draw(0));
        }
        if (considering && !b.economics) {
          if (s == 0) up = 1;  // Bass validation mode: to consider is to adopt
        } else if (considering && ready_for_next(s, d, b.deploy_threshold, b.integrate_threshold)) {
          const double expected_use = effective_use(
              d, std::max(h, tier_fill_[cell]), b.use_digitization_exponent, b.use_skill_exponent);
          const double demand = 1.0 + (kConsumerFacing[sector] ? env_.consumer_demand : 0.0) +
                                (kPublicFacing[sector] ? env_.procurement : 0.0);
          const double price = env_.compute_price(firms_.region[i]) * e.gpu_hour_price;
          StepCase c{firms_.output[i],
                     b.ai_gain[sector],
                     b.stage_weight[s + 1] - b.stage_weight[s],
                     expected_use,
                     env_.frontier,
                     demand,
                     data,
                     firms_.employees[i] * compute_per_employee *
                         (b.stage_weight[s + 1] - b.stage_weight[s]) * price,
                     step_cost(s, i) + b.compliance_cost * env_.regulatory_burden - voucher,
                     b.payback_months};
          // A firm that has just considered AI, or holds a voucher, decides now; an
          // adopter otherwise weighs its next stage in decision_rate of the months.
          const double chance =
              step_probability(step_return(c), s == 0 || voucher > 0 ? 1.0 : b.decision_rate,
                               b.return_sensitivity, env_.registration_delay);
          const bool needs_credit = owner == kPrivate && is_sme(size);
          if (draw(1) < chance && (!needs_credit || draw(2) < credit)) up = s + 1;
        }
      }
    }
    if (voucher > 0) {
      acc[firms_.segment[i]] += voucher;
      if (up == s) acc[kSegments + firms_.segment[i]] += voucher;
    }
    if (up != s) {
      h = rescale_skill_fill(h, need(s, size), need(up, size));
      firms_.changed[i] = static_cast<std::uint16_t>(step + 1);
    }
    // Digitization, then absorption toward the frontier by adopters.
    const double rate =
        b.digitization_rate + env_.digital_support + (s > 0 ? b.pilot_digitization : 0.0);
    firms_.digitization[i] = static_cast<float>(next_digitization(d, rate));
    if (s > 0) {
      firms_.capability[i] = static_cast<float>(
          next_capability(firms_.capability[i], env_.frontier, use, b.absorption_rate * openness));
    }
    firms_.skill_fill[i] = static_cast<float>(h);
    next[i] = up;
  }
}

void FirmModel::tell_partners(core::Block block) {
  const auto& before = firms_.stage.next();
  const auto& after = firms_.stage.current();
  for (std::size_t i = block.begin; i < block.end; ++i) {
    if ((after[i] > 0) == (before[i] > 0)) continue;
    for (std::uint32_t j : network_.partners(static_cast<std::uint32_t>(i))) {
      std::atomic_ref<std::uint32_t>(firms_.adopted_partners[j])
          .fetch_add(1, std::memory_order_relaxed);
    }
  }
}

void FirmModel::step(std::uint32_t step) {
  if (step > 0) advance(env_, params_, levers_);  // 1. the environment of this month
  clear_skills_market();                          // 2. skills market, from last month's demand
  const std::span<const double> slots(sums_.data() + kSlotsAt, kSubsidySlots);
  funded_ = funded_slots(slots, env_.subsidy_budget / weight_);  // 3. vouchers
  step_sums_ = core::reduce_blocks(
      firms_.count, kStepWidth,  // 4. every firm decides
      [&](core::Block b, std::span<double> acc) { update_block(b, acc, step); });
  firms_.stage.swap();
  if (!params_.network.complete_mixing) {  // 5. partners learn who adopted
    core::for_each_block(firms_.count, [&](core::Block b) { tell_partners(b); });
  }
}

void FirmModel::observe(core::Frame& frame) {
  const int month = static_cast<int>(tfp_history_.size());  // rows observed so far
  sums_ = core::reduce_blocks(
      firms_.count, kObservationWidth,
      [&](core::Block b, std::span<double> acc) { observe_block(b, acc, month); });
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

}  // namespace aiplus::agents

namespace aiplus::agents {

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
