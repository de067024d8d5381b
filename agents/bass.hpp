// The Bass diffusion model on a partner network: the simplest model the engine
// runs, and the validation case for the firm model (docs/MODEL.md section 7.21).
#pragma once

#include <cstdint>
#include <vector>

#include "agents/network.hpp"
#include "agents/scenario.hpp"
#include "core/config/config.hpp"
#include "core/engine/columns.hpp"
#include "core/engine/graph.hpp"
#include "core/engine/parallel.hpp"
#include "core/engine/rng.hpp"
#include "core/engine/simulation.hpp"

namespace aiplus::agents {

/// Parameters of the Bass scenario, read from a validated config.
struct BassParams {
  double p = 0;              ///< external influence per step
  double q = 0;              ///< imitation per step
  double initial_share = 0;  ///< share of firms adopted at the start
  Mixing mixing;
  RunSettings run;
};

/// Reads BassParams; throws core::ConfigError for combinations no single key shows (p + q > 1).
[[nodiscard]] BassParams bass_params(const core::Config& config);

/// The Bass model's entry in the registry of model kinds.
[[nodiscard]] ModelKind bass_model_kind();

/// Bass adoption: stage 0 (not adopted) or 1 (adopted) per firm.
class BassModel final : public core::Model {
 public:
  explicit BassModel(const BassParams& params);

  [[nodiscard]] std::vector<core::GroupInfo> outputs() const override;
  void observe(core::Frame& frame) override;
  void step(std::uint32_t step) override;
  [[nodiscard]] std::uint64_t agents() const override { return params_.run.firms; }

  /// Share of firms adopted at the end of the last step.
  [[nodiscard]] double adoption_share() const noexcept;
  /// Bytes of firm state and network.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
  /// The partner graph (empty under complete mixing).
  [[nodiscard]] const core::Graph& network() const noexcept { return network_; }
  /// 1 for each firm that has adopted.
  [[nodiscard]] const core::Column<std::uint8_t>& adopted() const noexcept {
    return adopted_.current();
  }
  /// Adopted partners of each firm; kept up to date only for firms that have not adopted.
  [[nodiscard]] const core::Column<std::uint16_t>& adopted_partners() const noexcept {
    return adopted_partners_;
  }

 private:
  std::uint64_t decide(core::Block block, std::uint32_t step);
  void tell_partners(core::Block block);

  BassParams params_;
  core::RandomStreams streams_;
  core::Graph network_;
  core::Buffered<std::uint8_t> adopted_;  ///< 1 once a firm has adopted
  /// Partners adopted by the end of last step (degree < 65536); kept for firms that
  /// have not adopted, the only ones that read it.
  core::Column<std::uint16_t> adopted_partners_;
  // Adopters per block in the current and the next state buffer: a block adopted
  // through in both is skipped, and one that did not change tells no partner.
  std::vector<std::uint64_t> block_adopters_, block_adopters_next_;
  std::uint64_t adopters_ = 0;  ///< firms adopted at the end of last step
  // Firms that adopted in the last step, per block, so partners are told without a scan.
  core::BlockLists newcomers_;
};

}  // namespace aiplus::agents
