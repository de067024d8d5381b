// The command line's shared parsing: the flags several commands take, checks of
// command-line values, and command-line errors in one form:
// `aiplus: --flag: what is wrong; what was expected`, exit code 2.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "cli/common/commands.hpp"

namespace aiplus::cli {

/// A whole number in [min, max], checked on the text before it is converted, so that
/// "abc", "1e3", "0" or a number past the 64-bit range gets a message that quotes it.
[[nodiscard]] CLI::Validator whole_number(std::int64_t min, std::int64_t max);
/// A whole number in the range of a config key of the model's schema.
[[nodiscard]] CLI::Validator whole_number_for(const char* key);
/// A path that is not empty.
[[nodiscard]] CLI::Validator non_empty_path();

/// Prints a parse error of `app` in the form above and returns kBadInput.
int report_usage_error(const CLI::App& app, const CLI::ParseError& error, int argc,
                       const char* const* argv);

/// The flags of every command that reads a scenario: the config file (required or not),
/// --set, --seed, --firms and --steps.
void add_scenario_flags(CLI::App& command, ScenarioOptions& options, bool config_required);

/// The flags of a command whose many runs go to one file that it can go on with: --force,
/// --resume (`kept` says what a resume keeps), --threads and --quiet.
void add_resumable_flags(CLI::App& command, bool& force, bool& resume, int& threads, bool& quiet,
                         const std::string& kept);

}  // namespace aiplus::cli
