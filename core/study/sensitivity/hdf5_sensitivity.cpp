// The /sensitivity tables of a sweep file: their layout, and the indices and spreads
// written at the end from the national series at the dates named.
#include <limits>

#include "core/io/hdf5_util.hpp"
#include "core/study/sweep/hdf5_analysis.hpp"
#include "core/study/sweep/hdf5_tables.hpp"

namespace aiplus::core {

using namespace h5;

namespace {

// The tables along (subject, series, date, key) of a method.
std::vector<std::string> index_tables(SampleMethod method) {
  if (method == SampleMethod::Sobol)
    return {"first_order", "first_order_lo", "first_order_hi",
            "total_order", "total_order_lo", "total_order_hi"};
  if (method == SampleMethod::Morris) return {"mu", "mu_star", "sigma"};
  return {};
}

std::string meaning_of(const std::string& table) {
  const std::string ends = "end of the 95% percentile bootstrap interval (over base rows) of the ";
  if (table == "first_order") return "first-order Sobol' index (Saltelli et al. 2010)";
  if (table == "total_order") return "total-order Sobol' index (Jansen 1999)";
  if (table == "first_order_lo") return "lower " + ends + "first-order index";
  if (table == "first_order_hi") return "upper " + ends + "first-order index";
  if (table == "total_order_lo") return "lower " + ends + "total-order index";
  if (table == "total_order_hi") return "upper " + ends + "total-order index";
  if (table == "mu") return "Morris mean elementary effect over the whole range of the key";
  if (table == "mu_star")
    return "Morris mean absolute elementary effect over the whole range of the key";
  if (table == "sigma") return "standard deviation of the Morris elementary effects";
  if (table == "probability_positive")
    return "share of the parameter points drawn from the ranges where the subject is above 0";
  if (table == "mean") return "mean of the subject over the parameter points drawn from the ranges";
  if (table == "q05") return "5% quantile of the subject over the parameter points";
  return "95% quantile of the subject over the parameter points";
}

std::string units_of(const std::string& table) {
  if (table.starts_with("first") || table.starts_with("total") || table == "probability_positive")
    return "1";
  return "units of the series";
}

template <class T>
void put_number(hid_t object, const char* name, hid_t type, T value, const std::string& path) {
  put_attribute(object, name, type, &value, path);
}

}  // namespace

std::vector<std::string> sensitivity_tables(SampleMethod method) {
  auto out = index_tables(method);
  for (const char* name : {"probability_positive", "mean", "q05", "q95"}) out.emplace_back(name);
  return out;
}

void AnalysisTables::create_sensitivity(hid_t file, const SweepPlan& plan,
                                        const std::string& path) {
  const auto& d = plan.design;
  const auto& spec = *d.sensitivity;
  auto group = make_group(file, "sensitivity", path);
  const hid_t where = group.get();
  put_text(where, "method", method_name(spec.method), path);
  put_number(where, "points", H5T_NATIVE_UINT64, std::uint64_t{d.samples}, path);
  if (spec.method == SampleMethod::Sobol) {
    put_number(where, "base", H5T_NATIVE_UINT64, std::uint64_t{spec.saltelli.base}, path);
    put_number(where, "bootstrap", H5T_NATIVE_UINT64, std::uint64_t{spec.bootstrap.resamples},
               path);
    put_number(where, "level", H5T_NATIVE_DOUBLE, spec.bootstrap.level, path);
    put_number(where, "seed", H5T_NATIVE_UINT64, std::uint64_t{spec.bootstrap.seed}, path);
  } else if (spec.method == SampleMethod::Morris) {
    put_number(where, "trajectories", H5T_NATIVE_UINT64, std::uint64_t{spec.morris.trajectories},
               path);
    put_number(where, "levels", H5T_NATIVE_UINT64, std::uint64_t{spec.morris.levels}, path);
    put_number(where, "delta", H5T_NATIVE_DOUBLE, spec.morris.delta, path);
  }
  // Subjects: each arm and each arm minus the reference, at each grid point.
  std::vector<std::string> labels, references;
  std::vector<RunLabel> rows;
  for (const auto& s : subjects(d)) {
    labels.push_back(s.label);
    rows.push_back(plan.runs[d.run(s.arm, s.point, 0, 0)]);
    references.push_back(s.contrast ? d.arms[0] : "");
  }
  auto subject = index_scale(where, "subject", labels.size(), path, labels);
  std::string coordinates = write_coordinates(where, subject.get(), plan, rows, {}, path);
  coordinates +=
      " " + text_coordinate(where, subject.get(), "reference", references,
                            "the reference arm subtracted (empty: the arm itself)", path);
  auto series = index_scale(where, "series", spec.series.size(), path, spec.series);
  auto date = index_scale(where, "date", spec.dates.size(), path, spec.dates);
  put_text(date.get(), "long_name", "the state at the end of the month (the next month's start)",
           path);
  auto key = index_scale(where, "key", spec.keys.size(), path, spec.keys);
  for (const auto& [name, values] : {std::pair{"range_min", &spec.min}, {"range_max", &spec.max}}) {
    auto set = make_fixed(where, name, H5T_NATIVE_DOUBLE, values->size(), values->data(), path);
    put_text(set.get(), "long_name", std::string(name) + " of the key's sampled range", path);
    attach(set.get(), key.get(), 0, path);
  }
  const hid_t scales[] = {subject.get(), series.get(), date.get(), key.get()};
  const auto per_key = index_tables(spec.method).size();
  const auto names = sensitivity_tables(spec.method);
  for (std::size_t t = 0; t < names.size(); ++t) {
    std::vector<hsize_t> shape{labels.size(), spec.series.size(), spec.dates.size()};
    if (t < per_key) shape.push_back(spec.keys.size());
    sensitivity_.push_back(make_table(where, names[t].c_str(), shape, path));
    const hid_t set = sensitivity_.back().get();
    put_text(set, "long_name", meaning_of(names[t]), path);
    put_text(set, "units", units_of(names[t]), path);
    put_text(set, "coordinates", coordinates + (t < per_key ? " range_min range_max" : ""), path);
    for (std::size_t k = 0; k < shape.size(); ++k)
      attach(set, scales[k], static_cast<unsigned>(k), path);
  }
}

void AnalysisTables::open_sensitivity(hid_t file, const SweepPlan& plan, const std::string& path) {
  for (const auto& name : sensitivity_tables(plan.design.sensitivity->method))
    sensitivity_.push_back(open_dataset(file, "sensitivity/" + name, path));
}

void AnalysisTables::write_sensitivity(const SweepPlan& plan,
                                       const std::vector<std::vector<hid_t>>& runs,
                                       const std::vector<bool>& done,
                                       const std::string& path) const {
  const auto& d = plan.design;
  const auto& spec = *d.sensitivity;
  const auto subs = subjects(d);
  const std::size_t series = spec.series.size(), dates = spec.dates.size(), keys = spec.keys.size(),
                    per_key = index_tables(spec.method).size();
  std::vector<std::vector<double>> tables(sensitivity_tables(spec.method).size());
  for (std::size_t t = 0; t < tables.size(); ++t)
    tables[t].resize(subs.size() * series * dates * (t < per_key ? keys : 1));
  std::vector<double> column(plan.runs.size());
  // The mean over seeds of one cell at the date read; NaN unless every seed is done.
  const auto cell_mean = [&](std::size_t arm, std::size_t point, std::size_t sample) {
    double sum = 0;
    for (std::size_t s = 0; s < d.seeds; ++s) {
      const auto r = d.run(arm, point, sample, s);
      if (!done[r]) return std::numeric_limits<double>::quiet_NaN();
      sum += column[r];
    }
    return sum / static_cast<double>(d.seeds);
  };
  std::vector<double> y(d.samples);
  for (std::size_t o = 0; o < series; ++o) {
    for (std::size_t t = 0; t < dates; ++t) {
      transfer_block(runs[0][spec.series_index[o]], {0, spec.rows[t]}, {plan.runs.size(), 1},
                     column.data(), false, path);
      for (std::size_t j = 0; j < subs.size(); ++j) {
        const auto& s = subs[j];
        for (std::size_t i = 0; i < d.samples; ++i)
          y[i] = cell_mean(s.arm, s.point, i) - (s.contrast ? cell_mean(0, s.point, i) : 0.0);
        const auto r = analyse_subject(spec, y);
        const std::size_t at = (j * series + o) * dates + t;
        for (std::size_t k = 0; k < keys; ++k) {
          if (spec.method == SampleMethod::Sobol) {
            const IndexEstimate* each[2] = {&r.first[k], &r.total[k]};
            for (std::size_t x = 0; x < 2; ++x) {
              tables[3 * x][at * keys + k] = each[x]->estimate;
              tables[3 * x + 1][at * keys + k] = each[x]->low;
              tables[3 * x + 2][at * keys + k] = each[x]->high;
            }
          } else if (spec.method == SampleMethod::Morris) {
            tables[0][at * keys + k] = r.mu[k];
            tables[1][at * keys + k] = r.mu_star[k];
            tables[2][at * keys + k] = r.sigma[k];
          }
        }
        const double spread[4] = {r.probability_positive, r.mean, r.q05, r.q95};
        for (std::size_t x = 0; x < 4; ++x) tables[per_key + x][at] = spread[x];
      }
    }
  }
  for (std::size_t t = 0; t < tables.size(); ++t) {
    checked(H5Dwrite(sensitivity_[t].get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                     tables[t].data()),
            path, "writing the sensitivity tables");
  }
}

}  // namespace aiplus::core
