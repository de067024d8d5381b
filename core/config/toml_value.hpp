// Inside the config layer: one TOML value read as the typed Value of its key (with
// its type and range checked) and written back, and how each problem is worded.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "core/config/config.hpp"

namespace aiplus::core {

/// Shortest text that reads back as the same double.
[[nodiscard]] std::string format_number(double x);

/// What a value of this key must look like, for "expected ..." in messages.
[[nodiscard]] std::string expectation(const ParamSpec& spec);

/// Where a region of `source` begins.
[[nodiscard]] SourcePos position(const std::string& source, const toml::source_region& region);

/// The node as the spec's kind of value; throws ConfigError located at the offending node.
[[nodiscard]] Value convert(const ParamSpec& spec, const toml::node& node,
                            const std::string& source);

/// Writes the value into `table` under `name`, as the resolved configuration shows it.
void insert(toml::table& table, std::string_view name, const Value& value);

/// "unknown key ..." with the nearest known key, if one is close.
[[nodiscard]] std::string unknown_key_message(const Schema& schema, const std::string& key);

}  // namespace aiplus::core
