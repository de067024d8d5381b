// The calibration file: generations written one at a time read back bit for bit, rows
// that were written but never counted as done are ignored, and a file written for
// other inputs is refused.
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/study/calibration/hdf5_calibration.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("aiplus_test_") + name + ".h5"))
      .string();
}

CalibrationPlan small_plan() {
  CalibrationPlan plan;
  plan.calibration_text = "particles = 3\n";
  plan.targets_text = "[[target]]\n";
  plan.version = "test";
  plan.fingerprint = "0123456789abcdef";
  plan.seed = 5;
  plan.threads = 2;
  plan.parameters = {{"adoption.p", 0.001, 0.1, true}, {"adoption.q", 0.0, 1.0, false}};
  plan.units = {"1/step", "1/step"};
  plan.particles = 3;
  plan.targets = {{"a national/adoption_share 2025-06", "a", "national/adoption_share", "",
                   "2025-06", "made up", "1", 0.05, 0.01}};
  return plan;
}

AbcGeneration generation(double shift) {
  AbcGeneration g;
  g.tolerance = 2 + shift;
  g.particles = {{0.01 + shift, 0.3}, {0.02, 0.25 + shift}, {0.005, 0.4}};
  g.weights = {0.5, 0.25, 0.25};
  g.distances = {0.1, 0.2 + shift, 0.3};
  g.proposals = 7, g.simulations = 8;
  g.acceptance_rate = 3.0 / 7.0;
  g.ess = 1 / (0.25 + 0.0625 + 0.0625);
  return g;
}

void require_same(const AbcState& a, const AbcState& b) {
  REQUIRE(a.generations.size() == b.generations.size());
  for (std::size_t g = 0; g < a.generations.size(); ++g) {
    const auto &x = a.generations[g], &y = b.generations[g];
    CHECK(x.tolerance == y.tolerance);
    CHECK(x.particles == y.particles);
    CHECK(x.weights == y.weights);
    CHECK(x.distances == y.distances);
    CHECK(x.proposals == y.proposals);
    CHECK(x.simulations == y.simulations);
    CHECK(x.acceptance_rate == y.acceptance_rate);
    CHECK(x.ess == y.ess);
  }
}

// Writes a new file with one generation per shift, and the stop reason unless it is "".
AbcState write_file(const std::string& path, const CalibrationPlan& plan,
                    const std::vector<double>& shifts, const std::string& stop) {
  AbcState state;
  Hdf5CalibrationFile file(path);
  file.create(plan, true);
  for (const double shift : shifts) {
    state.generations.push_back(generation(shift));
    file.write_generation(state);
  }
  if (!stop.empty()) file.write_stop(stop);
  file.end(false);
  return state;
}

void set_done(const std::string& path, std::uint64_t done) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(file >= 0);
  const hid_t a = H5Aopen(file, "generations_done", H5P_DEFAULT);
  H5Awrite(a, H5T_NATIVE_UINT64, &done);
  H5Aclose(a), H5Fclose(file);
}

}  // namespace

TEST_CASE("generations written one by one are resumed bit for bit, with the stop reason") {
  const auto path = temp_path("calibration_roundtrip");
  const auto plan = small_plan();
  const auto state = write_file(path, plan, {0.0, 0.001}, stop_name(AbcStop::max_generations));
  Hdf5CalibrationFile again(path);
  const auto resumed = again.resume(plan);
  require_same(state, resumed);
  CHECK_FALSE(again.was_complete());
  CHECK(again.stop_reason() == "max_generations");
  again.end(true);
  std::filesystem::remove(path);
}

TEST_CASE("rows not counted as done are ignored, then overwritten") {
  const auto path = temp_path("calibration_uncounted");
  const auto plan = small_plan();
  auto state = write_file(path, plan, {0.0, 0.5}, "");
  set_done(path, 1);  // as if the process died before it counted generation 1
  state.generations.pop_back();
  {
    Hdf5CalibrationFile file(path);
    auto resumed = file.resume(plan);
    require_same(state, resumed);
    CHECK(file.stop_reason().empty());
    resumed.generations.push_back(generation(0.25));
    file.write_generation(resumed);
    file.end(true);
    state = resumed;
  }
  Hdf5CalibrationFile last(path);
  require_same(state, last.resume(plan));
  CHECK(last.was_complete());
  last.end(true);
  std::filesystem::remove(path);
}

TEST_CASE("a file written for other inputs is refused, and so is another kind of file") {
  const auto path = temp_path("calibration_other");
  auto plan = small_plan();
  (void)write_file(path, plan, {}, "");
  plan.fingerprint = "fedcba9876543210";
  Hdf5CalibrationFile file(path);
  CHECK_THROWS_AS((void)file.resume(plan), ConfigError);
  const auto text = temp_path("calibration_not_hdf5");
  { std::ofstream(text) << "not a calibration\n"; }
  Hdf5CalibrationFile other(text);
  CHECK_THROWS_AS((void)other.resume(plan), ConfigError);
  std::filesystem::remove(path);
  std::filesystem::remove(text);
}
