// Parameter ranges, the Saltelli design and Sobol' indices, checked on the Ishigami
// function, whose indices are known in closed form.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/study/sensitivity/sensitivity.hpp"

using namespace aiplus::core;

namespace {

constexpr double pi = std::numbers::pi;
constexpr double ishigami_a = 7, ishigami_b = 0.1;

double ishigami(const std::vector<double>& x) {
  return std::sin(x[0]) + ishigami_a * std::sin(x[1]) * std::sin(x[1]) +
         ishigami_b * std::pow(x[2], 4) * std::sin(x[0]);
}

// Closed-form indices of the Ishigami function on [-pi, pi]^3.
struct IshigamiTruth {
  double first[3], total[3];
};
IshigamiTruth ishigami_truth() {
  const double a = ishigami_a, b = ishigami_b, pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
  const double v1 = 0.5 * std::pow(1 + b * pi4 / 5, 2), v2 = a * a / 8;
  const double v13 = 8 * b * b * pi8 / 225;
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

std::vector<double> run(const SaltelliDesign& design, double (*f)(const std::vector<double>&),
                        const std::vector<FactorRange>& ranges) {
  std::vector<double> y;
  for (const auto& x : scale_points(design.points, ranges)) y.push_back(f(x));
  return y;
}

SobolIndices ishigami_indices(std::size_t base, std::uint64_t seed) {
  const std::vector<FactorRange> ranges(3, FactorRange{-pi, pi});
  const auto design = saltelli_design(3, base);
  return sobol_indices(design, run(design, ishigami, ranges), {500, 0.95, seed});
}

}  // namespace

TEST_CASE("ranges: linear, log and whole-number mapping stays within [min, max]") {
  CHECK(scale_to_range(0.0, {2, 6}) == 2);
  CHECK(scale_to_range(0.25, {2, 6}) == 3);
  CHECK(scale_to_range(1.0, {2, 6}) == 6);
  CHECK(scale_to_range(0.5, {0.01, 100, true}) == doctest::Approx(1.0));
  CHECK(scale_to_range(0.25, {0.01, 100, true}) == doctest::Approx(0.1));
  CHECK(scale_to_range(1.0, {0.01, 100, true}) == 100);
  // Whole numbers 2..5: each integer takes a quarter of the unit interval.
  std::vector<int> count(4);
  for (int s = 0; s < 400; ++s) {
    const double x = scale_to_range((s + 0.5) / 400, {2, 5, false, true});
    REQUIRE(x == std::floor(x));
    REQUIRE(x >= 2);
    REQUIRE(x <= 5);
    ++count[static_cast<std::size_t>(x - 2)];
  }
  CHECK(count == std::vector<int>{100, 100, 100, 100});
  CHECK(scale_to_range(1.0, {2, 5, false, true}) == 5);
  // Whole numbers on a log scale: 1..9 over [1, 10), so 1 takes log(2)/log(10) of the cube.
  CHECK(scale_to_range(0.30, {1, 9, true, true}) == 1);
  CHECK(scale_to_range(0.31, {1, 9, true, true}) == 2);
  CHECK(scale_to_range(0.999, {1, 9, true, true}) == 9);
  CHECK_THROWS_AS((void)scale_to_range(0.5, {0, 1, true}), std::invalid_argument);
  CHECK_THROWS_AS((void)scale_to_range(0.5, {2, 1}), std::invalid_argument);
  const std::vector<std::vector<double>> bad = {{0.5, 0.5}};
  const std::vector<FactorRange> one(1);
  CHECK_THROWS_AS((void)scale_points(bad, one), std::invalid_argument);
}

TEST_CASE("Saltelli design: run order, AB_i = A but column i, points in the unit cube") {
  const std::size_t k = 4, n = 64;
  const auto d = saltelli_design(k, n);
  REQUIRE(d.points.size() == n * (k + 2));
  CHECK(d.index_a(0) == 0);
  CHECK(d.index_b(0) == 1);
  CHECK(d.index_ab(0, 0) == 2);
  CHECK(d.index_a(1) == k + 2);
  CHECK(d.index_ab(k - 1, n - 1) == d.points.size() - 1);
  std::set<std::vector<double>> distinct;
  for (std::size_t j = 0; j < n; ++j) {
    const auto& a = d.points[d.index_a(j)];
    const auto& b = d.points[d.index_b(j)];
    distinct.insert(a), distinct.insert(b);
    for (std::size_t i = 0; i < k; ++i) {
      const auto& ab = d.points[d.index_ab(i, j)];
      REQUIRE(ab.size() == k);
      for (std::size_t c = 0; c < k; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
    }
  }
  CHECK(distinct.size() == 2 * n);  // no repeated point, the all-zero one included
  for (const auto& x : d.points) {
    for (const double u : x) {
      CHECK(u >= 0);
      CHECK(u < 1);
    }
  }
  CHECK(d.points == saltelli_design(k, n).points);
  CHECK_THROWS_AS((void)saltelli_design(0, 8), std::invalid_argument);
  CHECK_THROWS_AS((void)saltelli_design(3, 1), std::invalid_argument);
  CHECK_THROWS_AS((void)saltelli_design(5000, 8), std::invalid_argument);
}

TEST_CASE("Saltelli design: with N a power of two each margin of A and B fills N strata") {
  for (const std::size_t n : {8u, 256u, 1024u}) {
    for (const std::size_t k : {1u, 3u, 10u}) {
      const auto d = saltelli_design(k, n);
      for (const bool is_a : {true, false}) {
        for (std::size_t c = 0; c < k; ++c) {
          std::set<std::size_t> strata;
          for (std::size_t j = 0; j < n; ++j) {
            const double u = d.points[is_a ? d.index_a(j) : d.index_b(j)][c];
            strata.insert(static_cast<std::size_t>(u * static_cast<double>(n)));
          }
          CHECK(strata.size() == n);
        }
      }
    }
  }
  // Other N still spread: 100 points leave no stratum of width 1/25 empty.
  const auto d = saltelli_design(2, 100);
  std::set<std::size_t> strata;
  for (std::size_t j = 0; j < 100; ++j)
    strata.insert(static_cast<std::size_t>(d.points[d.index_a(j)][0] * 25));
  CHECK(strata.size() == 25);
}

TEST_CASE("Sobol' indices of the Ishigami function: truth within the intervals and 0.03") {
  const auto truth = ishigami_truth();
  CHECK(truth.first[0] == doctest::Approx(0.3139).epsilon(1e-3));
  CHECK(truth.first[1] == doctest::Approx(0.4424).epsilon(1e-3));
  CHECK(truth.total[0] == doctest::Approx(0.5576).epsilon(1e-3));
  CHECK(truth.total[2] == doctest::Approx(0.2437).epsilon(1e-3));
  const auto s = ishigami_indices(8192, 1);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor ", i + 1, ": S ", s.first[i].estimate, " [", s.first[i].low, ", ", s.first[i].high,
         "], ST ", s.total[i].estimate, " [", s.total[i].low, ", ", s.total[i].high, "]");
    CHECK(std::abs(s.first[i].estimate - truth.first[i]) < 0.03);
    CHECK(std::abs(s.total[i].estimate - truth.total[i]) < 0.03);
    CHECK(s.first[i].low <= truth.first[i]);
    CHECK(s.first[i].high >= truth.first[i]);
    CHECK(s.total[i].low <= truth.total[i]);
    CHECK(s.total[i].high >= truth.total[i]);
  }
  CHECK(s.variance == doctest::Approx(13.8446).epsilon(0.02));
}

TEST_CASE("Sobol' indices: intervals shrink with N; same seed, same intervals") {
  const auto small = ishigami_indices(1024, 1), large = ishigami_indices(8192, 1);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(large.first[i].high - large.first[i].low <
          0.6 * (small.first[i].high - small.first[i].low));
    CHECK(large.total[i].high - large.total[i].low <
          0.6 * (small.total[i].high - small.total[i].low));
  }
  const auto again = ishigami_indices(1024, 1), other = ishigami_indices(1024, 2);
  bool any_differs = false;
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(again.first[i].low == small.first[i].low);
    CHECK(again.first[i].high == small.first[i].high);
    CHECK(again.total[i].low == small.total[i].low);
    CHECK(again.total[i].high == small.total[i].high);
    CHECK(other.first[i].estimate == small.first[i].estimate);  // the seed is the bootstrap's
    any_differs |= other.first[i].low != small.first[i].low;
  }
  CHECK(any_differs);
}

