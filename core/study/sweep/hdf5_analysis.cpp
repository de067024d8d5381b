// Layout and writing of a sweep file's contrast, factorial and sensitivity tables.
#include "core/study/sweep/hdf5_analysis.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "core/io/hdf5_util.hpp"
#include "core/study/sweep/hdf5_tables.hpp"

namespace aiplus::core {

using namespace h5;

namespace {

const std::vector<std::string> kSuffixes{"_mean", "_lo", "_hi"};
// Run data read at once per table: a time slab of every pair at most this large.
constexpr double kSlabBytes = 64e6;

// Where a family's tables of group g lie: in the family's group for the first group
// (national), in a subgroup named after the group for the others.
std::string family_path(const std::string& family, const SweepPlan& plan, std::size_t g) {
  return g == 0 ? family : family + "/" + plan.groups[g].name;
}

H5Handle open_group(hid_t file, const std::string& name, const std::string& path) {
  return {
      checked(H5Gopen2(file, name.c_str(), H5P_DEFAULT), path, ("opening group " + name).c_str()),
      H5Gclose};
}

// One family of tables (contrasts or factorial effects): per group, the series tables
// along `dimension`, whose rows are labelled `labels` and identified by `rows`.
std::vector<std::vector<H5Handle>> lay_out_family(
    hid_t top, const char* dimension, const std::vector<std::string>& labels,
    const std::vector<RunLabel>& rows, RowCoordinates what,
    const std::vector<std::string>* references, const SweepPlan& plan, const RunInfo& info,
    const std::vector<std::string>& meanings, const std::string& path) {
  std::vector<std::vector<H5Handle>> out;
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    H5Handle sub = g == 0 ? H5Handle() : make_group(top, plan.groups[g].name, path);
    const hid_t where = g == 0 ? top : sub.get();
    auto scale = index_scale(where, dimension, labels.size(), path, labels);
    std::string coordinates = write_coordinates(where, scale.get(), plan, rows, what, path);
    if (references) {
      coordinates += " " + text_coordinate(where, scale.get(), "reference", *references,
                                           "the reference arm", path);
    }
    out.push_back(make_series_tables(where, plan.groups[g], scale.get(), info, labels.size(),
                                     {kSuffixes, meanings, coordinates}, path));
  }
  return out;
}

std::vector<std::vector<H5Handle>> open_family(hid_t file, const std::string& family,
                                               const SweepPlan& plan, const std::string& path) {
  std::vector<std::vector<H5Handle>> out;
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    const auto group = open_group(file, family_path(family, plan, g), path);
    out.push_back(open_series_tables(group.get(), plan.groups[g], kSuffixes, path));
  }
  return out;
}

// What a slab's values become: `in[source]` is [pair][element] over `width` elements;
// `out[k]` (width values each, NaN) is written to output k.
using SlabFill = std::function<void(const std::vector<std::vector<double>>& in, std::size_t width,
                                    std::vector<std::vector<double>>& out)>;

// Reads rows [first, first + span) of a run table for each first of `firsts`, a slab of
// times at a time, and writes what `fill` makes of them to row `.second` of each output
// table `.first` (shaped like the run table but for its rows).
void by_time_slab(hid_t table, const std::vector<hsize_t>& shape,
                  const std::vector<std::size_t>& firsts, std::size_t span,
                  const std::vector<std::pair<hid_t, std::size_t>>& outputs, const SlabFill& fill,
                  const std::string& path) {
  std::size_t element = 1;
  for (std::size_t k = 2; k < shape.size(); ++k) element *= shape[k];
  const std::size_t times = shape[1];
  const double per_time =
      static_cast<double>(firsts.size() * std::max<std::size_t>(span, 1) * element) * 8.0;
  const auto slab = std::clamp<std::size_t>(static_cast<std::size_t>(kSlabBytes / per_time), 1,
                                            std::max<std::size_t>(times, 1));
  std::vector<std::vector<double>> in(firsts.size()), out(outputs.size());
  for (std::size_t t0 = 0; t0 < times; t0 += slab) {
    const std::size_t nt = std::min(slab, times - t0), width = nt * element;
    std::vector<hsize_t> start(shape.size(), 0), count = shape;
    start[1] = t0, count[1] = nt, count[0] = span;
    for (std::size_t k = 0; k < firsts.size(); ++k) {
      in[k].assign(span * width, 0.0);
      start[0] = firsts[k];
      if (span > 0) transfer_block(table, start, count, in[k].data(), false, path);
    }
    for (auto& o : out) o.assign(width, std::numeric_limits<double>::quiet_NaN());
    fill(in, width, out);
    count[0] = 1;
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      start[0] = outputs[k].second;
      transfer_block(outputs[k].first, start, count, out[k].data(), true, path);
    }
  }
}

}  // namespace

void AnalysisTables::create(hid_t file, const SweepPlan& plan, const RunInfo& info,
                            const std::string& path) {
  close();
  create_contrasts(file, plan, info, path);
  if (plan.design.sensitivity) create_sensitivity(file, plan, path);
}

