#include "agents/bass.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include "agents/behaviours/consideration.hpp"
#include "agents/network.hpp"
#include "agents/purposes.hpp"

namespace aiplus::agents {

void add_bass_params(core::Schema& schema) {
  using core::Kind;
  const std::string section = "adoption: Bass diffusion (consideration)";
  schema.add({"adoption.p", Kind::Real, 0.01, "1/step",
              "external influence: chance per step that a non-adopter adopts whatever its peers do "
              "(policy promotion, vendors)",
              section, 0.0, 1.0});
  schema.add({"adoption.q", Kind::Real, 0.3, "1/step",
              "imitation: added chance per step when every partner has adopted (scaled by the "
              "adopted share of partners)",
              section, 0.0, 1.0});
  schema.add({"adoption.initial_share", Kind::Real, 0.0, "share of firms",
              "share of firms, drawn at random, that have adopted at the start", section, 0.0,
              1.0});
  const std::string network = "network: who learns from whom";
  schema.add({"network.mixing",
              Kind::Choice,
              std::string("partners"),
              "-",
              "\"partners\": x is the adopted share of a firm's partners; \"complete\": x is the "
              "adopted share of all firms (the classic Bass model)",
              network,
              0,
              0,
              {"partners", "complete"}});
  schema.add({"network.partners", Kind::Integer, std::int64_t{8}, "partners per firm",
              "mean number of partners per firm in the random partner network", network, 1, 1000});
}

BassParams bass_params(const core::Config& config) {
  BassParams params;
  params.p = config.real("adoption.p");
  params.q = config.real("adoption.q");
  if (params.p + params.q > 1.0) {
    throw core::ConfigError(config.where("adoption.q"),
                            "adoption.p + adoption.q = " + std::to_string(params.p + params.q) +
                                " exceeds 1; expected a sum of at most 1, since p + q is the "
                                "adoption probability when every partner has adopted");
  }
  params.initial_share = config.real("adoption.initial_share");
  params.complete_mixing = config.text("network.mixing") == "complete";
  params.partners = static_cast<std::uint32_t>(config.integer("network.partners"));
  params.firms = static_cast<std::uint32_t>(config.integer("simulation.firms"));
  params.seed = static_cast<std::uint64_t>(config.integer("simulation.seed"));
  return params;
}

BassModel::BassModel(const BassParams& params)
    : params_(params),
      streams_(params.seed),
      adopted_(params.firms, 0),
      block_adopters_(core::block_count(params.firms), 0),
      block_adopters_next_(core::block_count(params.firms), 0) {
  if (!params_.complete_mixing) {
    network_ = random_partners(params_.firms, params_.partners, streams_);
    for (std::uint32_t i = 0; i < network_.nodes(); ++i) {
      if (network_.degree(i) > 0xFFFF)
        throw std::logic_error("a firm has more partners than a 16-bit count holds");
    }
    adopted_partners_.assign(params_.firms, 0);
    newcomers_ = core::BlockLists(params_.firms);
  }
  auto& initial = adopted_.current();
  core::for_each_block(params_.firms, [&](core::Block b) {
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
  if (!params_.complete_mixing)
    core::for_each_block(params_.firms, [&](core::Block b) { tell_partners(b); });
  adopted_.next() = adopted_.current();
  block_adopters_next_ = block_adopters_;
}

std::vector<core::GroupInfo> bass_outputs() {
  return {{"national",
           {},
           {{"adoption_share", "1", "share of firms that have adopted AI (stage >= 1)"}}}};
}

std::vector<core::GroupInfo> BassModel::outputs() const {
  return bass_outputs();
}

void BassModel::observe(core::Frame& frame) {
  frame[0][0] = params_.firms == 0 ? 0.0 : static_cast<double>(adopters_) / params_.firms;
}

std::uint64_t BassModel::decide(core::Block block, std::uint32_t step) {
  const std::uint64_t size = block.end - block.begin;
  const bool list_newcomers = !newcomers_.empty();
  if (list_newcomers) newcomers_.clear(block);
  if (block_adopters_[block.index] == size && block_adopters_next_[block.index] == size)
    return size;
  const auto& now = adopted_.current();
  auto& next = adopted_.next();
  const double share = params_.firms == 0 ? 0.0 : static_cast<double>(adopters_) / params_.firms;
  std::uint64_t count = 0;
  core::WordsOfFour consider(streams_, step, kPurposeConsider);
  for (std::size_t i = block.begin; i < block.end; ++i) {
    if (now[i]) {
      next[i] = 1;
      ++count;
      continue;
    }
    double x = share;
    if (!params_.complete_mixing) {
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
  core::for_each_block(params_.firms,
                       [&](core::Block b) { block_adopters_next_[b.index] = decide(b, step); });
  adopted_.swap();
  std::swap(block_adopters_, block_adopters_next_);
  adopters_ = std::accumulate(block_adopters_.begin(), block_adopters_.end(), std::uint64_t{0});
  if (!params_.complete_mixing) {
    core::for_each_block(params_.firms, [&](core::Block b) { tell_partners(b); });
  }
}

std::size_t BassModel::memory_bytes() const noexcept {
  return adopted_.memory_bytes() + adopted_partners_.capacity() * sizeof(std::uint16_t) +
         newcomers_.memory_bytes() + network_.memory_bytes();
}

}  // namespace aiplus::agents
