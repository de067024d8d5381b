// aiplus: an agent-based model of AI diffusion through an economy's firms.
#include <hdf5.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "agents/scenario.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "core/version.hpp"

namespace {

using aiplus::cli::ScenarioOptions;

// The flags every command that reads a scenario shares.
void add_scenario_flags(CLI::App& command, ScenarioOptions& options, bool config_required) {
  auto* config = command.add_option("config", options.config_path,
                                    "scenario file (TOML), e.g. configs/ai_plus.toml; without one, "
                                    "the built-in defaults (the baseline: every lever off)");
  if (config_required) config->required();
  command
      .add_option("--set", options.overrides,
                  "override any config key by its dotted path, e.g. --set consideration.q=0.08 "
                  "(repeatable; `aiplus params --model firms` lists the keys)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  command.add_option("--seed", options.seed, "random seed (overrides simulation.seed); default 1")
      ->type_name("N")
      ->check(aiplus::cli::whole_number_for(aiplus::agents::kSeedKey));
  command
      .add_option("--firms", options.firms,
                  "number of simulated firms (overrides simulation.firms); default 1000000")
      ->type_name("N")
      ->check(aiplus::cli::whole_number_for(aiplus::agents::kFirmsKey));
  command
      .add_option("--steps", options.steps,
                  "number of monthly steps from the start month (overrides simulation.steps); "
                  "default 132")
      ->type_name("N")
      ->check(aiplus::cli::whole_number_for(aiplus::agents::kStepsKey));
}

// The flags of a command whose many runs go to one file that it can go on with.
void add_resumable_flags(CLI::App& command, bool& force, bool& resume, int& threads, bool& quiet,
                         const std::string& kept) {
  auto* replace = command.add_flag("--force", force, "replace the output file if it exists");
  command.add_flag("--resume", resume, "go on with an interrupted " + kept + ", run the rest")
      ->excludes(replace);
  command
      .add_option("--threads", threads,
                  "worker threads of this process (default: all cores); small runs share them, "
                  "several at once; never changes results")
      ->type_name("N")
      ->check(aiplus::cli::whole_number(1, 4096));
  command.add_flag("-q,--quiet", quiet, "no progress messages");
}

}  // namespace

int main(int argc, char** argv) {
  // Every file is closed explicitly; HDF5's own clean-up at exit would crash on a
  // file whose write failed (HDF5 1.10), so it is skipped.
  H5dont_atexit();
  // Past a file size limit, writes fail with an error that is reported; the signal
  // would otherwise end the process before it could say so or clean up.
  std::signal(SIGXFSZ, SIG_IGN);
  // Progress goes to stderr; stdout carries only results (paths, tables, JSON).
  spdlog::set_default_logger(spdlog::stderr_color_mt("aiplus"));
  spdlog::set_pattern("[%H:%M:%S] %v");
  CLI::App app{
      "aiplus: simulate how AI diffuses through an economy's firms under China's \"AI Plus\" "
      "directive.\n"
      "Each step is one month from the start month (simulation.start, default 2025-01);\n"
      "results go to an HDF5 file for notebooks.\n"
      "Bad input exits with code 2 and a file:line:column: message."};
  app.set_version_flag("--version", aiplus::core::version_string());
  app.require_subcommand(1);

  aiplus::cli::RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "run a scenario and write its time series to HDF5");
  add_scenario_flags(*run_cmd, run.scenario, false);
  run_cmd
      ->add_option(
          "-o,--output", run.output,
          "HDF5 file to write (default: the config's name with .h5, in the current folder)")
      ->type_name("FILE")
      ->check(aiplus::cli::non_empty_path());
  run_cmd->add_flag("--force", run.force, "replace the output file if it exists");
  run_cmd
      ->add_option("--threads", run.threads,
                   "worker threads (default: all cores); never changes results")
      ->type_name("N")
      ->check(aiplus::cli::whole_number(1, 4096));
  run_cmd->add_flag("-q,--quiet", run.quiet, "no progress messages");

  ScenarioOptions validate;
  auto* validate_cmd = app.add_subcommand(
      "validate", "check a scenario or experiment file and overrides without running");
  add_scenario_flags(*validate_cmd, validate, true);

  aiplus::cli::ParamsOptions params;
  auto* params_cmd = app.add_subcommand(
      "params", "list every config key with its default, unit, range and meaning");
  const auto models = aiplus::agents::model_names();
  params_cmd->add_option("--model", params.model, "only the keys of this model")
      ->check(CLI::IsMember(models));
  params_cmd->add_flag("--json", params.json, "print a JSON list");

