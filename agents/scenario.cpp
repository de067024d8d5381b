#include "agents/scenario.hpp"

#include <stdexcept>

namespace aiplus::agents {
namespace {

core::Schema build_schema() {
  core::Schema s;
  s.set_selector(kModelKey);
  settings_bindings(model_names()).add_to(s);
  for (const auto& kind : model_kinds()) kind.add_keys(s);
  return s;
}

// No dated point of a schedule lies beyond the span a run may cover (points before
// the start month only set the value the run starts with).
void check_schedule_dates(const core::Config& config) {
  const core::Calendar calendar = settings(config).calendar();
  const core::MonthIndex last = calendar.month(core::Calendar::kMaxSteps - 1);
  for (const auto& spec : config.schema().all()) {
    if (spec.kind != core::Kind::Schedule || !spec.belongs_to(config.model())) continue;
    const auto& schedule = config.schedule(spec.key);
    if (schedule.is_constant()) continue;
    for (const auto& [month, value] : schedule.points) {
      if (month > last) {
        throw core::ConfigError(config.where(spec.key),
                                spec.key + ": " + core::month_text(month) +
                                    " is outside the model's calendar; expected months up to " +
                                    core::month_text(last) + " (" +
                                    std::to_string(core::Calendar::kMaxSteps) +
                                    " months after simulation.start)");
      }
    }
  }
}

}  // namespace

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const auto& kind : model_kinds()) names.push_back(kind.name);
  return names;
}

const ModelKind& model_kind(std::string_view name) {
  for (const auto& kind : model_kinds())
    if (kind.name == name) return kind;
  throw std::out_of_range("no model kind " + std::string(name));
}

const core::Schema& schema() {
  static const core::Schema instance = build_schema();
  return instance;
}

std::unique_ptr<core::Model> make_model(const core::Config& config) {
  check(config);
  return model_kind(config.model()).make(config);
}

std::vector<core::GroupInfo> outputs(const core::Config& config) {
  return model_kind(config.model()).outputs(config);
}

double estimated_bytes(const core::Config& config) {
  return model_kind(config.model()).bytes(config);
}

void check(const core::Config& config) {
  config.check_model();
  (void)panel_rows(config);
  check_schedule_dates(config);
  model_kind(config.model()).check(config);
}

}  // namespace aiplus::agents
