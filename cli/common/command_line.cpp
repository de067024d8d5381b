#include "cli/common/command_line.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <limits>
#include <string_view>

#include "agents/scenario.hpp"
#include "cli/common/commands.hpp"
#include "core/config/input.hpp"

namespace aiplus::cli {
namespace {

using core::excerpt;

std::string range_text(std::int64_t min, std::int64_t max) {
  if (max == std::numeric_limits<std::int64_t>::max())
    return "a whole number >= " + std::to_string(min);
  return "a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
}

template <class Kind>
bool is(const CLI::ParseError& error) {
  return dynamic_cast<const Kind*>(&error) != nullptr;
}

// The command named on the command line, or nullptr.
const CLI::App* command_of(const CLI::App& app, int argc, const char* const* argv) {
  const auto commands = app.get_subcommands([](const CLI::App*) { return true; });
  for (int k = 1; k < argc; ++k) {
    for (const auto* command : commands)
      if (command->get_name() == argv[k]) return command;
  }
  return nullptr;
}

std::string command_names(const CLI::App& app) {
  std::string names;
  for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names += (names.empty() ? "" : ", ") + command->get_name();
  return names;
}

// "one of --set, --seed, ... (aiplus run --help)"
std::string option_names(const CLI::App& command) {
  std::string names;
  for (const auto* option : command.get_options()) {
    if (!option->nonpositional()) continue;
    const auto& longs = option->get_lnames();
    const std::string name =
        longs.empty() ? "-" + option->get_snames().front() : "--" + longs.front();
    names += (names.empty() ? "" : ", ") + name;
  }
  return "one of " + names + " (aiplus " + command.get_name() + " --help)";
}

bool ends_with(const std::string& text, std::string_view tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The first word of a CLI11 message: the option or argument it is about.
std::string subject(const std::string& what) {
  return what.substr(0, std::min(what.find(':'), what.find(' ')));
}

// The error's message in the documented form (without the "aiplus: " prefix).
std::string describe(const CLI::App& app, const CLI::ParseError& error, int argc,
                     const char* const* argv) {
  const std::string what = error.what(), name = subject(what);
  const CLI::App* command = command_of(app, argc, argv);
  const std::string usage = command ? "aiplus " + command->get_name() + " --help" : "aiplus --help";
  if (is<CLI::ValidationError>(error)) return excerpt(what, 300);  // "NAME: problem; expected ..."
  if (is<CLI::ExtrasError>(error)) {
    // "The following arguments were not expected: ARGS", the last given first.
    std::string first =
        what.substr(what.rfind(": ") == std::string::npos ? 0 : what.rfind(": ") + 2);
    if (const auto space = first.find_last_of(' '); space != std::string::npos)
      first = first.substr(space + 1);
    if (!command && !first.empty() && first[0] != '-')
      return excerpt(first) + ": unknown command; expected one of " + command_names(app);
    if (!first.empty() && first[0] == '-' && first != "-") {
      return excerpt(first) + ": unknown option; expected " +
             (command ? option_names(*command) : "a command: " + command_names(app));
    }
    return excerpt(first) + ": unexpected argument; expected the arguments `" + usage + "` lists";
  }
  if (is<CLI::RequiredError>(error)) {
    if (what.rfind("A subcommand", 0) == 0) {
      for (int k = 1; k < argc; ++k) {  // a word that names no command
        const std::string word = argv[k];
        if (!word.empty() && word[0] != '-')
          return excerpt(word) + ": unknown command; expected one of " + command_names(app);
        if (word.size() > 1 && word[0] == '-')
          return excerpt(word) + ": unknown option; expected a command: " + command_names(app);
      }
      return "command: missing; expected one of " + command_names(app) + " (aiplus --help)";
    }
    if (what == name + " is required")
      return name + ": missing; expected the " + name + " file (" + usage + ")";
  }
  if (is<CLI::ArgumentMismatch>(error)) {
    // "NAME: 1 required TYPE missing", "NAME: At Most 1 required ...", "NAME was given a ..."
    if (const auto at = what.find(" required ");
        at != std::string::npos && ends_with(what, " missing")) {
      std::string type = what.substr(at + 10, what.size() - at - 10 - 8);
      if (const auto colon = type.find(':'); colon != std::string::npos) type.resize(colon);
      return name + ": a value is missing; expected " + name + " " + type;
    }
    if (what.rfind(name + ": At Most", 0) == 0)
      return name + ": given more than once; expected it once";
    if (ends_with(what, " was given a disallowed flag override"))
      return name + ": takes no value; expected " + name + " alone";
  }
  if (is<CLI::ExcludesError>(error)) {  // "NAME excludes OTHER"
    if (const auto at = what.find(" excludes "); at != std::string::npos)
      return name + ": cannot be used with " + what.substr(at + 10) + "; expected one of them";
  }
  if (is<CLI::ConversionError>(error)) {
    const auto dash = what.find(" -");
    const std::string option = dash == std::string::npos ? name : subject(what.substr(dash + 1));
    return excerpt(option) + ": cannot read the value; expected what `" + usage + "` shows";
  }
  return excerpt(what, 200) + "; expected the usage `" + usage + "` shows";
}

}  // namespace

CLI::Validator whole_number(std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        const bool digits = !text.empty() && stop == end;
        if (error == std::errc::result_out_of_range && digits) {
          return excerpt(text) + " is too " + (text[0] == '-' ? "small" : "large") + "; expected " +
                 range_text(min, max);
        }
        if (error != std::errc() || !digits)
          return "'" + excerpt(text) + "' is not a whole number; expected " + range_text(min, max);
        if (value < min) return text + " is not allowed; expected " + range_text(min, max);
        if (value > max) return text + " is too large; expected " + range_text(min, max);
        return "";
      },
      "", "whole number");
}

