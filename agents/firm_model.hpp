// The firm model (MODEL.md sections 3-9): heterogeneous firms adopting AI under
// the directive's levers. One step, read top to bottom:
//   1. the environment advances to this month;
//   2. the skills market clears per region and tier;
//   3. vouchers are allocated until the month's budget is spent;
//   4. every firm decides and updates, reading only last month's state;
//   5. partners learn who adopted; aggregates are reduced by segment.
#pragma once

#include <array>
#include <vector>

#include "agents/behaviours/subsidy.hpp"
#include "agents/environment.hpp"
#include "agents/firm_params.hpp"
#include "agents/firms.hpp"
#include "agents/levers.hpp"
#include "core/graph.hpp"
#include "core/rng.hpp"
#include "core/simulation.hpp"

namespace aiplus::agents {

/// The full model of firms, network, environment and levers.
class FirmModel final : public core::Model {
 public:
  FirmModel(const FirmParams& params, const Levers& levers);

  [[nodiscard]] std::vector<core::GroupInfo> outputs() const override;
  void observe(core::Frame& frame) override;
  void step(std::uint32_t step) override;
  [[nodiscard]] std::uint64_t agents() const override { return firms_.count; }
  [[nodiscard]] core::Summary summary() const override { return summary_; }
  [[nodiscard]] core::Columns firm_attributes() const override;
  [[nodiscard]] core::Columns firm_state() override;

  [[nodiscard]] const Firms& firms() const noexcept { return firms_; }
  [[nodiscard]] const core::Graph& network() const noexcept { return network_; }
  [[nodiscard]] const Environment& environment() const noexcept { return env_; }
  /// Real firms each agent stands for.
  [[nodiscard]] double weight() const noexcept { return weight_; }
  /// Bytes of firm columns and network.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return firms_.memory_bytes() + network_.memory_bytes();
  }

 private:
  [[nodiscard]] double need(std::uint8_t stage, std::uint8_t size) const noexcept;
  [[nodiscard]] double step_cost(std::uint8_t stage, std::uint32_t firm) const noexcept;
  void observe_block(core::Block block, std::span<double> acc, int month);
  void update_block(core::Block block, std::span<double> acc, std::uint32_t step);
  void tell_partners(core::Block block);
  void clear_skills_market();
  [[nodiscard]] std::uint16_t subsidy_slot_of(std::uint32_t firm, std::uint32_t step, double rate,
                                              double& voucher) const;

  FirmParams params_;
  Levers levers_;
  core::RandomStreams streams_;
  Firms firms_;
  Clusters clusters_;
  core::Graph network_;
  Environment env_;
  double weight_ = 1;

  // Carried from the last observation into the next step.
  std::vector<double> sums_;                           ///< the observation accumulator
  std::array<double, kRegions * kTiers> tier_fill_{};  ///< skills market result
  double adoption_share_ = 0;                          ///< for complete mixing
  std::array<bool, kSubsidySlots> funded_{};           ///< subsidy slots funded this month
  std::vector<double> step_sums_;                      ///< subsidy paid and wasted per segment
  // History for growth rates and milestones.
  std::vector<double> tfp_history_, ai_history_, labour_history_;
  core::Summary summary_;
  // Buffers of derived firm-level values for panel snapshots.
  core::Column<float> panel_use_, panel_productivity_;
};

}  // namespace aiplus::agents
