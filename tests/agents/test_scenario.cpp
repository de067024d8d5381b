// The registry of model kinds: every kind's keys are in the schema, marked as its
// own; a config's outputs are known without building its model.
#include <string>

#include "agents/scenario.hpp"
#include "test.h"

using namespace aiplus;

namespace {
const std::string kConfigs = AIPLUS_SOURCE_DIR "/configs/";
}  // namespace

TEST_CASE("every model kind is a choice of simulation.model and owns its keys") {
  const auto& schema = agents::schema();
  const auto* model = schema.find(agents::kModelKey);
  REQUIRE(model != nullptr);
  CHECK(model->choices == agents::model_names());
  for (const auto& kind : agents::model_kinds()) {
    CAPTURE(kind.name);
    core::Schema own;
    kind.add_keys(own);
    CHECK(!own.all().empty());
    for (const auto& spec : own.all()) {
      CAPTURE(spec.key);
      CHECK(schema.find(spec.key) != nullptr);
      CHECK(schema.find(spec.key)->belongs_to(kind.name));
    }
  }
  CHECK_FALSE(schema.find("adoption.q")->belongs_to("firms"));
  CHECK(schema.find("network.partners")->belongs_to("firms"));
  CHECK(schema.find("network.partners")->belongs_to("bass"));
  CHECK(schema.find("simulation.start")->models.empty());  // every model's
}

TEST_CASE("a config's outputs are known without building its model, for both models") {
  for (const char* scenario : {"ai_plus.toml", "bass.toml"}) {
    CAPTURE(scenario);
    auto config = core::Config::load(agents::schema(), kConfigs + scenario);
    config.set("simulation.firms=5000");
    const auto told = agents::outputs(config), built = agents::make_model(config)->outputs();
    REQUIRE(told.size() == built.size());
    for (std::size_t g = 0; g < told.size(); ++g) {
      CHECK(told[g].name == built[g].name);
      CHECK(told[g].width() == built[g].width());
      REQUIRE(told[g].series.size() == built[g].series.size());
      for (std::size_t s = 0; s < told[g].series.size(); ++s)
        CHECK(told[g].series[s].name == built[g].series[s].name);
    }
  }
}

TEST_CASE("every behavioural and lever number declares a plausible range around its default") {
  std::size_t declared = 0;
  for (const auto& spec : agents::schema().all()) {
    if (spec.kind != core::Kind::Real && spec.kind != core::Kind::Schedule) continue;
    const auto section = spec.key.substr(0, spec.key.find('.'));
    if (section == "simulation" || section == "population" || section == "sampling" ||
        section == "output")
      continue;  // what is run and the structure of the population, not behaviour
    CAPTURE(spec.key);
    REQUIRE(spec.has_plausible());
    CHECK(spec.plausible_min >= spec.min);
    CHECK(spec.plausible_max <= spec.max);
    CHECK_FALSE(spec.plausible_source.empty());
    const double fallback = spec.kind == core::Kind::Real
                                ? std::get<double>(spec.fallback)
                                : std::get<core::Schedule>(spec.fallback).points[0].second;
    CHECK(fallback >= spec.plausible_min);
    CHECK(fallback <= spec.plausible_max);
    ++declared;
  }
  CHECK(declared > 70);
}
