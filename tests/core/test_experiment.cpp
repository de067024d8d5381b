// Experiment files: the Latin hypercube sample and the order of runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/experiment.hpp"

using namespace aiplus::core;

namespace {

Sample hypercube(std::size_t points, std::uint64_t seed) {
  Sample s;
  s.points = points;
  s.seed = seed;
  s.axes = {{"a", 0.0, 1.0, false, {}}, {"b", -5.0, 3.0, false, {}}, {"c", 2, 11, true, {}}};
  draw_latin_hypercube(s);
  return s;
}

}  // namespace

TEST_CASE("every stratum of every axis is used by exactly one point") {
  for (const std::size_t n : {1u, 2u, 7u, 10u, 50u}) {
    const auto s = hypercube(n, 3);
    REQUIRE(s.values.size() == n);
    for (std::size_t k = 0; k < 2; ++k) {
      std::set<long> strata;
      for (const auto& point : s.values) {
        const auto& axis = s.axes[k];
        CHECK(point[k] >= axis.min);
        CHECK(point[k] < axis.max);
        strata.insert(
            static_cast<long>(std::floor((point[k] - axis.min) / (axis.max - axis.min) * n)));
      }
      CHECK(strata.size() == n);
    }
  }
}

TEST_CASE(
    "whole-number axes sample whole numbers over the closed range, each once when n = range") {
  const auto s = hypercube(10, 8);  // axis c: 2..11, ten values, ten points
  std::set<double> seen;
  for (const auto& point : s.values) {
    CHECK(point[2] == std::floor(point[2]));
    CHECK(point[2] >= 2);
    CHECK(point[2] <= 11);
    seen.insert(point[2]);
  }
  CHECK(seen.size() == 10);
  CHECK(sample_text(s.axes[2], 7.0) == "7");
}

TEST_CASE("the same seed gives the same points; another seed other points") {
  CHECK(hypercube(20, 5).values == hypercube(20, 5).values);
  CHECK(hypercube(20, 5).values != hypercube(20, 6).values);
}

TEST_CASE("axes are not paired in order: the points are shuffled independently per axis") {
  // With a shared permutation the two real axes' strata would agree at every point.
  const auto s = hypercube(50, 1);
  int agree = 0;
  for (const auto& p : s.values) {
    agree += static_cast<int>(std::floor(p[0] * 50)) ==
             static_cast<int>(std::floor((p[1] + 5) / 8 * 50));
  }
  CHECK(agree < 10);
}

TEST_CASE("sampled reals are written back exactly as TOML floats") {
  const SampleAxis axis{"x", 0, 1, false, {}};
  for (const double v : {0.1, 1.0 / 3.0, 2.0, 1e-7}) {
    const auto text = sample_text(axis, v);
    CHECK(std::stod(text) == v);
    CHECK(text.find_first_of(".e") != std::string::npos);
  }
}

TEST_CASE("runs of a cell are neighbours and differ only in seed") {
  Experiment x;
  x.seeds = {1, 2, 3};
  x.arms = {{"a", {}}, {"b", {}}};
  x.grid = {{"k", {"1", "2"}, {}}};
  x.sample = hypercube(4, 2);
  const auto runs = x.runs();
  REQUIRE(runs.size() == 2 * 2 * 4 * 3);
  CHECK(x.cells() == 16);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    CHECK(runs[r].cell == r / 3);
    CHECK(runs[r].seed == 1 + r % 3);
    if (r % 3 != 0) {
      CHECK(runs[r].arm == runs[r - 1].arm);
      CHECK(runs[r].point == runs[r - 1].point);
      CHECK(runs[r].sample == runs[r - 1].sample);
    }
  }
}
