#include "core/study/calibration/abc_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aiplus::core {

bool cholesky(std::vector<double>& a, std::size_t d) {
  for (std::size_t j = 0; j < d; ++j) {
    double pivot = a[j * d + j];
    const double scale = pivot;
    for (std::size_t k = 0; k < j; ++k) pivot -= a[j * d + k] * a[j * d + k];
    // A pivot lost to rounding means the matrix is (nearly) singular.
    if (!std::isfinite(pivot) || !(pivot > 1e-10 * scale)) return false;
    const double root = std::sqrt(pivot);
    a[j * d + j] = root;
    for (std::size_t i = j + 1; i < d; ++i) {
      double v = a[i * d + j];
      for (std::size_t k = 0; k < j; ++k) v -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = v / root;
    }
    for (std::size_t k = j + 1; k < d; ++k) a[j * d + k] = 0;  // keep L lower triangular
  }
  return true;
}

Kernel make_kernel(const std::vector<std::vector<double>>& points, std::span<const double> weights,
                   std::span<const double> width) {
  const std::size_t d = width.size();
  double total = 0;
  for (const double w : weights) total += w;
  std::vector<double> mean(d, 0.0);
  for (std::size_t p = 0; p < points.size(); ++p)
    for (std::size_t i = 0; i < d; ++i) mean[i] += weights[p] * points[p][i] / total;
  std::vector<double> covariance(d * d, 0.0);
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = 0; j <= i; ++j) {
        covariance[i * d + j] +=
            2 * weights[p] * (points[p][i] - mean[i]) * (points[p][j] - mean[j]) / total;
      }
    }
  }
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < i; ++j) covariance[j * d + i] = covariance[i * d + j];
  Kernel kernel{d, covariance, false};
  if (cholesky(kernel.lower, d)) return kernel;
  kernel.diagonal = true;
  kernel.lower.assign(d * d, 0.0);
  for (std::size_t i = 0; i < d; ++i) {
    const double least = 1e-6 * width[i];
    kernel.lower[i * d + i] = std::sqrt(std::max(covariance[i * d + i], least * least));
  }
  return kernel;
}

void perturb(const Kernel& kernel, std::span<const double> normal, std::vector<double>& z) {
  const std::size_t d = kernel.dimensions;
  for (std::size_t i = 0; i < d; ++i) {
    double shift = 0;
    for (std::size_t j = 0; j <= i; ++j) shift += kernel.lower[i * d + j] * normal[j];
    z[i] += shift;
  }
}

double mahalanobis2(const Kernel& kernel, std::span<const double> v) {
  const std::size_t d = kernel.dimensions;
  std::vector<double> y(d);
  double sum = 0;
  for (std::size_t i = 0; i < d; ++i) {
    double r = v[i];
    for (std::size_t j = 0; j < i; ++j) r -= kernel.lower[i * d + j] * y[j];
    y[i] = r / kernel.lower[i * d + i];
    sum += y[i] * y[i];
  }
  return sum;
}

std::vector<double> importance_weights(const Kernel& kernel,
                                       const std::vector<std::vector<double>>& centres,
                                       std::span<const double> centre_weights,
                                       const std::vector<std::vector<double>>& particles) {
  // The kernel's normalising constant is the same for every term, so it cancels.
  std::vector<double> log_centre(centres.size());
  for (std::size_t j = 0; j < centres.size(); ++j) log_centre[j] = std::log(centre_weights[j]);
  std::vector<double> log_weight(particles.size()), terms(centres.size()), v(kernel.dimensions);
  for (std::size_t i = 0; i < particles.size(); ++i) {
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < centres.size(); ++j) {
      for (std::size_t c = 0; c < v.size(); ++c) v[c] = particles[i][c] - centres[j][c];
      terms[j] = log_centre[j] - mahalanobis2(kernel, v) / 2;
      top = std::max(top, terms[j]);
    }
    double sum = 0;
    for (const double t : terms) sum += std::exp(t - top);
    log_weight[i] = -(top + std::log(sum));
  }
  const double top = *std::max_element(log_weight.begin(), log_weight.end());
  std::vector<double> weights(particles.size());
  double total = 0;
  for (std::size_t i = 0; i < weights.size(); ++i)
    total += weights[i] = std::exp(log_weight[i] - top);
  for (double& w : weights) w /= total;
  return weights;
}

}  // namespace aiplus::core
