// The ABC-SMC perturbation kernel: Cholesky factor, fallback, Mahalanobis length, weights.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/study/calibration/abc_kernel.hpp"

using namespace aiplus::core;

TEST_CASE("Cholesky factor of a positive definite matrix; singular ones refused") {
  std::vector<double> a = {4, 2, 0.4, 2, 5, 1, 0.4, 1, 3};
  const auto original = a;
  REQUIRE(cholesky(a, 3));
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      double sum = 0;
      for (std::size_t k = 0; k < 3; ++k) sum += a[i * 3 + k] * a[j * 3 + k];
      CHECK(sum == doctest::Approx(original[i * 3 + j]));
      if (j > i) CHECK(a[i * 3 + j] == 0);
    }
  }
  std::vector<double> singular = {1, 2, 2, 4};
  CHECK_FALSE(cholesky(singular, 2));
  std::vector<double> negative = {-1};
  CHECK_FALSE(cholesky(negative, 1));
}

TEST_CASE("kernel: twice the weighted covariance, or a floored diagonal") {
  // Two points, equal weights: the covariance has rank 1 in two dimensions.
  const std::vector<std::vector<double>> points = {{0, 0}, {2, 2}};
  const std::vector<double> weights = {0.5, 0.5}, width = {10, 10};
  const auto k = make_kernel(points, weights, width);
  CHECK(k.diagonal);
  CHECK(k.lower[0] == doctest::Approx(std::sqrt(2.0)));  // 2 x variance 1
  CHECK(k.lower[1] == 0);
  CHECK(k.lower[2] == 0);
  // All points equal in one dimension: the variance floor keeps the kernel proper.
  const std::vector<std::vector<double>> flat = {{1, 0}, {1, 1}, {1, 3}};
  const std::vector<double> thirds = {1, 1, 1};
  const auto f = make_kernel(flat, thirds, width);
  CHECK(f.diagonal);
  CHECK(f.lower[0] == doctest::Approx(1e-5));

  // Three points, unequal weights: the full covariance, by hand.
  const std::vector<std::vector<double>> spread = {{0, 0}, {1, 0}, {0, 2}};
  const std::vector<double> w = {0.5, 0.25, 0.25};
  const auto full = make_kernel(spread, w, width);
  REQUIRE_FALSE(full.diagonal);
  // mean (0.25, 0.5); cov xx = 0.1875, yy = 0.75, xy = -0.125; kernel twice that.
  const double xx = 0.375, xy = -0.25, yy = 1.5;
  const auto& l = full.lower;
  CHECK(l[0] * l[0] == doctest::Approx(xx));
  CHECK(l[2] * l[0] == doctest::Approx(xy));
  CHECK(l[2] * l[2] + l[3] * l[3] == doctest::Approx(yy));
  // Mahalanobis length against the inverse of [[xx, xy], [xy, yy]].
  const double det = xx * yy - xy * xy;
  const std::vector<double> v = {0.3, -0.7};
  const double expected = (yy * v[0] * v[0] - 2 * xy * v[0] * v[1] + xx * v[1] * v[1]) / det;
  CHECK(mahalanobis2(full, v) == doctest::Approx(expected));
  // perturb adds L n.
  std::vector<double> z = {1, 1};
  perturb(full, std::vector<double>{1, 1}, z);
  CHECK(z[0] == doctest::Approx(1 + l[0]));
  CHECK(z[1] == doctest::Approx(1 + l[2] + l[3]));
}

TEST_CASE("importance weights: 1 / sum_j w_j K(theta_i | theta_j), normalised") {
  const std::vector<std::vector<double>> centres = {{0.0}, {1.0}, {3.0}};
  const std::vector<double> centre_weights = {0.2, 0.5, 0.3};
  Kernel k{1, {0.8}, false};
  const std::vector<std::vector<double>> particles = {{0.5}, {2.0}, {-1.0}, {3.5}};
  const auto w = importance_weights(k, centres, centre_weights, particles);
  std::vector<double> brute;
  double total = 0;
  for (const auto& p : particles) {
    double density = 0;
    for (std::size_t j = 0; j < centres.size(); ++j) {
      const double z = (p[0] - centres[j][0]) / 0.8;
      density += centre_weights[j] * std::exp(-z * z / 2);
    }
    brute.push_back(1 / density);
    total += 1 / density;
  }
  REQUIRE(w.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) CHECK(w[i] == doctest::Approx(brute[i] / total));
  // Far from every centre the density underflows in linear space, not in log space.
  const std::vector<std::vector<double>> far = {{0.5}, {60.0}};
  const auto wf = importance_weights(k, centres, centre_weights, far);
  CHECK(std::isfinite(wf[0]));
  CHECK(wf[1] == doctest::Approx(1.0));
}
