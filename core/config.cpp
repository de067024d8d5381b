#include "core/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace aiplus::core {
namespace {

// Shortest text that reads back as the same double.
std::string format_number(double x) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, end);
}

std::string expectation(const ParamSpec& spec) {
  auto range = [&] {
    if (std::isinf(spec.min) && std::isinf(spec.max)) return std::string{};
    if (std::isinf(spec.max)) return " >= " + format_number(spec.min);
    if (std::isinf(spec.min)) return " <= " + format_number(spec.max);
    return " in [" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
  };
  switch (spec.kind) {
    case Kind::Boolean: return "true or false";
    case Kind::Integer: return "a whole number" + range();
    case Kind::Real: return "a number" + range();
    case Kind::Text: return "a quoted string";
    case Kind::Choice: {
      std::string words;
      for (const auto& c : spec.choices) words += (words.empty() ? "\"" : ", \"") + c + "\"";
      return "one of " + words;
    }
  }
  return "";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

SourcePos position(const std::string& source, const toml::source_region& region) {
  return {source, region.begin.line, region.begin.column};
}

std::string unknown_key_message(const Schema& schema, const std::string& key) {
  std::string message = "unknown key '" + key + "'";
  if (auto near = schema.nearest(key); !near.empty()) {
    return message + "; did you mean '" + near + "'?";
  }
  return message + "; `aiplus params` lists every key";
}

// Converts a TOML leaf to a Value; nullopt for arrays and other non-scalars.
std::optional<Value> scalar(const toml::node& node) {
  if (auto v = node.value_exact<bool>()) return Value{*v};
  if (auto v = node.value_exact<std::int64_t>()) return Value{*v};
  if (auto v = node.value_exact<double>()) return Value{*v};
  if (auto v = node.value_exact<std::string>()) return Value{*v};
  return std::nullopt;
}

std::string describe(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) return "a boolean";
        if constexpr (std::is_same_v<T, std::int64_t>) return "the whole number " + std::to_string(v);
        if constexpr (std::is_same_v<T, double>) return "the number " + format_number(v);
        if constexpr (std::is_same_v<T, std::string>) return "the string \"" + v + "\"";
      },
      value);
}

// Type-checks and range-checks value against spec; returns the stored form or a message.
std::variant<Value, std::string> check(const ParamSpec& spec, Value value) {
  const auto wrong = [&] {
    return spec.key + ": found " + describe(value) + "; expected " + expectation(spec);
  };
  double number = 0;
  switch (spec.kind) {
    case Kind::Boolean:
      if (!std::holds_alternative<bool>(value)) return wrong();
      return value;
    case Kind::Text:
      if (!std::holds_alternative<std::string>(value)) return wrong();
      return value;
    case Kind::Choice: {
      const auto* word = std::get_if<std::string>(&value);
      if (!word || std::find(spec.choices.begin(), spec.choices.end(), *word) == spec.choices.end())
        return wrong();
      return value;
    }
    case Kind::Integer:
      if (!std::holds_alternative<std::int64_t>(value)) return wrong();
      number = static_cast<double>(std::get<std::int64_t>(value));
      break;
    case Kind::Real:
      if (auto* i = std::get_if<std::int64_t>(&value)) value = static_cast<double>(*i);
      if (!std::holds_alternative<double>(value)) return wrong();
      number = std::get<double>(value);
      if (!std::isfinite(number)) return wrong();
      break;
  }
  if (number < spec.min || number > spec.max) {
    return spec.key + " = " + format_number(number) + " is out of range; expected " +
           expectation(spec);
  }
  return value;
}

