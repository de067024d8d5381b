// What a run's file records about it, from its config and its model: the same for
// `aiplus run` and for a run from Python.
#pragma once

#include "core/config/config.hpp"
#include "core/engine/simulation.hpp"
#include "core/engine/sink.hpp"

namespace aiplus::cli {

/// The run's provenance and calendar: seed, resolved config, version, start month,
/// time coordinate, panel rows, agents, firm order and the threads it runs on.
[[nodiscard]] core::RunInfo describe_run(const core::Config& config, const core::Model& model,
                                         int threads);

}  // namespace aiplus::cli
