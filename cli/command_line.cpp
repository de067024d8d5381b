#include "cli/command_line.hpp"

#include <charconv>
#include <cmath>
#include <iostream>
#include <limits>
#include <regex>

#include "agents/scenario.hpp"
#include "cli/commands.hpp"
#include "core/input.hpp"

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

// The error's message in the documented form (without the "aiplus: " prefix).
std::string describe(const CLI::App& app, const CLI::ParseError& error, int argc,
                     const char* const* argv) {
  const std::string what = error.what();
  const CLI::App* command = command_of(app, argc, argv);
  const std::string usage = command ? "aiplus " + command->get_name() + " --help" : "aiplus --help";
  std::smatch m;
  if (is<CLI::ValidationError>(error)) return excerpt(what, 300);  // "NAME: problem; expected ..."
  if (is<CLI::ExtrasError>(error) && std::regex_search(what, m, std::regex(": (.*)$"))) {
    // CLI11 lists the unexpected arguments last first.
    std::string first = m[1].str();
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
    if (std::regex_search(what, m, std::regex("^(\\S+) is required$")))
      return m[1].str() + ": missing; expected the " + m[1].str() + " file (" + usage + ")";
  }
  if (is<CLI::ArgumentMismatch>(error)) {
    if (std::regex_search(what, m, std::regex("^(\\S+): \\d+ required (\\S+) missing$"))) {
      std::string type = m[2].str();
      if (const auto colon = type.find(':'); colon != std::string::npos) type.resize(colon);
      return m[1].str() + ": a value is missing; expected " + m[1].str() + " " + type;
    }
    if (std::regex_search(what, m, std::regex("^(\\S+): At Most")))
      return m[1].str() + ": given more than once; expected it once";
    if (std::regex_search(what, m, std::regex("^(\\S+) was given a disallowed flag override")))
      return m[1].str() + ": takes no value; expected " + m[1].str() + " alone";
  }
  if (is<CLI::ExcludesError>(error) &&
      std::regex_search(what, m, std::regex("^(\\S+) excludes (\\S+)$"))) {
    return m[1].str() + ": cannot be used with " + m[2].str() + "; expected one of them";
  }
  if (is<CLI::ConversionError>(error) &&
      std::regex_search(what, m, std::regex("(--?[A-Za-z][\\w-]*)")))
    return m[1].str() + ": cannot read the value; expected what `" + usage + "` shows";
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

}  // namespace aiplus::cli
