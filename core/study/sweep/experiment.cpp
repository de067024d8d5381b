#include "core/study/sweep/experiment.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

#include "core/config/input.hpp"
#include "core/config/toml_input.hpp"
#include "core/study/calibration/hdf5_calibration.hpp"
#include "core/study/statistics.hpp"
#include "core/study/sweep/experiment_toml.hpp"

namespace aiplus::core {
namespace detail {

void check_run_count(const RunFactors& factors) {
  std::size_t runs = 1;
  const SourcePos* largest = nullptr;
  std::size_t most = 0;
  for (const auto& [n, where] : factors) {
    runs = (n != 0 && runs > kMaxRuns / n) ? kMaxRuns + 1 : runs * n;
    if (n > most) most = n, largest = &where;
  }
  if (runs <= kMaxRuns || !largest) return;
  throw ConfigError(*largest, "the experiment has more than " + std::to_string(kMaxRuns) +
                                  " runs (arms x grid points x sample points x replicates); "
                                  "expected at most " +
                                  std::to_string(kMaxRuns));
}

}  // namespace detail

namespace {

// One [[arm]]: name, set and, for a 2x2 factorial, levels.
Arm parse_arm(const toml::node& item, const std::string& path, const std::vector<Arm>& others) {
  const auto* arm = item.as_table();
  const auto name = arm ? (*arm)["name"].value<std::string>() : std::nullopt;
  const auto* set = arm ? (*arm)["set"].as_table() : nullptr;
  const auto* levels = arm ? (*arm)["levels"].as_table() : nullptr;
  bool known_keys = arm != nullptr;
  if (arm) {
    for (auto&& [arm_key, unused] : *arm)
      known_keys = known_keys && (arm_key == "name" || arm_key == "set" || arm_key == "levels");
  }
  if (!name || !known_keys || (arm->contains("set") && !set) ||
      (arm->contains("levels") && !levels)) {
    throw ConfigError(at(path, item),
                      "arm: expected name = \"...\", set = { key = value, ... } and, in a 2x2 "
                      "factorial, levels = { factor = \"level\", factor = \"level\" }");
  }
  for (const auto& other : others) {
    if (other.name == *name) {
      throw ConfigError(at(path, (*arm)["name"].as_string() ? *(*arm)["name"].node() : item),
                        "arm: the name \"" + excerpt(*name) +
                            "\" is used twice; expected a different name for every arm");
    }
  }
  Arm out{*name, set ? overrides(*set, path) : std::vector<Override>{}, {}, at(path, item)};
  if (levels) {
    out.where = at(path, *(*arm)["levels"].node());
    // In the order written (a TOML table iterates by name): the first factor comes first.
    std::vector<std::pair<const toml::key*, const toml::node*>> written;
    for (auto&& [factor, level] : *levels) written.emplace_back(&factor, &level);
    std::sort(written.begin(), written.end(), [](const auto& a, const auto& b) {
      const auto &x = a.second->source().begin, &y = b.second->source().begin;
      return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    for (const auto& [factor_key, level_node] : written) {
      const auto& factor = *factor_key;
      const auto& level = *level_node;
      const auto word = level.value<std::string>();
      if (!word || word->empty())
        throw ConfigError(at(path, level), "arm.levels." + excerpt(factor.str()) +
                                               ": expected a level name, e.g. \"high\"");
      out.levels.emplace_back(std::string(factor.str()), *word);
    }
  }
  return out;
}

// The 2x2 factorial the arms' levels declare: every arm names the same two factors,
// each at one of two levels, and the four arms cover the four combinations once.
// The first arm's levels are each factor's reference level.
std::optional<Factorial> factorial_of(const std::vector<Arm>& arms, const SourcePos& where) {
  const auto with =
      std::count_if(arms.begin(), arms.end(), [](const Arm& a) { return !a.levels.empty(); });
  if (with == 0) return std::nullopt;
  const std::string expected =
      "; expected four arms, each with levels = { A = \"...\", B = \"...\" } naming the same "
      "two factors, which cover the four combinations of two levels each";
  if (arms.size() != 4)
    throw ConfigError(where, "arm: levels declare a 2x2 factorial, which needs four arms, not " +
                                 std::to_string(arms.size()) + expected);
  Factorial f;
  for (std::size_t a = 0; a < 4; ++a) {
    const auto& levels = arms[a].levels;
    if (levels.size() != 2)
      throw ConfigError(arms[a].where, "arm \"" + excerpt(arms[a].name) + "\": levels name " +
                                           std::to_string(levels.size()) + " factors" + expected);
    std::size_t combination = 0;
    for (std::size_t k = 0; k < 2; ++k) {
      if (a == 0) f.factors[k] = levels[k].first, f.levels[k][0] = levels[k].second;
      const auto it = std::find_if(levels.begin(), levels.end(),
                                   [&](const auto& l) { return l.first == f.factors[k]; });
      if (it == levels.end())
        throw ConfigError(arms[a].where, "arm \"" + excerpt(arms[a].name) +
                                             "\": no level of factor '" + excerpt(f.factors[k]) +
                                             "'" + expected);
      if (it->second != f.levels[k][0]) {
        if (f.levels[k][1].empty()) f.levels[k][1] = it->second;
        if (it->second != f.levels[k][1])
          throw ConfigError(arms[a].where, "arm \"" + excerpt(arms[a].name) +
                                               "\": a third level '" + excerpt(it->second) +
                                               "' of factor '" + excerpt(f.factors[k]) + "'" +
                                               expected);
        combination += k == 0 ? 1 : 2;
      }
    }
    for (std::size_t b = 0; b < a; ++b) {
      if (f.arms[b] == combination)
        throw ConfigError(arms[a].where, "arm \"" + excerpt(arms[a].name) +
                                             "\": the same levels as arm \"" +
                                             excerpt(arms[b].name) + "\"" + expected);
    }
    f.arms[a] = combination;  // for now: the combination of arm a
  }
  // Turn "combination of arm a" into "arm of combination c".
  std::array<std::size_t, 4> arm_of{};
  for (std::size_t a = 0; a < 4; ++a) arm_of[f.arms[a]] = a;
  f.arms = arm_of;
  return f;
}

// A list of distinct names at the top level, e.g. groups = ["national", "bands"].
std::vector<Named> parse_groups(const toml::node& node, const std::string& path) {
  const auto* list = node.as_array();
  const std::string expected = "; expected a list of output group names, e.g. [\"national\"]";
  if (!list || list->empty()) throw ConfigError(at(path, node), "groups: not a list" + expected);
  std::vector<Named> out;
  for (const auto& item : *list) {
    const auto word = item.value<std::string>();
    if (!word ||
        std::any_of(out.begin(), out.end(), [&](const Named& n) { return n.name == *word; }))
      throw ConfigError(at(path, item),
                        "groups: a name that is not a word, or listed twice" + expected);
    out.push_back({*word, at(path, item)});
  }
  return out;
}

// [posterior]: draws systematically resampled from the last generation of a calibration.
// `instead`, when given (a command line's --posterior), replaces the file named.
PosteriorDraws parse_posterior(const toml::table& table, const std::string& path,
                               const std::string& instead) {
  PosteriorDraws out;
  std::int64_t draws = 0;
  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    if (k == "file") {
      const auto v = node.value<std::string>();
      if (!v || v->empty())
        throw ConfigError(at(path, node),
                          "posterior.file: expected the path of a calibration file (HDF5), as a "
                          "quoted string");
      out.file = relative_to(path, *v);
      out.where = at(path, node);
    } else if (k == "draws") {
      const auto v = node.value_exact<std::int64_t>();
      if (!v || *v < 1 || static_cast<std::uint64_t>(*v) > kMaxRuns)
        throw ConfigError(at(path, node), "posterior.draws: expected a whole number in [1, " +
                                              std::to_string(kMaxRuns) + "]");
      draws = *v;
    } else {
      throw ConfigError(at(path, key),
                        "posterior: unknown key '" + excerpt(k) + "'; expected file or draws");
    }
  }
  if (out.file.empty() || draws == 0)
    throw ConfigError(at(path, table),
                      "posterior: expected file = \"calibration.h5\" and draws = N");
  const std::string what = instead.empty() ? "posterior.file: " : "--posterior: ";
  if (!instead.empty()) out.file = instead;
  CalibrationPosterior posterior;
  try {
    posterior = read_calibration_posterior(out.file);
  } catch (const std::exception& e) {
    throw ConfigError(out.where, what + excerpt(out.file) + ": " + e.what());
  }
  out.keys = posterior.keys;
  out.particles = systematic_resample(posterior.weights, static_cast<std::size_t>(draws));
  for (const auto i : out.particles) out.values.push_back(posterior.values[i]);
  return out;
}

}  // namespace

std::vector<Experiment::Run> Experiment::runs() const {
  std::vector<Run> out;
  std::size_t points = 1;
  for (const auto& axis : grid) points *= axis.values.size();
  const std::size_t samples = std::max<std::size_t>(sample.points, 1);
  for (std::size_t a = 0; a < arms.size(); ++a) {
    for (std::size_t p = 0; p < points; ++p) {
      std::vector<std::size_t> point(grid.size());
      std::size_t rest = p;
      for (std::size_t k = grid.size(); k-- > 0;)
        point[k] = rest % grid[k].values.size(), rest /= grid[k].values.size();
      for (std::size_t i = 0; i < samples; ++i) {
        for (auto seed : seeds) out.push_back({a, point, i, seed, (a * points + p) * samples + i});
      }
    }
  }
  return out;
}

std::size_t Experiment::cells() const {
  std::size_t points = 1;
  for (const auto& axis : grid) points *= axis.values.size();
  return arms.size() * points * std::max<std::size_t>(sample.points, 1);
}

Config Experiment::base(const Schema& schema) const {
  return Config::load(schema, scenario);
}

Config Experiment::config(const Config& base, const Run& run, const std::vector<std::string>& extra,
                          const std::string& seed_key) const {
  Config config = base;
  if (!posterior.keys.empty()) {
    // Replicate k (seed first_seed + k) runs draw k.
    const auto& draw = posterior.values.at(static_cast<std::size_t>(run.seed - seeds.front()));
    for (std::size_t k = 0; k < posterior.keys.size(); ++k)
      config.set_from_toml(posterior.keys[k], real_text(draw[k]), posterior.where);
  }
  for (const auto& o : set) config.set_from_toml(o.key, o.value, o.where);
  for (const auto& o : arms[run.arm].set) config.set_from_toml(o.key, o.value, o.where);
  for (std::size_t k = 0; k < grid.size(); ++k)
    config.set_from_toml(grid[k].key, grid[k].values[run.point[k]], grid[k].where);
  for (std::size_t k = 0; k < sample.axes.size(); ++k) {
    config.set_from_toml(sample.axes[k].key,
                         sample_text(sample.axes[k], sample.values[run.sample][k]),
                         sample.axes[k].where);
  }
  for (const auto& assignment : extra) config.set(assignment);
  config.set(seed_key, static_cast<std::int64_t>(run.seed), {"experiment seed", 1, 1});
  return config;
}

bool is_experiment_text(std::string_view text) {
  try {
    check_toml_limits(text, {"", 1, 1});  // nesting the parser could not survive
    return toml::parse(text).contains("scenario");
  } catch (const toml::parse_error&) {
    return false;
  } catch (const ConfigError&) {
    return false;
  }
}

Experiment load_experiment(const std::string& path, const Schema* schema,
                           const std::string& posterior_file) {
  const TomlFile file = read_toml_file(path, "experiment file");
  const toml::table& root = file.root;
  Experiment x;
  x.text = file.text;
  std::int64_t replicates = 1, first_seed = 1;
  std::optional<PosteriorDraws> posterior;
  detail::RunFactors factors;
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    const SourcePos where = at(path, key);
    if (k == "scenario") {
      const auto v = node.value<std::string>();
      if (!v || v->empty())
        throw ConfigError(at(path, node),
                          "scenario: expected the path of a scenario file, as a quoted string");
      x.scenario = relative_to(path, *v);
    } else if (k == "replicates" || k == "first_seed") {
      const auto v = node.value_exact<std::int64_t>();
      if (!v || *v < (k == "replicates" ? 1 : 0) ||
          (k == "replicates" && static_cast<std::uint64_t>(*v) > kMaxRuns)) {
        throw ConfigError(
            at(path, node),
            k + ": expected a whole number " +
                (k == "replicates" ? "in [1, " + std::to_string(kMaxRuns) + "]" : ">= 0"));
      }
      (k == "replicates" ? replicates : first_seed) = *v;
      if (k == "replicates") factors.emplace_back(static_cast<std::size_t>(*v), at(path, node));
    } else if (k == "set") {
      if (!node.is_table())
        throw ConfigError(at(path, node), "set: expected a table of config keys and values");
      x.set = overrides(*node.as_table(), path);
    } else if (k == "arm") {
      const auto* list = node.as_array();
      if (!list)
        throw ConfigError(at(path, node),
                          "arm: expected [[arm]] tables with a name and a set table");
      for (const auto& item : *list) x.arms.push_back(parse_arm(item, path, x.arms));
      x.factorial = factorial_of(x.arms, at(path, node));
      factors.emplace_back(x.arms.size(), at(path, node));
    } else if (k == "grid") {
      if (!node.is_table())
        throw ConfigError(at(path, node),
                          "grid: expected a table of config keys and lists of values");
      for (auto&& [gkey, values] : *node.as_table()) {
        const auto* list = values.as_array();
        if (!list || list->empty()) {
          throw ConfigError(at(path, values), "grid." + excerpt(gkey.str()) +
                                                  ": expected a non-empty list of values");
        }
        GridAxis axis{std::string(gkey.str()), {}, at(path, values), true};
        factors.emplace_back(list->size(), axis.where);
        detail::check_run_count(factors);
        for (const auto& v : *list) {
          axis.values.push_back(text_of(v));
          axis.numeric = axis.numeric && v.is_number();
        }
        x.grid.push_back(std::move(axis));
      }
    } else if (k == "sample") {
      if (!node.is_table())
        throw ConfigError(at(path, node),
                          "sample: expected a table: points = N, \"key\" = [min, max]");
      x.sample = detail::parse_sample(*node.as_table(), path, factors, schema);
    } else if (k == "groups") {
      x.groups = parse_groups(node, path);
    } else if (k == "posterior") {
      if (!node.is_table())
        throw ConfigError(at(path, node),
                          "posterior: expected a table: file = \"calibration.h5\", draws = N");
      posterior = parse_posterior(*node.as_table(), path, posterior_file);
    } else {
      throw ConfigError(where, "unknown key '" + excerpt(k) +
                                   "'; expected scenario, replicates, first_seed, set, arm, grid, "
                                   "sample, groups or posterior");
    }
  }
  if (x.scenario.empty())
    throw ConfigError(SourcePos{path, 1, 1}, "no scenario; expected scenario = \"file.toml\"");
  if (x.arms.empty()) x.arms.push_back({"base", {}});
  if (!posterior_file.empty() && !posterior)
    throw ConfigError(SourcePos{path, 1, 1},
                      "--posterior: the experiment has no [posterior] table to draw from; "
                      "expected [posterior] file = \"calibration.h5\", draws = N");
  if (posterior) {
    // Replicate k runs draw k: the draws are the replicates.
    const auto draws = static_cast<std::int64_t>(posterior->values.size());
    if (root.contains("replicates") && replicates != draws) {
      throw ConfigError(at(path, *root.get("replicates")),
                        "replicates: " + std::to_string(replicates) +
                            " differs from posterior.draws " + std::to_string(draws) +
                            " (replicate k runs posterior draw k); expected the same number or "
                            "no replicates");
    }
    if (!root.contains("replicates"))
      factors.emplace_back(posterior->values.size(), posterior->where);
    replicates = draws;
    x.posterior = std::move(*posterior);
  }
  detail::check_run_count(factors);
  if (first_seed > std::numeric_limits<std::int64_t>::max() - replicates) {
    throw ConfigError(at(path, *root.get("first_seed")),
                      "first_seed: the seeds would pass the largest whole number; expected a "
                      "smaller first_seed");
  }
  for (std::int64_t r = 0; r < replicates; ++r)
    x.seeds.push_back(static_cast<std::uint64_t>(first_seed + r));
  return x;
}

}  // namespace aiplus::core
