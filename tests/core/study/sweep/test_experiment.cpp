// Experiment files: the Latin hypercube sample and the order of runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/study/sweep/experiment.hpp"

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

// A schema of two keys, one with a plausible range.
Schema plausible_schema() {
  Schema schema;
  ParamSpec p{"adoption.p", Kind::Real, 0.01, "1/step", "external influence", "adoption", 0.0, 1.0};
  p.plausible_min = 0.001, p.plausible_max = 0.05;
  schema.add(p);
  schema.add({"adoption.q", Kind::Real, 0.3, "1/step", "imitation", "adoption", 0.0, 1.0});
  return schema;
}

// An experiment read from text.
Experiment experiment_of(const std::string& text, const Schema* schema = nullptr) {
  const auto path = std::filesystem::temp_directory_path() / "aiplus_test_experiment_ok.toml";
  std::ofstream(path) << text;
  auto x = load_experiment(path.string(), schema);
  std::filesystem::remove(path);
  return x;
}

// The diagnostic that loading an experiment of this text throws.
Diagnostic experiment_refusal(const std::string& text, const Schema* schema = nullptr) {
  const auto path = std::filesystem::temp_directory_path() / "aiplus_test_experiment.toml";
  std::ofstream(path) << text;
  try {
    (void)load_experiment(path.string(), schema);
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

TEST_CASE("a Sobol' sample is a Saltelli design of N (k + 2) points mapped onto the ranges") {
  const auto schema = plausible_schema();
  const auto x = experiment_of(
      "scenario = \"base.toml\"\n[sample]\nmethod = \"sobol\"\nbase = 8\nbootstrap = 50\n"
      "\"adoption.p\" = \"plausible\"\n\"adoption.q\" = [0.1, 0.5]\noutputs = [\"a\"]\n"
      "dates = [\"2027-12\"]\n",
      &schema);
  CHECK(x.sample.method == SampleMethod::Sobol);
  REQUIRE(x.sample.points == 8 * 4);
  CHECK(x.sample.bootstrap == 50);
  CHECK(x.sample.axes[0].min == 0.001);
  CHECK(x.sample.axes[0].max == 0.05);
  for (std::size_t r = 0; r < x.sample.points; ++r) {
    CHECK(x.sample.values[r][0] == doctest::Approx(0.001 + 0.049 * x.sample.saltelli.points[r][0]));
    CHECK(x.sample.values[r][1] >= 0.1);
    CHECK(x.sample.values[r][1] <= 0.5);
  }
  CHECK(x.sample.outputs[0].name == "a");
  CHECK(x.sample.dates[0].name == "2027-12");
  CHECK(x.cells() == 32);
}

TEST_CASE("a Morris sample is r (k + 1) points on the grid of its levels") {
  const auto x = experiment_of(
      "scenario = \"base.toml\"\n[sample]\nmethod = \"morris\"\ntrajectories = 3\nlevels = 4\n"
      "\"a.b\" = [0.0, 3.0]\n\"a.c\" = [1.0, 2.0]\n");
  REQUIRE(x.sample.points == 3 * 3);
  for (const auto& point : x.sample.values)
    CHECK(point[0] == std::round(point[0]));  // levels 0, 1/3, 2/3, 1 of [0, 3]
}

TEST_CASE("bad sensitivity designs are refused where they are written") {
  const auto schema = plausible_schema();
  const std::string head = "scenario = \"base.toml\"\n[sample]\n";
  auto d = experiment_refusal(head + "method = \"sobol\"\n\"adoption.q\" = [0, 1]\n");
  CHECK(d.where.line == 2);
  CHECK(d.message.find("base = N") != std::string::npos);
  d = experiment_refusal(head + "method = \"sobol\"\nbase = 0\n\"adoption.q\" = [0, 1]\n");
  CHECK(d.where.line == 4);
  CHECK(d.message == "sample.base: expected a whole number in [2, 1000000]");
  d = experiment_refusal(head + "method = \"fast\"\nbase = 4\n\"adoption.q\" = [0, 1]\n");
  CHECK(d.where.line == 3);
  CHECK(d.message.find("unknown method 'fast'") != std::string::npos);
  d = experiment_refusal(head + "method = \"sobol\"\nbase = 4\n\"adoption.q\" = \"plausible\"\n",
                         &schema);
  CHECK(d.where.line == 5);
  CHECK(d.message.find("no plausible range") != std::string::npos);
  d = experiment_refusal(head + "points = 4\ntrajectories = 3\n\"adoption.q\" = [0, 1]\n");
  CHECK(d.message.find("belongs to method \"morris\"") != std::string::npos);
  d = experiment_refusal(head +
                         "method = \"morris\"\ntrajectories = 3\nlevels = 3\n\"a.b\" = [0, 1]\n");
  CHECK(d.message.find("an even whole number") != std::string::npos);
  d = experiment_refusal(head + "points = 4\n\"a.b\" = [0, 1]\ndates = [\"2027-13\"]\n");
  CHECK(d.where.line == 5);
}

TEST_CASE("arms with levels form a 2x2 factorial whose reference levels are the first arm's") {
  const auto x = experiment_of(
      "scenario = \"base.toml\"\n"
      "[[arm]]\nname = \"ll\"\nlevels = { b = \"off\", a = \"low\" }\n"
      "[[arm]]\nname = \"lh\"\nlevels = { b = \"on\", a = \"low\" }\n"
      "[[arm]]\nname = \"hh\"\nlevels = { a = \"high\", b = \"on\" }\n"
      "[[arm]]\nname = \"hl\"\nlevels = { a = \"high\", b = \"off\" }\n");
  REQUIRE(x.factorial);
  const auto& f = *x.factorial;
  CHECK(f.factors == std::array<std::string, 2>{"b", "a"});  // as the first arm writes them
  CHECK(f.levels[0][1] == "on");
  CHECK(f.levels[1][1] == "high");
  CHECK(f.arms == std::array<std::size_t, 4>{0, 1, 3, 2});  // (b0 a0), (b1 a0), (b0 a1), (b1 a1)
  auto d = experiment_refusal(
      "scenario = \"base.toml\"\n[[arm]]\nname = \"x\"\nlevels = { a = \"1\", b = \"1\" }\n"
      "[[arm]]\nname = \"y\"\nlevels = { a = \"2\", b = \"1\" }\n");
  CHECK(d.message.find("needs four arms") != std::string::npos);
  d = experiment_refusal(
      "scenario = \"base.toml\"\n[[arm]]\nname = \"w\"\nlevels = { a = \"1\", b = \"1\" }\n"
      "[[arm]]\nname = \"x\"\nlevels = { a = \"2\", b = \"1\" }\n"
      "[[arm]]\nname = \"y\"\nlevels = { a = \"2\", b = \"1\" }\n"
      "[[arm]]\nname = \"z\"\nlevels = { a = \"2\", b = \"2\" }\n");
  CHECK(d.where.line == 10);
  CHECK(d.message.find("the same levels as arm \"x\"") != std::string::npos);
}
