// Planning a sweep: configs built and checked, the file's plan, a dry run, and the
// validation of an experiment file.
#include "cli/sweep/sweep_plan.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>

#include "agents/scenario.hpp"
#include "cli/common/scenario_options.hpp"
#include "core/config/input.hpp"
#include "core/study/run_pool.hpp"
#include "core/study/sweep/hdf5_sweep.hpp"

namespace aiplus::cli {
namespace {

// The national series a sensitivity analysis reads unless `outputs` names others.
constexpr const char* kHeadlineSeries[] = {"ai_tfp_term", "adoption_share_employment", "sme_gap"};
// Firm-steps a thread computes per second, for the dry run's estimate of time.
constexpr double kFirmStepsPerSecond = 4e7;

// FNV-1a of every run's resolved config, added run by run: what a resumed file must
// have been written for.
class Fingerprint {
 public:
  void add(const std::string& toml) {
    for (const char c : toml + "\n") h_ = (h_ ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  [[nodiscard]] std::string text() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h_));
    return text;
  }

 private:
  std::uint64_t h_ = 14695981039346656037ull;
};

// The output groups the sweep writes: every group of the model, or those `groups`
// names (national among them: it holds each run's done flag), in the model's order.
std::vector<core::GroupInfo> chosen_groups(const core::Experiment& x,
                                           const std::vector<core::GroupInfo>& all,
                                           const std::string& model) {
  if (x.groups.empty()) return all;
  std::string names;
  for (const auto& g : all) names += (names.empty() ? "" : ", ") + g.name;
  for (const auto& wanted : x.groups) {
    if (std::none_of(all.begin(), all.end(), [&](const auto& g) { return g.name == wanted.name; }))
      throw core::ConfigError(wanted.where, "groups: '" + core::excerpt(wanted.name) +
                                                "' is not an output group of the " + model +
                                                " model; expected some of " + names);
  }
  std::vector<core::GroupInfo> out;
  for (const auto& g : all) {
    if (std::any_of(x.groups.begin(), x.groups.end(),
                    [&](const auto& n) { return n.name == g.name; }))
      out.push_back(g);
  }
  if (out.empty() || out.front().name != all.front().name)
    throw core::ConfigError(x.groups.front().where,
                            "groups: " + all.front().name +
                                " is missing; expected a list that includes it (it holds each "
                                "run's done flag)");
  return out;
}

// Refuses a grid or sampled key whose variable name (dots as underscores) is taken.
void check_variable_names(const core::Experiment& x, const std::vector<core::GroupInfo>& groups) {
  std::set<std::string> taken{"run",    "time", "seed",     "arm",       "done",      "checksum",
                              "cell",   "runs", "contrast", "reference", "effect",    "subject",
                              "series", "date", "key",      "range_min", "range_max", "config"};
  for (const auto& g : groups) {
    for (const auto& d : g.dimensions) taken.insert(d.name);
    for (const auto& s : g.series) taken.insert(s.name);
  }
  const auto check = [&](const std::string& key, const core::SourcePos& where) {
    const auto name = core::variable_name(key);
    if (!taken.insert(name).second)
      throw core::ConfigError(where, core::excerpt(key) + ": its name in the sweep file, " + name +
                                         ", is taken by another variable; expected a key whose "
                                         "name differs once dots become underscores");
  };
  for (const auto& axis : x.grid) check(axis.key, axis.where);
  for (const auto& axis : x.sample.axes) check(axis.key, axis.where);
}

// What the sensitivity analysis reads: the series and dates checked against the model's
// national group and the run's months.
core::SensitivitySpec sensitivity_of(const core::Sample& sample, const core::GroupInfo& national,
                                     const agents::RunSettings& settings) {
  core::SensitivitySpec spec;
  spec.method = sample.method;
  for (const auto& axis : sample.axes)
    spec.keys.push_back(axis.key), spec.min.push_back(axis.min), spec.max.push_back(axis.max);
  const auto index = [&](const std::string& name) {
    for (std::size_t s = 0; s < national.series.size(); ++s)
      if (national.series[s].name == name) return s;
    return national.series.size();
  };
  std::vector<core::Named> outputs = sample.outputs;
  if (outputs.empty()) {
    for (const char* name : kHeadlineSeries)
      if (index(name) < national.series.size()) outputs.push_back({name, sample.where});
    if (outputs.empty())  // a model without them: every national series
      for (const auto& s : national.series) outputs.push_back({s.name, sample.where});
  }
  for (const auto& o : outputs) {
    if (index(o.name) == national.series.size())
      throw core::ConfigError(o.where, "sample.outputs: '" + core::excerpt(o.name) +
                                           "' is not a national series of the " + settings.model +
                                           " model; expected one `aiplus outputs --model " +
                                           settings.model + "` lists under national");
    spec.series.push_back(o.name), spec.series_index.push_back(index(o.name));
  }
  const auto calendar = settings.calendar();
  const std::string first = calendar.label(0), last = calendar.label(settings.steps - 1);
  std::vector<core::Named> dates = sample.dates;
  if (dates.empty()) dates.push_back({last, sample.where});
  for (const auto& d : dates) {
    core::MonthIndex month = 0;
    (void)core::parse_month(d.name, month);
    const auto row = calendar.row(month) + 1;  // the end of the month: the next month's start
    if (row < 1 || row > static_cast<std::int64_t>(settings.steps))
      throw core::ConfigError(d.where, "sample.dates: " + d.name +
                                           " is outside the run; expected a month from " + first +
                                           " to " + last + " (the state at the end of each)");
    spec.dates.push_back(d.name), spec.rows.push_back(static_cast<std::size_t>(row));
  }
  spec.saltelli = sample.saltelli, spec.morris = sample.morris;
  spec.bootstrap = {sample.bootstrap, 0.95, sample.seed};
  return spec;
}

}  // namespace

