#include "core/config/toml_input.hpp"

#include <sstream>

#include "core/config/input.hpp"

namespace aiplus::core {

TomlFile read_toml_file(const std::string& path, const std::string& what) {
  // A regular file of bounded size and shape, before the parser sees it.
  TomlFile file{path, read_input_file(path, {path, 1, 1}, what.c_str()), {}};
  check_toml_limits(file.text, {path, 1, 1});
  try {
    file.root = toml::parse(file.text, path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(SourcePos{path, e.source().begin.line, e.source().begin.column},
                      "syntax error: " + excerpt(e.description(), 160));
  }
  return file;
}

SourcePos at(const std::string& source, const toml::node& node) {
  return {source, node.source().begin.line, node.source().begin.column};
}

SourcePos at(const std::string& source, const toml::key& key) {
  return {source, key.source().begin.line, key.source().begin.column};
}

std::string text_of(const toml::node& node) {
  std::ostringstream out;
  if (const auto* s = node.as_string()) {
    out << '"' << s->get() << '"';  // a bare word would also be taken as text, but be explicit
  } else {
    node.visit([&](const auto& v) { out << v; });
  }
  return out.str();
}

std::vector<Override> overrides(const toml::table& table, const std::string& source) {
  std::vector<Override> out;
  for (auto&& [key, value] : table)
    out.push_back({std::string(key.str()), text_of(value), at(source, value)});
  return out;
}

std::string relative_to(const std::string& file, const std::string& path) {
  const auto slash = file.find_last_of('/');
  if (path.empty() || path.front() == '/' || slash == std::string::npos) return path;
  return file.substr(0, slash + 1) + path;
}

}  // namespace aiplus::core
