// Runs a list of independent runs on this process. Small runs cannot keep every
// core busy on their own (a run has few blocks and serial parts per step), so
// several run at once, sharing one oneTBB arena; a large run uses every thread.
// The calling thread stays out of the arena: it receives each finished run (and
// can write files and talk to other processes) while the workers compute.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace aiplus::core {

/// Computes run r; returns its values, or nothing when it stopped early.
using ComputeRun = std::function<std::vector<double>(std::size_t run)>;
/// Takes a finished run's values, on the calling thread, in the order runs finish.
using TakeRun = std::function<void(std::size_t run, std::vector<double> values)>;

/// Runs every run of `todo` with `threads` worker threads, `at_once` runs at a time,
/// until all are done or `stopped()` says to start no more. Calls `idle()` on the
/// calling thread between finished runs (about every 50 ms while it waits). Returns
/// how many runs finished. An exception from a run stops the others and is rethrown.
std::size_t run_pool(const std::vector<std::size_t>& todo, int threads, int at_once,
                     const ComputeRun& compute, const TakeRun& take,
                     const std::function<bool()>& stopped, const std::function<void()>& idle);

/// How many runs of `firms` firms to run at once on `threads` threads so that each
/// run has enough blocks per thread, within `memory_bytes` of memory for runs
/// needing `bytes_per_run`.
[[nodiscard]] int runs_at_once(std::size_t firms, int threads, double bytes_per_run,
                               double memory_bytes);

}  // namespace aiplus::core
