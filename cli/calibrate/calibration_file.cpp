#include "cli/calibrate/calibration_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "agents/scenario.hpp"
#include "cli/calibrate/calibration_targets.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/common/writing.hpp"
#include "core/config/toml_input.hpp"

namespace aiplus::cli {
namespace {

using core::ConfigError;
using core::SourcePos;

const char* const kPriorForm =
    "expected { min = LOW, max = HIGH } (uniform) or "
    "{ min = LOW, max = HIGH, scale = \"log\" } (log-uniform)";

// The entries of a table in the order they were written (toml++ keeps keys sorted).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (auto&& [key, node] : t) out.emplace_back(&key, &node);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto x = a.first->source().begin, y = b.first->source().begin;
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  });
  return out;
}

std::int64_t whole(const toml::node& node, const std::string& source, const std::string& name,
                   std::int64_t least) {
  const auto v = node.value_exact<std::int64_t>();
  if (!v || *v < least)
    throw ConfigError(core::at(source, node),
                      name + ": expected a whole number >= " + std::to_string(least));
  return *v;
}

// A number in (0, 1] (or [0, 1) when `from_zero`).
double share(const toml::node& node, const std::string& source, const std::string& name,
             bool from_zero) {
  const auto v = node.value<double>();
  if (!v || !(from_zero ? *v >= 0 && *v < 1 : *v > 0 && *v <= 1))
    throw ConfigError(core::at(source, node),
                      name + ": expected a number in " + (from_zero ? "[0, 1)" : "(0, 1]"));
  return *v;
}

// The shortest text that reads back as the same double, and as a real number in TOML.
std::string number_text(double x) {
  char buffer[40];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  std::string text(buffer, end);
  if (text.find_first_of(".ein") == std::string::npos) text += ".0";
  return text;
}

core::AbcParameter parse_prior(const std::string& key, const toml::node& node,
                               const std::string& source) {
  const auto* table = node.as_table();
  const std::string name = "parameters.\"" + key + "\"";
  if (!table) throw ConfigError(core::at(source, node), name + ": " + kPriorForm);
  core::AbcParameter prior{key};
  std::optional<double> low, high;
  for (auto&& [k, v] : *table) {
    if (k == "min" || k == "max") {
      const auto x = v.value<double>();
      if (!x || !std::isfinite(*x))
        throw ConfigError(core::at(source, v),
                          name + "." + std::string(k.str()) + ": expected a finite number");
      (k == "min" ? low : high) = *x;
    } else if (k == "scale") {
      const auto s = v.value<std::string>();
      if (!s || (*s != "log" && *s != "linear"))
        throw ConfigError(core::at(source, v),
                          name + ".scale: expected \"log\" (log-uniform) or \"linear\" (uniform)");
      prior.log = *s == "log";
    } else {
      throw ConfigError(core::at(source, k),
                        name + ": unknown entry '" + std::string(k.str()) + "'; " + kPriorForm);
    }
  }
  if (!low || !high) throw ConfigError(core::at(source, node), name + ": " + kPriorForm);
  prior.min = *low, prior.max = *high;
  if (!(prior.min < prior.max))
    throw ConfigError(core::at(source, node), name + ": min " + number_text(prior.min) +
                                                  " is not below max " + number_text(prior.max) +
                                                  "; expected min < max");
  if (prior.log && !(prior.min > 0))
    throw ConfigError(core::at(source, node),
                      name + ": a log-uniform prior needs min > 0; expected a positive min");
  return prior;
}

// Checks a calibrated key against one population: a number of its model, prior in range.
const core::ParamSpec& check_key(const CalibrationPopulation& population,
                                 const core::AbcParameter& prior, const SourcePos& where) {
  const core::Schema& schema = agents::schema();
  const auto* spec = schema.find(prior.name);
  if (!spec) {
    const auto near = schema.nearest(prior.name);
    throw ConfigError(where, "unknown config key '" + prior.name + "'; " +
                                 (near.empty() ? "`aiplus params` lists every key"
                                               : "did you mean '" + near + "'?"));
  }
  if (spec->kind != core::Kind::Real && spec->kind != core::Kind::Schedule)
    throw ConfigError(where, prior.name +
                                 " does not take a real number; expected a key that does "
                                 "(`aiplus params` shows each key's kind)");
  const std::string model = population.config.model();
  if (!spec->belongs_to(model))
    throw ConfigError(where, prior.name + " is not a key of the " + model +
                                 " model that population '" + population.name +
                                 "' runs; expected one of its keys (`aiplus params --model " +
                                 model + "`)");
  core::Config probe = population.config;  // the key's own range check names the bad end
  probe.set_from_toml(prior.name, number_text(prior.min), where);
  probe.set_from_toml(prior.name, number_text(prior.max), where);
  return *spec;
}

}  // namespace

core::Config Calibration::config(std::size_t population, std::span<const double> values,
                                 std::uint64_t seed) const {
  core::Config config = populations[population].config;
  for (std::size_t k = 0; k < values.size(); ++k)
    config.set_from_toml(settings.parameters[k].name, number_text(values[k]), where[k]);
  // simulation.seed takes values below 9.2e18: keep the seed's top 62 bits.
  config.set(agents::kSeedKey, static_cast<std::int64_t>(seed >> 2), {path, 1, 1});
  return config;
}

