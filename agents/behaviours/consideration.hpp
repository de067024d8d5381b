// Consideration, the Bass part of adoption: a firm that has not adopted takes up AI
// this step with probability p + q * x, where x is the share of its partners (or,
// under complete mixing, of all firms) that had adopted by the end of last step.
#pragma once

#include <algorithm>

namespace aiplus::agents {

/// Probability that a non-adopter adopts this step. p: external influence, q:
/// imitation, x: adopted share of the firm's contacts, each in [0, 1].
[[nodiscard]] constexpr double adoption_probability(double p, double q, double x) noexcept {
  return std::min(1.0, p + q * x);
}

/// Decides adoption from one uniform draw u in (0, 1]: adopts when u <= probability,
/// so probability 0 never adopts and probability 1 always does.
[[nodiscard]] constexpr bool adopts(double probability, double u) noexcept {
  return u <= probability;
}

}  // namespace aiplus::agents
