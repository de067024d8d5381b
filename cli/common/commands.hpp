// The subcommands of `aiplus`, one family a folder. Each returns the process exit code:
// 0 success, 1 failure at run time, 2 bad input (config, flags, files).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace aiplus::cli {

/// Exit code for bad input.
inline constexpr int kBadInput = 2;

/// What `run`, `validate` and `bench` read to get a config.
struct ScenarioOptions {
  std::string config_path;             ///< empty: built-in defaults
  std::vector<std::string> overrides;  ///< --set KEY=VALUE, in order
  std::optional<std::int64_t> seed;    ///< --seed
  std::optional<std::int64_t> firms;   ///< --firms
  std::optional<std::int64_t> steps;   ///< --steps
};

/// A subcommand as declared on the command line, and what runs it once the command line
/// is parsed (its options bound to values that live as long as `run`).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Each command family declares its subcommands and their flags in its own folder, and
// appends them to `commands`; info declares validate, params and outputs.
void add_run(CLI::App& aiplus, std::vector<Command>& commands);        // cli/run
void add_info(CLI::App& aiplus, std::vector<Command>& commands);       // cli/info
void add_sweep(CLI::App& aiplus, std::vector<Command>& commands);      // cli/sweep
void add_calibrate(CLI::App& aiplus, std::vector<Command>& commands);  // cli/calibrate
void add_bench(CLI::App& aiplus, std::vector<Command>& commands);      // cli/bench
void add_serve(CLI::App& aiplus, std::vector<Command>& commands);      // cli/serve

}  // namespace aiplus::cli
