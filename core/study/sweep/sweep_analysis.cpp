// Contrasts, factorial effects and sensitivity of a sweep's runs.
#include "core/study/sweep/sweep_analysis.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/study/statistics.hpp"

namespace aiplus::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A row label followed by its grid point's label, when there is a grid.
std::string with_point(std::string label, const SweepDesign& design, std::size_t point) {
  if (point < design.grid_labels.size() && !design.grid_labels[point].empty())
    label += " " + design.grid_labels[point];
  return label;
}

// The values of `pairs` at one element of [pair][element] data.
void gather(std::span<const double> values, std::span<const std::size_t> pairs, std::size_t width,
            std::size_t element, std::vector<double>& out) {
  out.resize(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) out[p] = values[pairs[p] * width + element];
}

}  // namespace

const char* method_name(SampleMethod method) noexcept {
  switch (method) {
    case SampleMethod::Lhs:
      return "lhs";
    case SampleMethod::Sobol:
      return "sobol";
    case SampleMethod::Morris:
      return "morris";
  }
  return "";
}

std::vector<Contrast> contrasts(const SweepDesign& design) {
  std::vector<Contrast> out;
  for (std::size_t p = 0; p < design.points(); ++p) {
    for (std::size_t a = 1; a < design.arms.size(); ++a)
      out.push_back({a, p, with_point(design.arms[a] + " - " + design.arms[0], design, p)});
  }
  return out;
}

std::vector<Effect> effects(const SweepDesign& design) {
  std::vector<Effect> out;
  if (!design.factorial) return out;
  const auto& f = *design.factorial;
  const std::string names[3] = {f.factors[0] + ": " + f.levels[0][1] + " - " + f.levels[0][0],
                                f.factors[1] + ": " + f.levels[1][1] + " - " + f.levels[1][0],
                                f.factors[0] + " x " + f.factors[1] + " interaction"};
  for (std::size_t p = 0; p < design.points(); ++p)
    for (std::size_t e = 0; e < 3; ++e) out.push_back({e, p, with_point(names[e], design, p)});
  return out;
}

std::vector<Subject> subjects(const SweepDesign& design) {
  std::vector<Subject> out;
  for (std::size_t p = 0; p < design.points(); ++p) {
    for (std::size_t a = 0; a < design.arms.size(); ++a)
      out.push_back({a, p, false, with_point(design.arms[a], design, p)});
    for (const auto& c : contrasts(design))
      if (c.point == p) out.push_back({c.arm, p, true, c.label});
  }
  return out;
}

void paired_contrast(std::span<const double> treated, std::span<const double> control,
                     std::span<const std::size_t> pairs, std::size_t width, double* mean,
                     double* lo, double* hi) {
  std::vector<double> t, c;
  for (std::size_t k = 0; k < width; ++k) {
    if (pairs.empty()) {
      mean[k] = lo[k] = hi[k] = kNaN;
      continue;
    }
    gather(treated, pairs, width, k, t);
    gather(control, pairs, width, k, c);
    const auto d = paired_difference(t, c);
    mean[k] = d.mean, lo[k] = d.low, hi[k] = d.high;
  }
}

void factorial_contrast(const std::array<std::span<const double>, 4>& arms,
                        std::span<const std::size_t> pairs, std::size_t width,
                        const std::array<std::array<double*, 3>, 3>& out) {
  std::array<std::vector<double>, 4> v;
  for (std::size_t k = 0; k < width; ++k) {
    if (pairs.empty()) {
      for (const auto& effect : out)
        for (double* column : effect) column[k] = kNaN;
      continue;
    }
    for (std::size_t a = 0; a < 4; ++a) gather(arms[a], pairs, width, k, v[a]);
    const auto e = factorial_effects(v[0], v[1], v[2], v[3]);
    const MeanInterval* each[3] = {&e.a, &e.b, &e.interaction};
    for (std::size_t x = 0; x < 3; ++x)
      out[x][0][k] = each[x]->mean, out[x][1][k] = each[x]->low, out[x][2][k] = each[x]->high;
  }
}

SubjectSensitivity analyse_subject(const SensitivitySpec& spec, std::span<const double> values) {
  const std::size_t k = spec.keys.size();
  SubjectSensitivity out;
  bool finite = true;
  for (const double v : values) finite = finite && std::isfinite(v);
  // The points drawn from the ranges: a Saltelli design's A and B rows, or every point.
  std::vector<double> prior;
  if (spec.method == SampleMethod::Sobol) {
    for (std::size_t j = 0; j < spec.saltelli.base && finite; ++j) {
      prior.push_back(values[spec.saltelli.index_a(j)]);
      prior.push_back(values[spec.saltelli.index_b(j)]);
    }
  } else if (finite) {
    prior.assign(values.begin(), values.end());
  }
  if (!finite || prior.empty()) {
    out.probability_positive = out.mean = out.q05 = out.q95 = kNaN;
  } else {
    double positive = 0, sum = 0;
    for (const double v : prior) positive += v > 0, sum += v;
    const double n = static_cast<double>(prior.size());
    out.probability_positive = positive / n;
    out.mean = sum / n;
    out.q05 = quantile(prior, 0.05);
    out.q95 = quantile(prior, 0.95);
  }
  if (spec.method == SampleMethod::Sobol) {
    out.first.assign(k, {kNaN, kNaN, kNaN});
    out.total = out.first;
    if (finite) {
      const auto s = sobol_indices(spec.saltelli, values, spec.bootstrap);
      out.first = s.first, out.total = s.total;
    }
  } else if (spec.method == SampleMethod::Morris) {
    out.mu.assign(k, kNaN), out.mu_star = out.sigma = out.mu;
    if (finite) {
      const auto m = morris_effects(spec.morris, values);
      out.mu = m.mu, out.mu_star = m.mu_star, out.sigma = m.sigma;
    }
  }
  return out;
}

}  // namespace aiplus::core
