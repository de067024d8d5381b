// Checks of command-line values, and command-line errors in one form:
// `aiplus: --flag: what is wrong; what was expected`, exit code 2.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

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

}  // namespace aiplus::cli
