// Every random draw in the model names its purpose, so that adding a draw for one
// behaviour never shifts the numbers another behaviour sees.
#pragma once

#include <cstdint>

namespace aiplus::agents {

/// The purpose word of a random stream key (seed, firm, step, purpose).
enum Purpose : std::uint32_t {
  kPurposeNetwork = 1,       ///< choosing partners (step word 0)
  kPurposeInitialStage = 2,  ///< who has adopted at the start
  kPurposeConsider = 3,      ///< the monthly Bass consideration draw
  kPurposePopulation = 4,    ///< a firm's attributes at synthesis
  kPurposeDecide = 5,  ///< a firm's monthly decisions (four words: consider, step, credit, mandate)
  kPurposeSubsidy = 6,  ///< a firm's monthly voucher lottery and eligibility
};

}  // namespace aiplus::agents
