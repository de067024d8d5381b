// `aiplus calibrate`: approximate Bayesian computation by sequential Monte Carlo
// (core/study/calibration/abc_smc.hpp) of the config keys a calibration file names, against
// observed targets, across one or several populations at once. Every input is read and checked
// before the file is created. Each generation is written when it is done; Ctrl-C or
// SIGTERM stops after the current batch, and --resume goes on from the generations in
// the file to the file an uninterrupted calibration writes. Under mpirun or srun the
// runs of each batch are dealt out to the ranks; rank 0 computes the distances and
// broadcasts them, so every rank's AbcState stays the same, and rank 0 alone writes.
#include "cli/calibrate/calibrate_command.hpp"

#include <oneapi/tbb/info.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/calibrate/calibration_file.hpp"
#include "cli/calibrate/calibration_runs.hpp"
#include "cli/common/cluster.hpp"
#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/common/writing.hpp"
#include "cli/version.hpp"
#include "core/io/output_file.hpp"
#include "core/study/calibration/hdf5_calibration.hpp"
#include "core/study/statistics.hpp"

namespace aiplus::cli {

namespace {

// The posterior predictive runs use the seeds of proposals of this generation, which
// no calibration reaches, so they are new seeds, one per particle index.
constexpr std::size_t kPredictiveGeneration = 0xFFFFFFFFu;

// Thrown on every rank once rank 0 has seen a stop signal: the last batch is done.
struct Interrupted {};

core::CalibrationPlan make_plan(const Calibration& c, int threads) {
  core::CalibrationPlan plan;
  plan.calibration_text = c.text;
  plan.targets_text = c.targets_text;
  for (const auto& p : c.populations)
    plan.populations += (plan.populations.empty() ? "" : " ") + p.name;
  plan.version = version_string();
  plan.fingerprint = c.fingerprint();
  plan.seed = c.settings.seed;
  plan.threads = threads;
  plan.parameters = c.settings.parameters;
  plan.units = c.units;
  plan.particles = c.settings.particles;
  for (const auto& t : c.targets) {
    plan.targets.push_back({t.label, c.populations[t.population].name, t.series, t.band, t.date,
                            t.source, t.unit, t.value, t.se});
  }
  return plan;
}

// Rank 0's file set-up: the exit code (0: go on), and the generations already done.
int open_output(core::Hdf5CalibrationFile& file, const CalibrateOptions& options,
                const std::string& output, const core::CalibrationPlan& plan,
                core::AbcState& state) {
  if (!(options.resume && std::ifstream(output).good())) {
    if (auto problem = output_problem(output, options.force); !problem.empty()) {
      std::cerr << output << ":1:1: cannot write output: " << problem
                << (options.force ? "" : " (or --resume to go on with it)") << "\n";
      return kBadInput;
    }
    file.create(plan, options.force);
    return 0;
  }
  if (auto problem = input_problem(output); !problem.empty()) {
    std::cerr << output << ":1:1: cannot write output: " << problem << "\n";
    return kBadInput;
  }
  state = file.resume(plan);
  if (!options.quiet)
    spdlog::info("resuming {}: {} generations already done{}", output, state.generations.size(),
                 file.was_complete() ? ", and the calibration is complete" : "");
  return 0;
}

// Weighted mean and 5% and 95% quantiles of each target over the particles' runs,
// leaving out runs that failed.
void summarise(const core::AbcGeneration& last, const std::vector<std::vector<double>>& values,
               std::vector<double>& mean, std::vector<double>& q05, std::vector<double>& q95) {
  const std::size_t targets = values.empty() ? 0 : values.front().size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  mean.assign(targets, nan), q05.assign(targets, nan), q95.assign(targets, nan);
  for (std::size_t k = 0; k < targets; ++k) {
    std::vector<double> x, w;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (std::isfinite(values[i][k])) x.push_back(values[i][k]), w.push_back(last.weights[i]);
    }
    if (x.empty()) continue;
    mean[k] = core::weighted_mean(x, w);
    const std::vector<double> p{0.05, 0.95};
    const auto q = core::weighted_quantiles(x, w, p);
    q05[k] = q[0], q95[k] = q[1];
  }
}

void print_posterior(const Calibration& c, const core::AbcState& state) {
  if (state.generations.empty()) return;
  const auto& last = state.generations.back();
  const auto mean = core::posterior_mean(last), sd = core::posterior_sd(last);
  const std::vector<double> p{0.05, 0.5, 0.95};
  const auto q = core::posterior_quantiles(last, p);
  std::printf("  %-32s %12s %12s %12s %12s %12s\n", "parameter", "mean", "sd", "5%", "50%", "95%");
  for (std::size_t k = 0; k < mean.size(); ++k) {
    std::printf("  %-32s %12.5g %12.5g %12.5g %12.5g %12.5g\n",
                c.settings.parameters[k].name.c_str(), mean[k], sd[k], q[k][0], q[k][1], q[k][2]);
  }
}

}  // namespace

