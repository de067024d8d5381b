#include "core/experiment.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>

namespace aiplus::core {
namespace {

SourcePos at(const std::string& source, const toml::node& node) {
  return {source, node.source().begin.line, node.source().begin.column};
}

// A TOML value written back as text, for Config::set_from_toml.
std::string text_of(const toml::node& node) {
  std::ostringstream out;
  if (const auto* s = node.as_string()) {
    out << '"' << s->get() << '"';  // a bare word would also be taken as text, but be explicit
  } else {
    node.visit([&](const auto& v) { out << v; });
  }
  return out.str();
}

std::vector<Override> overrides(const toml::table& table, const std::string& source) {
  std::vector<Override> out;
  for (auto&& [key, value] : table)
    out.push_back({std::string(key.str()), text_of(value), at(source, value)});
  return out;
}

}  // namespace

std::vector<Experiment::Run> Experiment::runs() const {
  std::vector<Run> out;
  std::size_t points = 1;
  for (const auto& axis : grid) points *= axis.values.size();
  for (std::size_t a = 0; a < arms.size(); ++a) {
    for (std::size_t p = 0; p < points; ++p) {
      std::vector<std::size_t> point(grid.size());
      std::size_t rest = p;
      for (std::size_t k = grid.size(); k-- > 0;)
        point[k] = rest % grid[k].values.size(), rest /= grid[k].values.size();
      for (auto seed : seeds) out.push_back({a, point, seed, a * points + p});
    }
  }
  return out;
}

std::size_t Experiment::cells() const {
  std::size_t points = 1;
  for (const auto& axis : grid) points *= axis.values.size();
  return arms.size() * points;
}

Config Experiment::config(const Schema& schema, const Run& run,
                          const std::vector<std::string>& extra) const {
  Config config = Config::load(schema, scenario);
  for (const auto& o : set) config.set_from_toml(o.key, o.value, o.where);
  for (const auto& o : arms[run.arm].set) config.set_from_toml(o.key, o.value, o.where);
  for (std::size_t k = 0; k < grid.size(); ++k)
    config.set_from_toml(grid[k].key, grid[k].values[run.point[k]], grid[k].where);
  for (const auto& assignment : extra) config.set(assignment);
  config.set("simulation.seed", static_cast<std::int64_t>(run.seed), {"experiment seed", 1, 1});
  return config;
}

Experiment load_experiment(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ConfigError(SourcePos{path, 1, 1},
                      "cannot open the experiment file; expected a readable TOML file");
  std::ostringstream text;
  text << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(SourcePos{path, e.source().begin.line, e.source().begin.column},
                      "syntax error: " + std::string(e.description()));
  }
  Experiment x;
  x.text = text.str();
  std::int64_t replicates = 1, first_seed = 1;
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    const SourcePos where{path, key.source().begin.line, key.source().begin.column};
    if (k == "scenario") {
      const auto v = node.value<std::string>();
      if (!v)
        throw ConfigError(at(path, node),
                          "scenario: expected the path of a scenario file, as a quoted string");
      const auto slash = path.find_last_of('/');
      x.scenario =
          (v->front() == '/' || slash == std::string::npos) ? *v : path.substr(0, slash + 1) + *v;
    } else if (k == "replicates" || k == "first_seed") {
      const auto v = node.value_exact<std::int64_t>();
      if (!v || *v < (k == "replicates" ? 1 : 0)) {
        throw ConfigError(at(path, node),
                          k + ": expected a whole number " + (k == "replicates" ? ">= 1" : ">= 0"));
      }
      (k == "replicates" ? replicates : first_seed) = *v;
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
        x.arms.push_back({*name, set ? overrides(*set, path) : std::vector<Override>{}});
      }
    } else if (k == "grid") {
      if (!node.is_table())
        throw ConfigError(at(path, node),
                          "grid: expected a table of config keys and lists of values");
      for (auto&& [gkey, values] : *node.as_table()) {
        const auto* list = values.as_array();
        if (!list || list->empty()) {
          throw ConfigError(at(path, values), "grid." + std::string(gkey.str()) +
                                                  ": expected a non-empty list of values");
        }
        GridAxis axis{std::string(gkey.str()), {}, at(path, values)};
        for (const auto& v : *list) axis.values.push_back(text_of(v));
        x.grid.push_back(std::move(axis));
      }
    } else {
      throw ConfigError(
          where,
          "unknown key '" + k + "'; expected scenario, replicates, first_seed, set, arm or grid");
    }
  }
  if (x.scenario.empty())
    throw ConfigError(SourcePos{path, 1, 1}, "no scenario; expected scenario = \"file.toml\"");
  if (x.arms.empty()) x.arms.push_back({"base", {}});
  for (std::int64_t r = 0; r < replicates; ++r)
    x.seeds.push_back(static_cast<std::uint64_t>(first_seed + r));
  return x;
}

}  // namespace aiplus::core
