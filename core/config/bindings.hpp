// Config keys bound to the fields they fill. One row per key holds everything a
// user sees of it (type, unit, validity range, default, meaning) and where its
// value goes, so a key is named once: the schema, the defaults, `aiplus params`
// and the reading of a config all come from the same rows.
//
//   Bindings<Params> b;
//   b.section("consideration: whether a firm looks at AI at all");
//   b.real("consideration.p", 0.005, "1/month", {0, 1}, "external influence",
//          [](Params& p) -> auto& { return p.p; });
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/config/config.hpp"
#include "core/engine/schedule.hpp"

namespace aiplus::core {

/// An inclusive range of valid values.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

/// A calendar month read from a "YYYY-MM" key.
struct Month {
  MonthIndex index = 0;
};

// Conversions from a checked value into a field, one per kind of field.
inline void assign_value(const Value& v, double& out) {
  out = std::get<double>(v);
}
inline void assign_value(const Value& v, bool& out) {
  out = std::get<bool>(v);
}
inline void assign_value(const Value& v, std::string& out) {
  out = std::get<std::string>(v);
}
inline void assign_value(const Value& v, Schedule& out) {
  out = std::get<Schedule>(v);
}
inline void assign_value(const Value& v, std::vector<double>& out) {
  out = std::get<std::vector<double>>(v);
}
inline void assign_value(const Value& v, std::vector<std::string>& out) {
  out = std::get<std::vector<std::string>>(v);
}
inline void assign_value(const Value& v, Month& out) {
  (void)parse_month(std::get<std::string>(v), out.index);
}
inline void assign_value(const Value& v, std::vector<Month>& out) {
  out.clear();
  for (const auto& text : std::get<std::vector<std::string>>(v)) {
    out.emplace_back();
    (void)parse_month(text, out.back().index);
  }
}
template <class I>
requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) void assign_value(const Value& v,
                                                                              I& out) {
  out = static_cast<I>(std::get<std::int64_t>(v));
}
template <std::size_t N>
void assign_value(const Value& v, std::span<double, N> out) {
  const auto& values = std::get<std::vector<double>>(v);
  std::copy_n(values.begin(), N, out.begin());
}
template <std::size_t N>
void assign_value(const Value& v, std::array<double, N>& out) {
  assign_value(v, std::span<double, N>(out));
}

/// The rows binding config keys to the fields of a Target.
template <class Target>
class Bindings {
 public:
  /// One key: its spec and how its value is stored into a Target.
  struct Row {
    ParamSpec spec;
    std::function<void(const Value&, Target&)> assign;
  };

  /// The heading under which the rows that follow are listed.
  void section(std::string heading) { section_ = std::move(heading); }

  /// A key whose value field(target) receives. A field may be a number, flag, text,
  /// schedule, list, month, an enum (the index of the chosen word among the
  /// choices) or an array of flags (one per choice, set for the words listed).
  template <class Field>
  void add(ParamSpec spec, Field field) {
    if (spec.section.empty()) spec.section = section_;
    std::vector<std::string> choices = spec.choices;
    rows_.push_back({std::move(spec), [field, choices](const Value& v, Target& t) {
                       decltype(auto) ref = field(t);
                       using T = std::remove_cvref_t<decltype(ref)>;
                       if constexpr (std::is_enum_v<T>) {
                         ref = static_cast<T>(index_of(choices, std::get<std::string>(v)));
                       } else if constexpr (is_flags<T>::value) {
                         ref = {};
                         for (const auto& w : std::get<std::vector<std::string>>(v))
                           ref[index_of(choices, w)] = true;
                       } else {
                         assign_value(v, ref);
                       }
                     }});
  }

