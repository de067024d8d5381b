// Posterior draws: systematic resampling, reading the last generation of a finished
// calibration, and experiments whose replicate k runs posterior draw k.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/study/calibration/hdf5_calibration.hpp"
#include "core/study/statistics.hpp"
#include "core/study/sweep/experiment.hpp"

using namespace aiplus::core;

namespace {

std::filesystem::path temp(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("aiplus_test_posterior_" + name);
}

CalibrationPlan plan() {
  CalibrationPlan p;
  p.calibration_text = "particles = 4\n";
  p.targets_text = "[[target]]\n";
  p.version = "test";
  p.fingerprint = "fedcba9876543210";
  p.parameters = {{"adoption.p", 0.001, 0.1, true}, {"adoption.q", 0.0, 1.0, false}};
  p.units = {"1/step", "1/step"};
  p.particles = 4;
  p.targets = {{"a national/adoption_share 2024-06", "a", "national/adoption_share", "", "2024-06",
                "made up", "1", 0.05, 0.01}};
  return p;
}

// A calibration file of two generations; the second has these particles and weights.
void write_calibration(const std::string& path, bool complete) {
  AbcState state;
  AbcGeneration g;
  g.tolerance = 1;
  g.particles = {{0.05, 0.5}, {0.05, 0.5}, {0.05, 0.5}, {0.05, 0.5}};
  g.weights = {0.25, 0.25, 0.25, 0.25};
  g.distances = {1, 1, 1, 1};
  Hdf5CalibrationFile file(path);
  file.create(plan(), true);
  state.generations.push_back(g);
  file.write_generation(state);
  g.particles = {{0.01, 0.1}, {0.02, 0.2}, {0.03, 0.3}, {0.04, 0.4}};
  g.weights = {0.5, 0.0, 0.25, 0.25};
  state.generations.push_back(g);
  file.write_generation(state);
  file.end(complete);
}

Schema schema() {
  Schema s;
  s.add({"adoption.p", Kind::Real, 0.03, "1/step", "external influence", "adoption", 0.0, 1.0});
  s.add({"adoption.q", Kind::Real, 0.38, "1/step", "imitation", "adoption", 0.0, 1.0});
  s.add({"simulation.seed", Kind::Integer, std::int64_t{1}, "-", "seed", "simulation", 0, 1000000});
  return s;
}

}  // namespace

TEST_CASE("systematic resampling draws each item floor or ceil of n w / W times, in order") {
  const std::vector<double> w = {0.1, 0.0, 0.45, 0.05, 0.4};
  for (const std::size_t n : {1u, 3u, 10u, 20u, 97u}) {
    const auto draws = systematic_resample(w, n);
    REQUIRE(draws.size() == n);
    CHECK(std::is_sorted(draws.begin(), draws.end()));
    std::map<std::size_t, std::size_t> count;
    for (const auto i : draws) ++count[i];
    CHECK(count[1] == 0);  // a weight of zero is never drawn
    for (std::size_t i = 0; i < w.size(); ++i) {
      const double expected = static_cast<double>(n) * w[i];
      CHECK(static_cast<double>(count[i]) >= std::floor(expected) - 1e-9);
      CHECK(static_cast<double>(count[i]) <= std::ceil(expected) + 1e-9);
    }
    CHECK(systematic_resample(w, n) == draws);
  }
  const std::vector<double> doubled = {0.2, 0.0, 0.9, 0.1, 0.8};  // weights need not sum to 1
  CHECK(systematic_resample(doubled, 20) == systematic_resample(w, 20));
  CHECK_THROWS_AS((void)systematic_resample(w, 0), std::invalid_argument);
  const std::vector<double> none = {0.0, 0.0};
  CHECK_THROWS_AS((void)systematic_resample(none, 3), std::invalid_argument);
}

TEST_CASE("the posterior is the last generation of a finished calibration") {
  const auto path = temp("finished.h5").string();
  write_calibration(path, true);
  const auto posterior = read_calibration_posterior(path);
  CHECK(posterior.keys == std::vector<std::string>{"adoption.p", "adoption.q"});
  CHECK(posterior.generation == 1);
  CHECK(posterior.weights == std::vector<double>{0.5, 0.0, 0.25, 0.25});
  REQUIRE(posterior.values.size() == 4);
  CHECK(posterior.values[2] == std::vector<double>{0.03, 0.3});

  write_calibration(path, false);
  CHECK_THROWS_WITH_AS((void)read_calibration_posterior(path),
                       doctest::Contains("has not finished"), std::runtime_error);
  std::ofstream(path, std::ios::trunc) << "not hdf5\n";
  CHECK_THROWS_AS((void)read_calibration_posterior(path), std::runtime_error);
  std::filesystem::remove(path);
}

TEST_CASE("replicate k of every arm runs posterior draw k with seed first_seed + k") {
  const auto calibration = temp("draws.h5");
  const auto scenario = temp("base.toml");
  const auto experiment = temp("experiment.toml");
  write_calibration(calibration.string(), true);
  std::ofstream(scenario) << "[adoption]\np = 0.03\n";
  std::ofstream(experiment) << "scenario = \"" << scenario.filename().string() << "\"\n"
                            << "first_seed = 7\n"
                            << "[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\n"
                            << "set = { \"adoption.q\" = 0.9 }\n"
                            << "[posterior]\nfile = \"" << calibration.filename().string()
                            << "\"\ndraws = 4\n";
  const auto x = load_experiment(experiment.string());
  CHECK(x.seeds == std::vector<std::uint64_t>{7, 8, 9, 10});
  // Weights 0.5, 0, 0.25, 0.25 over 4 draws: particles 0, 0, 2, 3.
  CHECK(x.posterior.particles == std::vector<std::size_t>{0, 0, 2, 3});
  const auto s = schema();
  const auto base = x.base(s);
  for (const auto& run : x.runs()) {
    const auto config = x.config(base, run, {}, "simulation.seed");
    const auto k = static_cast<std::size_t>(run.seed - 7);
    const double p = x.posterior.values[k][0];
    CHECK(config.real("adoption.p") == p);
    CHECK(config.integer("simulation.seed") == static_cast<std::int64_t>(run.seed));
    // What the experiment sets wins over the draw.
    CHECK(config.real("adoption.q") == (run.arm == 1 ? 0.9 : x.posterior.values[k][1]));
  }

  // replicates, when given, must equal draws; a file that is not a finished calibration
  // is refused at posterior.file.
  std::ofstream(experiment) << "scenario = \"base.toml\"\nreplicates = 3\n[posterior]\nfile = \""
                            << calibration.filename().string() << "\"\ndraws = 4\n";
  try {
    (void)load_experiment(experiment.string());
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.diagnostics()[0].where.line == 2);
    CHECK(e.diagnostics()[0].message.find("differs from posterior.draws 4") != std::string::npos);
  }
  std::ofstream(experiment) << "scenario = \"base.toml\"\n[posterior]\nfile = \""
                            << "missing.h5"
                            << "\"\ndraws = 4\n";
  try {
    (void)load_experiment(experiment.string());
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.diagnostics()[0].where.line == 3);
    CHECK(e.diagnostics()[0].message.find("posterior.file: ") == 0);
  }
  for (const auto& p : {calibration, scenario, experiment}) std::filesystem::remove(p);
}
