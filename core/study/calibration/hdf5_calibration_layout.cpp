// The layout of a new calibration file: priors, empty generations to be extended, and
// NaN summaries, each dataset with its units, meaning and coordinates.
#include <hdf5_hl.h>
#include <unistd.h>

#include <limits>
#include <stdexcept>
#include <type_traits>

#include "core/config/config.hpp"
#include "core/io/hdf5_util.hpp"
#include "core/study/calibration/hdf5_calibration.hpp"

namespace aiplus::core {
namespace {

using namespace h5;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The one unit of a list, or a pointer to the per-row units when they differ.
std::string common_unit(const std::vector<std::string>& units, const std::string& where) {
  for (const auto& u : units)
    if (u != units.front()) return "per row: see " + where;
  return units.empty() ? "1" : units.front();
}

void describe(hid_t set, const std::string& units, const std::string& long_name,
              const std::string& path) {
  put_text(set, "units", units, path);
  put_text(set, "long_name", long_name, path);
}

// A fixed (n) dataset along `scale`, with units, meaning and coordinates.
template <class T>
void fixed_column(hid_t group, const char* name, const std::vector<T>& values, hid_t scale,
                  const std::string& units, const std::string& long_name,
                  const std::string& coordinates, const std::string& path) {
  const hid_t type = std::is_same_v<T, double> ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT8;
  auto set = make_fixed(group, name, type, values.size(), values.data(), path);
  describe(set.get(), units, long_name, path);
  if (!coordinates.empty()) put_text(set.get(), "coordinates", coordinates, path);
  attach(set.get(), scale, 0, path);
}

// A string variable along `scale` (a coordinate of the group's numeric variables).
void text_column(hid_t group, const char* name, const std::vector<std::string>& values, hid_t scale,
                 const std::string& long_name, const std::string& path) {
  auto set = make_labels(group, name, values, path);
  put_text(set.get(), "long_name", long_name, path);
  attach(set.get(), scale, 0, path);
}

// An extendible (generation, shape...) dataset with every scale attached.
void generation_table(hid_t group, const char* name, hid_t type, const std::vector<hsize_t>& shape,
                      const std::vector<hid_t>& scales, const std::string& units,
                      const std::string& long_name, const std::string& path) {
  auto set = make_series(group, name, type, shape, path, 1);
  describe(set.get(), units, long_name, path);
  for (std::size_t d = 0; d < scales.size(); ++d)
    attach(set.get(), scales[d], static_cast<unsigned>(d), path);
}

}  // namespace

// The groups and datasets of a new file: priors, empty generations, NaN summaries.
void Hdf5CalibrationFile::make_groups() {
  const hid_t f = file_.get();
  const std::size_t n = plan_.particles, k = plan_.parameters.size();
  Dimension parameter{"parameter", {}};
  std::vector<double> low, high, missing(k, kNaN);
  std::vector<std::int8_t> log_scale;
  for (const auto& p : plan_.parameters) {
    parameter.labels.push_back(p.name);
    low.push_back(p.min), high.push_back(p.max), log_scale.push_back(p.log ? 1 : 0);
  }
  const std::string unit = common_unit(plan_.units, "/parameters/unit");

  auto parameters = make_group(f, "parameters", path_);
  auto by_key = make_label_scale(parameters.get(), parameter, path_);
  text_column(parameters.get(), "unit", plan_.units, by_key.get(), "unit of the config key", path_);
  fixed_column(parameters.get(), "prior_min", low, by_key.get(), unit,
               "lower end of the prior (uniform, or log-uniform when log_scale is 1)", "unit",
               path_);
  fixed_column(parameters.get(), "prior_max", high, by_key.get(), unit, "upper end of the prior",
               "unit", path_);
  fixed_column(parameters.get(), "log_scale", log_scale, by_key.get(), "1",
               "1 for a log-uniform prior, 0 for a uniform one", "unit", path_);

  auto generations = make_group(f, "generations", path_);
  const hid_t g = generations.get();
  auto generation = make_series(g, "generation", H5T_NATIVE_INT32, {}, path_);
  put_text(generation.get(), "long_name", "generation of ABC-SMC (0: prior draws)", path_);
  checked(H5DSset_scale(generation.get(), "generation"), path_, "making a dimension scale");
  auto particle = index_scale(g, "particle", n, path_);
  auto along = make_label_scale(g, parameter, path_);
  const hid_t gs = generation.get();
  generation_table(g, "values", H5T_NATIVE_DOUBLE, {n, k}, {gs, particle.get(), along.get()}, unit,
                   "accepted parameter values (natural units of each key)", path_);
  generation_table(g, "weight", H5T_NATIVE_DOUBLE, {n}, {gs, particle.get()}, "1",
                   "importance weight of the particle (a generation's weights sum to 1)", path_);
  generation_table(g, "distance", H5T_NATIVE_DOUBLE, {n}, {gs, particle.get()}, "1",
                   "distance of the particle's simulation to the targets: root mean square of "
                   "(model - observed) / se",
                   path_);
  generation_table(g, "tolerance", H5T_NATIVE_DOUBLE, {}, {gs}, "1",
                   "tolerance: accepted distances are at most this", path_);
  generation_table(g, "acceptance_rate", H5T_NATIVE_DOUBLE, {}, {gs}, "1",
                   "accepted particles over proposals drawn", path_);
  generation_table(g, "ess", H5T_NATIVE_DOUBLE, {}, {gs}, "particles",
                   "effective sample size: 1 / sum of squared weights", path_);
  generation_table(g, "proposals", H5T_NATIVE_UINT64, {}, {gs}, "proposals",
                   "proposals drawn up to the last accepted one (those outside the prior too)",
                   path_);
  generation_table(g, "simulations", H5T_NATIVE_UINT64, {}, {gs}, "proposals",
                   "proposals simulated (whole batches): the cost of the generation", path_);

  auto posterior = make_group(f, "posterior", path_);
  auto post_key = make_label_scale(posterior.get(), parameter, path_);
  const char* summaries[][2] = {{"mean", "weighted posterior mean"},
                                {"sd", "weighted posterior standard deviation"},
                                {"q05", "weighted posterior 5% quantile"},
                                {"q50", "weighted posterior median"},
                                {"q95", "weighted posterior 95% quantile"}};
  for (const auto& [name, meaning] : summaries)
    fixed_column(posterior.get(), name, missing, post_key.get(), unit,
                 std::string(meaning) + " (of the last generation)", "", path_);

  auto targets = make_group(f, "targets", path_);
  const hid_t t = targets.get();
  Dimension target{"target", {}};
  std::vector<std::string> column[6];
  std::vector<double> observed, se, unknown(plan_.targets.size(), kNaN);
  for (const auto& row : plan_.targets) {
    target.labels.push_back(row.label);
    const std::string* fields[] = {&row.population, &row.series, &row.band,
                                   &row.date,       &row.source, &row.unit};
    for (std::size_t c = 0; c < 6; ++c) column[c].push_back(*fields[c]);
    observed.push_back(row.observed), se.push_back(row.se);
  }
  auto by_target = make_label_scale(t, target, path_);
  const char* names[][2] = {{"population", "population (scenario) the target observes"},
                            {"series", "output group/series compared"},
                            {"band", "label along the group's dimension (\"\" for a series)"},
                            {"date", "month whose end state is compared (YYYY-MM)"},
                            {"source", "where the observation comes from"},
                            {"unit", "unit of the series"}};
  for (std::size_t c = 0; c < 6; ++c)
    text_column(t, names[c][0], column[c], by_target.get(), names[c][1], path_);
  const std::string coordinates = "population series band date source unit";
  const std::string target_unit = common_unit(column[5], "unit");
  fixed_column(t, "observed", observed, by_target.get(), target_unit, "observed value", coordinates,
               path_);
  fixed_column(t, "se", se, by_target.get(), target_unit,
               "standard error (or stated tolerance) of the observation", coordinates, path_);
  fixed_column(t, "predicted_mean", unknown, by_target.get(), target_unit,
               "posterior predictive weighted mean (last generation, one new run per particle)",
               coordinates, path_);
  fixed_column(t, "predicted_q05", unknown, by_target.get(), target_unit,
               "posterior predictive weighted 5% quantile", coordinates, path_);
  fixed_column(t, "predicted_q95", unknown, by_target.get(), target_unit,
               "posterior predictive weighted 95% quantile", coordinates, path_);
}

}  // namespace aiplus::core
