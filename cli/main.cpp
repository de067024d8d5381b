// aiplus: an agent-based model of AI diffusion through an economy's firms.
#include <hdf5.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <vector>

#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/version.hpp"

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
  app.set_version_flag("--version", aiplus::cli::version_string());
  app.require_subcommand(1);

  std::vector<aiplus::cli::Command> commands;  // in the order --help lists them
  aiplus::cli::add_run(app, commands);
  aiplus::cli::add_info(app, commands);
  aiplus::cli::add_sweep(app, commands);
  aiplus::cli::add_calibrate(app, commands);
  aiplus::cli::add_bench(app, commands);
  aiplus::cli::add_serve(app, commands);

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
    for (const auto& command : commands)
      if (*command.app) return command.run();
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