core::Config PlannedSweep::config(std::size_t r) const {
  return experiment.config(*base, runs[r], extra, agents::kSeedKey);
}

std::unique_ptr<PlannedSweep> plan_sweep(const SweepOptions& options) {
  auto out = std::make_unique<PlannedSweep>();
  auto& x = out->experiment;
  x = core::load_experiment(options.experiment, &agents::schema(), options.posterior);
  out->runs = x.runs();
  out->extra = options.overrides;
  if (options.firms)
    out->extra.push_back(std::string(agents::kFirmsKey) + "=" + std::to_string(*options.firms));
  if (options.steps)
    out->extra.push_back(std::string(agents::kStepsKey) + "=" + std::to_string(*options.steps));

  // Build and check every run's config first: bad input leaves no file. A run's config
  // is built again when it is needed, so memory does not grow with runs.
  Fingerprint fingerprint;
  std::vector<std::uint64_t> firms;  // each run's agents
  out->base.emplace(x.base(agents::schema()));
  for (std::size_t r = 0; r < out->runs.size(); ++r) {
    core::Config config = out->config(r);
    agents::check(config);
    firms.push_back(agents::settings(config).firms);
    if (!out->first) out->first.emplace(config);
    const auto one = agents::settings(*out->first), now = agents::settings(config);
    if (now.steps != one.steps || now.start.index != one.start.index) {
      throw core::ConfigError(config.where(config.schema().selector()),
                              std::string(agents::kStepsKey) + " or " + agents::kStartKey +
                                  " differs between runs; expected every run of a sweep to "
                                  "cover the same months");
    }
    fingerprint.add(config.to_toml());
    if (!out->biggest || agents::estimated_bytes(config) > agents::estimated_bytes(*out->biggest))
      out->biggest.emplace(std::move(config));
  }

  const auto settings = agents::settings(*out->first);
  auto& plan = out->plan;
  plan.groups = chosen_groups(x, agents::outputs(*out->first), settings.model);
  check_variable_names(x, plan.groups);
  for (const auto& axis : x.grid)
    plan.grid_keys.push_back(axis.key), plan.grid_numeric.push_back(axis.numeric);
  for (const auto& axis : x.sample.axes) plan.sample_keys.push_back(axis.key);
  for (std::size_t r = 0; r < out->runs.size(); ++r) {
    const auto& run = out->runs[r];
    core::RunLabel label{run.seed, x.arms[run.arm].name, {}, {}, run.cell, run.sample, firms[r]};
    for (std::size_t k = 0; k < x.grid.size(); ++k)
      label.grid_values.push_back(x.grid[k].values[run.point[k]]);
    if (!x.sample.axes.empty()) label.sample_values = x.sample.values[run.sample];
    plan.runs.push_back(std::move(label));
  }
  plan.fingerprint = fingerprint.text();
  plan.posterior = x.posterior.file;
  auto& design = plan.design;
  for (const auto& arm : x.arms) design.arms.push_back(arm.name);
  design.samples = std::max<std::size_t>(x.sample.points, 1);
  design.seeds = x.seeds.size();
  if (!x.grid.empty()) {
    const std::size_t points = x.cells() / (x.arms.size() * design.samples);
    for (std::size_t p = 0; p < points; ++p)
      design.grid_labels.push_back(core::grid_label(plan, plan.runs[design.run(0, p, 0, 0)]));
  }
  design.factorial = x.factorial;
  if (x.sample.points > 0) design.sensitivity = sensitivity_of(x.sample, plan.groups[0], settings);
  plan.config = [sweep = out.get()](std::size_t r) { return sweep->config(r).to_toml(); };
  return out;
}

