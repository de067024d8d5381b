// The firm model (docs/MODEL.md, section 3 for the schedule of a step): heterogeneous firms
// adopting AI under the directive's levers. One step, read top to bottom:
//   1. the environment advances to this month;
//   2. the skills market clears per region and tier;
//   3. vouchers are allocated until the month's budget is spent;
//   4. every firm decides and updates, reading only last month's state;
//   5. partners learn who adopted; aggregates are reduced by segment.
#pragma once

#include <array>
#include <vector>

#include "agents/behaviours/productivity.hpp"
#include "agents/behaviours/readiness.hpp"
#include "agents/behaviours/subsidy.hpp"
#include "agents/environment.hpp"
#include "agents/firm_params.hpp"
#include "agents/firms.hpp"
#include "agents/levers.hpp"
#include "agents/metrics.hpp"
#include "agents/scenario.hpp"
#include "core/engine/graph.hpp"
#include "core/engine/parallel.hpp"
#include "core/engine/rng.hpp"
#include "core/engine/simulation.hpp"

namespace aiplus::agents {

/// The firm-level columns the firm model writes to /panel.
[[nodiscard]] PanelInfo firm_panel_info();

/// The full model of firms, network, environment and levers.
class FirmModel final : public core::Model {
 public:
  explicit FirmModel(const FirmParams& params);

  [[nodiscard]] std::vector<core::GroupInfo> outputs() const override;
  void observe(core::Frame& frame) override;
  void step(std::uint32_t step) override;
  [[nodiscard]] std::uint64_t agents() const override { return firms_.count; }
  [[nodiscard]] core::Summary summary() const override { return summary_; }
  [[nodiscard]] core::Columns firm_attributes() const override;
  [[nodiscard]] std::string firm_order() const override {
    return "firm index: firms stored by region, then sector, then hub rank (SOEs and large "
           "firms, medium, small, micro)";
  }
  [[nodiscard]] core::Columns firm_state() override;

  [[nodiscard]] const Firms& firms() const noexcept { return firms_; }
  [[nodiscard]] const core::Graph& network() const noexcept { return network_; }
  [[nodiscard]] const Environment& environment() const noexcept { return env_; }
  /// Firm i's exposure x: the adopted share of its partners at the end of the last
  /// observed month (docs/MODEL.md 7.3): the partners it chose, counted one each, and
  /// the links it receives, as many as a real firm of its cluster receives, at the
  /// adopted share of the pool they come from.
  [[nodiscard]] double exposure(std::uint32_t i) const noexcept {
    const std::size_t c = cluster_of(firms_.region[i], firms_.sector[i]);
    const double received = received_[c][is_hub(firms_.ownership[i], firms_.size[i]) ? 1 : 0];
    return (firms_.adopted_partners[i] + received * pool_exposure_[c]) /
           (firms_.chosen_partners[i] + received);
  }
  /// Real firms each agent of a segment stands for (its design weight).
  [[nodiscard]] const SegmentWeights& weights() const noexcept { return weight_; }
  /// Bytes of firm columns and network.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return firms_.memory_bytes() + network_.memory_bytes() + newcomers_.memory_bytes();
  }

