// `aiplus bench`: times the stepping alone, after set-up, and reports throughput
// and peak memory. Benchmarks measure; tests check behaviour elsewhere.
#include "agents/scenario.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"

#include <oneapi/tbb/global_control.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

namespace aiplus::cli {
namespace {

// Peak resident memory of this process so far.
std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace

int bench_command(const BenchOptions& options) {
  const core::Config config = resolve(options.scenario);
  std::optional<tbb::global_control> threads_limit;
  if (options.threads > 0) threads_limit.emplace(tbb::global_control::max_allowed_parallelism, options.threads);
  const auto threads = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);

  const auto t0 = std::chrono::steady_clock::now();
  auto model = agents::make_model(config);
  const double setup = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  core::RunInfo info;
  info.steps = static_cast<std::uint32_t>(config.integer("simulation.steps"));
  core::MemorySink sink;
  const auto result = core::simulate(*model, sink, info);
  const double firm_steps = static_cast<double>(model->agents()) * info.steps;
  const double rate = result.seconds > 0 ? firm_steps / result.seconds : 0.0;
  const auto rss = peak_rss_bytes();
  if (options.json) {
    std::printf(
        "{\"model\": \"%s\", \"firms\": %llu, \"steps\": %u, \"threads\": %zu, \"setup_s\": %.6f, "
        "\"step_s\": %.6f, \"firm_steps_per_s\": %.6g, \"peak_rss_bytes\": %llu, \"bytes_per_firm\": %.1f}\n",
        config.text("simulation.model").c_str(), static_cast<unsigned long long>(model->agents()), info.steps,
        threads, setup, result.seconds, rate, static_cast<unsigned long long>(rss),
        static_cast<double>(rss) / static_cast<double>(model->agents()));
  } else {
    std::printf("%s model: %llu firms x %u steps on %zu threads\n", config.text("simulation.model").c_str(),
                static_cast<unsigned long long>(model->agents()), info.steps, threads);
    std::printf("  set-up   %.3f s\n  stepping %.3f s  (%.3g firm-steps/s)\n  peak RSS %.1f MiB (%.1f bytes/firm)\n",
                setup, result.seconds, rate, static_cast<double>(rss) / (1 << 20),
                static_cast<double>(rss) / static_cast<double>(model->agents()));
  }
  return 0;
}

}  // namespace aiplus::cli
