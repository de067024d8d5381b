// Counter-based random streams: every draw is a pure function of
// (seed, entity, step, purpose), so results never depend on which thread
// draws first or how many threads there are.
#pragma once

// philox.h first: it pulls in the feature macros MicroURNG.hpp relies on.
#include <Random123/philox.h>
// (keep this order)
#include <Random123/MicroURNG.hpp>
#include <Random123/uniform.hpp>
#include <array>
#include <cstdint>

namespace aiplus::core {

/// The counter-based generator under every stream: Philox 4x32, 10 rounds.
using Philox = r123::Philox4x32;

/// A standard uniform random bit generator over one (seed, entity, step, purpose)
/// key, for Boost.Random distributions. Yields up to 2^32 blocks of four words.
using Stream = r123::MicroURNG<Philox>;

/// Hands out independent random streams keyed by (entity, step, purpose) under one seed.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed) noexcept
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}} {}

  /// A stream for distributions that may need many draws (normal, lognormal, ...).
  [[nodiscard]] Stream stream(std::uint32_t entity, std::uint32_t step,
                              std::uint32_t purpose) const {
    return Stream(Philox::ctr_type{{entity, step, purpose, 0}}, key_);
  }

  /// Four raw 32-bit words for the key; the cheapest way to get a few numbers.
  [[nodiscard]] Philox::ctr_type bits(std::uint32_t entity, std::uint32_t step,
                                      std::uint32_t purpose, std::uint32_t block = 0) const {
    // The last counter word is the block index; MicroURNG uses the same word, so a
    // purpose is drawn either through bits()/uniform() or through stream(), not both.
    return Philox{}(Philox::ctr_type{{entity, step, purpose, block}}, key_);
  }

  /// One uniform double in (0, 1] with 53 random bits: the hot path of a step.
  [[nodiscard]] double uniform(std::uint32_t entity, std::uint32_t step,
                               std::uint32_t purpose) const {
    const auto w = bits(entity, step, purpose);
    const std::uint64_t wide = (static_cast<std::uint64_t>(w[0]) << 32) | w[1];
    return r123::u01<double>(wide);
  }

  /// A 32-bit random word as a uniform number in (0, 1).
  [[nodiscard]] static constexpr double unit(std::uint32_t word) noexcept {
    return (word + 0.5) / 4294967296.0;
  }

  /// The seed the streams were made from.
  [[nodiscard]] std::uint64_t seed() const noexcept {
    return static_cast<std::uint64_t>(key_[0]) | (static_cast<std::uint64_t>(key_[1]) << 32);
  }

 private:
  Philox::ukey_type key_;
};

/// One 32-bit random word per entity, four consecutive entities (4g .. 4g + 3)
/// sharing the Philox block of group g: a quarter of the cost of a block each, for
/// hot loops that walk entities in order and need one draw of 32 bits or fewer.
/// Entity e reads word e % 4 of group e / 4, so each word is still a function of
/// (seed, entity, step, purpose) whatever order or thread draws it.
class WordsOfFour {
 public:
  WordsOfFour(const RandomStreams& streams, std::uint32_t step, std::uint32_t purpose) noexcept
      : streams_(&streams), step_(step), purpose_(purpose) {}
  [[nodiscard]] std::uint32_t operator()(std::uint32_t entity) noexcept {
    if (entity / 4 != group_) {
      group_ = entity / 4;
      words_ = streams_->bits(group_, step_, purpose_);
    }
    return words_[entity % 4];
  }

 private:
  const RandomStreams* streams_;
  std::uint32_t step_, purpose_;
  std::uint32_t group_ = 0xFFFFFFFF;  // no group yet (entity / 4 < 2^30)
  Philox::ctr_type words_{};
};

}  // namespace aiplus::core
