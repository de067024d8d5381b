// `aiplus sweep`: every run of an experiment into one file, with per-cell
// summaries. Every run's config is built and checked before the file is created.
// Under mpirun or srun the runs are dealt out to the ranks and rank 0 writes them;
// each run's values depend only on its config, so the file is the one a serial
// sweep writes. With --resume the runs already in the file are skipped.
#include <oneapi/tbb/info.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "agents/scenario.hpp"
#include "cli/common/cluster.hpp"
#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/common/writing.hpp"
#include "cli/sweep/sweep_plan.hpp"
#include "cli/version.hpp"
#include "core/config/input.hpp"
#include "core/io/output_file.hpp"
#include "core/study/run_pool.hpp"
#include "core/study/sweep/experiment.hpp"
#include "core/study/sweep/hdf5_sweep.hpp"

namespace aiplus::cli {
namespace {

// Rank 0's file set-up; returns an exit code (0: go on) and fills `todo`.
int open_output(core::Hdf5SweepFile& file, const SweepOptions& options, const std::string& output,
                const core::RunInfo& info, const core::SweepPlan& plan,
                std::vector<std::uint64_t>& todo) {
  struct stat status {};
  const bool resuming = options.resume && ::lstat(output.c_str(), &status) == 0;
  const auto refuse = [&](const std::string& problem) {
    std::cerr << core::excerpt(output, 300) << ":1:1: cannot write output: " << problem << "\n";
    return kBadInput;
  };
  try {
    if (!resuming) {
      if (auto problem = output_problem(output, options.force); !problem.empty())
        return refuse(problem + (options.force ? "" : " (or --resume to go on with it)"));
      const double bytes = core::Hdf5SweepFile::bytes_needed(plan, info.time.size());
      if (auto problem = space_problem(output, bytes); !problem.empty()) return refuse(problem);
      file.create(info, plan, options.force);
    } else if (auto problem = input_problem(output); !problem.empty()) {
      return refuse(problem);
    } else if (!S_ISREG(status.st_mode)) {
      return refuse(
          "is not a regular file (a link, folder, device or FIFO); expected the sweep "
          "file itself");
    } else {
      file.resume(info, plan);
    }
  } catch (const core::FileBusy& e) {  // another process's file is left alone
    return refuse(std::string(e.what()) + "; expected a file no other process is writing");
  } catch (const core::PathTaken& e) {
    return refuse(e.what());
  }
  for (std::size_t r = 0; r < plan.runs.size(); ++r)
    if (!file.done()[r]) todo.push_back(r);
  if (const auto& damaged = file.damaged(); !damaged.empty()) {
    std::string runs;
    for (std::size_t k = 0; k < damaged.size() && k < 20; ++k)
      runs += (k ? ", " : "") + std::to_string(damaged[k] + 1);
    if (damaged.size() > 20) runs += ", ...";
    std::cerr << "aiplus: " << core::excerpt(output, 300) << ": " << damaged.size()
              << " run(s) marked done do not match their checksum (damaged) and run again: run "
              << runs << "\n";
  }
  if (resuming && !options.quiet)
    spdlog::info("resuming {}: {} of {} runs already done", output, plan.runs.size() - todo.size(),
                 plan.runs.size());
  return 0;
}

}  // namespace

int sweep_command(const SweepOptions& options) {
  Cluster cluster;
  const bool writer = cluster.rank() == 0;
  // Build and check every run's config first: bad input leaves no file. Every rank
  // reads the same files and fails the same way; rank 0 alone reports it.
  std::unique_ptr<PlannedSweep> planned;
  try {
    planned = plan_sweep(options);
    if (!options.dry_run) refuse_if_too_big(*planned->biggest);
  } catch (const core::ConfigError&) {
    if (writer) throw;
    return kBadInput;
  }
  const auto& experiment = planned->experiment;
  const auto& runs = planned->runs;
  const auto& plan = planned->plan;
  const auto& biggest = planned->biggest;
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  if (options.dry_run) {
    if (writer) print_dry_run(*planned, options, threads);
    return 0;
  }
  const std::string output =
      options.output.empty() ? default_output(options.experiment, "sweep.h5") : options.output;

  const auto settings = agents::settings(*planned->first);
  const auto calendar = settings.calendar();
  const auto steps = settings.steps;
  // The most firms any run steps: how many runs fit in memory at once.
  const auto firms = static_cast<std::size_t>(agents::settings(*biggest).firms);
  core::RunInfo info;
  info.config_toml = experiment.text;
  info.version = version_string();
  info.start_date = calendar.label(0);
  info.time_units = calendar.time_units();
  info.time = calendar.time_coordinate(steps);
  info.steps = steps;
  info.threads = threads;

  // Before any file exists, so that Ctrl-C always finds the handler and stops cleanly.
  install_stop_handlers();
  // Rank 0 opens the file and tells every rank which runs are left (after an exit code).
  core::Hdf5SweepFile file(output);
  std::vector<std::uint64_t> status{0};
  if (writer) {  // a failure here must still reach the other ranks, or they would wait
    std::vector<std::uint64_t> todo;
    try {
      status[0] = static_cast<std::uint64_t>(open_output(file, options, output, info, plan, todo));
    } catch (const core::ConfigError& e) {
      status[0] = static_cast<std::uint64_t>(report(e));
    } catch (const std::exception& e) {
      std::cerr << "aiplus: " << e.what() << "\n";
      status[0] = 1;
    }
    status.insert(status.end(), todo.begin(), todo.end());
  }
  status = cluster.broadcast(status);
  if (status[0] != 0) return static_cast<int>(status[0]);
  std::vector<std::size_t> mine;  // this rank's share, dealt out in turn
  for (std::size_t i = 1; i < status.size(); ++i)
    if (static_cast<int>((i - 1) % static_cast<std::size_t>(cluster.size())) == cluster.rank())
      mine.push_back(status[i]);

  const auto started = std::chrono::steady_clock::now();
  std::size_t written = runs.size() - (status.size() - 1);
  const auto write = [&](std::size_t r, const std::vector<double>& values) {
    file.write_run(r, values);
    ++written;
    if (!options.quiet) {
      spdlog::info(
          "run {} done: arm {}, seed {} ({} of {} in the file, {:.1f} s)", r + 1, plan.runs[r].arm,
          plan.runs[r].seed, written, runs.size(),
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
  };
  const auto compute = [&](std::size_t r) {
    auto model = agents::make_model(planned->config(r));
    core::MemorySink sink;
    core::RunInfo run_info = info;
    run_info.seed = runs[r].seed;
    const auto result = core::simulate(*model, sink, run_info, &stop_requested());
    return result.complete ? core::run_values(sink, plan.groups) : std::vector<double>{};
  };
  int finished_ranks = 0;
  const auto hear = [&](bool wait) {  // rank 0: take what the other ranks sent
    while (auto message = cluster.receive(wait)) {
      if (message->finished) {
        if (++finished_ranks == cluster.size() - 1) return;
      } else {
        write(message->run, message->values);
      }
    }
  };
  const int at_once =
      core::runs_at_once(firms, threads, agents::estimated_bytes(*biggest), available_bytes());
  try {
    core::run_pool(
        mine, threads, at_once, compute,
        [&](std::size_t r, std::vector<double> values) {
          if (writer) {
            write(r, values);
          } else {
            cluster.send_run(r, values);
          }
        },
        [] { return stop_requested().load(); },
        [&] {
          if (writer) hear(false);
        });
    if (!writer) {
      cluster.send_finished();
      return 0;
    }
    while (finished_ranks < cluster.size() - 1) hear(true);
  } catch (const std::exception& e) {
    std::cerr << "aiplus: sweep failed: " << e.what() << "\n";
    if (writer) {
      try {
        file.end(false);
      } catch (const std::exception& again) {
        std::cerr << "aiplus: " << again.what() << "\n";
      }
      std::cerr << "aiplus: the runs marked done in " << output
                << " are kept; --resume goes on with the rest\n";
    }
    if (cluster.size() > 1) cluster.abort(1);
    return 1;
  }
  const bool complete = written == runs.size();
  file.end(complete);
  std::printf("aiplus: wrote %s (%zu of %zu runs, %zu cells of %zu seeds; %s)\n", output.c_str(),
              written, runs.size(), experiment.cells(), experiment.seeds.size(),
              complete ? "complete" : "INCOMPLETE: run again with --resume to finish");
  std::printf("  read it: xarray.open_dataset('%s', engine='h5netcdf', group='summary')\n",
              output.c_str());
  return complete ? 0 : 130;
}

void add_sweep(CLI::App& aiplus, std::vector<Command>& commands) {
  auto options = std::make_shared<SweepOptions>();
  auto* sweep_cmd = aiplus.add_subcommand("sweep",
                                          "run every arm, grid point, sample point and seed of an "
                                          "experiment file into one HDF5 file, with summaries");
  sweep_cmd->footer(
      "\nExamples:\n"
      "  aiplus sweep configs/experiments/ding_2x2.toml -o ding.h5\n"
      "  aiplus sweep configs/experiments/ding_2x2.toml -o ding.h5 --resume   # after Ctrl-C\n"
      "  mpirun -n 8 aiplus sweep configs/experiments/ding_2x2.toml -o ding.h5  # runs dealt "
      "out to 8 ranks; rank 0 writes\n"
      "The experiment file format is in README.md (Experiments); the output in OUTPUT.md.");
  sweep_cmd
      ->add_option("experiment", options->experiment,
                   "experiment file (TOML), e.g. configs/experiments/ding_2x2.toml")
      ->required();
  sweep_cmd
      ->add_option("-o,--output", options->output,
                   "HDF5 file to write (default: the experiment's name with .h5)")
      ->type_name("FILE")
      ->check(non_empty_path());
  sweep_cmd
      ->add_option("--set", options->overrides, "override a config key in every run (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  sweep_cmd->add_option("--firms", options->firms, "simulated firms in every run")
      ->type_name("N")
      ->check(whole_number_for(agents::kFirmsKey));
  sweep_cmd->add_option("--steps", options->steps, "monthly steps in every run")
      ->type_name("N")
      ->check(whole_number_for(agents::kStepsKey));
  add_resumable_flags(*sweep_cmd, options->force, options->resume, options->threads, options->quiet,
                      "sweep: keep the runs already in the output file");
  sweep_cmd
      ->add_option("--posterior", options->posterior,
                   "draw the experiment's [posterior] from this calibration file instead "
                   "(e.g. one made with calibrate --only)")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  sweep_cmd->add_flag("--dry-run", options->dry_run,
                      "print the runs planned, their time, memory and file size; write nothing");
  commands.push_back({sweep_cmd, [options] { return sweep_command(*options); }});
}

}  // namespace aiplus::cli
