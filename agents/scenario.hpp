// A scenario: a config resolved against the schema of every model kind, and the
// model it describes. Each model kind brings its own keys, outputs, memory need and
// checks (models.cpp holds the registry); the command line and the tests go
// through here, never around it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agents/settings.hpp"
#include "core/config/config.hpp"
#include "core/engine/simulation.hpp"

namespace aiplus::agents {

/// The firm-level columns a model writes to /panel: static attributes, along
/// (firm), and state, along (time, firm).
struct PanelInfo {
  std::vector<core::SeriesInfo> attributes, state;
};

/// A kind of model the engine can run.
struct ModelKind {
  std::string name;     ///< the value of simulation.model
  std::string summary;  ///< one line for `aiplus params` and `aiplus outputs`
  /// Adds the keys of this model (only) to a schema, marked as its own.
  std::function<void(core::Schema&)> add_keys;
  /// The groups of series a run of this config reports, without building the model.
  std::function<std::vector<core::GroupInfo>(const core::Config&)> outputs;
  /// Checks what no single key shows; throws core::ConfigError.
  std::function<void(const core::Config&)> check;
  /// Builds the model of a checked config.
  std::function<std::unique_ptr<core::Model>(const core::Config&)> make;
  /// Peak memory a run of this config needs, in bytes (a slight over-estimate).
  std::function<double(const core::Config&)> bytes;
  /// The panel columns; empty for a model that writes no firm-level snapshots.
  std::function<PanelInfo()> panel;
};

/// Every model kind, in the order `aiplus params` lists them (the first is the default).
[[nodiscard]] const std::vector<ModelKind>& model_kinds();
/// Their names.
[[nodiscard]] std::vector<std::string> model_names();
/// The kind named `name`; throws std::out_of_range for an unknown name.
[[nodiscard]] const ModelKind& model_kind(std::string_view name);

/// Every config key of every model, with the models each belongs to.
[[nodiscard]] const core::Schema& schema();

/// Builds the model a config describes; throws core::ConfigError for inconsistent values.
[[nodiscard]] std::unique_ptr<core::Model> make_model(const core::Config& config);

/// The groups of series the model of a config reports, without building it.
[[nodiscard]] std::vector<core::GroupInfo> outputs(const core::Config& config);

/// Peak memory a run of this config needs, in bytes (a slight over-estimate).
[[nodiscard]] double estimated_bytes(const core::Config& config);

/// Checks a config as make_model would, without building anything: no key of
/// another model, panels and schedules inside the calendar, the model's own checks.
void check(const core::Config& config);

}  // namespace aiplus::agents