std::string Calibration::fingerprint() const {
  std::vector<std::string> texts{text, targets_text};
  for (const auto& p : populations) texts.push_back(p.name + "\n" + p.config.to_toml());
  return cli::fingerprint(texts);
}

Calibration load_calibration(const std::string& path, const std::vector<std::string>& only) {
  const auto file = core::read_toml_file(path, "calibration file");
  Calibration c;
  c.path = path, c.text = file.text;
  c.settings.particles = 200, c.settings.quantile = 0.5, c.settings.batch = 64;
  c.settings.seed = 1, c.rules.max_generations = 8, c.rules.min_acceptance = 0.02;
  const toml::table *set = nullptr, *populations = nullptr, *parameters = nullptr;
  for (auto&& [key, node] : file.root) {
    const std::string k(key.str());
    if (k == "targets") {
      c.targets_path =
          core::relative_to(path, required_text(node, path, k, "the targets file's path"));
    } else if (k == "particles" || k == "generations" || k == "batch" || k == "seed") {
      const auto v = static_cast<std::size_t>(whole(node, path, k,
                                                    k == "particles" ? 2
                                                    : k == "seed"    ? 0
                                                                     : 1));
      if (k == "particles") c.settings.particles = v;
      if (k == "generations") c.rules.max_generations = v;
      if (k == "batch") c.settings.batch = v;
      if (k == "seed") c.settings.seed = v;
    } else if (k == "quantile" || k == "min_acceptance") {
      (k == "quantile" ? c.settings.quantile : c.rules.min_acceptance) =
          share(node, path, k, k == "min_acceptance");
    } else if (k == "set" || k == "populations" || k == "parameters") {
      if (!node.is_table())
        throw ConfigError(core::at(path, node), k + ": expected a table ([" + k + "])");
      (k == "set" ? set : k == "populations" ? populations : parameters) = node.as_table();
    } else {
      throw ConfigError(core::at(path, key),
                        "unknown key '" + k +
                            "'; expected targets, particles, generations, quantile, "
                            "min_acceptance, batch, seed, [set], [populations] or [parameters]");
    }
  }
  if (c.targets_path.empty())
    throw ConfigError({path, 1, 1}, "no targets; expected targets = \"targets.toml\"");
  if (!populations || populations->empty())
    throw ConfigError({path, 1, 1}, "no populations; expected [populations] name = \"file.toml\"");
  if (!parameters || parameters->empty())
    throw ConfigError({path, 1, 1},
                      "no parameters; expected [parameters] \"key\" = { min = ..., max = ... }");

  const auto fixed = set ? core::overrides(*set, path) : std::vector<core::Override>{};
  for (const auto& o : fixed) {
    if (o.key == agents::kSeedKey || o.key == agents::kStepsKey)
      throw ConfigError(o.where, o.key +
                                     " is set by the calibration (seeds per run, months up to "
                                     "the last target); expected other keys in [set]");
  }
  std::vector<SourcePos> population_where;
  for (const auto& [key, node] : in_file_order(*populations)) {
    const std::string name(key->str());
    const auto scenario =
        required_text(*node, path, "populations." + name, "a scenario file's path");
    core::Config config = core::Config::load(agents::schema(), core::relative_to(path, scenario));
    for (const auto& o : fixed) config.set_from_toml(o.key, o.value, o.where);
    c.populations.push_back({name, std::move(config), {}});
    population_where.push_back(core::at(path, *key));
  }
  for (const auto& [key, node] : in_file_order(*parameters)) {
    const auto prior = parse_prior(std::string(key->str()), *node, path);
    const auto where = core::at(path, *key);
    for (const auto& o : fixed) {
      if (o.key == prior.name)
        throw ConfigError(where, prior.name +
                                     " is both calibrated and fixed in [set]; expected "
                                     "one or the other");
    }
    const core::ParamSpec* spec = nullptr;
    for (const auto& population : c.populations) spec = &check_key(population, prior, where);
    c.settings.parameters.push_back(prior);
    c.units.push_back(spec->unit);
    c.where.push_back(where);
  }

  std::vector<std::vector<core::GroupInfo>> outputs;
  for (const auto& p : c.populations) outputs.push_back(agents::outputs(p.config));
  read_targets(c, outputs);
  keep_only(c, population_where, only, core::at(path, *populations));

  std::vector<double> middle;  // each prior's midpoint (geometric for log-uniform priors)
  for (const auto& p : c.settings.parameters)
    middle.push_back(p.log ? std::sqrt(p.min * p.max) : 0.5 * (p.min + p.max));
  for (std::size_t i = 0; i < c.populations.size(); ++i) {
    auto& population = c.populations[i];
    if (population.targets.empty())
      throw ConfigError(population_where[i], "population '" + population.name +
                                                 "' has no target; expected at least one "
                                                 "[[target]] with population = \"" +
                                                 population.name + "\" in " + c.targets_path);
    std::size_t last = population.targets.front();
    for (const auto t : population.targets)
      if (c.targets[t].row > c.targets[last].row) last = t;
    population.config.set(agents::kStepsKey, static_cast<std::int64_t>(c.targets[last].row),
                          c.targets[last].where);
    agents::check(population.config);
    refuse_if_too_big(population.config);
    agents::check(c.config(i, middle, c.settings.seed));
  }
  return c;
}

}  // namespace aiplus::cli