  aiplus::cli::OutputsOptions outputs;
  auto* outputs_cmd = app.add_subcommand(
      "outputs", "list every group, dimension and series a run writes, with units and definitions");
  add_scenario_flags(*outputs_cmd, outputs.scenario, false);
  outputs_cmd
      ->add_option("--model", outputs.model,
                   "without a config: the outputs of this model (default: the firms model)")
      ->check(CLI::IsMember(models));
  auto* outputs_json = outputs_cmd->add_flag("--json", outputs.json, "print JSON: every dataset");
  outputs_cmd->add_flag("--markdown", outputs.markdown, "print the tables of OUTPUT.md")
      ->excludes(outputs_json);

  aiplus::cli::SweepOptions sweep;
  auto* sweep_cmd = app.add_subcommand("sweep",
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
      ->add_option("experiment", sweep.experiment,
                   "experiment file (TOML), e.g. configs/experiments/ding_2x2.toml")
      ->required();
  sweep_cmd
      ->add_option("-o,--output", sweep.output,
                   "HDF5 file to write (default: the experiment's name with .h5)")
      ->type_name("FILE")
      ->check(aiplus::cli::non_empty_path());
  sweep_cmd->add_option("--set", sweep.overrides, "override a config key in every run (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  sweep_cmd->add_option("--firms", sweep.firms, "simulated firms in every run")
      ->type_name("N")
      ->check(aiplus::cli::whole_number_for(aiplus::agents::kFirmsKey));
  sweep_cmd->add_option("--steps", sweep.steps, "monthly steps in every run")
      ->type_name("N")
      ->check(aiplus::cli::whole_number_for(aiplus::agents::kStepsKey));
  add_resumable_flags(*sweep_cmd, sweep.force, sweep.resume, sweep.threads, sweep.quiet,
                      "sweep: keep the runs already in the output file");
  sweep_cmd
      ->add_option("--posterior", sweep.posterior,
                   "draw the experiment's [posterior] from this calibration file instead "
                   "(e.g. one made with calibrate --only)")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  sweep_cmd->add_flag("--dry-run", sweep.dry_run,
                      "print the runs planned, their time, memory and file size; write nothing");

  aiplus::cli::CalibrateOptions calibrate;
  auto* calibrate_cmd = app.add_subcommand(
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
      ->add_option("calibration", calibrate.calibration,
                   "calibration file (TOML): targets, populations, priors, ABC settings")
      ->required()
      ->check(CLI::ExistingFile);
  calibrate_cmd
      ->add_option("-o,--output", calibrate.output,
                   "HDF5 file to write (default: the calibration's name with .h5)")
      ->check(aiplus::cli::non_empty_path());
  calibrate_cmd
      ->add_option("--only", calibrate.only,
                   "run and fit only population NAME (repeat for several); the others' targets "
                   "are still read and checked, not fitted")
      ->type_name("NAME")
      ->allow_extra_args(false);
  add_resumable_flags(*calibrate_cmd, calibrate.force, calibrate.resume, calibrate.threads,
                      calibrate.quiet,
                      "calibration: keep the generations already in the output file");

  aiplus::cli::BenchOptions bench;
  auto* bench_cmd = app.add_subcommand("bench", "time the stepping of a scenario (no output file)");
  add_scenario_flags(*bench_cmd, bench.scenario, false);
  bench_cmd->add_option("--threads", bench.threads, "worker threads (default: all cores)")
      ->type_name("N")
      ->check(aiplus::cli::whole_number(1, 4096));
  bench_cmd->add_flag("--json", bench.json, "print one JSON object");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return aiplus::cli::report_usage_error(app, e, argc, argv);
  }

  try {
    if (*run_cmd) return aiplus::cli::run_command(run);
    if (*validate_cmd) return aiplus::cli::validate_command(validate);
    if (*params_cmd) return aiplus::cli::params_command(params);
    if (*outputs_cmd) return aiplus::cli::outputs_command(outputs);
    if (*bench_cmd) return aiplus::cli::bench_command(bench);
    if (*sweep_cmd) return aiplus::cli::sweep_command(sweep);
    if (*calibrate_cmd) return aiplus::cli::calibrate_command(calibrate);
  } catch (const aiplus::core::ConfigError& e) {
    return aiplus::cli::report(e);
  } catch (const std::bad_alloc&) {
    std::cerr << "aiplus: out of memory; expected a run that fits in the memory available "
                 "(fewer firms, or fewer runs at once with --threads)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "aiplus: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
