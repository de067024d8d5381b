#include "core/config/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include "core/config/input.hpp"

namespace aiplus::core {
namespace {

// Shortest text that reads back as the same double.
std::string format_number(double x) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, end);
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "\"" : ", \"") + w + "\"";
  return text;
}

std::string range_text(const ParamSpec& spec) {
  if (std::isinf(spec.min) && std::isinf(spec.max)) return "";
  if (std::isinf(spec.max)) return " >= " + format_number(spec.min);
  if (std::isinf(spec.min)) return " <= " + format_number(spec.max);
  return " in [" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
}

std::string expectation(const ParamSpec& spec) {
  const std::string n = std::to_string(spec.labels.size());
  switch (spec.kind) {
    case Kind::Boolean:
      return "true or false";
    case Kind::Integer:
      return "a whole number" + range_text(spec);
    case Kind::Real:
      return "a number" + range_text(spec);
    case Kind::Text:
      return "a quoted string";
    case Kind::Choice:
      return "one of " + quoted_list(spec.choices);
    case Kind::RealList:
      return "a list of " + n + " numbers" + range_text(spec) + " for " + quoted_list(spec.labels);
    case Kind::Shares:
      return "a list of " + n + " shares summing to 1, for " + quoted_list(spec.labels);
    case Kind::WordList:
      return "a list of words from " + quoted_list(spec.choices);
    case Kind::MonthList:
      return "a list of months in increasing order, e.g. [\"2027-12\", \"2030-12\"]";
    case Kind::Month:
      return "a month \"YYYY-MM\", e.g. \"2025-01\"";
    case Kind::Labels:
      return "a list of " + n + " distinct names of lower-case letters, digits and _";
    case Kind::Numbers:
      return "a list of numbers in increasing order" + range_text(spec);
    case Kind::Schedule:
      return "a number" + range_text(spec) +
             ", or { steps = [[\"YYYY-MM\", value], ...] } or { linear = [[\"YYYY-MM\", value], "
             "...] }";
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
  std::string message = "unknown key '" + excerpt(key) + "'";
  if (auto near = schema.nearest(key); !near.empty())
    return message + "; did you mean '" + near + "'?";
  return message + "; `aiplus params` lists every key";
}

std::optional<double> number(const toml::node& node) {
  if (auto v = node.value_exact<double>()) return *v;
  if (auto v = node.value_exact<std::int64_t>()) return static_cast<double>(*v);
  return std::nullopt;
}

std::string found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return "the string \"" + excerpt(*node.value<std::string>()) + "\"";
    case toml::node_type::integer:
      return "the whole number " + std::to_string(*node.value<std::int64_t>());
    case toml::node_type::floating_point:
      return "the number " + format_number(*node.value<double>());
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}

// Checks a number against the spec's range; returns a message or "".
std::string out_of_range(const ParamSpec& spec, double x, const std::string& what) {
  if (std::isfinite(x) && x >= spec.min && x <= spec.max) return "";
  return what + " = " + format_number(x) + " is out of range; expected " + expectation(spec);
}

// Reads a dated schedule from its inline table; throws ConfigError.
Schedule read_schedule(const ParamSpec& spec, const toml::table& table, const std::string& source) {
  const auto fail = [&](const toml::node& at, const std::string& message) {
    throw ConfigError(position(source, at.source()),
                      spec.key + ": " + message + "; expected " + expectation(spec));
  };
  if (table.size() != 1) fail(table, "a schedule table needs exactly one key, steps or linear");
  const auto first = table.begin();
  const toml::key& shape_key = first->first;
  const toml::node& points_node = first->second;
  Schedule schedule;
  if (shape_key.str() == "steps")
    schedule.shape = Schedule::Shape::Steps;
  else if (shape_key.str() == "linear")
    schedule.shape = Schedule::Shape::Linear;
  else
    fail(points_node, "unknown schedule shape '" + excerpt(shape_key.str()) + "'");
  const auto* points = points_node.as_array();
  if (!points || points->empty()) fail(points_node, "found no dated points");
  for (const auto& point : *points) {
    const auto* pair = point.as_array();
    if (!pair || pair->size() != 2)
      fail(point, "found " + found(point) + " where a [\"YYYY-MM\", value] pair belongs");
    const auto date = (*pair)[0].value<std::string>();
    MonthIndex month = 0;
    if (!date || !parse_month(*date, month))
      fail((*pair)[0], "found " + found((*pair)[0]) + " where a \"YYYY-MM\" month belongs");
    const auto value = number((*pair)[1]);
    if (!value) fail((*pair)[1], "found " + found((*pair)[1]) + " where a number belongs");
    if (auto problem = out_of_range(spec, *value, spec.key + " at " + *date); !problem.empty()) {
      throw ConfigError(position(source, (*pair)[1].source()), problem);
    }
    if (!schedule.points.empty() && month <= schedule.points.back().first) {
      fail((*pair)[0], "dates out of order (" + *date + " does not follow " +
                           month_text(schedule.points.back().first) + ")");
    }
    schedule.points.emplace_back(month, *value);
  }
  return schedule;
}