void AnalysisTables::create_contrasts(hid_t file, const SweepPlan& plan, const RunInfo& info,
                                      const std::string& path) {
  const auto& d = plan.design;
  const auto cs = contrasts(d);
  if (cs.empty()) return;
  std::vector<RunLabel> rows;
  std::vector<std::string> labels, references;
  for (const auto& c : cs) {
    rows.push_back(plan.runs[d.run(c.arm, c.point, 0, 0)]);
    labels.push_back(c.label);
    references.push_back(d.arms[0]);
  }
  auto top = make_group(file, "contrasts", path);
  contrasts_ = lay_out_family(
      top.get(), "contrast", labels, rows, {}, &references, plan, info,
      {"arm minus reference: mean of paired differences over (sample point, seed) of ",
       "lower end of the 95% t-interval of the paired difference of ",
       "upper end of the 95% t-interval of the paired difference of "},
      path);
  if (const auto es = effects(d); !es.empty()) {
    rows.clear(), labels.clear();
    for (const auto& e : es) {
      rows.push_back(plan.runs[d.run(0, e.point, 0, 0)]);
      labels.push_back(e.label);
    }
    auto factorial = make_group(top.get(), "factorial", path);
    factorial_ =
        lay_out_family(factorial.get(), "effect", labels, rows, {.arm = false}, nullptr, plan, info,
                       {"2x2 factorial effect, mean over (sample point, seed) of ",
                        "lower end of the 95% t-interval of the factorial effect on ",
                        "upper end of the 95% t-interval of the factorial effect on "},
                       path);
  }
}

void AnalysisTables::open(hid_t file, const SweepPlan& plan, const std::string& path) {
  close();
  if (!contrasts(plan.design).empty()) contrasts_ = open_family(file, "contrasts", plan, path);
  if (!effects(plan.design).empty())
    factorial_ = open_family(file, "contrasts/factorial", plan, path);
  if (plan.design.sensitivity) open_sensitivity(file, plan, path);
}

void AnalysisTables::close() noexcept {
  contrasts_.clear(), factorial_.clear(), sensitivity_.clear();
}

void AnalysisTables::write(const SweepPlan& plan, std::size_t times,
                           const std::vector<std::vector<hid_t>>& runs,
                           const std::vector<bool>& done, const std::string& path) const {
  write_contrasts(plan, times, runs, done, path);
  if (!sensitivity_.empty()) write_sensitivity(plan, runs, done, path);
}

void AnalysisTables::write_contrasts(const SweepPlan& plan, std::size_t times,
                                     const std::vector<std::vector<hid_t>>& runs,
                                     const std::vector<bool>& done, const std::string& path) const {
  const auto& d = plan.design;
  const std::size_t span = d.samples * d.seeds;
  // The pairs (sample point, seed) done in every arm of `firsts`.
  const auto pairs_of = [&](const std::vector<std::size_t>& firsts) {
    std::vector<std::size_t> pairs;
    for (std::size_t p = 0; p < span; ++p) {
      bool all = true;
      for (const auto f : firsts) all = all && done[f + p];
      if (all) pairs.push_back(p);
    }
    return pairs;
  };
  const auto cs = contrasts(d);
  for (std::size_t g = 0; g < contrasts_.size(); ++g) {
    const auto shape = table_shape(plan.runs.size(), times, plan.groups[g]);
    for (std::size_t s = 0; s < plan.groups[g].series.size(); ++s) {
      const auto& t = contrasts_[g];
      for (std::size_t c = 0; c < cs.size(); ++c) {
        const std::vector<std::size_t> firsts{d.run(cs[c].arm, cs[c].point, 0, 0),
                                              d.run(0, cs[c].point, 0, 0)};
        const auto pairs = pairs_of(firsts);
        by_time_slab(
            runs[g][s], shape, firsts, span,
            {{t[3 * s].get(), c}, {t[3 * s + 1].get(), c}, {t[3 * s + 2].get(), c}},
            [&](const auto& in, std::size_t width, auto& out) {
              paired_contrast(in[0], in[1], pairs, width, out[0].data(), out[1].data(),
                              out[2].data());
            },
            path);
      }
      if (g >= factorial_.size()) continue;
      const auto& f = factorial_[g];
      for (std::size_t p = 0; p < d.points(); ++p) {
        std::vector<std::size_t> firsts;
        for (const auto arm : d.factorial->arms) firsts.push_back(d.run(arm, p, 0, 0));
        const auto pairs = pairs_of(firsts);
        std::vector<std::pair<hid_t, std::size_t>> outputs;
        for (std::size_t e = 0; e < 3; ++e)
          for (std::size_t k = 0; k < 3; ++k) outputs.emplace_back(f[3 * s + k].get(), 3 * p + e);
        by_time_slab(
            runs[g][s], shape, firsts, span, outputs,
            [&](const auto& in, std::size_t width, auto& out) {
              factorial_contrast({in[0], in[1], in[2], in[3]}, pairs, width,
                                 {{{out[0].data(), out[1].data(), out[2].data()},
                                   {out[3].data(), out[4].data(), out[5].data()},
                                   {out[6].data(), out[7].data(), out[8].data()}}});
            },
            path);
      }
    }
  }
}

double AnalysisTables::bytes(const SweepPlan& plan, std::size_t times) {
  const auto& d = plan.design;
  const double rows = static_cast<double>(contrasts(d).size() + effects(d).size());
  double values = 0;
  for (const auto& g : plan.groups)
    values += static_cast<double>(g.series.size() * times * g.width());
  double out = rows * 3 * values * sizeof(double) + 512.0 * rows * 3;
  if (d.sensitivity) {
    const auto& s = *d.sensitivity;
    const double cells = static_cast<double>(subjects(d).size() * s.series.size() * s.dates.size());
    out += cells * static_cast<double>(6 * s.keys.size() + 4) * sizeof(double) + (1 << 16);
  }
  return out;
}

}  // namespace aiplus::core
