#include "core/experiment.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <optional>

#include "core/hdf5_calibration.hpp"
#include "core/input.hpp"
#include "core/rng.hpp"
#include "core/statistics.hpp"
#include "core/toml_input.hpp"

namespace aiplus::core {
namespace {

// Refuses an experiment of more than kMaxRuns runs before anything is allocated for them.
void check_run_count(const std::vector<std::pair<std::size_t, SourcePos>>& factors) {
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

Sample parse_sample(const toml::table& table, const std::string& path,
                    std::vector<std::pair<std::size_t, SourcePos>>& factors) {
  Sample sample;
  bool have_points = false;
  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    if (k == "points" || k == "seed") {
      const auto v = node.value_exact<std::int64_t>();
      if (!v || *v < (k == "points" ? 1 : 0) ||
          (k == "points" && static_cast<std::uint64_t>(*v) > kMaxRuns)) {
        throw ConfigError(
            at(path, node),
            "sample." + k + ": expected a whole number " +
                (k == "points" ? "in [1, " + std::to_string(kMaxRuns) + "]" : ">= 0"));
      }
      (k == "points" ? sample.points : sample.seed) = static_cast<std::uint64_t>(*v);
      have_points = have_points || k == "points";
      continue;
    }
    const auto* range = node.as_array();
    if (!range || range->size() != 2 || !(*range)[0].is_number() || !(*range)[1].is_number()) {
      throw ConfigError(at(path, node),
                        "sample." + excerpt(k) + ": expected a range [min, max] of two numbers");
    }
    SampleAxis axis{k, *(*range)[0].value<double>(), *(*range)[1].value<double>(),
                    (*range)[0].is_integer() && (*range)[1].is_integer(), at(path, node)};
    if (!(axis.min <= axis.max)) {
      throw ConfigError(at(path, node), "sample." + excerpt(k) + ": the range's min " +
                                            text_of((*range)[0]) + " is above its max " +
                                            text_of((*range)[1]) + "; expected [min, max]");
    }
    sample.axes.push_back(std::move(axis));
  }
  if (!have_points || sample.axes.empty()) {
    throw ConfigError(at(path, table),
                      "sample: expected points = N and at least one \"key\" = [min, max]");
  }
  factors.emplace_back(sample.points, at(path, *table.get("points")));
  check_run_count(factors);
  draw_latin_hypercube(sample);
  return sample;
}

// [posterior]: draws systematically resampled from the last generation of a calibration.
PosteriorDraws parse_posterior(const toml::table& table, const std::string& path) {
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
  CalibrationPosterior posterior;
  try {
    posterior = read_calibration_posterior(out.file);
  } catch (const std::exception& e) {
    throw ConfigError(out.where, "posterior.file: " + excerpt(out.file) + ": " + e.what());
  }
  out.keys = posterior.keys;
  out.particles = systematic_resample(posterior.weights, static_cast<std::size_t>(draws));
  for (const auto i : out.particles) out.values.push_back(posterior.values[i]);
  return out;
}

}  // namespace

void draw_latin_hypercube(Sample& sample) {
  const std::size_t n = sample.points;
  sample.values.assign(n, std::vector<double>(sample.axes.size()));
  const RandomStreams random(sample.seed);
  for (std::size_t k = 0; k < sample.axes.size(); ++k) {
    const auto& axis = sample.axes[k];
    // Stratum of each point: a Fisher-Yates shuffle of 0..n-1, one stream per axis.
    std::vector<std::size_t> stratum(n);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    auto stream = random.stream(static_cast<std::uint32_t>(k), 0, 1);
    for (std::size_t i = n; i > 1; --i) {
      const auto j = static_cast<std::size_t>(
          std::floor(RandomStreams::unit(static_cast<std::uint32_t>(stream())) * i));
      std::swap(stratum[i - 1], stratum[j]);
    }
    const double span = axis.max - axis.min + (axis.whole ? 1.0 : 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double u = RandomStreams::unit(static_cast<std::uint32_t>(stream()));
      double x = axis.min + (static_cast<double>(stratum[i]) + u) / static_cast<double>(n) * span;
      if (axis.whole) x = std::min(std::floor(x), axis.max);
      sample.values[i][k] = x;
    }
  }
}

std::string real_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  if (std::string(text).find_first_of(".en") == std::string::npos)
    std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string sample_text(const SampleAxis& axis, double value) {
  if (!axis.whole) return real_text(value);
  char text[40];
  std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
  return text;
}

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

Experiment load_experiment(const std::string& path) {
  const TomlFile file = read_toml_file(path, "experiment file");
  const toml::table& root = file.root;
  Experiment x;
  x.text = file.text;
  std::int64_t replicates = 1, first_seed = 1;
  std::optional<PosteriorDraws> posterior;
  // What multiplies the number of runs, and where each factor was written.
  std::vector<std::pair<std::size_t, SourcePos>> factors;
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
      for (const auto& item : *list) {
        const auto* arm = item.as_table();
        const auto name = arm ? (*arm)["name"].value<std::string>() : std::nullopt;
        const auto* set = arm ? (*arm)["set"].as_table() : nullptr;
        bool known_keys = arm != nullptr;
        if (arm) {
          for (auto&& [arm_key, unused] : *arm)
            known_keys = known_keys && (arm_key == "name" || arm_key == "set");
        }
        if (!name || !known_keys || (arm->contains("set") && !set)) {
          throw ConfigError(at(path, item),
                            "arm: expected name = \"...\" and set = { key = value, ... }");
        }
        for (const auto& other : x.arms) {
          if (other.name == *name) {
            throw ConfigError(at(path, (*arm)["name"].as_string() ? *(*arm)["name"].node() : item),
                              "arm: the name \"" + excerpt(*name) +
                                  "\" is used twice; expected a different name for every arm");
          }
        }
        x.arms.push_back({*name, set ? overrides(*set, path) : std::vector<Override>{}});
      }
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
        GridAxis axis{std::string(gkey.str()), {}, at(path, values)};
        factors.emplace_back(list->size(), axis.where);
        check_run_count(factors);
        for (const auto& v : *list) axis.values.push_back(text_of(v));
        x.grid.push_back(std::move(axis));
      }
    } else if (k == "sample") {
      if (!node.is_table())
        throw ConfigError(at(path, node),
                          "sample: expected a table: points = N, \"key\" = [min, max]");
      x.sample = parse_sample(*node.as_table(), path, factors);
    } else if (k == "posterior") {
      if (!node.is_table())
        throw ConfigError(at(path, node),
                          "posterior: expected a table: file = \"calibration.h5\", draws = N");
      posterior = parse_posterior(*node.as_table(), path);
    } else {
      throw ConfigError(where, "unknown key '" + excerpt(k) +
                                   "'; expected scenario, replicates, first_seed, set, arm, grid, "
                                   "sample or posterior");
    }
  }
  if (x.scenario.empty())
    throw ConfigError(SourcePos{path, 1, 1}, "no scenario; expected scenario = \"file.toml\"");
  if (x.arms.empty()) x.arms.push_back({"base", {}});
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
  check_run_count(factors);
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