  template <class Field>
  void real(std::string key, double fallback, std::string unit, Range range, std::string meaning,
            Field field) {
    add(spec(std::move(key), Kind::Real, fallback, std::move(unit), range, std::move(meaning)),
        field);
  }
  template <class Field>
  void integer(std::string key, std::int64_t fallback, std::string unit, Range range,
               std::string meaning, Field field) {
    add(spec(std::move(key), Kind::Integer, fallback, std::move(unit), range, std::move(meaning)),
        field);
  }
  template <class Field>
  void flag(std::string key, bool fallback, std::string meaning, Field field) {
    add(spec(std::move(key), Kind::Boolean, fallback, "-", {}, std::move(meaning)), field);
  }
  template <class Field>
  void choice(std::string key, std::string fallback, std::vector<std::string> choices,
              std::string meaning, Field field) {
    ParamSpec s =
        spec(std::move(key), Kind::Choice, std::move(fallback), "-", {0, 0}, std::move(meaning));
    s.choices = std::move(choices);
    add(std::move(s), field);
  }
  template <class Field>
  void words(std::string key, std::vector<std::string> fallback, std::vector<std::string> choices,
             std::string unit, std::string meaning, Field field) {
    ParamSpec s = spec(std::move(key), Kind::WordList, std::move(fallback), std::move(unit), {0, 0},
                       std::move(meaning));
    s.choices = std::move(choices);
    add(std::move(s), field);
  }
  /// One distinct name per entry of `labels` (the default names).
  template <class Field>
  void names(std::string key, std::vector<std::string> fallback, std::string meaning, Field field) {
    ParamSpec s = spec(std::move(key), Kind::Labels, fallback, "names", {}, std::move(meaning));
    s.labels = std::move(fallback);
    add(std::move(s), field);
  }
  /// Any number of numbers in increasing order, each in range.
  template <class Field>
  void numbers(std::string key, std::vector<double> fallback, std::string unit, Range range,
               std::string meaning, Field field) {
    add(spec(std::move(key), Kind::Numbers, std::move(fallback), std::move(unit), range,
             std::move(meaning)),
        field);
  }
  /// One number per label, each in range; `shares`: the numbers also sum to 1.
  template <class Field>
  void list(std::string key, std::vector<double> fallback, std::vector<std::string> labels,
            std::string unit, Range range, std::string meaning, Field field, bool shares = false) {
    ParamSpec s = spec(std::move(key), shares ? Kind::Shares : Kind::RealList, std::move(fallback),
                       std::move(unit), range, std::move(meaning));
    s.labels = std::move(labels);
    add(std::move(s), field);
  }
  template <class Field>
  void shares(std::string key, std::vector<double> fallback, std::vector<std::string> labels,
              std::string meaning, Field field) {
    list(std::move(key), std::move(fallback), std::move(labels), "share", {0, 1},
         std::move(meaning), field, true);
  }
  template <class Field>
  void schedule(std::string key, double fallback, std::string unit, Range range,
                std::string meaning, Field field) {
    add(spec(std::move(key), Kind::Schedule, Schedule::constant(fallback), std::move(unit), range,
             std::move(meaning)),
        field);
  }
  template <class Field>
  void month(std::string key, std::string fallback, std::string meaning, Field field) {
    add(spec(std::move(key), Kind::Month, std::move(fallback), "month", {}, std::move(meaning)),
        field);
  }
  template <class Field>
  void months(std::string key, std::vector<std::string> fallback, std::string meaning,
              Field field) {
    add(spec(std::move(key), Kind::MonthList, std::move(fallback), "months", {},
             std::move(meaning)),
        field);
  }

  /// States the plausible range of the last key added: the values it is believed to
  /// take (narrower than the valid range), with the source or reasoning.
  void plausible(double min, double max, std::string why) {
    auto& s = rows_.back().spec;
    if (!(min <= max) || min < s.min || max > s.max)
      throw std::logic_error("plausible range of " + s.key + " outside its valid range");
    s.plausible_min = min;
    s.plausible_max = max;
    s.plausible_source = std::move(why);
  }

  /// Every row of `part`, filling the part of a Target that access(target) returns.
  template <class Part, class Access>
  void include(const Bindings<Part>& part, Access access) {
    for (const auto& row : part.rows())
      rows_.push_back({row.spec, [assign = row.assign, access](const Value& v, Target& t) {
                         assign(v, access(t));
                       }});
  }

  /// Adds every key to a schema, as belonging to `models` (empty: every model).
  void add_to(Schema& schema, const std::vector<std::string>& models = {}) const {
    for (const auto& row : rows_) {
      ParamSpec s = row.spec;
      s.models = models;
      schema.add(std::move(s));
    }
  }

  /// Fills a Target from a config validated against a schema holding these keys.
  void read(const Config& config, Target& target) const {
    for (const auto& row : rows_) row.assign(config.value(row.spec.key), target);
  }
  [[nodiscard]] Target read(const Config& config) const {
    Target target{};
    read(config, target);
    return target;
  }

  [[nodiscard]] const std::vector<Row>& rows() const noexcept { return rows_; }

 private:
  template <class T>
  struct is_flags : std::false_type {};
  template <std::size_t N>
  struct is_flags<std::array<bool, N>> : std::true_type {};

  static std::size_t index_of(const std::vector<std::string>& choices, const std::string& word) {
    return static_cast<std::size_t>(std::find(choices.begin(), choices.end(), word) -
                                    choices.begin());
  }
  ParamSpec spec(std::string key, Kind kind, Value fallback, std::string unit, Range range,
                 std::string meaning) const {
    ParamSpec s{std::move(key),     kind,    std::move(fallback), std::move(unit),
                std::move(meaning), section_};
    s.min = range.min;
    s.max = range.max;
    return s;
  }

  std::string section_;
  std::vector<Row> rows_;
};

}  // namespace aiplus::core
