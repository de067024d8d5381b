// Reading the TOML input files of experiments and calibrations: the file's text and
// parsed root, where each value was written, values written back as text for
// Config::set_from_toml, and paths relative to the file that names them. Every
// failure is a ConfigError located in the file.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace aiplus::core {

/// A TOML file as read: its path, its text as written, and its parsed root.
struct TomlFile {
  std::string path;
  std::string text;
  toml::table root;
};

/// Reads and parses a TOML file; `what` names it in messages (e.g. "experiment file").
/// Throws ConfigError when it cannot be read or has a syntax error.
[[nodiscard]] TomlFile read_toml_file(const std::string& path, const std::string& what);

/// Where a value was written.
[[nodiscard]] SourcePos at(const std::string& source, const toml::node& node);

/// Where a key was written.
[[nodiscard]] SourcePos at(const std::string& source, const toml::key& key);

/// A TOML value written back as text (strings quoted), for Config::set_from_toml.
[[nodiscard]] std::string text_of(const toml::node& node);

/// The config overrides of a table of keys and values, in the table's order.
[[nodiscard]] std::vector<Override> overrides(const toml::table& table, const std::string& source);

/// A path written in `file`: relative to that file's folder unless absolute.
[[nodiscard]] std::string relative_to(const std::string& file, const std::string& path);

}  // namespace aiplus::core
