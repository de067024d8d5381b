#include "core/config/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "core/config/input.hpp"
#include "core/config/toml_value.hpp"

namespace aiplus::core {
namespace {

void walk(const Schema& schema, const toml::table& table, const std::string& prefix,
          const std::string& source, Config& config, std::vector<Diagnostic>& problems) {
  for (auto&& [name, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    try {
      if (const ParamSpec* spec = schema.find(key)) {
        config.set(key, convert(*spec, node, source), position(source, node.source()));
      } else if (const auto* sub = node.as_table(); sub && schema.is_table(key)) {
        walk(schema, *sub, key, source, config, problems);
      } else if (schema.is_table(key)) {
        problems.push_back({position(source, name.source()),
                            key + ": found a value; expected a table [" + key + "]"});
      } else {
        // Past the listed problems, the closest key is not worth looking for.
        problems.push_back({position(source, name.source()), problems.size() < kMaxDiagnostics
                                                                 ? unknown_key_message(schema, key)
                                                                 : "unknown key"});
      }
    } catch (const ConfigError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
}

}  // namespace

Config::Config(const Schema& schema) : schema_(&schema) {
  for (const auto& spec : schema.all()) values_.emplace(spec.key, Entry{spec.fallback, {}});
}

namespace {

// Longest chain of files extending one another.
constexpr std::size_t kMaxExtends = 64;

// Reads a file's text, or throws a located error.
std::string read_text(const std::string& path, const SourcePos& asked_from) {
  return read_input_file(path, asked_from, "config file");
}

// The file's identity for finding cycles of `extends`: its canonical path.
std::string identity(const std::string& path) {
  std::error_code error;
  const auto canonical = std::filesystem::canonical(path, error);
  return error ? path : canonical.string();
}

toml::table parse_table(std::string_view text, const std::string& source) {
  check_toml_limits(text, {source, 1, 1});
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw ConfigError(position(source, e.source()),
                      "syntax error: " + excerpt(e.description(), 160));
  }
}

}  // namespace

void Config::apply(std::string_view text, const std::string& source,
                   std::vector<std::string>& chain) {
  toml::table table = parse_table(text, source);
  // `extends = "other.toml"` applies another scenario first (path relative to this file).
  if (const toml::node* base = table.get(kExtendsKey)) {
    const auto name = base->value<std::string>();
    const SourcePos at = position(source, base->source());
    if (!name)
      throw ConfigError(at, "extends: expected the path of a scenario file, as a quoted string");
    if (name->empty())
      throw ConfigError(at, "extends: an empty path; expected the path of a scenario file");
    if (chain.size() >= kMaxExtends) {
      throw ConfigError(at, "extends: more than " + std::to_string(kMaxExtends) +
                                " files extend one another; expected a shorter chain");
    }
    const auto slash = source.find_last_of('/');
    const std::string path = (name->front() == '/' || slash == std::string::npos)
                                 ? *name
                                 : source.substr(0, slash + 1) + *name;
    const std::string text_of_base = read_text(path, at);
    const std::string id = identity(path);
    if (std::find(chain.begin(), chain.end(), id) != chain.end()) {
      throw ConfigError(at, "extends: " + excerpt(path, 200) +
                                " extends itself through this file; expected no cycle of extends");
    }
    chain.push_back(id);
    apply(text_of_base, path, chain);
    chain.pop_back();
    table.erase(kExtendsKey);
  }
  std::vector<Diagnostic> problems;
  walk(*schema_, table, "", source, *this, problems);
  if (!problems.empty()) throw ConfigError(std::move(problems));
}

Config Config::load(const Schema& schema, const std::string& path) {
  Config config(schema);
  const std::string text = read_text(path, {path, 1, 1});
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ConfigError(
        SourcePos{path, 1, 1},
        "the file is empty; expected a scenario in TOML, e.g. [simulation] firms = 1000000");
  }
  std::vector<std::string> chain{identity(path)};
  config.apply(text, path, chain);
  return config;
}

Config Config::parse(const Schema& schema, std::string_view text, const std::string& source) {
  Config config(schema);
  std::vector<std::string> chain;
  config.apply(text, source, chain);
  return config;
}

void Config::set(std::string_view key, Value value, const SourcePos& where) {
  const ParamSpec* spec = schema_->find(key);
  if (!spec) throw ConfigError(where, unknown_key_message(*schema_, std::string(key)));
  toml::table holder;
  insert(holder, "v", value);
  Value checked = convert(*spec, *holder.get("v"), where.source);
  values_.find(key)->second = Entry{std::move(checked), where};
}

void Config::set_from_toml(std::string_view key, std::string_view toml_value,
                           const SourcePos& where) {
  const ParamSpec* spec = schema_->find(key);
  if (!spec) throw ConfigError(where, unknown_key_message(*schema_, std::string(key)));
  toml::table parsed;
  check_toml_limits(toml_value, where);
  try {
    parsed = toml::parse("v = " + std::string(toml_value));
  } catch (const toml::parse_error&) {
    // A bare word is taken as text where a word is expected.
    if (spec->kind == Kind::Choice || spec->kind == Kind::Text || spec->kind == Kind::Month) {
      parsed.insert("v", std::string(toml_value));
    } else {
      throw ConfigError(where, spec->key + ": cannot read '" + excerpt(toml_value) +
                                   "'; expected " + expectation(*spec));
    }
  }
  try {
    values_.find(key)->second = Entry{convert(*spec, *parsed.get("v"), where.source), where};
  } catch (const ConfigError& e) {
    // Positions inside the override text are relative to "v = "; report the override's own.
    std::vector<Diagnostic> moved;
    for (auto d : e.diagnostics()) moved.push_back({where, d.message});
    throw ConfigError(std::move(moved));
  }
}

void Config::set(std::string_view assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw ConfigError(SourcePos{"--set", 1, 1},
                      "'" + excerpt(assignment) + "' is not an override; expected KEY=VALUE");
  }
  if (const auto cut = assignment.find_first_of(std::string_view("\n\r\0", 3));
      cut != std::string_view::npos) {
    throw ConfigError(SourcePos{"--set", 1, static_cast<std::uint32_t>(cut + 1)},
                      "'" + excerpt(assignment) +
                          "' holds a line break or NUL; expected one KEY=VALUE on one line per "
                          "--set");
  }
  const std::string key(assignment.substr(0, equals));
  if (!schema_->find(key))
    throw ConfigError(SourcePos{"--set", 1, 1}, unknown_key_message(*schema_, key));
  set_from_toml(key, assignment.substr(equals + 1),
                {"--set", 1, static_cast<std::uint32_t>(equals + 2)});
}

const Config::Entry& Config::entry(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw std::logic_error("no config key " + std::string(key));
  return it->second;
}

double Config::real(std::string_view key) const {
  return std::get<double>(entry(key).value);
}
std::int64_t Config::integer(std::string_view key) const {
  return std::get<std::int64_t>(entry(key).value);
}
bool Config::boolean(std::string_view key) const {
  return std::get<bool>(entry(key).value);
}
const std::string& Config::text(std::string_view key) const {
  return std::get<std::string>(entry(key).value);
}
const std::vector<double>& Config::reals(std::string_view key) const {
  return std::get<std::vector<double>>(entry(key).value);
}
const std::vector<std::string>& Config::words(std::string_view key) const {
  return std::get<std::vector<std::string>>(entry(key).value);
}
const Schedule& Config::schedule(std::string_view key) const {
  return std::get<Schedule>(entry(key).value);
}
const SourcePos& Config::where(std::string_view key) const {
  return entry(key).where;
}
const Value& Config::value(std::string_view key) const {
  return entry(key).value;
}

std::string Config::model() const {
  return schema_->selector().empty() ? std::string() : text(schema_->selector());
}

void Config::check_model() const {
  const std::string runs = model();
  std::vector<Diagnostic> problems;
  for (const auto& spec : schema_->all()) {
    const Entry& e = entry(spec.key);
    if (e.where.source.empty() || spec.belongs_to(runs)) continue;
    std::string owners;
    for (const auto& m : spec.models) owners += (owners.empty() ? "the " : " and ") + m;
    problems.push_back(
        {e.where, spec.key + " belongs to " + owners + " model; this config runs the " + runs +
                      " model (" + schema_->selector() + " = \"" + runs +
                      "\"); expected only keys that `aiplus params --model " + runs + "` lists"});
  }
  if (!problems.empty()) throw ConfigError(std::move(problems));
}

std::string Config::to_toml() const {
  toml::table root;
  const std::string runs = model();
  for (const auto& spec : schema_->all()) {
    if (!spec.belongs_to(runs)) continue;
    toml::table* table = &root;
    std::string_view rest = spec.key;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
      auto [it, inserted] = table->emplace<toml::table>(rest.substr(0, dot));
      table = it->second.as_table();
      rest.remove_prefix(dot + 1);
    }
    insert(*table, rest, entry(spec.key).value);
  }
  std::ostringstream out;
  out << root << "\n";
  return out.str();
}

}  // namespace aiplus::core
