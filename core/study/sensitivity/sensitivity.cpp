// Parameter ranges, the Saltelli design and the Sobol' index estimators.
#include "core/study/sensitivity/sensitivity.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "core/engine/rng.hpp"
#include "core/study/statistics.hpp"

namespace aiplus::core {

double scale_to_range(double u, const FactorRange& range) {
  if (!(range.min <= range.max))
    throw std::invalid_argument("scale_to_range: max is below min (or not a number)");
  if (range.log && !(range.min > 0))
    throw std::invalid_argument("scale_to_range: a log range needs min > 0");
  const double top = range.whole ? range.max + 1 : range.max;
  double x = range.log ? std::exp(std::log(range.min) + u * (std::log(top) - std::log(range.min)))
                       : range.min + u * (top - range.min);
  if (range.whole) x = std::floor(x);
  return std::clamp(x, range.min, range.max);
}

std::vector<std::vector<double>> scale_points(const std::vector<std::vector<double>>& points,
                                              std::span<const FactorRange> ranges) {
  std::vector<std::vector<double>> out(points.size());
  for (std::size_t r = 0; r < points.size(); ++r) {
    if (points[r].size() != ranges.size())
      throw std::invalid_argument("scale_points: a point has " + std::to_string(points[r].size()) +
                                  " values for " + std::to_string(ranges.size()) + " ranges");
    out[r].resize(ranges.size());
    for (std::size_t i = 0; i < ranges.size(); ++i)
      out[r][i] = scale_to_range(points[r][i], ranges[i]);
  }
  return out;
}

void check_outputs(const char* who, std::size_t runs, std::span<const double> outputs) {
  if (outputs.size() != runs)
    throw std::invalid_argument(std::string(who) + ": " + std::to_string(outputs.size()) +
                                " outputs for a design of " + std::to_string(runs) + " runs");
  for (const double y : outputs)
    if (!std::isfinite(y))
      throw std::invalid_argument(std::string(who) + ": an output is not finite");
}

SaltelliDesign saltelli_design(std::size_t factors, std::size_t base) {
  if (factors < 1) throw std::invalid_argument("saltelli_design: needs at least one factor");
  if (base < 2) throw std::invalid_argument("saltelli_design: needs at least two base rows");
  const std::size_t dimensions = 2 * factors;
  if (dimensions > boost::random::detail::qrng_tables::sobol::max_dimension)
    throw std::invalid_argument("saltelli_design: " + std::to_string(factors) +
                                " factors need more Sobol' dimensions than the table holds");
  SaltelliDesign design;
  design.factors = factors;
  design.base = base;
  std::size_t skip = 1;
  while (skip < base) skip *= 2;
  // Boost's sequence starts at index 1 (it drops the all-zero point); reach index `skip`.
  boost::random::sobol sobol(dimensions);
  sobol.discard(static_cast<boost::uintmax_t>(skip - 1) * dimensions);
  design.points.resize(base * (factors + 2));
  std::vector<double> row(dimensions);
  for (std::size_t j = 0; j < base; ++j) {
    // A 64-bit Sobol' word as a fraction of 2^64: exact, the words use few bits.
    for (double& u : row) u = std::ldexp(static_cast<double>(sobol()), -64);
    const std::vector<double> a(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(factors));
    const std::vector<double> b(row.begin() + static_cast<std::ptrdiff_t>(factors), row.end());
    design.points[design.index_a(j)] = a;
    design.points[design.index_b(j)] = b;
    for (std::size_t i = 0; i < factors; ++i) {
      auto& ab = design.points[design.index_ab(i, j)];
      ab = a;
      ab[i] = b[i];
    }
  }
  return design;
}

namespace {

// The outputs of a Saltelli design regrouped by matrix: a[j], b[j], ab[i][j].
struct SaltelliOutputs {
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab;
};

SaltelliOutputs regroup(const SaltelliDesign& design, std::span<const double> outputs) {
  check_outputs("sobol_indices", design.points.size(), outputs);
  SaltelliOutputs out;
  out.a.resize(design.base), out.b.resize(design.base);
  out.ab.assign(design.factors, std::vector<double>(design.base));
  for (std::size_t j = 0; j < design.base; ++j) {
    out.a[j] = outputs[design.index_a(j)];
    out.b[j] = outputs[design.index_b(j)];
    for (std::size_t i = 0; i < design.factors; ++i) out.ab[i][j] = outputs[design.index_ab(i, j)];
  }
  return out;
}

// The point estimates over the base rows `rows` (repeats allowed): S_i into first[i],
// ST_i into total[i]; returns V.
double estimate(const SaltelliOutputs& y, std::span<const std::size_t> rows, double* first,
                double* total) {
  const double n = static_cast<double>(rows.size());
  double centre = 0;
  for (const std::size_t j : rows) centre += y.a[j] + y.b[j];
  centre /= 2 * n;
  double variance = 0;
  for (const std::size_t j : rows)
    variance += (y.a[j] - centre) * (y.a[j] - centre) + (y.b[j] - centre) * (y.b[j] - centre);
  variance /= 2 * n;
  for (std::size_t i = 0; i < y.ab.size(); ++i) {
    double s = 0, st = 0;
    for (const std::size_t j : rows) {
      const double step = y.ab[i][j] - y.a[j];
      s += (y.b[j] - centre) * step;  // Saltelli et al. (2010), table 2 (b)
      st += step * step;              // Jansen (1999)
    }
    // A constant output has no variance to share out: every index is 0 by definition.
    first[i] = variance > 0 ? s / n / variance : 0.0;
    total[i] = variance > 0 ? st / (2 * n) / variance : 0.0;
  }
  return variance;
}

}  // namespace

SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                           const BootstrapSettings& bootstrap) {
  if (!(bootstrap.level > 0 && bootstrap.level < 1))
    throw std::invalid_argument("sobol_indices: the interval level must be in (0, 1)");
  const SaltelliOutputs y = regroup(design, outputs);
  const std::size_t k = design.factors, n = design.base;
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  std::vector<double> first(k), total(k);
  SobolIndices out;
  out.variance = estimate(y, rows, first.data(), total.data());
  out.first.resize(k), out.total.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    out.first[i] = {first[i], first[i], first[i]};
    out.total[i] = {total[i], total[i], total[i]};
  }
  const std::size_t resamples = bootstrap.resamples;
  if (resamples == 0) return out;

  // Resample b draws its rows from its own stream, so intervals depend on the seed alone.
  const RandomStreams random(bootstrap.seed);
  std::vector<double> first_draws(k * resamples), total_draws(k * resamples);
  std::vector<double> s(k), st(k);
  for (std::size_t r = 0; r < resamples; ++r) {
    auto stream = random.stream(static_cast<std::uint32_t>(r), 0, 0);
    for (auto& j : rows) {
      const double u = RandomStreams::unit(static_cast<std::uint32_t>(stream()));
      j = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
    }
    (void)estimate(y, rows, s.data(), st.data());
    for (std::size_t i = 0; i < k; ++i) {
      first_draws[i * resamples + r] = s[i];
      total_draws[i * resamples + r] = st[i];
    }
  }
  const double tail = (1 - bootstrap.level) / 2;
  const auto draws = [&](const std::vector<double>& all, std::size_t i) {
    return std::span<const double>(all).subspan(i * resamples, resamples);
  };
  for (std::size_t i = 0; i < k; ++i) {
    out.first[i].low = quantile(draws(first_draws, i), tail);
    out.first[i].high = quantile(draws(first_draws, i), 1 - tail);
    out.total[i].low = quantile(draws(total_draws, i), tail);
    out.total[i].high = quantile(draws(total_draws, i), 1 - tail);
  }
  return out;
}

}  // namespace aiplus::core