void walk(const Schema& schema, const toml::table& table, const std::string& prefix,
          const std::string& source, Config& config, std::vector<Diagnostic>& problems) {
  for (auto&& [name, node] : table) {
    const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    const ParamSpec* spec = schema.find(key);
    if (const auto* sub = node.as_table()) {
      if (schema.is_table(key)) {
        walk(schema, *sub, key, source, config, problems);
      } else if (spec) {
        problems.push_back({position(source, name.source()),
                            key + ": found a table; expected " + expectation(*spec)});
      } else {
        problems.push_back({position(source, name.source()), unknown_key_message(schema, key)});
      }
      continue;
    }
    if (!spec) {
      const std::string message = schema.is_table(key)
                                      ? key + ": found a value; expected a table [" + key + "]"
                                      : unknown_key_message(schema, key);
      problems.push_back({position(source, name.source()), message});
      continue;
    }
    auto value = scalar(node);
    if (!value) {
      problems.push_back({position(source, node.source()),
                          key + ": found an array or date; expected " + expectation(*spec)});
      continue;
    }
    try {
      config.set(key, std::move(*value), position(source, node.source()));
    } catch (const ConfigError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
}

}  // namespace

std::string Diagnostic::str() const {
  return where.source + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
         ": " + message;
}

static std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += (text.empty() ? "" : "\n") + d.str();
  return text;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ConfigError::ConfigError(SourcePos where, std::string message)
    : ConfigError(std::vector<Diagnostic>(1, Diagnostic{std::move(where), std::move(message)})) {}

void Schema::add(ParamSpec spec) {
  if (index_.count(spec.key)) throw std::logic_error("duplicate config key " + spec.key);
  if (auto checked = check(spec, spec.fallback); std::holds_alternative<std::string>(checked)) {
    throw std::logic_error("default of " + std::get<std::string>(checked));
  } else {
    spec.fallback = std::get<Value>(checked);
  }
  index_.emplace(spec.key, specs_.size());
  specs_.push_back(std::move(spec));
}

const ParamSpec* Schema::find(std::string_view key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

bool Schema::is_table(std::string_view key) const {
  const std::string prefix = std::string(key) + ".";
  auto it = index_.lower_bound(prefix);
  return it != index_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::string Schema::nearest(std::string_view key) const {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 4) + 1;
  for (const auto& spec : specs_) {
    const std::size_t d = edit_distance(key, spec.key);
    if (d < best_distance) best_distance = d, best = spec.key;
  }
  return best;
}

Config::Config(const Schema& schema) : schema_(&schema) {
  for (const auto& spec : schema.all()) values_.emplace(spec.key, Entry{spec.fallback, {}});
}

Config Config::load(const Schema& schema, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(SourcePos{path, 1, 1}, "cannot open the config file; expected a readable TOML file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(schema, text.str(), path);
}

Config Config::parse(const Schema& schema, std::string_view text, const std::string& source) {
  Config config(schema);
  toml::table table;
  try {
    table = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw ConfigError(position(source, e.source()), "syntax error: " + std::string(e.description()));
  }
  std::vector<Diagnostic> problems;
  walk(schema, table, "", source, config, problems);
  if (!problems.empty()) throw ConfigError(std::move(problems));
  return config;
}

void Config::set(std::string_view key, Value value, const SourcePos& where) {
  const ParamSpec* spec = schema_->find(key);
  if (!spec) throw ConfigError(where, unknown_key_message(*schema_, std::string(key)));
  auto checked = check(*spec, std::move(value));
  if (auto* message = std::get_if<std::string>(&checked)) throw ConfigError(where, *message);
  values_.find(key)->second = Entry{std::get<Value>(std::move(checked)), where};
}

void Config::set(std::string_view assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw ConfigError(SourcePos{"--set", 1, 1},
                      "'" + std::string(assignment) + "' is not an override; expected KEY=VALUE");
  }
  const std::string key(assignment.substr(0, equals));
  const std::string raw(assignment.substr(equals + 1));
  const SourcePos at{"--set", 1, static_cast<std::uint32_t>(equals + 2)};
  const ParamSpec* spec = schema_->find(key);
  if (!spec) throw ConfigError(SourcePos{"--set", 1, 1}, unknown_key_message(*schema_, key));
  std::optional<Value> value;
  try {
    const auto parsed = toml::parse("v = " + raw);
    value = scalar(*parsed.get("v"));
  } catch (const toml::parse_error&) {
  }
  const bool wants_word = spec->kind == Kind::Choice || spec->kind == Kind::Text;
  if (!value && wants_word) value = Value{raw};
  if (!value) throw ConfigError(at, key + ": cannot read '" + raw + "'; expected " + expectation(*spec));
  set(key, std::move(*value), at);
}

const Config::Entry& Config::entry(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw std::logic_error("no config key " + std::string(key));
  return it->second;
}

double Config::real(std::string_view key) const { return std::get<double>(entry(key).value); }
std::int64_t Config::integer(std::string_view key) const {
  return std::get<std::int64_t>(entry(key).value);
}
bool Config::boolean(std::string_view key) const { return std::get<bool>(entry(key).value); }
const std::string& Config::text(std::string_view key) const {
  return std::get<std::string>(entry(key).value);
}
const SourcePos& Config::where(std::string_view key) const { return entry(key).where; }

std::string Config::to_toml() const {
  toml::table root;
  for (const auto& spec : schema_->all()) {
    toml::table* table = &root;
    std::string_view rest = spec.key;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
      auto [it, inserted] = table->emplace<toml::table>(rest.substr(0, dot));
      table = it->second.as_table();
      rest.remove_prefix(dot + 1);
    }
    std::visit([&](const auto& v) { table->insert_or_assign(rest, v); }, entry(spec.key).value);
  }
  std::ostringstream out;
  out << root << "\n";
  return out.str();
}

std::string to_string(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        if constexpr (std::is_same_v<T, double>) return format_number(v);
        if constexpr (std::is_same_v<T, std::string>) return "\"" + v + "\"";
      },
      value);
}

}  // namespace aiplus::core
