#include "core/study/run_pool.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <utility>

#include "core/engine/parallel.hpp"

namespace aiplus::core {

int runs_at_once(std::size_t firms, int threads, double bytes_per_run, double memory_bytes) {
  // A thread is worth giving a run when it gets about eight blocks of firms.
  const auto blocks = static_cast<int>(block_count(firms));
  int n = std::max(1, threads / std::max(1, blocks / 8));
  if (bytes_per_run > 0 && memory_bytes > 0)
    n = std::min(n, std::max(1, static_cast<int>(0.5 * memory_bytes / bytes_per_run)));
  return n;
}

std::size_t run_pool(const std::vector<std::size_t>& todo, int threads, int at_once,
                     const ComputeRun& compute, const TakeRun& take,
                     const std::function<bool()>& stopped, const std::function<void()>& idle) {
  if (threads <= 0) threads = tbb::info::default_concurrency();
  at_once = std::clamp(at_once, 1, std::max(1, static_cast<int>(todo.size())));

  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::pair<std::size_t, std::vector<double>>> finished;
  std::exception_ptr failure;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  int active = at_once;

  const auto lane = [&] {
    for (std::size_t i; !failed.load() && !stopped() && (i = next++) < todo.size();) {
      try {
        auto values = compute(todo[i]);
        if (values.empty()) break;  // stopped in the middle of the run
        std::lock_guard lock(mutex);
        finished.emplace_back(todo[i], std::move(values));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
      ready.notify_one();
    }
    std::lock_guard lock(mutex);
    --active;
    ready.notify_one();
  };

  // Workers only: the calling thread is not one of the arena's `threads`.
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads) + 1);
  tbb::task_arena arena(threads, 0);
  tbb::task_group lanes;
  arena.execute([&] {
    for (int k = 0; k < at_once; ++k) lanes.run(lane);
  });

  std::size_t done = 0;
  try {
    for (;;) {
      std::unique_lock lock(mutex);
      ready.wait_for(lock, std::chrono::milliseconds(50),
                     [&] { return !finished.empty() || active == 0; });
      auto batch = std::move(finished);
      finished.clear();
      const bool over = active == 0;
      lock.unlock();
      for (auto& [run, values] : batch) {
        take(run, std::move(values));
        ++done;
      }
      if (over) break;
      idle();
    }
  } catch (...) {  // a failed write: let the runs in flight end, then report it
    failed = true;
    arena.execute([&] { lanes.wait(); });
    throw;
  }
  arena.execute([&] { lanes.wait(); });
  if (failure) std::rethrow_exception(failure);
  return done;
}

}  // namespace aiplus::core
