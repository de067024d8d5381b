// Output series declared once: a table row per series holds its name, unit,
// description, definition and how its value is computed from what a model hands
// over each step. The writers, run summaries, milestones and the documentation
// (`aiplus outputs`) all read the same rows.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/engine/sink.hpp"

namespace aiplus::core {

/// One series of a group: what it is, and its value at a position of the group's
/// dimensions (0 for a group without dimensions) from the step's inputs.
template <class... In>
struct SeriesDef {
  SeriesInfo info;
  std::function<double(const In&..., std::size_t position)> value;
};

/// A group of series sharing dimensions, computed from the same inputs.
template <class... In>
struct GroupDef {
  std::string name;
  std::vector<Dimension> dimensions;
  std::vector<SeriesDef<In...>> series;

  /// What a sink needs to know of the group.
  [[nodiscard]] GroupInfo info() const {
    GroupInfo g{name, dimensions, {}};
    for (const auto& s : series) g.series.push_back(s.info);
    return g;
  }
  /// Computes every series at every position into `out` (series-major).
  void fill(std::vector<double>& out, const In&... in) const {
    const std::size_t width = info_width();
    out.resize(series.size() * width);
    for (std::size_t s = 0; s < series.size(); ++s)
      for (std::size_t k = 0; k < width; ++k) out[s * width + k] = series[s].value(in..., k);
  }

 private:
  [[nodiscard]] std::size_t info_width() const {
    std::size_t w = 1;
    for (const auto& d : dimensions) w *= d.labels.size();
    return w;
  }
};

/// The infos of a list of group definitions.
template <class... In>
[[nodiscard]] std::vector<GroupInfo> infos(const std::vector<GroupDef<In...>>& groups) {
  std::vector<GroupInfo> out;
  for (const auto& g : groups) out.push_back(g.info());
  return out;
}

/// Where a series lies in a frame: its group and its offset within the group.
struct SeriesAt {
  std::size_t group = 0;
  std::size_t offset = 0;  ///< series index x the group's width
};

/// Finds a series by group and name; throws std::out_of_range when there is none.
[[nodiscard]] inline SeriesAt find_series(const std::vector<GroupInfo>& groups,
                                          std::string_view group, std::string_view name) {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].name != group) continue;
    for (std::size_t s = 0; s < groups[g].series.size(); ++s)
      if (groups[g].series[s].name == name) return {g, s * groups[g].width()};
  }
  throw std::out_of_range("no output series " + std::string(group) + "/" + std::string(name));
}

}  // namespace aiplus::core
