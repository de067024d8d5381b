// The targets of a calibration: each observation read from the targets file, checked, and
// placed on its population's output series, band and month.
#include "cli/calibrate/calibration_targets.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "agents/scenario.hpp"
#include "core/config/toml_input.hpp"

namespace aiplus::cli {

using core::ConfigError;
using core::SourcePos;

std::string required_text(const toml::node& node, const std::string& source,
                          const std::string& name, const std::string& what) {
  const auto v = node.value<std::string>();
  if (!v || v->empty())
    throw ConfigError(core::at(source, node), name + ": expected " + what + ", as a quoted string");
  return *v;
}

namespace {

// Finds the target's series and band in its population's outputs and its row in the run.
void place(CalibrationTarget& target, const toml::table& entry, const core::Config& config,
           const std::vector<core::GroupInfo>& groups, const std::string& source) {
  try {
    const auto at = find_target_series(groups, target.series);
    const auto& group = groups[at.group];
    target.group = at.group;
    target.unit = group.series[at.offset / group.width()].units;
    try {
      target.index = at.offset + band_position(group, target.band);
    } catch (const std::invalid_argument& e) {
      const auto* band = entry.get("band");
      throw ConfigError(core::at(source, band ? *band : *entry.get("series")), e.what());
    }
  } catch (const std::invalid_argument& e) {
    throw ConfigError(core::at(source, *entry.get("series")), e.what());
  }
  const auto calendar = agents::settings(config).calendar();
  core::MonthIndex month = 0;
  const auto& date = *entry.get("date");
  if (!core::parse_month(target.date, month))
    throw ConfigError(core::at(source, date), "date: cannot read '" + target.date +
                                                  "'; expected a month \"YYYY-MM\", e.g. "
                                                  "\"2023-02\"");
  const std::int64_t row = calendar.row(month) + 1;  // the end of the month starts the next
  if (row < 1 || row > core::Calendar::kMaxSteps)
    throw ConfigError(core::at(source, date), "date " + target.date +
                                                  " is outside the run; expected a month from " +
                                                  calendar.label(0) + " (simulation.start) to " +
                                                  calendar.label(core::Calendar::kMaxSteps - 1));
  target.row = static_cast<std::uint32_t>(row);
}

// "'eu', 'us'": the populations' names, for messages that list what was expected.
std::string quoted_names(const std::vector<CalibrationPopulation>& populations) {
  std::string names;
  for (const auto& p : populations) names += (names.empty() ? "'" : ", '") + p.name + "'";
  return names;
}

}  // namespace

void read_targets(Calibration& c, const std::vector<std::vector<core::GroupInfo>>& outputs) {
  const auto file = core::read_toml_file(c.targets_path, "targets file");
  const std::string& source = c.targets_path;
  c.targets_text = file.text;
  for (auto&& [key, node] : file.root) {
    if (key != "target")
      throw ConfigError(core::at(source, key),
                        "unknown key '" + std::string(key.str()) + "'; expected [[target]] tables");
  }
  const auto* list = file.root["target"].as_array();
  if (!list || list->empty())
    throw ConfigError({source, 1, 1},
                      "no targets; expected [[target]] tables with population, series, date, "
                      "value and se");
  std::set<std::string> labels;
  for (const auto& item : *list) {
    const auto* entry = item.as_table();
    if (!entry) throw ConfigError(core::at(source, item), "a target: expected a [[target]] table");
    CalibrationTarget t;
    t.where = core::at(source, item);
    std::string population;
    for (auto&& [k, v] : *entry) {
      if (k == "population" || k == "series" || k == "band" || k == "date" || k == "source") {
        const std::string value = required_text(v, source, std::string(k.str()), "text");
        (k == "population" ? population
         : k == "series"   ? t.series
         : k == "band"     ? t.band
         : k == "date"     ? t.date
                           : t.source) = value;
      } else if (k == "value" || k == "se") {
        const auto x = v.value<double>();
        if (!x || !std::isfinite(*x) || (k == "se" && !(*x > 0)))
          throw ConfigError(core::at(source, v), std::string(k.str()) + ": expected a finite " +
                                                     (k == "se" ? "number > 0" : "number"));
        (k == "value" ? t.value : t.se) = *x;
      } else {
        throw ConfigError(core::at(source, k),
                          "unknown key '" + std::string(k.str()) +
                              "' in a target; expected population, series, band, date, value, "
                              "se or source");
      }
    }
    for (const char* required : {"population", "series", "date", "value", "se"}) {
      if (!entry->contains(required))
        throw ConfigError(t.where, std::string("a target without ") + required +
                                       "; expected population, series, date, value and se");
    }
    const auto found =
        std::find_if(c.populations.begin(), c.populations.end(),
                     [&](const CalibrationPopulation& p) { return p.name == population; });
    if (found == c.populations.end()) {
      throw ConfigError(core::at(source, *entry->get("population")),
                        "unknown population '" + population + "'; expected one of " +
                            quoted_names(c.populations) +
                            " (the calibration file's [populations])");
    }
    t.population = static_cast<std::size_t>(found - c.populations.begin());
    place(t, *entry, found->config, outputs[t.population], source);
    t.label = population + " " + t.series + (t.band.empty() ? "" : " " + t.band) + " " + t.date;
    if (!labels.insert(t.label).second)
      throw ConfigError(t.where, "target '" + t.label +
                                     "' is given twice; expected each population, series, band "
                                     "and date once");
    found->targets.push_back(c.targets.size());
    c.targets.push_back(std::move(t));
  }
}

// Keeps the populations named in `only` (every one when empty) and their targets; the
// others' targets were read and checked all the same, so a typo still fails.
void keep_only(Calibration& c, std::vector<SourcePos>& population_where,
               const std::vector<std::string>& only, const SourcePos& populations_at) {
  if (only.empty()) return;
  for (const auto& name : only) {
    if (std::none_of(c.populations.begin(), c.populations.end(),
                     [&](const CalibrationPopulation& p) { return p.name == name; }))
      throw ConfigError(populations_at, "--only '" + name +
                                            "' is not a population of [populations]; expected "
                                            "one of " +
                                            quoted_names(c.populations));
  }
  // New index of each kept population (npos: left out); targets keep the file's order,
  // so naming every population gives the file a plain calibration writes.
  constexpr auto kOut = static_cast<std::size_t>(-1);
  std::vector<std::size_t> index(c.populations.size(), kOut);
  std::vector<CalibrationPopulation> populations;
  std::vector<SourcePos> where;
  for (std::size_t i = 0; i < c.populations.size(); ++i) {
    if (std::find(only.begin(), only.end(), c.populations[i].name) == only.end()) continue;
    index[i] = populations.size();
    populations.push_back(std::move(c.populations[i]));
    populations.back().targets.clear();
    where.push_back(population_where[i]);
  }
  std::vector<CalibrationTarget> targets;
  for (auto& t : c.targets) {
    if (index[t.population] == kOut) continue;
    t.population = index[t.population];
    populations[t.population].targets.push_back(targets.size());
    targets.push_back(std::move(t));
  }
  c.populations = std::move(populations), c.targets = std::move(targets);
  population_where = std::move(where);
}

core::SeriesAt find_target_series(const std::vector<core::GroupInfo>& groups,
                                  std::string_view series) {
  const auto slash = series.rfind('/');
  const std::string group(series.substr(0, slash == std::string_view::npos ? 0 : slash));
  const std::string name(slash == std::string_view::npos ? series : series.substr(slash + 1));
  std::string known;
  for (const auto& g : groups) {
    known += (known.empty() ? "" : ", ") + g.name;
    if (g.name != group) continue;
    std::string names;
    for (const auto& s : g.series) names += (names.empty() ? "" : ", ") + s.name;
    try {
      return core::find_series(groups, group, name);
    } catch (const std::out_of_range&) {
      throw std::invalid_argument("series: the " + group + " group has no series '" + name +
                                  "'; expected one of " + names);
    }
  }
  throw std::invalid_argument("series: no output group '" + group +
                              "' in this population's runs; expected \"group/name\" with a "
                              "group among " +
                              known + " (`aiplus outputs CONFIG` lists them)");
}

std::size_t band_position(const core::GroupInfo& group, std::string_view band) {
  if (group.dimensions.empty()) {
    if (band.empty()) return 0;
    throw std::invalid_argument("band: the " + group.name +
                                " group has no labelled dimension; expected no band");
  }
  if (group.dimensions.size() > 1)
    throw std::invalid_argument("series: the " + group.name + " group has " +
                                std::to_string(group.dimensions.size()) +
                                " dimensions; expected a group with none or one labelled "
                                "dimension");
  const auto& labels = group.dimensions.front().labels;
  std::string all;
  for (const auto& l : labels) all += (all.empty() ? "\"" : "\", \"") + l;
  const auto it = std::find(labels.begin(), labels.end(), band);
  if (band.empty() || it == labels.end())
    throw std::invalid_argument(
        "band: " + (band.empty() ? "none given" : "'" + std::string(band) + "' is not a label") +
        " of the " + group.name + " group's " + group.dimensions.front().name +
        " dimension; expected one of " + all + "\"");
  return static_cast<std::size_t>(it - labels.begin());
}

}  // namespace aiplus::cli
