// `aiplus sweep`: every run of an experiment into one file, with per-cell
// summaries. Every run's config is built and checked before the file is created.
#include <oneapi/tbb/task_arena.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "agents/calendar.hpp"
#include "agents/scenario.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/experiment.hpp"
#include "core/hdf5_sweep.hpp"
#include "core/parallel.hpp"
#include "core/version.hpp"

namespace aiplus::cli {

int sweep_command(const SweepOptions& options) {
  const auto experiment = core::load_experiment(options.experiment);
  const auto runs = experiment.runs();
  std::vector<std::string> extra = options.overrides;
  if (options.firms) extra.push_back("simulation.firms=" + std::to_string(*options.firms));
  if (options.steps) extra.push_back("simulation.steps=" + std::to_string(*options.steps));

  // Build and check every run's config first: bad input leaves no file.
  std::vector<core::Config> configs;
  for (const auto& run : runs) {
    configs.push_back(experiment.config(agents::schema(), run, extra));
    agents::check(configs.back());
    if (configs.back().integer("simulation.steps") != configs.front().integer("simulation.steps")) {
      throw core::ConfigError(configs.back().where("simulation.steps"),
                              "simulation.steps differs between runs; expected every run of a "
                              "sweep to cover the same months");
    }
  }
  const std::string output =
      options.output.empty() ? default_output(options.experiment, "sweep.h5") : options.output;
  if (auto problem = output_problem(output, options.force); !problem.empty()) {
    std::cerr << output << ":1:1: cannot write output: " << problem << "\n";
    return kBadInput;
  }

  std::vector<core::RunLabel> labels;
  for (const auto& run : runs) {
    core::RunLabel label{run.seed, experiment.arms[run.arm].name, {}, run.cell};
    for (std::size_t k = 0; k < experiment.grid.size(); ++k)
      label.grid_values.push_back(experiment.grid[k].values[run.point[k]]);
    labels.push_back(label);
  }
  std::vector<std::string> grid_keys;
  for (const auto& axis : experiment.grid) grid_keys.push_back(axis.key);

  const auto steps = static_cast<std::uint32_t>(configs.front().integer("simulation.steps"));
  core::RunInfo info;
  info.config_toml = experiment.text;
  info.version = core::version_string();
  info.start_date = agents::month_label(0);
  info.time_units = agents::kTimeUnits;
  info.time = agents::time_coordinate(steps);
  info.steps = steps;
  info.agents = static_cast<std::uint64_t>(configs.front().integer("simulation.firms"));

  core::Hdf5SweepFile file(output, options.force);
  install_stop_handlers();
  const auto started = std::chrono::steady_clock::now();
  std::size_t finished = 0;
  bool begun = false;
  try {
    core::with_threads(options.threads, [&] {
      info.threads = tbb::this_task_arena::max_concurrency();
      for (std::size_t r = 0; r < runs.size() && !stop_requested().load(); ++r) {
        auto model = agents::make_model(configs[r]);
        if (!begun) {
          file.begin(info, model->outputs().front().series, grid_keys, labels);
          begun = true;
        }
        core::MemorySink sink;
        core::RunInfo run_info = info;
        run_info.seed = runs[r].seed;
        const auto result = core::simulate(*model, sink, run_info, &stop_requested());
        if (!result.complete) break;
        std::vector<std::vector<double>> values;
        for (const auto& s : sink.groups().front().series) values.push_back(sink.series(s.name));
        file.write_run(r, values);
        ++finished;
        if (!options.quiet) {
          spdlog::info(
              "run {}/{} done: arm {}, seed {} ({:.1f} s so far)", r + 1, runs.size(),
              labels[r].arm, labels[r].seed,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        }
      }
    });
  } catch (const std::exception& e) {
    if (begun) file.end(false);
    std::cerr << "aiplus: sweep failed: " << e.what() << "\n";
    return 1;
  }
  if (begun) file.end(finished == runs.size());
  std::printf("aiplus: wrote %s (%zu of %zu runs, %zu cells of %zu seeds; %s)\n", output.c_str(),
              finished, runs.size(), experiment.cells(), experiment.seeds.size(),
              finished == runs.size() ? "complete" : "INCOMPLETE");
  std::printf("  read it: xarray.open_dataset('%s', engine='h5netcdf', group='summary')\n",
              output.c_str());
  return finished == runs.size() ? 0 : 130;
}

}  // namespace aiplus::cli