int calibrate_command(const CalibrateOptions& options) {
  Cluster cluster;
  const bool writer = cluster.rank() == 0;
  // Every rank reads the same files and fails the same way; rank 0 alone reports it.
  Calibration calibration;
  try {
    calibration = load_calibration(options.calibration, options.only);
  } catch (const core::ConfigError&) {
    if (writer) throw;
    return kBadInput;
  }
  const std::string output = options.output.empty()
                                 ? default_output(options.calibration, "calibration.h5")
                                 : options.output;
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  const auto plan = make_plan(calibration, threads);
  const auto& settings = calibration.settings;

  // Before any file exists, so that Ctrl-C always finds the handler and stops cleanly.
  install_stop_handlers();
  // Rank 0 opens the file and hands every rank: exit code, complete, generations over, state.
  core::Hdf5CalibrationFile file(output);
  std::vector<std::uint64_t> status{0, 0, 0};
  if (writer) {  // a failure here must still reach the other ranks, or they would wait
    core::AbcState stored;
    try {
      status[0] = static_cast<std::uint64_t>(open_output(file, options, output, plan, stored));
      status[1] = file.was_complete(), status[2] = !file.stop_reason().empty();
    } catch (const core::ConfigError& e) {
      status[0] = static_cast<std::uint64_t>(report(e));
    } catch (const core::FileBusy& e) {  // another process's file is left alone
      std::cerr << output << ":1:1: cannot write output: " << e.what()
                << "; expected a file no other process is writing\n";
      status[0] = kBadInput;
    } catch (const core::PathTaken& e) {
      std::cerr << output << ":1:1: cannot write output: " << e.what() << "\n";
      status[0] = kBadInput;
    } catch (const std::exception& e) {
      std::cerr << "aiplus: " << e.what() << "\n";
      status[0] = 1;
    }
    const auto words = encode_state(stored);
    status.insert(status.end(), words.begin(), words.end());
  }
  status = cluster.broadcast(status);
  if (status[0] != 0) return static_cast<int>(status[0]);
  core::AbcState state =
      decode_state(std::span(status).subspan(3), settings.particles, settings.parameters.size());
  if (status[1] != 0) {
    if (writer) std::printf("aiplus: %s is already complete; nothing to do\n", output.c_str());
    return 0;
  }

  CalibrationRunner runner(calibration, cluster, threads);
  bool stop = false;  // rank 0 saw a stop signal: the batch just done is the last
  // After every batch rank 0 hands every rank the stop flag and the batch's distances.
  const auto share = [&](const std::vector<double>& distances) {
    std::vector<std::uint64_t> message{writer && stop_requested().load() ? 1u : 0u};
    const auto words = to_words(distances);
    message.insert(message.end(), words.begin(), words.end());
    message = cluster.broadcast(message);
    stop = message[0] != 0;
    return from_words(std::span(message).subspan(1));
  };
  const auto evaluate = [&](std::span<const core::AbcProposal> batch) {
    if (stop) throw Interrupted{};
    std::vector<CalibrationRun> runs;
    for (const auto& p : batch) runs.push_back({p.parameters, p.seed});
    const auto values = runner.simulate(runs);
    std::vector<double> distances(batch.size());
    for (std::size_t i = 0; i < values.size(); ++i)
      distances[i] = target_distance(calibration, values[i]);
    return share(distances);
  };

  auto started = std::chrono::steady_clock::now();
  std::size_t failures = 0;
  const auto after_generation = [&](const core::AbcState& s) {
    if (!writer) return;
    file.write_generation(s);
    const auto& g = s.generations.back();
    const auto now = std::chrono::steady_clock::now();
    if (!options.quiet) {
      spdlog::info(
          "generation {} of at most {}: tolerance {:.4g}, acceptance {:.3f} ({} of {} "
          "proposals), ESS {:.1f}, {} simulations, {:.1f} s",
          s.generations.size() - 1, calibration.rules.max_generations - 1, g.tolerance,
          g.acceptance_rate, settings.particles, g.proposals, g.ess, g.simulations,
          std::chrono::duration<double>(now - started).count());
      if (runner.failures() > failures)
        spdlog::warn("{} runs failed so far and were rejected; the first: {}", runner.failures(),
                     runner.first_failure());
    }
    failures = runner.failures();
    started = now;
  };

  if (writer && !options.quiet && state.generations.empty()) {
    std::string names;
    for (const auto& p : calibration.populations) names += (names.empty() ? "" : ", ") + p.name;
    spdlog::info(
        "calibrating {} parameters against {} targets (populations: {}): {} particles, up to {} "
        "generations, {} ranks x {} threads",
        settings.parameters.size(), calibration.targets.size(), names, settings.particles,
        calibration.rules.max_generations, cluster.size(), threads);
  }
  bool interrupted = false, predicted = false;
  std::vector<double> mean, q05, q95;
  const bool generations_over = status[2] != 0;  // a resumed file whose generations had ended
  std::string reason = writer ? file.stop_reason() : "";
  try {
    if (!generations_over) {
      reason = core::stop_name(
          core::run_abc_smc(settings, state, evaluate, calibration.rules, after_generation));
      if (writer) file.write_stop(reason);
    }
    if (!state.generations.empty()) {  // the posterior predictive, batch by batch
      const auto& last = state.generations.back();
      std::vector<std::vector<double>> values;
      for (std::size_t first = 0; first < last.particles.size(); first += settings.batch) {
        if (stop) throw Interrupted{};
        std::vector<CalibrationRun> runs;
        for (std::size_t i = first; i < std::min(first + settings.batch, last.particles.size());
             ++i)
          runs.push_back(
              {last.particles[i], core::simulation_seed(settings.seed, kPredictiveGeneration, i)});
        auto batch = runner.simulate(runs);
        values.insert(values.end(), batch.begin(), batch.end());
        (void)share({});
      }
      if (writer) summarise(last, values, mean, q05, q95);
      predicted = true;
    }
  } catch (const Interrupted&) {
    interrupted = true;
  } catch (const std::exception& e) {
    if (writer) file.end(false);
    std::cerr << "aiplus: calibration failed: " << e.what() << "\n";
    if (cluster.size() > 1) cluster.abort(1);
    return 1;
  }
  if (!writer) return interrupted ? 130 : 0;

  if (predicted) file.write_predictions(mean, q05, q95);
  file.end(!interrupted);
  const std::string outcome = interrupted ? "INCOMPLETE: run again with --resume to finish"
                                          : "complete, stopped by " + reason;
  std::printf("aiplus: wrote %s (%zu generations of %zu particles; %s)\n", output.c_str(),
              state.generations.size(), settings.particles, outcome.c_str());
  print_posterior(calibration, state);
  if (state.generations.empty()) {
    if (interrupted) return 130;
    std::cerr << "aiplus: no generation was accepted: fewer than min_acceptance of the prior's "
                 "draws gave a run that reached every target; "
              << runner.failures() << " runs failed"
              << (runner.failures() ? ", the first: " + runner.first_failure() : "") << "\n";
    return 1;
  }
  std::printf("  read it: xarray.open_dataset('%s', engine='h5netcdf', group='posterior')\n",
              output.c_str());
  return interrupted ? 130 : 0;
}