// Converts a TOML node to the spec's kind of value, checking type and range;
// throws ConfigError located at the offending node.
Value convert(const ParamSpec& spec, const toml::node& node, const std::string& source) {
  const auto wrong = [&](const toml::node& at) {
    return ConfigError(position(source, at.source()),
                       spec.key + ": found " + found(at) + "; expected " + expectation(spec));
  };
  const auto checked = [&](double x, const toml::node& at, const std::string& what) {
    if (auto problem = out_of_range(spec, x, what); !problem.empty())
      throw ConfigError(position(source, at.source()), problem);
    return x;
  };
  switch (spec.kind) {
    case Kind::Boolean:
      if (auto v = node.value_exact<bool>()) return *v;
      throw wrong(node);
    case Kind::Integer:
      if (auto v = node.value_exact<std::int64_t>()) {
        (void)checked(static_cast<double>(*v), node, spec.key);
        return *v;
      }
      throw wrong(node);
    case Kind::Real:
      if (auto v = number(node)) return checked(*v, node, spec.key);
      throw wrong(node);
    case Kind::Text:
      if (auto v = node.value_exact<std::string>()) return *v;
      throw wrong(node);
    case Kind::Choice:
      if (auto v = node.value_exact<std::string>();
          v && std::find(spec.choices.begin(), spec.choices.end(), *v) != spec.choices.end()) {
        return *v;
      }
      throw wrong(node);
    case Kind::RealList:
    case Kind::Shares: {
      const auto* list = node.as_array();
      if (!list || list->size() != spec.labels.size()) throw wrong(node);
      std::vector<double> values;
      double sum = 0;
      for (std::size_t k = 0; k < list->size(); ++k) {
        auto v = number((*list)[k]);
        if (!v) throw wrong((*list)[k]);
        values.push_back(checked(*v, (*list)[k], spec.key + "[" + spec.labels[k] + "]"));
        sum += *v;
      }
      if (spec.kind == Kind::Shares && std::abs(sum - 1.0) > 1e-6) {
        throw ConfigError(position(source, node.source()),
                          spec.key + ": shares sum to " +
                              format_number(std::round(sum * 1e9) / 1e9) + "; expected " +
                              expectation(spec));
      }
      return values;
    }
    case Kind::WordList: {
      const auto* list = node.as_array();
      if (!list) throw wrong(node);
      std::vector<std::string> words;
      for (const auto& item : *list) {
        auto v = item.value_exact<std::string>();
        if (!v || std::find(spec.choices.begin(), spec.choices.end(), *v) == spec.choices.end())
          throw wrong(item);
        if (std::find(words.begin(), words.end(), *v) != words.end()) {
          throw ConfigError(position(source, item.source()),
                            spec.key + ": \"" + excerpt(*v) + "\" is listed twice");
        }
        words.push_back(*v);
      }
      return words;
    }
    case Kind::MonthList: {
      const auto* list = node.as_array();
      if (!list) throw wrong(node);
      std::vector<std::string> months;
      MonthIndex last = INT_MIN;
      for (const auto& item : *list) {
        auto v = item.value_exact<std::string>();
        MonthIndex month = 0;
        if (!v || !parse_month(*v, month) || month <= last) throw wrong(item);
        last = month;
        months.push_back(*v);
      }
      return months;
    }
    case Kind::Labels: {
      const auto* list = node.as_array();
      if (!list || list->size() != spec.labels.size()) throw wrong(node);
      std::vector<std::string> names;
      for (const auto& item : *list) {
        auto v = item.value_exact<std::string>();
        const bool plain =
            v && !v->empty() && v->size() <= 40 && std::all_of(v->begin(), v->end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
        if (!plain || std::find(names.begin(), names.end(), *v) != names.end()) throw wrong(item);
        names.push_back(*v);
      }
      return names;
    }
    case Kind::Numbers: {
      const auto* list = node.as_array();
      if (!list || list->size() > 64) throw wrong(node);
      std::vector<double> values;
      for (const auto& item : *list) {
        auto v = number(item);
        if (!v || (!values.empty() && *v <= values.back())) throw wrong(item);
        values.push_back(checked(*v, item, spec.key));
      }
      return values;
    }
    case Kind::Month: {
      auto v = node.value_exact<std::string>();
      MonthIndex month = 0;
      if (!v || !parse_month(*v, month)) throw wrong(node);
      return *v;
    }
    case Kind::Schedule:
      if (auto v = number(node)) return Schedule::constant(checked(*v, node, spec.key));
      if (const auto* table = node.as_table()) return read_schedule(spec, *table, source);
      throw wrong(node);
  }
  throw wrong(node);
}

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

// The value as a TOML node, for writing the resolved configuration.
void insert(toml::table& table, std::string_view name, const Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<double>> ||
                      std::is_same_v<T, std::vector<std::string>>) {
          toml::array list;
          for (const auto& x : v) list.push_back(x);
          table.insert_or_assign(name, std::move(list));
        } else if constexpr (std::is_same_v<T, Schedule>) {
          if (v.is_constant()) {
            table.insert_or_assign(name, v.points[0].second);
            return;
          }
          toml::array points;
          for (const auto& [month, x] : v.points)
            points.push_back(toml::array{month_text(month), x});
          toml::table shaped;
          shaped.insert(v.shape == Schedule::Shape::Steps ? "steps" : "linear", std::move(points));
          shaped.is_inline(true);
          table.insert_or_assign(name, std::move(shaped));
        } else {
          table.insert_or_assign(name, v);
        }
      },
      value);
}

}  // namespace

