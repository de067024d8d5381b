// `aiplus validate` and `aiplus params`: commands that read configs but run nothing.
#include <cmath>
#include <iostream>

#include "agents/scenario.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"

namespace aiplus::cli {

int validate_command(const ScenarioOptions& options) {
  const core::Config config = resolve(options);
  std::cout << (options.config_path.empty() ? "defaults" : options.config_path) << ": valid ("
            << config.text("simulation.model") << " model, " << config.integer("simulation.firms")
            << " firms, " << config.integer("simulation.steps") << " steps)\n";
  return 0;
}

int params_command() {
  std::string section;
  for (const auto& spec : agents::schema().all()) {
    if (spec.section != section) {
      section = spec.section;
      std::cout << "\n[" << section << "]\n";
    }
    std::cout << "  " << spec.key << " = " << core::to_string(spec.fallback) << "\n";
    std::cout << "      unit: " << spec.unit;
    if (spec.kind == core::Kind::Choice) {
      std::cout << "; one of:";
      for (const auto& c : spec.choices) std::cout << " \"" << c << "\"";
    } else if (!std::isinf(spec.min) || !std::isinf(spec.max)) {
      std::cout << "; range: [" << core::to_string(core::Value{spec.min}) << ", "
                << core::to_string(core::Value{spec.max}) << "]";
    }
    std::cout << "\n      " << spec.meaning << "\n";
  }
  return 0;
}

}  // namespace aiplus::cli
