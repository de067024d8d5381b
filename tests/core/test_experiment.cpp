// Experiment files: the Latin hypercube sample and the order of runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
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

namespace {

// The diagnostic that loading an experiment of this text throws.
Diagnostic experiment_refusal(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / "aiplus_test_experiment.toml";
  std::ofstream(path) << text;
  try {
    (void)load_experiment(path.string());
  } catch (const ConfigError& e) {
    std::filesystem::remove(path);
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0];
  }
  std::filesystem::remove(path);
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("an experiment of too many runs is refused before anything is allocated for them") {
  const std::string head = "scenario = \"base.toml\"\n";
  auto d = experiment_refusal(head + "replicates = 100000000\n");
  CHECK(d.where.line == 2);
  CHECK(d.message == "replicates: expected a whole number in [1, 1000000]");
  d = experiment_refusal(head + "[sample]\npoints = 1000000000\n\"a.b\" = [0, 1]\n");
  CHECK(d.where.line == 3);
  // A 3000 x 3000 grid: the largest factor (the first axis of equals) is named.
  std::string axis = "[";
  for (int k = 0; k < 3000; ++k) axis += std::to_string(k) + ", ";
  axis += "0]\n";
  d = experiment_refusal(head + "replicates = 2\n[grid]\n\"a.b\" = " + axis + "\"a.c\" = " + axis);
  CHECK(d.where.line == 4);
  CHECK(d.message.find("more than 1000000 runs") != std::string::npos);
  d = experiment_refusal(head + "replicates = 1000\n[sample]\npoints = 1001\n\"a.b\" = [0, 1]\n");
  CHECK(d.message.find("more than 1000000 runs") != std::string::npos);
}

TEST_CASE("two arms of one name are refused") {
  const auto d = experiment_refusal(
      "scenario = \"base.toml\"\n[[arm]]\nname = \"x\"\n[[arm]]\nname = \"y\"\n[[arm]]\nname = "
      "\"x\"\n");
  CHECK(d.where.line == 7);
  CHECK(d.message == "arm: the name \"x\" is used twice; expected a different name for every arm");
}
