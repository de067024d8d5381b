#include "agents/bass.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include "agents/behaviours/consideration.hpp"
#include "agents/network.hpp"
#include "agents/purposes.hpp"
#include "core/engine/outputs.hpp"

namespace aiplus::agents {

namespace {

constexpr const char* kQKey = "adoption.q";

const core::Bindings<BassParams>& bass_bindings() {
  static const core::Bindings<BassParams> b = [] {
    core::Bindings<BassParams> rows;
    rows.section("adoption: Bass diffusion (consideration)");
    rows.real(
        "adoption.p", 0.01, "1/step", {0, 1},
        "external influence: chance per step that a non-adopter adopts whatever its peers "
        "do (policy promotion, vendors)",
        [](BassParams & p) -> auto& { return p.p; });
    rows.plausible(0.001, 0.05, "Bass p per step, literature range and beyond");
    rows.real(
        kQKey, 0.3, "1/step", {0, 1},
        "imitation: added chance per step when every partner has adopted (scaled by the "
        "adopted share of partners)",
        [](BassParams & p) -> auto& { return p.q; });
    rows.plausible(0.05, 0.6, "Bass q per step, literature range (0.38-0.53 a year) and beyond");
    rows.real(
        "adoption.initial_share", 0.0, "share of firms", {0, 1},
        "share of firms, drawn at random, that have adopted at the start",
        [](BassParams & p) -> auto& { return p.initial_share; });
    rows.plausible(0.0, 0.1, "a new technology starts with few adopters");
    rows.include(
        mixing_bindings(), [](BassParams & p) -> auto& { return p.mixing; });
    return rows;
  }();
  return b;
}

const std::vector<core::GroupDef<BassModel>>& bass_tables() {
  static const std::vector<core::GroupDef<BassModel>> tables = {
      {"national",
       {},
       {{{"adoption_share", "1", "share of firms that have adopted AI (stage >= 1)",
          "adopters / firms"},
         [](const BassModel& m, std::size_t) { return m.adoption_share(); }}}}};
  return tables;
}

}  // namespace

BassParams bass_params(const core::Config& config) {
  BassParams params = bass_bindings().read(config);
  params.run = settings(config);
  if (params.p + params.q > 1.0) {
    throw core::ConfigError(config.where(kQKey),
                            "adoption.p + adoption.q = " + std::to_string(params.p + params.q) +
                                " exceeds 1; expected a sum of at most 1, since p + q is the "
                                "adoption probability when every partner has adopted");
  }
  return params;
}

ModelKind bass_model_kind() {
  return {"bass",
          "Bass diffusion on a partner network: every firm alike, the validation case",
          [](core::Schema& s) { bass_bindings().add_to(s, {"bass"}); },
          [](const core::Config&) { return core::infos(bass_tables()); },
          [](const core::Config& c) {
            if (!bass_params(c).run.panels.empty()) {
              throw core::ConfigError(c.where(kPanelsKey),
                                      std::string(kPanelsKey) +
                                          ": the bass model writes no firm-level snapshots; "
                                          "expected no panels (they need the firms model)");
            }
          },
          [](const core::Config& c) -> std::unique_ptr<core::Model> {
            return std::make_unique<BassModel>(bass_params(c));
          },
          [](const core::Config& c) {
            // Two stage bytes, a 16-bit count, CSR offsets and 4 bytes per link end.
            const auto p = bass_params(c);
            const double link_ends = p.mixing.complete() ? 0.0 : 4.0 * p.mixing.partners;
            return p.run.firms * (12 + link_ends) + 64.0 * (1 << 20);
          },
          [] { return PanelInfo{}; }};
}

BassModel::BassModel(const BassParams& params)
    : params_(params),
      streams_(params.run.seed),
      adopted_(params.run.firms, 0),
      block_adopters_(core::block_count(params.run.firms), 0),
      block_adopters_next_(core::block_count(params.run.firms), 0) {
  if (!params_.mixing.complete()) {
    network_ = random_partners(params_.run.firms, params_.mixing.partners, streams_);
    for (std::uint32_t i = 0; i < network_.nodes(); ++i) {
      if (network_.degree(i) > 0xFFFF)
        throw std::logic_error("a firm has more partners than a 16-bit count holds");
    }
    adopted_partners_.assign(params_.run.firms, 0);
    newcomers_ = core::BlockLists(params_.run.firms);
  }
  auto& initial = adopted_.current();
  core::for_each_block(params_.run.firms, [&](core::Block b) {
    std::uint64_t count = 0;
    for (std::size_t i = b.begin; i < b.end; ++i) {
      const double u = streams_.uniform(static_cast<std::uint32_t>(i), 0, kPurposeInitialStage);
      initial[i] = adopts(params_.initial_share, u) ? 1 : 0;
      count += initial[i];
      // The initial adopters are the first newcomers.
      if (initial[i] && !newcomers_.empty()) newcomers_.push(b, static_cast<std::uint32_t>(i));
    }
    block_adopters_[b.index] = count;
  });
  adopters_ = std::accumulate(block_adopters_.begin(), block_adopters_.end(), std::uint64_t{0});
  if (!params_.mixing.complete())
    core::for_each_block(params_.run.firms, [&](core::Block b) { tell_partners(b); });
  adopted_.next() = adopted_.current();
  block_adopters_next_ = block_adopters_;
}

std::vector<core::GroupInfo> BassModel::outputs() const {
  return core::infos(bass_tables());
}

double BassModel::adoption_share() const noexcept {
  return params_.run.firms == 0 ? 0.0 : static_cast<double>(adopters_) / params_.run.firms;
}

void BassModel::observe(core::Frame& frame) {
  const auto& tables = bass_tables();
  for (std::size_t g = 0; g < tables.size(); ++g) tables[g].fill(frame[g], *this);
}

std::uint64_t BassModel::decide(core::Block block, std::uint32_t step) {
  const std::uint64_t size = block.end - block.begin;
  const bool list_newcomers = !newcomers_.empty();
  if (list_newcomers) newcomers_.clear(block);
  if (block_adopters_[block.index] == size && block_adopters_next_[block.index] == size)
    return size;
  const auto& now = adopted_.current();
  auto& next = adopted_.next();
  const double share = adoption_share();
  std::uint64_t count = 0;
  core::WordsOfFour consider(streams_, step, kPurposeConsider);
  for (std::size_t i = block.begin; i < block.end; ++i) {
    if (now[i]) {
      next[i] = 1;
      ++count;
      continue;
    }
    double x = share;
    if (!params_.mixing.complete()) {
      const std::uint32_t degree = network_.degree(static_cast<std::uint32_t>(i));
      x = degree == 0 ? 0.0 : static_cast<double>(adopted_partners_[i]) / degree;
    }
    const double probability = adoption_probability(params_.p, params_.q, x);
    const bool yes =
        probability > 0.0 &&
        adopts(probability, core::RandomStreams::unit(consider(static_cast<std::uint32_t>(i))));
    next[i] = yes ? 1 : 0;
    count += yes;
    if (yes && list_newcomers) newcomers_.push(block, static_cast<std::uint32_t>(i));
  }
  return count;
}

void BassModel::tell_partners(core::Block block) {
  // Runs between steps: counts change only after every firm has decided.
  const std::uint8_t* adopted = adopted_.current().data();
  std::uint16_t* counts = adopted_partners_.data();
  network_.for_each_partner_of(newcomers_.of(block), [&](std::uint32_t j) {
    // Only firms that have not adopted read their count again: skip the others.
    if (!adopted[j])
      std::atomic_ref<std::uint16_t>(counts[j]).fetch_add(1, std::memory_order_relaxed);
  });
}

void BassModel::step(std::uint32_t step) {
  core::for_each_block(params_.run.firms,
                       [&](core::Block b) { block_adopters_next_[b.index] = decide(b, step); });
  adopted_.swap();
  std::swap(block_adopters_, block_adopters_next_);
  adopters_ = std::accumulate(block_adopters_.begin(), block_adopters_.end(), std::uint64_t{0});
  if (!params_.mixing.complete()) {
    core::for_each_block(params_.run.firms, [&](core::Block b) { tell_partners(b); });
  }
}

std::size_t BassModel::memory_bytes() const noexcept {
  return adopted_.memory_bytes() + adopted_partners_.capacity() * sizeof(std::uint16_t) +
         newcomers_.memory_bytes() + network_.memory_bytes();
}

}  // namespace aiplus::agents
