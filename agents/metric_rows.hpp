// Inside the agents layer: what the rows of the output groups share (their type, the
// ratios and shares they are made of), and the national rows, kept in their own file.
#pragma once

#include <limits>
#include <vector>

#include "agents/metrics.hpp"

namespace aiplus::agents {

using Row = core::SeriesDef<Sums, FrameContext>;
using X = FrameContext;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

/// A share that is undefined (NaN) where nothing is there to share.
inline double share(double a, double b) {
  return b > 0 ? a / b : kNaN;
}

/// A series that is NaN where undefined.
inline core::SeriesInfo maybe(core::SeriesInfo info) {
  info.missing = true;
  return info;
}

/// The rows of /national.
std::vector<Row> national_rows();

}  // namespace aiplus::agents
