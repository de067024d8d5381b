// The firm model's entry in the registry of model kinds: its keys, outputs,
// checks, memory need and construction.
#pragma once

#include "agents/scenario.hpp"

namespace aiplus::agents {

/// The firm model as a model kind.
[[nodiscard]] ModelKind firm_model_kind();

}  // namespace aiplus::agents