 private:
  [[nodiscard]] double need(std::uint8_t stage, std::uint8_t size) const noexcept;
  [[nodiscard]] double step_cost(std::uint8_t stage, std::uint32_t firm) const noexcept;
  // What observing month `month` needs besides the firms, worked out once per block
  // and held apart from the parameters, so the hot loop keeps it in registers.
  struct MonthView {
    int month;
    double compute_per_employee;  ///< GPU-hours per employee at stage weight 1
    double next_rate;             ///< voucher rate of the coming step
    bool subsidies;               ///< whether the coming step pays vouchers
    double use_a, use_b, hollow_threshold, jcurve_depth, jcurve_months;
    std::array<double, 4> stage_weight;
    std::array<double, kSectors> gain;        ///< gamma: share of output saved at F = 1, full use
    std::array<double, kSectors> multiplier;  ///< data and demand multiplier of AI's yield
    std::array<std::array<double, kSizes>, 4> need;  ///< engineers needed by stage and size
    double capital_evaluation;                       ///< of the coming step
    std::array<double, 3> step_cost;                 ///< base cost of the step from stages 0-2
    double gap_cost;                                 ///< extra cost per unit of digitization gap
    double deploy_threshold, integrate_threshold;    ///< digitization needed for stages 2, 3
    const double* weight;                            ///< design weight of each segment
    std::array<double, kMaxBands> band_edges;        ///< employment band edges, then infinity
    std::size_t band_first;                          ///< bands below it hold no firm
  };
  [[nodiscard]] MonthView month_view(int month) const;
  // Effective use at a stage: e = d^a h^b, scaled down for a stage the firm is not
  // ready for; 0 before adoption.
  [[nodiscard]] static double use_of(std::uint8_t stage, double d, double h,
                                     const MonthView& view) noexcept {
    if (stage == 0) return 0.0;
    return effective_use(d, h, view.use_a, view.use_b) *
           readiness_factor(stage, d, view.deploy_threshold, view.integrate_threshold);
  }
  [[nodiscard]] double gain_multiplier(std::size_t sector) const noexcept;
  // Finds how far down the ranking the month's voucher budget reaches.
  void fund_vouchers();
  // The real firms of each cluster and the links a real firm there receives.
  void set_exposure_pools();
  // The adopted share each cluster's received links see, from the last observation.
  void set_pool_exposure();
  // The columns' addresses, taken once per block: a store to a byte column may
  // alias anything, so a member would be reloaded after every firm.
  struct Rows {
    const std::uint8_t *size, *sector, *ownership, *region, *segment;
    const float *output, *employees, *cost_scale;
    float *digitization, *skill_fill, *capability;
    std::uint16_t *changed, *voucher_slot;
  };
  [[nodiscard]] Rows rows() noexcept;
  // What a firm is observed with: its stage, tier cell and state after the month.
  struct FirmState {
    std::uint8_t stage;
    std::size_t cell;
    double d, h, c;
    double use;  ///< effective use e = d^a h^b (0 before adoption)
  };
  // Adds firm i to the observation sums; draws its voucher lottery.
  void observe_firm(std::uint32_t i, const FirmState& f, const Rows& r, const MonthView& view,
                    core::WordsOfFour& lottery, double* __restrict acc);
  // A pass over every firm filling sums_ for `month`.
  void observe_month(int month);
  // Steps the firms of a block and observes them for the next month: acc holds the
  // step's sums (kStepWidth), then the observation's (kObservationWidth).
  void update_block(core::Block block, std::span<double> acc, std::uint32_t step);
  // Adds the block's newcomers (firms that just adopted) to their partners' counts.
  void tell_partners(core::Block block);
  void clear_skills_market();
  [[nodiscard]] std::uint16_t subsidy_slot_of(std::uint32_t firm, const FirmState& f, const Rows& r,
                                              const MonthView& view, core::WordsOfFour& lottery,
                                              double& voucher) const;
  // Adds the sums that never change (firms, employees, baseline output) to sums_.
  void add_static_sums();
  // Years behind the frontier of a capability in use (NaN when nothing is in use).
  [[nodiscard]] double diffusion_lag(double in_use) const;
  // Records the month each adoption threshold is first crossed.
  void note_thresholds(const Sums& sums, int month);

  FirmParams params_;
  core::RandomStreams streams_;
  FirmTables tables_;  ///< what observe() reports
  Firms firms_;
  Clusters clusters_;
  core::Graph network_;
  Environment env_;
  SegmentWeights weight_{};                        ///< design weight of each segment
  std::size_t band_first_ = 0;                     ///< employment bands below the smallest firm
  std::array<double, kClusters> cluster_firms_{};  ///< real firms of each cluster
  std::array<std::array<double, 2>, kClusters> received_{};  ///< links a real firm receives
  std::array<double, kClusters> pool_exposure_{};  ///< adopted share the received links see

  // Carried from the last observation into the next step.
  std::vector<double> sums_;  ///< the observation accumulator
  int sums_month_ = -1;       ///< the month sums_ describe (the step fills them for the next)
  std::vector<double> static_sums_;  ///< firms, employees and output per segment, summed once
  std::array<std::uint8_t, kSegments> subsidy_class_{};  ///< voucher class of each segment
  // Firms that adopted in the last step, per block, so partners are told without a scan.
  core::BlockLists newcomers_;
  std::array<double, kRegions * kTiers> tier_fill_{};  ///< skills market result
  double adoption_share_ = 0;                          ///< for complete mixing
  Funding funding_;                                    ///< how far the month's vouchers reach
  std::vector<double> marginal_before_;  ///< per block: marginal slot's vouchers in earlier blocks
  double voucher_demand_ = 0;            ///< vouchers the month's eligible firms would claim
  std::vector<double> step_sums_;        ///< subsidy paid and wasted per segment
  // History for growth rates, the diffusion lag and milestones.
  std::vector<double> tfp_history_, ai_history_, labour_history_, frontier_history_;
  // Month adoption first reached 10%, 50%, 90%, per segment and nationally (last).
  std::array<std::array<double, 3>, kSegments + 1> reached_;
  core::Summary summary_;
  // Buffers of derived firm-level values for panel snapshots.
  core::Column<float> panel_use_, panel_productivity_;
  mutable core::Column<float> panel_weight_;
};

}  // namespace aiplus::agents
