// The perturbation kernel of ABC-SMC (core/study/calibration/abc_smc.hpp): a multivariate normal in
// the transformed parameter space, its Cholesky factor, and the importance weights it implies.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace aiplus::core {

/// A multivariate normal perturbation N(0, L L^T) with L lower triangular.
struct Kernel {
  std::size_t dimensions = 0;
  std::vector<double> lower;  ///< L, row-major, dimensions x dimensions
  bool diagonal = false;      ///< the covariance was not positive definite: L is its diagonal
};

/// Replaces the symmetric matrix `a` (row-major, d x d) by its lower Cholesky factor and
/// returns true, or returns false (a unusable) when it is not clearly positive definite.
[[nodiscard]] bool cholesky(std::vector<double>& a, std::size_t d);

/// The kernel of covariance twice the weighted covariance of the points (Beaumont et al.
/// 2009), or, when that is not positive definite, the diagonal of it, with each variance at
/// least (1e-6 width_i)^2 so the kernel never collapses.
[[nodiscard]] Kernel make_kernel(const std::vector<std::vector<double>>& points,
                                 std::span<const double> weights, std::span<const double> width);

/// Adds L n to z, for n a vector of standard normal draws.
void perturb(const Kernel& kernel, std::span<const double> normal, std::vector<double>& z);

/// The squared Mahalanobis length v^T (L L^T)^-1 v.
[[nodiscard]] double mahalanobis2(const Kernel& kernel, std::span<const double> v);

/// Importance weights of new particles under a uniform prior, w_i proportional to
/// 1 / sum_j w_j K(theta_i | centre_j) (Toni et al. 2009; Beaumont et al. 2009), summed in
/// log space and normalised to sum 1.
[[nodiscard]] std::vector<double> importance_weights(
    const Kernel& kernel, const std::vector<std::vector<double>>& centres,
    std::span<const double> centre_weights, const std::vector<std::vector<double>>& particles);

}  // namespace aiplus::core
