// Typed, validated configuration. A Schema lists every key a scenario may set
// (type, unit, range, default, meaning); a Config is a TOML file resolved against
// it: every key has a value, and every bad input is reported as
// `file:line:column: what is wrong; what was expected`.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/engine/schedule.hpp"

namespace aiplus::core {

/// A configuration value: a flag, a whole number, a real number, a word, a list of
/// numbers, a list of words, or a dated schedule.
using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<double>,
                           std::vector<std::string>, Schedule>;

/// What kind of value a key takes.
enum class Kind {
  Boolean,
  Integer,
  Real,
  Choice,     ///< one word of `choices`
  Text,       ///< any string
  RealList,   ///< one number per entry of `labels`, each in [min, max]
  Shares,     ///< like RealList, and the numbers sum to 1
  WordList,   ///< any number of distinct words of `choices`
  MonthList,  ///< any number of distinct "YYYY-MM" months, in order
  Month,      ///< one "YYYY-MM" month
  Labels,     ///< one distinct name ([a-z0-9_]) per entry of `labels`, e.g. the names of regions
  Numbers,    ///< any number of numbers in increasing order, each in [min, max]
  Schedule,   ///< a number, or dated points: { steps = [["YYYY-MM", v], ...] } or { linear = ... }
};

/// The description of one configuration key: everything `aiplus params` prints.
struct ParamSpec {
  std::string key;        ///< dotted path, e.g. "adoption.p"
  Kind kind;              ///< value type
  Value fallback;         ///< default when the file does not set it
  std::string unit{};     ///< unit of the value ("1/month", "firms", "-" when unitless)
  std::string meaning{};  ///< one line: what the key does
  std::string section{};  ///< heading it is listed under (a directive section, or "simulation")
  double min = -std::numeric_limits<double>::infinity();  ///< inclusive lower bound (numbers)
  double max = std::numeric_limits<double>::infinity();   ///< inclusive upper bound (numbers)
  std::vector<std::string> choices{};                     ///< allowed words (Choice, WordList)
  std::vector<std::string> labels{};                      ///< entry names (RealList, Shares)
  std::vector<std::string> models{};  ///< models the key belongs to; empty: every model
  /// The range a value is believed to lie in (NaN: not stated), and why.
  double plausible_min = std::numeric_limits<double>::quiet_NaN();
  double plausible_max = std::numeric_limits<double>::quiet_NaN();
  std::string plausible_source{};
  [[nodiscard]] bool has_plausible() const noexcept { return plausible_min <= plausible_max; }
  /// True when the key belongs to `model`.
  [[nodiscard]] bool belongs_to(std::string_view model) const;
};

/// Where a value came from: a file position, or a command-line override.
struct SourcePos {
  std::string source;  ///< file path, or "--set" for overrides
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// One problem found in the input, already located.
struct Diagnostic {
  SourcePos where;
  std::string message;
  /// `file:line:column: message`
  [[nodiscard]] std::string str() const;
};

/// A config override from an experiment file: key, TOML value text, where it was written.
struct Override {
  std::string key;
  std::string value;
  SourcePos where;
};

/// Bad input: one or more located diagnostics. what() gives them one per line.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  /// One problem at one place.
  ConfigError(SourcePos where, std::string message);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Every key a configuration may hold. Keys may belong to some models only; the
/// selector key (e.g. "simulation.model") names the model a configuration runs.
class Schema {
 public:
  /// Adds a key; throws std::logic_error on a duplicate or a default outside its range.
  /// A key added again with the same spec for other models is shared by them.
  void add(ParamSpec spec);
  /// Names the key whose value is the model a configuration runs.
  void set_selector(std::string key) { selector_ = std::move(key); }
  /// The key naming the model ("" when the schema serves one model).
  [[nodiscard]] const std::string& selector() const noexcept { return selector_; }
  /// The spec of key, or nullptr.
  [[nodiscard]] const ParamSpec* find(std::string_view key) const;
  /// True when key is the dotted prefix of at least one key (a TOML table).
  [[nodiscard]] bool is_table(std::string_view key) const;
  /// The known key closest in spelling to key, or "" when none is close.
  [[nodiscard]] std::string nearest(std::string_view key) const;
  /// All keys, in the order they were added.
  [[nodiscard]] const std::vector<ParamSpec>& all() const noexcept { return specs_; }

 private:
  std::vector<ParamSpec> specs_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::string selector_;
};

/// A configuration resolved against a schema: every key has a checked value.
class Config {
 public:
  /// All defaults.
  explicit Config(const Schema& schema);
  /// The top-level key naming a scenario file to apply first.
  static constexpr const char* kExtendsKey = "extends";

  /// Reads and validates a TOML file; throws ConfigError listing every problem.
  /// A file may start from another with `extends = "base.toml"` (relative to it).
  [[nodiscard]] static Config load(const Schema& schema, const std::string& path);
  /// Validates TOML text; `source` names it in diagnostics.
  [[nodiscard]] static Config parse(const Schema& schema, std::string_view text,
                                    const std::string& source);

  /// Applies a `KEY=VALUE` override (VALUE in TOML syntax; bare words are taken as
  /// text); throws ConfigError when the key or value is bad.
  void set(std::string_view assignment);
  /// Sets one key to a value already typed, with range checks; throws ConfigError.
  void set(std::string_view key, Value value, const SourcePos& where);
  /// Sets a key from TOML value text (as after `key =` in a file); throws ConfigError.
  void set_from_toml(std::string_view key, std::string_view toml_value, const SourcePos& where);

  [[nodiscard]] double real(std::string_view key) const;
  [[nodiscard]] std::int64_t integer(std::string_view key) const;
  [[nodiscard]] bool boolean(std::string_view key) const;
  [[nodiscard]] const std::string& text(std::string_view key) const;
  [[nodiscard]] const std::vector<double>& reals(std::string_view key) const;
  [[nodiscard]] const std::vector<std::string>& words(std::string_view key) const;
  [[nodiscard]] const Schedule& schedule(std::string_view key) const;
  /// The checked value of key, whatever its kind.
  [[nodiscard]] const Value& value(std::string_view key) const;
  /// The model this configuration runs (the selector key's value; "" without a selector).
  [[nodiscard]] std::string model() const;
  /// Throws ConfigError naming every key that was set (in a file or an override)
  /// although it belongs to another model than the one this configuration runs.
  void check_model() const;
  /// Where key's value came from (line 0 when it is the default).
  [[nodiscard]] const SourcePos& where(std::string_view key) const;

  /// The fully resolved configuration as TOML (the keys of its model): enough to
  /// reproduce a run.
  [[nodiscard]] std::string to_toml() const;
  /// The schema the values were checked against.
  [[nodiscard]] const Schema& schema() const noexcept { return *schema_; }

 private:
  struct Entry {
    Value value;
    SourcePos where;
  };
  [[nodiscard]] const Entry& entry(std::string_view key) const;
  /// Applies TOML text on top of the current values (following `extends`); `chain`
  /// holds the files being applied, to refuse cycles.
  void apply(std::string_view text, const std::string& source, std::vector<std::string>& chain);

  const Schema* schema_;
  std::map<std::string, Entry, std::less<>> values_;
};

/// The value written the way TOML writes it (strings quoted).
[[nodiscard]] std::string to_string(const Value& value);

}  // namespace aiplus::core
