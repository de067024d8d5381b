// The directive's policy levers (docs/MODEL.md section 7.5), one config section per
// section of the State Council's "AI Plus" directive. Every lever is a dated
// schedule; all default to "off", which is the baseline scenario. A lever is
// declared by its id below and its row in levers.cpp, and used where it acts.
#pragma once

#include <array>
#include <cstdint>

#include "agents/taxonomy.hpp"
#include "core/config/bindings.hpp"
#include "core/engine/schedule.hpp"

namespace aiplus::agents {

/// How the monthly subsidy budget chooses firms (directive section 2).
enum class Targeting : std::uint8_t { None, SoeFirst, LargeFirst, PrioritySectors, SmeVoucher };

/// The scheduled levers, by directive section.
enum LeverId : std::uint8_t {
  kFrontierBoost,        ///< 1 science: added annual growth of frontier capability
  kScienceDatasets,      ///< 1 science: added to the data index
  kPromotion,            ///< 2 industry: added monthly external influence p
  kSubsidyRate,          ///< 2 industry: share of a stage step's cost a voucher covers
  kSubsidyBudget,        ///< 2 industry: bn CNY per month
  kSoeMandate,           ///< 2 industry: monthly probability an SOE is pushed up a stage
  kDigitalSupport,       ///< 2 industry: added annual digitization rate
  kConsumerDemand,       ///< 3 consumption: added demand multiplier, consumer-facing sectors
  kBroadTraining,        ///< 4 human: million engineers per year added to the broad inflow
  kAiEducation,          ///< 4 human: yearly growth of the broad inflow multiplier
  kHealthcarePush,       ///< 4 human: added monthly p for healthcare
  kProcurement,          ///< 5 government: added demand multiplier, public-facing sectors
  kOpenSourceReach,      ///< 6 international: added to the open-source index
  kComputePriceDecline,  ///< 7 foundations: added annual decline of compute prices
  kHubInterconnection,   ///< 7 foundations: 0..1, closes regional compute price gaps
  kDataRights,           ///< 7 foundations: added to the data index
  kAiMajors,             ///< 7 foundations: million elite engineers per year
  kEquityIncentives,     ///< 7 foundations: added hiring speed multiplier, industrial firms
  kOpenSourceCommunity,  ///< 7 foundations: added to the open-source index
  kRegulatoryBurden,     ///< 8 risks: multiplier of compliance cost
  kRegistrationDelay,    ///< 8 risks: months of algorithm registration before a step
  kCapitalEvaluation,    ///< 8 risks: 0..1, share of vouchers kept from unready firms
  kPatientCapital,       ///< 8 risks: 0..1, closes the credit gap of private SMEs
  kInnovationProgramme,  ///< bn CNY/year spread over the innovation levers (Ding's 2x2)
  kDiffusionProgramme,   ///< bn CNY/year spread over the diffusion levers (Ding's 2x2)
  kLevers
};

/// Every lever, typed. Schedules are read by calendar month.
struct Levers {
  std::array<core::Schedule, kLevers> schedule;
  Targeting targeting = Targeting::None;
  std::array<bool, kSectors> priority_sector{};

  /// Every scheduled lever's value in a calendar month.
  [[nodiscard]] std::array<double, kLevers> at(core::MonthIndex month) const {
    std::array<double, kLevers> values{};
    for (std::size_t k = 0; k < kLevers; ++k) values[k] = schedule[k].at(month);
    return values;
  }
};

/// The lever keys (sections science.* to risks.*).
[[nodiscard]] const core::Bindings<Levers>& lever_bindings();

}  // namespace aiplus::agents
