// The pool that runs independent runs several at a time.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/parallel.hpp"
#include "core/run_pool.hpp"

using namespace aiplus::core;

TEST_CASE("every run is computed once and taken on the calling thread") {
  std::vector<std::size_t> todo{4, 9, 2, 7, 5, 1, 8};
  const auto caller = std::this_thread::get_id();
  std::mutex mutex;
  std::multiset<std::size_t> computed;
  std::set<std::size_t> taken;
  bool all_on_caller = true;
  const auto done = run_pool(
      todo, 2, 3,
      [&](std::size_t r) {
        std::lock_guard lock(mutex);
        computed.insert(r);
        return std::vector<double>{static_cast<double>(r) * 10};
      },
      [&](std::size_t r, std::vector<double> values) {
        all_on_caller = all_on_caller && std::this_thread::get_id() == caller;
        CHECK(values == std::vector<double>{static_cast<double>(r) * 10});
        taken.insert(r);
      },
      [] { return false; }, [] {});
  CHECK(done == todo.size());
  CHECK(computed == std::multiset<std::size_t>(todo.begin(), todo.end()));
  CHECK(taken == std::set<std::size_t>(todo.begin(), todo.end()));
  CHECK(all_on_caller);
}

TEST_CASE("runs in flight share the threads: several at once when asked") {
  std::atomic<int> running{0}, most{0};
  std::vector<std::size_t> todo(8);
  for (std::size_t k = 0; k < todo.size(); ++k) todo[k] = k;
  (void)run_pool(
      todo, 2, 2,
      [&](std::size_t) {
        const int now = ++running;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --running;
        return std::vector<double>{1.0};
      },
      [](std::size_t, std::vector<double>) {}, [] { return false; }, [] {});
  CHECK(most.load() == 2);
}

TEST_CASE("a stop starts no further run, and a run that stopped early is not taken") {
  std::atomic<int> started{0};
  std::vector<std::size_t> todo{0, 1, 2, 3, 4, 5};
  std::size_t taken = 0;
  const auto done = run_pool(
      todo, 1, 1,
      [&](std::size_t r) {
        ++started;
        return r == 2 ? std::vector<double>{} : std::vector<double>{1.0};  // run 2 stops early
      },
      [&](std::size_t, std::vector<double>) { ++taken; }, [&] { return started.load() >= 3; },
      [] {});
  CHECK(started.load() == 3);
  CHECK(done == 2);
  CHECK(taken == 2);
}

TEST_CASE("an exception from a run reaches the caller") {
  std::vector<std::size_t> todo{0, 1, 2};
  CHECK_THROWS_AS(run_pool(
                      todo, 2, 2,
                      [](std::size_t r) -> std::vector<double> {
                        if (r == 1) throw std::runtime_error("run 1 failed");
                        return {1.0};
                      },
                      [](std::size_t, std::vector<double>) {}, [] { return false; }, [] {}),
                  std::runtime_error);
}

TEST_CASE("small runs share the cores; a run of a million firms takes them all") {
  CHECK(runs_at_once(20'000, 2, 0, 0) == 2);
  CHECK(runs_at_once(1'000'000, 2, 0, 0) == 1);
  CHECK(runs_at_once(100'000, 16, 0, 0) == 16);
  CHECK(runs_at_once(1'000'000, 64, 0, 0) == 4);
  // Memory caps it: each run needs 1 GB of 3 GB available, at most half used.
  CHECK(runs_at_once(20'000, 16, 1e9, 3e9) == 1);
  CHECK(runs_at_once(20'000, 16, 1e9, 8e9) == 4);
}
