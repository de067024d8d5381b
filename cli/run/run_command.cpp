#include <oneapi/tbb/task_arena.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "agents/scenario.hpp"
#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/common/writing.hpp"
#include "cli/run/run_info.hpp"
#include "cli/version.hpp"
#include "core/config/input.hpp"
#include "core/engine/parallel.hpp"
#include "core/io/hdf5_sink.hpp"
#include "core/io/output_file.hpp"

namespace aiplus::cli {

/// Options of `aiplus run`.
struct RunOptions {
  ScenarioOptions scenario;
  std::string output;  ///< HDF5 path; empty: derived from the config name
  bool force = false;  ///< replace an existing output file
  int threads = 0;     ///< 0: all cores
  bool quiet = false;
};

namespace {

// Keeps only what the closing summary needs (the first and last national rows),
// so a run's memory does not grow with its length.
class HeadlineSink final : public core::Sink {
 public:
  void begin(const core::RunInfo&, const std::vector<core::GroupInfo>& groups) override {
    if (!groups.empty()) national_ = groups.front().series;
  }
  void write(std::uint32_t step, const core::Frame& frame) override {
    if (frame.empty()) return;
    if (step == 0) first_ = frame.front();
    last_ = frame.front();
  }
  void end(bool, const core::Summary& summary) override { summary_ = summary; }

  /// First and last value of a national series; false when there is no such series.
  bool ends(const std::string& name, double& first, double& last) const {
    for (std::size_t k = 0; k < national_.size() && k < last_.size(); ++k) {
      if (national_[k].name != name) continue;
      first = first_[k], last = last_[k];
      return true;
    }
    return false;
  }
  [[nodiscard]] const core::Summary& summary() const noexcept { return summary_; }

 private:
  std::vector<core::SeriesInfo> national_;
  std::vector<double> first_, last_;
  core::Summary summary_;
};

int run_scenario(const RunOptions& options, const core::Config& config, const std::string& output) {
  const int threads = tbb::this_task_arena::max_concurrency();
  const auto setup_started = std::chrono::steady_clock::now();
  auto model = agents::make_model(config);
  const double setup_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_started).count();

  const auto settings = agents::settings(config);
  const auto calendar = settings.calendar();
  const core::RunInfo info = describe_run(config, *model, threads);

  // Before any file exists, so that Ctrl-C always finds the handler and stops cleanly.
  install_stop_handlers();
  // The run is written under a temporary name and renamed to `output` at the end.
  auto temporary = core::OutputFile::beside(output);
  core::Hdf5Sink file(temporary.path(), true);
  HeadlineSink headline;
  core::FanoutSink sink({&file, &headline});

  auto last_report = std::chrono::steady_clock::now();
  const auto progress = [&](std::uint32_t done, std::uint32_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (options.quiet || now - last_report < std::chrono::seconds(2)) return;
    last_report = now;
    spdlog::info("step {}/{} ({}) done", done, total, calendar.label(done));
  };
  core::RunResult result;
  std::string failure;
  try {
    result = core::simulate(*model, sink, info, &stop_requested(), progress);
  } catch (const core::WriteError& e) {
    // A file that could not be written is not trusted: its temporary file goes.
    std::cerr << "aiplus: cannot write " << output << ": " << e.what()
              << "; removed the partial file\n";
    return 1;
  } catch (const std::bad_alloc&) {
    failure = "out of memory";
  } catch (const std::exception& e) {
    failure = e.what();
  }
  // The file is valid (interrupted or not): it takes its name only now.
  try {
    temporary.place(output, options.force);
  } catch (const core::WriteError& e) {
    temporary.keep();
    std::cerr << "aiplus: cannot put the run in place: " << e.what() << "\n";
    return 1;
  }
  if (!failure.empty()) {
    std::cerr << "aiplus: run failed: " << failure << " (" << output
              << " keeps every finished step, complete = 0)\n";
    return 1;
  }