CLI::Validator whole_number_for(const char* key) {
  const auto* spec = agents::schema().find(key);
  const auto bound = [](double x, std::int64_t fallback) {
    return std::isfinite(x) ? static_cast<std::int64_t>(x) : fallback;
  };
  return whole_number(bound(spec->min, std::numeric_limits<std::int64_t>::min()),
                      bound(spec->max, std::numeric_limits<std::int64_t>::max()));
}

CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "an empty path; expected a file path" : "";
      },
      "", "path");
}

int report_usage_error(const CLI::App& app, const CLI::ParseError& error, int argc,
                       const char* const* argv) {
  std::cerr << "aiplus: " << describe(app, error, argc, argv) << "\n";
  return kBadInput;
}

void add_scenario_flags(CLI::App& command, ScenarioOptions& options, bool config_required) {
  auto* config = command.add_option("config", options.config_path,
                                    "scenario file (TOML), e.g. configs/ai_plus.toml; without one, "
                                    "the built-in defaults (the baseline: every lever off)");
  if (config_required) config->required();
  command
      .add_option("--set", options.overrides,
                  "override any config key by its dotted path, e.g. --set consideration.q=0.08 "
                  "(repeatable; `aiplus params --model firms` lists the keys)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  command.add_option("--seed", options.seed, "random seed (overrides simulation.seed); default 1")
      ->type_name("N")
      ->check(whole_number_for(agents::kSeedKey));
  command
      .add_option("--firms", options.firms,
                  "number of simulated firms (overrides simulation.firms); default 1000000")
      ->type_name("N")
      ->check(whole_number_for(agents::kFirmsKey));
  command
      .add_option("--steps", options.steps,
                  "number of monthly steps from the start month (overrides simulation.steps); "
                  "default 132")
      ->type_name("N")
      ->check(whole_number_for(agents::kStepsKey));
}

void add_resumable_flags(CLI::App& command, bool& force, bool& resume, int& threads, bool& quiet,
                         const std::string& kept) {
  auto* replace = command.add_flag("--force", force, "replace the output file if it exists");
  command.add_flag("--resume", resume, "go on with an interrupted " + kept + ", run the rest")
      ->excludes(replace);
  command
      .add_option("--threads", threads,
                  "worker threads of this process (default: all cores); small runs share them, "
                  "several at once; never changes results")
      ->type_name("N")
      ->check(whole_number(1, 4096));
  command.add_flag("-q,--quiet", quiet, "no progress messages");
}

}  // namespace aiplus::cli