std::string Diagnostic::str() const {
  // Control characters of the input never reach the terminal.
  constexpr auto all = std::string_view::npos;
  return excerpt(where.source, all) + ":" + std::to_string(where.line) + ":" +
         std::to_string(where.column) + ": " + excerpt(message, all);
}

static std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (std::size_t k = 0; k < diagnostics.size() && k < kMaxDiagnostics; ++k)
    text += (text.empty() ? "" : "\n") + diagnostics[k].str();
  if (diagnostics.size() > kMaxDiagnostics)
    text += "\n... and " + std::to_string(diagnostics.size() - kMaxDiagnostics) + " more problems";
  return text;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ConfigError::ConfigError(SourcePos where, std::string message)
    : ConfigError(std::vector<Diagnostic>(1, Diagnostic{std::move(where), std::move(message)})) {}

bool ParamSpec::belongs_to(std::string_view model) const {
  return models.empty() || std::find(models.begin(), models.end(), model) != models.end();
}

void Schema::add(ParamSpec spec) {
  if (auto it = index_.find(spec.key); it != index_.end()) {
    // The same key declared for other models is shared: its spec must be the same.
    ParamSpec& known = specs_[it->second];
    const bool same = known.kind == spec.kind &&
                      to_string(known.fallback) == to_string(spec.fallback) &&
                      known.unit == spec.unit && known.min == spec.min && known.max == spec.max &&
                      known.choices == spec.choices && known.labels == spec.labels;
    bool disjoint = !known.models.empty() && !spec.models.empty();
    for (const auto& m : spec.models) disjoint = disjoint && !known.belongs_to(m);
    if (!same || !disjoint) throw std::logic_error("duplicate config key " + spec.key);
    known.models.insert(known.models.end(), spec.models.begin(), spec.models.end());
    return;
  }
  // The default goes through the same checks as a value from a file.
  toml::table holder;
  insert(holder, "v", spec.fallback);
  try {
    spec.fallback = convert(spec, *holder.get("v"), "default");
  } catch (const ConfigError& e) {
    throw std::logic_error(std::string("bad default: ") + e.what());
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
    const std::size_t apart =
        key.size() > spec.key.size() ? key.size() - spec.key.size() : spec.key.size() - key.size();
    if (apart >= best_distance) continue;  // at least that many edits: not closer
    const std::size_t d = edit_distance(key, spec.key);
    if (d < best_distance) best_distance = d, best = spec.key;
  }
  return best;
}

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

std::string to_string(const Value& value) {
  if (const auto* x = std::get_if<double>(&value)) return format_number(*x);
  if (const auto* w = std::get_if<std::string>(&value)) return "\"" + *w + "\"";
  toml::table holder;
  insert(holder, "v", value);
  std::ostringstream out;
  out << holder;
  std::string text = out.str();
  return text.substr(text.find('=') + 2);
}

}  // namespace aiplus::core
