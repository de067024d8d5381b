// What a sweep computes at the end: paired contrasts, 2x2 effects and the sensitivity
// of each subject, on small hand-made values.
#include <doctest/doctest.h>

#include <cmath>

#include "core/study/statistics.hpp"
#include "core/study/sweep/experiment.hpp"
#include "core/study/sweep/sweep_analysis.hpp"

using namespace aiplus::core;

TEST_CASE("runs are indexed arm, grid point, sample point, seed, as an experiment orders them") {
  Experiment x;
  x.seeds = {4, 5};
  x.arms = {{"a", {}}, {"b", {}}, {"c", {}}};
  x.grid = {{"k", {"1", "2"}, {}}};
  x.sample.points = 3;
  SweepDesign d;
  d.arms = {"a", "b", "c"};
  d.grid_labels = {"k=1", "k=2"};
  d.samples = 3, d.seeds = 2;
  const auto runs = x.runs();
  for (std::size_t r = 0; r < runs.size(); ++r)
    CHECK(d.run(runs[r].arm, runs[r].point[0], runs[r].sample, runs[r].seed - 4) == r);
  const auto cs = contrasts(d);
  REQUIRE(cs.size() == 4);
  CHECK(cs[0].label == "b - a k=1");
  CHECK(cs[3].label == "c - a k=2");
  const auto ss = subjects(d);
  REQUIRE(ss.size() == 10);
  CHECK(ss[3].label == "b - a k=1");
  CHECK(ss[3].contrast);
  CHECK(effects(d).empty());
}

TEST_CASE("paired contrasts are paired_difference element by element, over the pairs given") {
  // Two pairs of three elements; pair 1 is left out where it is not done.
  const std::vector<double> treated{1, 2, 3, 10, 20, 30}, control{0, 2, 1, 7, 20, 26};
  double mean[3], lo[3], hi[3];
  const std::vector<std::size_t> both{0, 1};
  paired_contrast(treated, control, both, 3, mean, lo, hi);
  for (std::size_t k = 0; k < 3; ++k) {
    const std::vector<double> t{treated[k], treated[3 + k]}, c{control[k], control[3 + k]};
    const auto d = paired_difference(t, c);
    CHECK(mean[k] == d.mean);
    CHECK(lo[k] == d.low);
    CHECK(hi[k] == d.high);
  }
  CHECK(mean[1] == 0);  // equal arms: 0 with an interval of width 0
  CHECK(lo[1] == 0);
  CHECK(hi[1] == 0);
  paired_contrast(treated, control, {}, 3, mean, lo, hi);
  CHECK(std::isnan(mean[0]));
}

TEST_CASE("factorial effects per element follow the per-seed formulas") {
  // Three seeds, one element: a0b0, a1b0, a0b1, a1b1.
  const std::vector<double> ll{1, 2, 3}, hl{2, 4, 4}, lh{1, 3, 5}, hh{5, 5, 9};
  const std::vector<std::size_t> pairs{0, 1, 2};
  double out[9];
  factorial_contrast(
      {ll, hl, lh, hh}, pairs, 1,
      {{{&out[0], &out[1], &out[2]}, {&out[3], &out[4], &out[5]}, {&out[6], &out[7], &out[8]}}});
  double a = 0, b = 0, ab = 0;
  for (std::size_t s = 0; s < 3; ++s) {
    a += ((hl[s] - ll[s]) + (hh[s] - lh[s])) / 2 / 3;
    b += ((lh[s] - ll[s]) + (hh[s] - hl[s])) / 2 / 3;
    ab += ((hh[s] - lh[s]) - (hl[s] - ll[s])) / 3;
  }
  CHECK(out[0] == doctest::Approx(a));
  CHECK(out[3] == doctest::Approx(b));
  CHECK(out[6] == doctest::Approx(ab));
  CHECK(out[1] < out[0]);
  CHECK(out[2] > out[0]);
}

TEST_CASE("a subject's sensitivity: indices of its method and spread over the points drawn") {
  SensitivitySpec spec;
  spec.method = SampleMethod::Sobol;
  spec.keys = {"x", "y"};
  spec.saltelli = saltelli_design(2, 64);
  spec.bootstrap = {50, 0.95, 1};
  std::vector<double> values;
  for (const auto& p : spec.saltelli.points) values.push_back(4 * p[0] + 0.5 * p[1] - 1);
  const auto s = analyse_subject(spec, values);
  CHECK(s.first[0].estimate > 0.9);
  CHECK(s.total[1].estimate < 0.1);
  CHECK(s.first[0].low <= s.first[0].estimate);
  double positive = 0;
  for (std::size_t j = 0; j < 64; ++j) {
    positive += values[spec.saltelli.index_a(j)] > 0;
    positive += values[spec.saltelli.index_b(j)] > 0;
  }
  CHECK(s.probability_positive == positive / 128);
  CHECK(s.q05 < s.mean);
  CHECK(s.mean < s.q95);

  spec.method = SampleMethod::Morris;
  spec.morris = morris_design(2, 10, 4, 3);
  values.clear();
  for (const auto& p : spec.morris.points) values.push_back(4 * p[0] + 0.5 * p[1]);
  const auto m = analyse_subject(spec, values);
  CHECK(m.mu_star[0] == doctest::Approx(4));
  CHECK(m.mu_star[1] == doctest::Approx(0.5));
  CHECK(m.probability_positive <= 1);
  values[3] = std::nan("");
  CHECK(std::isnan(analyse_subject(spec, values).mu[0]));
}