TEST_CASE("Sobol' indices: a linear model, a factor without effect, a constant output") {
  // y = 1000 + 3 x1 + 1 x2 + 0 x3 on [0, 1]^3: S_i = ST_i = c_i^2 / sum c^2.
  const auto design = saltelli_design(3, 1024);
  std::vector<double> y;
  for (const auto& x : design.points) y.push_back(1000 + 3 * x[0] + x[1]);
  const auto s = sobol_indices(design, y, {200, 0.95, 7});
  CHECK(s.first[0].estimate == doctest::Approx(0.9).epsilon(0.02));
  CHECK(s.total[0].estimate == doctest::Approx(0.9).epsilon(0.02));
  CHECK(s.first[1].estimate == doctest::Approx(0.1).epsilon(0.05));
  CHECK(s.total[1].estimate == doctest::Approx(0.1).epsilon(0.05));
  // x3 never changes the output, so both estimators are exactly 0.
  CHECK(s.first[2].estimate == 0);
  CHECK(s.total[2].estimate == 0);
  CHECK(s.total[2].low == 0);
  CHECK(s.total[2].high == 0);

  const std::vector<double> flat(design.points.size(), 4.2);
  const auto c = sobol_indices(design, flat, {100, 0.95, 7});
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(c.first[i].estimate == 0);
    CHECK(c.total[i].estimate == 0);
    CHECK(c.first[i].low == 0);
    CHECK(c.total[i].high == 0);
  }
  CHECK(c.variance == doctest::Approx(0.0));

  // Without resamples each interval is its estimate.
  const auto bare = sobol_indices(design, y, {0, 0.95, 7});
  CHECK(bare.first[0].low == bare.first[0].estimate);
  CHECK(bare.first[0].estimate == s.first[0].estimate);

  y.pop_back();
  CHECK_THROWS_AS((void)sobol_indices(design, y), std::invalid_argument);
  y.push_back(std::nan(""));
  CHECK_THROWS_AS((void)sobol_indices(design, y), std::invalid_argument);
}
