// `aiplus bench`: times the stepping alone, after set-up, and reports throughput
// and peak memory. Benchmarks measure; tests check behaviour elsewhere.
#include <oneapi/tbb/task_arena.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "agents/scenario.hpp"
#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/scenario_options.hpp"
#include "core/engine/parallel.hpp"

namespace aiplus::cli {

/// Options of `aiplus bench`.
struct BenchOptions {
  ScenarioOptions scenario;
  int threads = 0;
  bool json = false;
};

namespace {

// Peak resident memory of this process so far.
std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

int bench(const BenchOptions& options, const core::Config& config) {
  const int threads = tbb::this_task_arena::max_concurrency();
  const auto t0 = std::chrono::steady_clock::now();
  auto model = agents::make_model(config);
  const double setup = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  core::RunInfo info;
  const auto settings = agents::settings(config);
  info.steps = settings.steps;
  core::MemorySink sink;
  const auto result = core::simulate(*model, sink, info);
  const double firms = static_cast<double>(model->agents());
  const double rate = result.seconds > 0 ? firms * info.steps / result.seconds : 0.0;
  const auto rss = peak_rss_bytes();
  const std::string& name = settings.model;
  if (options.json) {
    std::printf(
        "{\"model\": \"%s\", \"firms\": %.0f, \"steps\": %u, \"threads\": %d, \"setup_s\": %.6f, "
        "\"step_s\": %.6f, \"firm_steps_per_s\": %.6g, \"peak_rss_bytes\": %llu, "
        "\"bytes_per_firm\": %.1f}\n",
        name.c_str(), firms, info.steps, threads, setup, result.seconds, rate,
        static_cast<unsigned long long>(rss), static_cast<double>(rss) / firms);
  } else {
    std::printf("%s model: %.0f firms x %u steps on %d threads\n", name.c_str(), firms, info.steps,
                threads);
    std::printf(
        "  set-up   %.3f s\n  stepping %.3f s  (%.3g firm-steps/s)\n  peak RSS %.1f MiB (%.1f "
        "bytes/firm)\n",
        setup, result.seconds, rate, static_cast<double>(rss) / (1 << 20),
        static_cast<double>(rss) / firms);
  }
  return 0;
}

}  // namespace

int bench_command(const BenchOptions& options) {
  const core::Config config = resolve(options.scenario);
  return core::with_threads(options.threads, [&] { return bench(options, config); });
}

void add_bench(CLI::App& aiplus, std::vector<Command>& commands) {
  auto options = std::make_shared<BenchOptions>();
  auto* bench_cmd =
      aiplus.add_subcommand("bench", "time the stepping of a scenario (no output file)");
  add_scenario_flags(*bench_cmd, options->scenario, false);
  bench_cmd->add_option("--threads", options->threads, "worker threads (default: all cores)")
      ->type_name("N")
      ->check(whole_number(1, 4096));
  bench_cmd->add_flag("--json", options->json, "print one JSON object");
  commands.push_back({bench_cmd, [options] { return bench_command(*options); }});
}

}  // namespace aiplus::cli
