// Every lever acts: moved from the scenario's value to another valid value, each
// lever key changes at least one output series of a short run. A lever that is
// read but never applied fails here. The keys come from the lever rows themselves,
// so a new lever is tested without touching this file.
#include <cstring>
#include <map>
#include <string>

#include "agents/levers.hpp"
#include "agents/scenario.hpp"
#include "run_scenario.hpp"
#include "test.h"

using namespace aiplus;

namespace {

const std::string kAiPlus = AIPLUS_SOURCE_DIR "/configs/ai_plus.toml";

// Keys that act only under another key's value: that value is set in both runs.
const std::map<std::string, std::string> kContext = {
    {"industry.priority_sectors", "industry.targeting=\"priority_sectors\""},
};

std::vector<core::Frame> run(std::initializer_list<std::string> overrides) {
  auto config = core::Config::load(agents::schema(), kAiPlus);
  config.set("simulation.firms=4000");
  config.set("simulation.steps=48");
  for (const auto& o : overrides)
    if (!o.empty()) config.set(o);
  return testing::run_config(config).frames();
}

bool same(const std::vector<core::Frame>& a, const std::vector<core::Frame>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t t = 0; t < a.size(); ++t)
    for (std::size_t g = 0; g < a[t].size(); ++g)
      if (std::memcmp(a[t][g].data(), b[t][g].data(), a[t][g].size() * sizeof(double)) != 0)
        return false;
  return true;
}

// Another valid value than the scenario's, as override text.
std::string moved(const core::ParamSpec& spec, const core::Config& base) {
  switch (spec.kind) {
    case core::Kind::Schedule: {
      const auto& now = base.schedule(spec.key);
      const double mid = spec.min + 0.5 * (spec.max - spec.min);
      const double value = now.is_constant() && now.points[0].second == mid ? spec.max : mid;
      return spec.key + "=" + core::to_string(core::Value{value});
    }
    case core::Kind::Choice:
      for (const auto& c : spec.choices)
        if (c != base.text(spec.key)) return spec.key + "=\"" + c + "\"";
      break;
    case core::Kind::WordList:
      for (const auto& c : spec.choices)
        if (base.words(spec.key) != std::vector<std::string>{c})
          return spec.key + "=[\"" + c + "\"]";
      break;
    default:
      break;
  }
  FAIL("no other value for ", spec.key);
  return "";
}

}  // namespace

TEST_CASE("every lever key changes at least one output series of a short run") {
  const auto base = core::Config::load(agents::schema(), kAiPlus);
  const auto& rows = agents::lever_bindings().rows();
  REQUIRE(rows.size() >= agents::kLevers);
  for (const auto& row : rows) {
    const auto& spec = row.spec;
    CAPTURE(spec.key);
    const auto context = kContext.count(spec.key) ? kContext.at(spec.key) : std::string();
    const auto change = moved(spec, base);
    CAPTURE(change);
    CHECK_FALSE(same(run({context}), run({context, change})));
  }
}