  std::printf("aiplus: wrote %s (%s)\n", output.c_str(),
              result.complete ? "complete" : "INCOMPLETE: stopped early");
  std::printf("  model %s, %llu firms, %u of %u monthly steps from %s, seed %llu, %d threads\n",
              settings.model.c_str(), static_cast<unsigned long long>(info.agents),
              result.steps_done, info.steps, info.start_date.c_str(),
              static_cast<unsigned long long>(info.seed), threads);
  const char* headlines[][2] = {
      {"adoption_share", "share of firms using AI (stage >= 1)"},
      {"adoption_share_employment", "share of employment in firms using AI"},
      {"deployed_share", "share of firms with AI deployed (stage >= 2)"},
      {"capability_in_use", "capability in use, output-weighted (frontier units)"},
      {"diffusion_deficit", "diffusion deficit (1 - capability in use / frontier)"},
      {"ai_tfp_term", "AI term of TFP (share)"}};
  for (const auto& [name, label] : headlines) {
    double first = 0, last = 0;
    if (!headline.ends(name, first, last)) continue;
    std::printf("  %-60s %8.4f at %s -> %8.4f at %s\n", label, first, calendar.label(0).c_str(),
                last, calendar.label(result.steps_done).c_str());
  }
  // The directive's targets count intelligent terminals and agents; the closest firm
  // metric is the share of employment in firms that use AI.
  bool compared = false;
  for (const auto& [key, value] : headline.summary()) {
    const auto year = key.rfind("adoption_share_employment_", 0) == 0 ? key.substr(26, 4) : "";
    for (const auto& [target_key, target] : headline.summary()) {
      if (year.empty() || target_key != "directive_target_" + year) continue;
      std::printf(
          "  %-60s %8.4f (directive: above %.2f by %s)\n",
          ("share of employment in AI-using firms, end of " + year + "-" + key.substr(31)).c_str(),
          value, target, year.c_str());
      compared = true;
    }
  }
  if (compared) {
    std::printf(
        "  (the directive's targets count intelligent terminals and agents, a broader metric "
        "than firms' adoption)\n");
  }
  const double firm_steps = static_cast<double>(info.agents) * result.steps_done;
  std::printf("  set-up %.2f s, stepping %.2f s (%.3g firm-steps/s)\n", setup_seconds,
              result.seconds, result.seconds > 0 ? firm_steps / result.seconds : 0.0);
  std::printf(
      "  read it: python3 -c \"import h5py; "
      "print(h5py.File('%s')['national/adoption_share'][:])\"\n",
      output.c_str());
  return result.complete ? 0 : 130;
}

}  // namespace

int run_command(const RunOptions& options) {
  core::Config config = resolve(options.scenario);
  const std::string output = options.output.empty()
                                 ? default_output(options.scenario.config_path, "aiplus.h5")
                                 : options.output;
  if (auto problem = output_problem(output, options.force); !problem.empty()) {
    std::cerr << core::excerpt(output, 300) << ":1:1: cannot write output: " << problem << "\n";
    return kBadInput;
  }

  return core::with_threads(options.threads, [&] { return run_scenario(options, config, output); });
}

void add_run(CLI::App& aiplus, std::vector<Command>& commands) {
  auto options = std::make_shared<RunOptions>();
  auto* run_cmd = aiplus.add_subcommand("run", "run a scenario and write its time series to HDF5");
  add_scenario_flags(*run_cmd, options->scenario, false);
  run_cmd
      ->add_option(
          "-o,--output", options->output,
          "HDF5 file to write (default: the config's name with .h5, in the current folder)")
      ->type_name("FILE")
      ->check(non_empty_path());
  run_cmd->add_flag("--force", options->force, "replace the output file if it exists");
  run_cmd
      ->add_option("--threads", options->threads,
                   "worker threads (default: all cores); never changes results")
      ->type_name("N")
      ->check(whole_number(1, 4096));
  run_cmd->add_flag("-q,--quiet", options->quiet, "no progress messages");
  commands.push_back({run_cmd, [options] { return run_command(*options); }});
}

}  // namespace aiplus::cli