void add_calibrate(CLI::App& aiplus, std::vector<Command>& commands) {
  auto options = std::make_shared<CalibrateOptions>();
  auto* calibrate_cmd = aiplus.add_subcommand(
      "calibrate",
      "fit config keys to observed targets by approximate Bayesian computation (ABC-SMC), "
      "across one or several populations, into one HDF5 file");
  calibrate_cmd->footer(
      "\nA calibration file (paths relative to it):\n"
      "  targets = \"targets.toml\"        # the observations\n"
      "  particles = 200                   # accepted particles per generation\n"
      "  generations = 8                   # the most generations\n"
      "  quantile = 0.5                    # next tolerance: this quantile of the last distances\n"
      "  min_acceptance = 0.02             # stop when the acceptance rate falls below this\n"
      "  batch = 64                        # proposals simulated at once (cost, not results)\n"
      "  seed = 1\n"
      "  [set]                             # overrides for every run\n"
      "  \"simulation.firms\" = 20_000\n"
      "  [populations]                     # name = scenario file\n"
      "  eu = \"../eu.toml\"\n"
      "  [parameters]                      # priors: uniform, or log-uniform with scale = \"log\"\n"
      "  \"consideration.p\" = { min = 0.0005, max = 0.02, scale = \"log\" }\n"
      "A targets file: one [[target]] per observation:\n"
      "  [[target]]\n"
      "  population = \"eu\"\n"
      "  series = \"national/adoption_share\"   # group/series of the run file\n"
      "  band = \"...\"                        # a label, for a group with one labelled dimension\n"
      "  date = \"2023-02\"                    # compared at the end of this month\n"
      "  value = 0.064\n"
      "  se = 0.005                          # standard error, or a stated tolerance\n"
      "  source = \"Eurostat isoc_eb_ai\"\n"
      "Distance: sqrt(mean(((model - value) / se)^2)) over the targets.\n"
      "\nExamples:\n"
      "  aiplus calibrate calibration.toml -o posterior.h5\n"
      "  aiplus calibrate calibration.toml -o posterior.h5 --resume   # after Ctrl-C\n"
      "  aiplus calibrate calibration.toml --only eu -o eu.h5   # one economy's targets alone\n"
      "  mpirun -n 8 aiplus calibrate calibration.toml -o posterior.h5  # batches dealt out to "
      "8 ranks\n"
      "The file's layout is in OUTPUT.md (The calibration file).");
  calibrate_cmd
      ->add_option("calibration", options->calibration,
                   "calibration file (TOML): targets, populations, priors, ABC settings")
      ->required()
      ->check(CLI::ExistingFile);
  calibrate_cmd
      ->add_option("-o,--output", options->output,
                   "HDF5 file to write (default: the calibration's name with .h5)")
      ->check(non_empty_path());
  calibrate_cmd
      ->add_option("--only", options->only,
                   "run and fit only population NAME (repeat for several); the others' targets "
                   "are still read and checked, not fitted")
      ->type_name("NAME")
      ->allow_extra_args(false);
  add_resumable_flags(*calibrate_cmd, options->force, options->resume, options->threads,
                      options->quiet,
                      "calibration: keep the generations already in the output file");
  commands.push_back({calibrate_cmd, [options] { return calibrate_command(*options); }});
}

}  // namespace aiplus::cli
