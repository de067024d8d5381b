// One value between TOML and the typed Value of its key: the type and range checks,
// the wording of what was expected, and the way back for the resolved configuration.
#include "core/config/toml_value.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <optional>
#include <sstream>

#include "core/config/input.hpp"

namespace aiplus::core {

std::string format_number(double x) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, end);
}

namespace {

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

}  // namespace

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

SourcePos position(const std::string& source, const toml::source_region& region) {
  return {source, region.begin.line, region.begin.column};
}

namespace {

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

}  // namespace

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
