#include "agents/firm_model.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <utility>

#include "agents/behaviours/consideration.hpp"
#include "agents/behaviours/digitization.hpp"
#include "agents/behaviours/economics.hpp"
#include "agents/behaviours/productivity.hpp"
#include "agents/behaviours/readiness.hpp"
#include "agents/behaviours/skills.hpp"
#include "agents/behaviours/subsidy.hpp"
#include "agents/firm_observation.hpp"
#include "agents/metrics.hpp"
#include "agents/network.hpp"
#include "agents/population.hpp"
#include "agents/purposes.hpp"
#include "core/engine/parallel.hpp"

namespace aiplus::agents {
namespace {

constexpr auto unit = core::RandomStreams::unit;

}  // namespace

FirmModel::FirmModel(const FirmParams& params)
    : params_(params), streams_(params.run.seed), tables_(firm_tables(params)) {
  const auto synthesis = synthesise(params_, streams_, firms_);
  clusters_ = synthesis.clusters;
  weight_ = synthesis.weight;
  set_exposure_pools();
  // The bands below the smallest firm hold nobody and are not reported.
  for (double edge : params_.employment_bands)
    band_first_ += edge <= params_.population.size_bands[0];
  for (auto& r : reached_) r.fill(std::numeric_limits<double>::quiet_NaN());
  static_sums_.assign(kObservationWidth, 0.0);
  for (std::size_t i = 0; i < firms_.count; ++i) {  // in firm order: the same sums every run
    double* seg = static_sums_.data() + firms_.segment[i] * kSegmentSums;
    seg[kFirms] += 1;
    seg[kOutput] += firms_.output[i];
    seg[kEmployees] += firms_.employees[i];
  }
  for (std::uint8_t sector = 0; sector < kSectors; ++sector)
    for (std::uint8_t owner = 0; owner < kOwnerships; ++owner)
      for (std::uint8_t size = 0; size < kSizes; ++size)
        subsidy_class_[segment_of(sector, owner, size)] = subsidy_class(
            params_.levers.targeting, owner, size, params_.levers.priority_sector[sector]);
  if (!params_.network.mixing.complete()) {
    network_ = clustered_partners(clusters_, params_.network, firms_.count, streams_);
    core::for_each_block(firms_.count, [&](core::Block b) {
      for (std::size_t i = b.begin; i < b.end; ++i) {
        std::uint32_t chosen = 0;
        for (std::uint32_t entry : network_.partners(static_cast<std::uint32_t>(i)))
          chosen += core::Graph::proposed(entry) ? 1 : 0;
        firms_.chosen_partners[i] = chosen;
      }
    });
    newcomers_ = core::BlockLists(firms_.count);
    core::for_each_block(firms_.count, [&](core::Block b) {
      for (std::size_t i = b.begin; i < b.end; ++i)  // the initial adopters are the first newcomers
        if (firms_.stage.current()[i] > 0) newcomers_.push(b, static_cast<std::uint32_t>(i));
      tell_partners(b);
    });
  }
  env_ = initial_environment(params_);
  step_sums_.assign(kStepWidth, 0.0);
  // Initial adopters start with the engineers the market gives their tier.
  observe_month(0);
  set_pool_exposure();
  clear_skills_market();
  sums_month_ = -1;  // skill fills change below: observe month 0 again
  core::for_each_block(firms_.count, [&](core::Block b) {
    for (std::size_t i = b.begin; i < b.end; ++i) {
      if (firms_.stage.current()[i] > 0) {
        firms_.skill_fill[i] = static_cast<float>(
            tier_fill_[tier_cell(firms_.region[i], firms_.ownership[i], firms_.size[i])]);
      }
    }
  });
}

std::vector<core::GroupInfo> FirmModel::outputs() const {
  return core::infos(tables_);
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

void FirmModel::set_exposure_pools() {
  // The real firms and hubs of each cluster, and the links a real firm of a cluster
  // receives: proposals x (1 - hub share) from anyone, and for a hub its share of the
  // cluster's proposals redirected to hubs.
  std::array<double, kClusters> hubs{};
  for (std::size_t i = 0; i < firms_.count; ++i) {
    const std::size_t c = cluster_of(firms_.region[i], firms_.sector[i]);
    const double w = weight_[firms_.segment[i]];
    cluster_firms_[c] += w;
    if (is_hub(firms_.ownership[i], firms_.size[i])) hubs[c] += w;
  }
  const auto& n = params_.network;
  const double proposals = n.mixing.partners / 2.0;
  for (std::size_t c = 0; c < kClusters; ++c) {
    received_[c][0] = proposals * (1 - n.hub_share);
    received_[c][1] = received_[c][0] +
                      (hubs[c] > 0 ? proposals * n.hub_share * cluster_firms_[c] / hubs[c] : 0.0);
  }
}

void FirmModel::set_pool_exposure() {
  // A firm's proposers come from its cluster (local, same sector), its region (local,
  // any sector) or anywhere, each in proportion to real firms: its received links see
  // that mix of adopted shares.
  const auto& n = params_.network;
  const double cluster = n.local_share * n.same_sector_share,
               region = n.local_share * (1 - n.same_sector_share), nation = 1 - n.local_share;
  std::array<double, kRegions> region_adopted{}, region_firms{};
  double adopted = 0, firms = 0;
  for (std::size_t c = 0; c < kClusters; ++c) {
    region_adopted[c / kSectors] += sums_[kClusterAt + c];
    region_firms[c / kSectors] += cluster_firms_[c];
    adopted += sums_[kClusterAt + c];
    firms += cluster_firms_[c];
  }
  const auto share = [](double a, double f) { return f > 0 ? a / f : 0.0; };
  for (std::size_t c = 0; c < kClusters; ++c) {
    pool_exposure_[c] = cluster * share(sums_[kClusterAt + c], cluster_firms_[c]) +
                        region * share(region_adopted[c / kSectors], region_firms[c / kSectors]) +
                        nation * share(adopted, firms);
  }
}

void FirmModel::fund_vouchers() {
  const std::span<const double> slots(sums_.data() + kSlotsAt, kSubsidySlots);
  funding_ = fund_down_ranking(slots, env_.subsidy_budget);
  voucher_demand_ = 0;
  for (double cost : slots) voucher_demand_ += cost;
  if (funding_.marginal >= kSubsidySlots || !(env_.lever[kSubsidyRate] > 0)) return;
  // The vouchers of the marginal slot's firms, per block, then summed in block
  // order: each block knows what the slot's firms before it claimed.
  const auto marginal = static_cast<std::uint16_t>(funding_.marginal);
  const double rate = env_.lever[kSubsidyRate];
  marginal_before_.assign(core::block_count(firms_.count), 0.0);
  const auto& stage = firms_.stage.current();
  core::for_each_block(firms_.count, [&](core::Block b) {
    double sum = 0;
    for (std::size_t i = b.begin; i < b.end; ++i)
      if (firms_.voucher_slot[i] == marginal)
        sum +=
            rate * step_cost(stage[i], static_cast<std::uint32_t>(i)) * weight_[firms_.segment[i]];
    marginal_before_[b.index] = sum;
  });
  double before = 0;
  for (double& block : marginal_before_) before += std::exchange(block, before);
}

void FirmModel::clear_skills_market() {
  for (std::size_t r = 0; r < kRegions; ++r) {
    std::array<double, kTiers> demand{};
    for (std::size_t t = 0; t < kTiers; ++t) demand[t] = sums_[kDemandAt + r * kTiers + t];
    const auto fill = clear_market(demand, env_.elite_pool[r], env_.broad_pool[r]);
    for (std::size_t t = 0; t < kTiers; ++t) tier_fill_[r * kTiers + t] = fill[t];
  }
}

void FirmModel::update_block(core::Block block, std::span<double> acc, std::uint32_t step) {
  const auto& b = params_.behaviour;
  const auto& e = params_.environment;
  const auto& lever = env_.lever;
  // The month's constants and the columns' addresses, held in locals: a store to a
  // byte column may alias anything, so members would be reloaded after every firm.
  const double openness = 1.0 + b.open_source_effect * env_.open_source_index;
  const auto view = month_view(static_cast<int>(step) + 1);  // observing the month after
  const double credit = b.credit_access + lever[kPatientCapital] * (1.0 - b.credit_access);
  const bool subsidies = env_.subsidy_budget > 0 && lever[kSubsidyRate] > 0;
  const double subsidy_rate = lever[kSubsidyRate], soe_mandate = lever[kSoeMandate];
  const double deploy = view.deploy_threshold, integrate = view.integrate_threshold;
  const double speed_by_kind[2] = {e.hiring_speed,
                                   e.hiring_speed * (1.0 + lever[kEquityIncentives])};
  const double p_by_push[2] = {(b.p + lever[kPromotion] + 0.0) * openness,
                               (b.p + lever[kPromotion] + lever[kHealthcarePush]) * openness};
  const double q = b.q * openness, mixing_share = adoption_share_;
  const bool complete_mixing = params_.network.mixing.complete(), economics = b.economics;
  const double delay = lever[kRegistrationDelay];
  const double regulatory_burden = lever[kRegulatoryBurden];
  // A draw at or above the chance's ceiling fails whatever the return, so the
  // economics are worked out only for draws that could succeed.
  const double ceiling_now = step_probability_ceiling(1.0, delay);
  const double ceiling_later = step_probability_ceiling(b.decision_rate, delay);
  const double digitization_rate[2] = {
      b.digitization_rate + lever[kDigitalSupport] + 0.0,
      b.digitization_rate + lever[kDigitalSupport] + b.pilot_digitization};
  const double frontier = env_.frontier, absorption = b.absorption_rate;
  const double spillover = b.partner_spillover;
  const double marginal_before =
      funding_.marginal < kSubsidySlots ? marginal_before_[block.index] : 0;
  double marginal_cumulative = 0;  // vouchers of the marginal slot's earlier firms in the block
  const std::uint8_t* __restrict now = firms_.stage.current().data();
  std::uint8_t* __restrict next = firms_.stage.next().data();
  const Rows r = rows();
  const bool list_newcomers = !newcomers_.empty();
  if (list_newcomers) newcomers_.clear(block);

  // Consideration and the step decision share Philox blocks four firms to one;
  // credit and the mandate, rarer, come from the firm's own block when needed.
  core::WordsOfFour consider(streams_, step, kPurposeConsider);
  core::WordsOfFour step_draw(streams_, step, kPurposeStep);
  core::WordsOfFour lottery(streams_, step + 1, kPurposeSubsidy);
  for (std::size_t at = block.begin; at < block.end; ++at) {
    const auto i = static_cast<std::uint32_t>(at);
    const std::uint8_t s = now[i], size = r.size[i], sector = r.sector[i], owner = r.ownership[i];
    const std::size_t cell = tier_cell(r.region[i], owner, size);
    const auto decide = [&](int k) { return unit(streams_.bits(i, step, kPurposeDecide)[k]); };
    const float d = r.digitization[i];

    // Skills: hire toward the tier's fill. A firm with poor data and processes
    // takes longer to build an AI team (speed scales with d); equity incentives
    // speed industrial firms up.
    const double speed = speed_by_kind[kIndustrial[sector] ? 1 : 0] * d;
    double h = s == 0 ? 0.0 : next_skill_fill(r.skill_fill[i], tier_fill_[cell], speed);
    // Subsidy: does the month's budget reach this firm's place in the ranking?
    double voucher = 0;
    if (subsidies) {
      const auto slot = r.voucher_slot[i];
      if (slot <= funding_.marginal && slot < kSubsidySlots) {
        // The budget is real money: the firm's claim counts for the firms it stands for.
        const double v = subsidy_rate * step_cost(s, i), claim = v * weight_[r.segment[i]];
        voucher = v * funded_share(funding_, slot, marginal_before + marginal_cumulative, claim);
        if (slot == funding_.marginal) marginal_cumulative += claim;
      }
    }
    // The adopted share of the firm's partners (of all firms under complete mixing).
    const auto partners_adopted = [&] { return complete_mixing ? mixing_share : exposure(i); };

    std::uint8_t up = s;
    if (s < 3) {
      if (is_soe(owner) && soe_mandate > 0 && decide(3) < soe_mandate) {
        up = s + 1;  // the mandate ignores readiness and returns
      } else {
        // A firm that has not adopted considers AI pushed from outside (vendors,
        // promotion: probability p) or pulled by its partners (q x). A push brings a
        // pilot whatever it returns; a pull, a voucher or an adopter's next stage is
        // taken only when the step pays.
        bool considering = s > 0 || voucher > 0, pushed = false;
        if (!considering) {
          const double p = p_by_push[sector == kHealthcare ? 1 : 0];
          const double u = unit(consider(i));
          pushed = u <= p;
          considering = adopts(adoption_probability(p, q, partners_adopted()), u);
        }
        if (considering && (!economics || pushed)) {
          if (s == 0) up = 1;  // pushed, or the Bass validation mode: to consider is to pilot
        } else if (considering && ready_for_next(s, d, deploy, integrate)) {
          // A firm that has just considered AI, or holds a voucher, decides now; an
          // adopter otherwise weighs its next stage in decision_rate of the months.
          const bool now_or_later = s == 0 || voucher > 0;
          const double u_step = unit(step_draw(i));
          if (u_step < (now_or_later ? ceiling_now : ceiling_later)) {
            const double expected_use =
                effective_use(d, std::max(h, tier_fill_[cell]), view.use_a, view.use_b);
            const double price = env_.compute_price(r.region[i]) * e.gpu_hour_price;
            StepCase c{r.output[i],
                       view.gain[sector],
                       b.stage_weight[s + 1] - b.stage_weight[s],
                       expected_use,
                       frontier,
                       view.multiplier[sector],
                       1.0,
                       r.employees[i] * view.compute_per_employee *
                           (b.stage_weight[s + 1] - b.stage_weight[s]) * price,
                       step_cost(s, i) + b.compliance_cost * regulatory_burden - voucher,
                       b.payback_months};
            const double chance = step_probability(
                step_return(c), now_or_later ? 1.0 : b.decision_rate, b.return_sensitivity, delay);
            const bool needs_credit = owner == kPrivate && is_sme(size);
            if (u_step < chance && (!needs_credit || decide(2) < credit)) up = s + 1;
          }
        }
      }
    }
    if (voucher > 0) {
      acc[r.segment[i]] += voucher;
      if (up == s) acc[kSegments + r.segment[i]] += voucher;
    }
    if (up != s) {
      h = rescale_skill_fill(h, need(s, size), need(up, size));
      r.changed[i] = static_cast<std::uint16_t>(step + 1);
    }
    // Digitization and hiring, then absorption toward the frontier by adopters at
    // the effective use these give (the use the month is observed with).
    const auto d_next = static_cast<float>(next_digitization(d, digitization_rate[s > 0 ? 1 : 0]));
    const auto h_next = static_cast<float>(h);
    const double use = use_of(up, d_next, h_next, view);
    // Absorption is faster with adopted partners to learn from (knowledge spillovers).
    const auto c_next = s > 0 ? static_cast<float>(next_capability(
                                    r.capability[i], frontier, use,
                                    absorption * (1.0 + spillover * partners_adopted())))
                              : r.capability[i];
    r.digitization[i] = d_next;
    r.capability[i] = c_next;
    r.skill_fill[i] = h_next;
    next[i] = up;
    if (list_newcomers && s == 0 && up > 0) newcomers_.push(block, i);
    observe_firm(i, FirmState{up, cell, d_next, h_next, c_next, use}, r, view, lottery,
                 acc.data() + kStepWidth);
  }
}

void FirmModel::tell_partners(core::Block block) {
  // Whole-number counts: the sums are the same whatever order the partners are told in.
  for (const std::uint32_t newcomer : newcomers_.of(block)) {
    network_.for_each_partner_of(std::span<const std::uint32_t>(&newcomer, 1),
                                 [&](std::uint32_t entry) {
                                   const std::uint32_t j = core::Graph::node(entry);
                                   if (core::Graph::proposed(entry))
                                     return;  // j did not choose it: its pool counts
                                   std::atomic_ref<std::uint32_t>(firms_.adopted_partners[j])
                                       .fetch_add(1, std::memory_order_relaxed);
                                 });
  }
}

void FirmModel::step(std::uint32_t step) {
  if (step > 0) advance(env_, params_);   // 1. the environment of this month
  clear_skills_market();                  // 2. skills market, from last month's demand
  fund_vouchers();                        // 3. vouchers down the ranking
  const auto sums = core::reduce_blocks(  // 4. every firm decides, then is observed
      firms_.count, kStepWidth + kObservationWidth,
      [&](core::Block b, std::span<double> acc) { update_block(b, acc, step); });
  step_sums_.assign(sums.begin(), sums.begin() + kStepWidth);
  sums_.assign(sums.begin() + kStepWidth, sums.end());
  add_static_sums();
  sums_month_ = static_cast<int>(step) + 1;
  firms_.stage.swap();
  if (!params_.network.mixing.complete()) {  // 5. partners learn who adopted
    core::for_each_block(firms_.count, [&](core::Block b) { tell_partners(b); });
  }
}

}  // namespace aiplus::agents
