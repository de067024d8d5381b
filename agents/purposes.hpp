// Every random draw in the model names its purpose, so that adding a draw for one
// behaviour never shifts the numbers another behaviour sees.
#pragma once

#include <cstdint>

namespace aiplus::agents {

/// The purpose word of a random stream key (seed, firm, step, purpose).
enum Purpose : std::uint32_t {
  kPurposeNetwork = 1,       ///< choosing partners (step word 0)
  kPurposeInitialStage = 2,  ///< who has adopted at the start
  kPurposeConsider = 3,      ///< the monthly consideration draw (one word a firm, four to a block)
  kPurposePopulation = 4,    ///< a firm's attributes at synthesis
  kPurposeDecide = 5,        ///< a firm's rarer monthly decisions (word 2: credit, word 3: mandate)
  kPurposeSubsidy =
      6,  ///< a firm's monthly voucher lottery and evaluation (one word, four to a block)
  kPurposeStep = 7,  ///< whether a firm takes its next stage (one word, four to a block)
};

}  // namespace aiplus::agents