void print_dry_run(const PlannedSweep& sweep, const SweepOptions& options, int threads) {
  const auto& x = sweep.experiment;
  const auto& d = sweep.plan.design;
  const auto settings = agents::settings(*sweep.first);
  const double runs = static_cast<double>(sweep.runs.size());
  const double per_run = agents::estimated_bytes(*sweep.biggest);
  const int at_once = core::runs_at_once(settings.firms, threads, per_run, available_bytes());
  const auto times = static_cast<std::size_t>(settings.steps) + 1;
  const double seconds = runs * settings.firms * settings.steps / (kFirmStepsPerSecond * threads);
  std::string groups;
  for (const auto& g : sweep.plan.groups) groups += (groups.empty() ? "" : ", ") + g.name;
  std::printf(
      "%s: %zu runs (%zu arms x %zu grid points x %zu sample points x %zu seeds), %zu cells\n",
      options.experiment.c_str(), sweep.runs.size(), d.arms.size(), d.points(), d.samples, d.seeds,
      x.cells());
  std::string arms;
  for (const auto& a : d.arms) arms += (arms.empty() ? "" : ", ") + a;
  std::printf("  arms: %s%s\n", arms.c_str(),
              d.factorial         ? " (a 2x2 factorial)"
              : d.arms.size() > 1 ? " (contrasts against the first)"
                                  : "");
  for (const auto& axis : x.grid)
    std::printf("  grid: %s, %zu values\n", axis.key.c_str(), axis.values.size());
  if (x.sample.points > 0) {
    std::printf("  sample: %s, %zu points over %zu keys", core::method_name(x.sample.method),
                x.sample.points, x.sample.axes.size());
    if (x.sample.method == core::SampleMethod::Sobol)
      std::printf(" (base %zu, %zu bootstrap resamples)", x.sample.base, x.sample.bootstrap);
    if (x.sample.method == core::SampleMethod::Morris)
      std::printf(" (%zu trajectories, %zu levels)", x.sample.trajectories, x.sample.levels);
    std::printf("\n");
  }
  std::printf("  seeds: %llu .. %llu\n", static_cast<unsigned long long>(x.seeds.front()),
              static_cast<unsigned long long>(x.seeds.back()));
  std::printf("  each run: %u firms, %u steps from %s (%s model)\n", settings.firms, settings.steps,
              settings.calendar().label(0).c_str(), settings.model.c_str());
  std::printf("  runs at once: %d on %d threads\n", at_once, threads);
  std::printf("  estimated time: %.0f s (firms x steps / %.0e firm-steps per second per thread)\n",
              seconds, kFirmStepsPerSecond);
  std::printf("  memory: %.2f GB per run, %.2f GB at once\n", per_run / 1e9,
              per_run * at_once / 1e9);
  std::printf("  file: %.1f MB (groups %s)\n",
              core::Hdf5SweepFile::bytes_needed(sweep.plan, times) / 1e6, groups.c_str());
  std::printf("  dry run: nothing was run or written\n");
}

bool is_experiment_file(const std::string& path) {
  try {
    return core::is_experiment_text(core::read_input_file(path, {path, 1, 1}, "config file"));
  } catch (const std::exception&) {
    return false;
  }
}

int validate_experiment(const ScenarioOptions& options) {
  if (options.seed) {
    throw core::ConfigError({"--seed", 1, 1},
                            "an experiment sets its own seeds (replicates, first_seed); expected "
                            "no --seed");
  }
  SweepOptions sweep;
  sweep.experiment = options.config_path;
  sweep.overrides = options.overrides;
  sweep.firms = options.firms, sweep.steps = options.steps;
  const auto planned = plan_sweep(sweep);
  const auto s = agents::settings(*planned->first);
  std::cout << options.config_path << ": valid experiment (" << planned->runs.size() << " runs in "
            << planned->experiment.cells() << " cells; " << s.model << " model, " << s.firms
            << " firms, " << s.steps << " steps from " << s.calendar().label(0) << ")\n";
  return 0;
}

}  // namespace aiplus::cli
