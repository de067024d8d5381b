// The schema of keys, and the located diagnostics that every reader of input reports.
#include <toml++/toml.h>

#include <algorithm>

#include "core/config/config.hpp"
#include "core/config/input.hpp"
#include "core/config/toml_value.hpp"

namespace aiplus::core {
namespace {

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

}  // namespace

std::string unknown_key_message(const Schema& schema, const std::string& key) {
  std::string message = "unknown key '" + excerpt(key) + "'";
  if (auto near = schema.nearest(key); !near.empty())
    return message + "; did you mean '" + near + "'?";
  return message + "; `aiplus params` lists every key";
}

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

}  // namespace aiplus::core
