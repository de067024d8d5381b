// The [sample] of an experiment file: a Latin hypercube, a Saltelli design or a Morris
// design over ranges, and what its sensitivity analysis reads.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/config/input.hpp"
#include "core/engine/rng.hpp"
#include "core/study/sweep/experiment_toml.hpp"

namespace aiplus::core {
namespace {

// What a method needs to know how many points to draw.
std::string sizing_of(SampleMethod method) {
  switch (method) {
    case SampleMethod::Sobol:
      return "base = N (base rows, N >= 2)";
    case SampleMethod::Morris:
      return "trajectories = r (r >= 2)";
    case SampleMethod::Lhs:
      break;
  }
  return "points = N";
}

// The method a sizing key belongs to.
SampleMethod owner_of(const std::string& key) {
  if (key == "base" || key == "bootstrap") return SampleMethod::Sobol;
  if (key == "trajectories" || key == "levels") return SampleMethod::Morris;
  return SampleMethod::Lhs;
}

SampleMethod parse_method(const toml::table& table, const std::string& path) {
  const auto* node = table.get("method");
  if (!node) return SampleMethod::Lhs;
  const auto name = node->value<std::string>();
  for (const auto m : {SampleMethod::Lhs, SampleMethod::Sobol, SampleMethod::Morris})
    if (name && *name == method_name(m)) return m;
  throw ConfigError(at(path, *node),
                    "sample.method: unknown method " +
                        (name ? "'" + excerpt(*name) + "'" : std::string("(not a word)")) +
                        "; expected \"lhs\" (Latin hypercube), \"sobol\" (Saltelli design, "
                        "Sobol' indices) or \"morris\" (elementary effects)");
}

// A list of distinct words, e.g. outputs = ["ai_tfp_term", "sme_gap"].
std::vector<Named> parse_names(const toml::node& node, const std::string& key,
                               const std::string& path, bool months) {
  const auto* list = node.as_array();
  const std::string expected =
      months ? "a list of distinct months \"YYYY-MM\"" : "a list of distinct national series names";
  if (!list || list->empty())
    throw ConfigError(at(path, node), "sample." + key + ": expected " + expected);
  std::vector<Named> out;
  for (const auto& item : *list) {
    const auto word = item.value<std::string>();
    MonthIndex month = 0;
    const bool repeated = word && std::any_of(out.begin(), out.end(),
                                              [&](const Named& n) { return n.name == *word; });
    if (!word || word->empty() || repeated || (months && !parse_month(*word, month))) {
      throw ConfigError(at(path, item), "sample." + key + ": " +
                                            (word ? "'" + excerpt(*word) + "'" : "a value") +
                                            (repeated ? " is listed twice" : " is not valid") +
                                            "; expected " + expected);
    }
    out.push_back({*word, at(path, item)});
  }
  return out;
}

// A range: [min, max], or "plausible" for the key's plausible range in the schema.
SampleAxis parse_axis(const std::string& k, const toml::node& node, const std::string& path,
                      const Schema* schema) {
  const SourcePos where = at(path, node);
  if (const auto word = node.value<std::string>()) {
    if (*word != "plausible")
      throw ConfigError(where, "sample." + excerpt(k) +
                                   ": expected a range [min, max] of two numbers, or "
                                   "\"plausible\" for the key's plausible range");
    const ParamSpec* spec = schema ? schema->find(k) : nullptr;
    if (!spec) {
      const auto near = schema ? schema->nearest(k) : std::string();
      throw ConfigError(where, "sample." + excerpt(k) + ": unknown key" +
                                   (near.empty() ? "" : "; did you mean '" + near + "'?") +
                                   "; expected a key `aiplus params` lists, for \"plausible\"");
    }
    if (!spec->has_plausible())
      throw ConfigError(where, "sample." + excerpt(k) +
                                   ": the key has no plausible range (`aiplus params --json` "
                                   "lists them); expected a range [min, max] of two numbers");
    return {k, spec->plausible_min, spec->plausible_max, spec->kind == Kind::Integer, where};
  }
  const auto* range = node.as_array();
  if (!range || range->size() != 2 || !(*range)[0].is_number() || !(*range)[1].is_number()) {
    throw ConfigError(where, "sample." + excerpt(k) +
                                 ": expected a range [min, max] of two numbers, or \"plausible\"");
  }
  SampleAxis axis{k, *(*range)[0].value<double>(), *(*range)[1].value<double>(),
                  (*range)[0].is_integer() && (*range)[1].is_integer(), where};
  if (!(axis.min <= axis.max)) {
    throw ConfigError(where, "sample." + excerpt(k) + ": the range's min " + text_of((*range)[0]) +
                                 " is above its max " + text_of((*range)[1]) +
                                 "; expected [min, max]");
  }
  return axis;
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

void draw_sample(Sample& sample) {
  if (sample.method == SampleMethod::Lhs) return draw_latin_hypercube(sample);
  const std::size_t k = sample.axes.size();
  std::vector<FactorRange> ranges;
  for (const auto& axis : sample.axes) ranges.push_back({axis.min, axis.max, false, axis.whole});
  if (sample.method == SampleMethod::Sobol) {
    sample.saltelli = saltelli_design(k, sample.base);
    sample.values = scale_points(sample.saltelli.points, ranges);
  } else {
    sample.morris = morris_design(k, sample.trajectories, sample.levels, sample.seed);
    sample.values = scale_points(sample.morris.points, ranges);
  }
  sample.points = sample.values.size();
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

namespace detail {

Sample parse_sample(const toml::table& table, const std::string& path, RunFactors& factors,
                    const Schema* schema) {
  Sample sample;
  sample.where = at(path, table);
  sample.method = parse_method(table, path);
  const toml::node* sizing = nullptr;  // what sets the number of points
  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    if (k == "method") continue;
    if (k == "seed") {
      const auto v = node.value_exact<std::int64_t>();
      if (!v || *v < 0)
        throw ConfigError(at(path, node), "sample.seed: expected a whole number >= 0");
      sample.seed = static_cast<std::uint64_t>(*v);
    } else if (k == "points" || k == "base" || k == "bootstrap" || k == "trajectories" ||
               k == "levels") {
      const auto owner = owner_of(k);
      if (owner != sample.method)
        throw ConfigError(at(path, node), "sample." + k + ": belongs to method \"" +
                                              method_name(owner) + "\", not \"" +
                                              method_name(sample.method) + "\"; expected " +
                                              sizing_of(sample.method));
      const std::int64_t lo = k == "bootstrap" ? 0 : (k == "points" ? 1 : 2);
      const std::int64_t hi = k == "bootstrap" ? 100'000
                              : k == "levels"  ? 1000
                                               : static_cast<std::int64_t>(kMaxRuns);
      const auto v = node.value_exact<std::int64_t>();
      if (!v || *v < lo || *v > hi || (k == "levels" && *v % 2 != 0)) {
        throw ConfigError(at(path, node), "sample." + k + ": expected " +
                                              (k == "levels" ? "an even " : "a ") +
                                              "whole number in [" + std::to_string(lo) + ", " +
                                              std::to_string(hi) + "]");
      }
      const auto n = static_cast<std::size_t>(*v);
      if (k == "points") sample.points = n, sizing = &node;
      if (k == "base") sample.base = n, sizing = &node;
      if (k == "trajectories") sample.trajectories = n, sizing = &node;
      if (k == "bootstrap") sample.bootstrap = n;
      if (k == "levels") sample.levels = n;
    } else if (k == "outputs" || k == "dates") {
      (k == "outputs" ? sample.outputs : sample.dates) = parse_names(node, k, path, k == "dates");
    } else {
      sample.axes.push_back(parse_axis(k, node, path, schema));
    }
  }
  if (!sizing || sample.axes.empty()) {
    throw ConfigError(sample.where, "sample: expected " + sizing_of(sample.method) +
                                        " and at least one \"key\" = [min, max]");
  }
  const std::size_t k = sample.axes.size();
  const std::size_t points = sample.method == SampleMethod::Sobol    ? sample.base * (k + 2)
                             : sample.method == SampleMethod::Morris ? sample.trajectories * (k + 1)
                                                                     : sample.points;
  factors.emplace_back(points, at(path, *sizing));
  check_run_count(factors);
  try {
    draw_sample(sample);
  } catch (const std::invalid_argument& e) {  // e.g. more keys than Sobol' dimensions
    throw ConfigError(at(path, *sizing),
                      std::string("sample: ") + e.what() + "; expected fewer keys");
  }
  return sample;
}

}  // namespace detail
}  // namespace aiplus::core
