// The pool that runs independent runs several at a time.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/engine/parallel.hpp"
#include "core/study/run_pool.hpp"

using namespace aiplus::core;

TEST_CASE("never more runs in flight than asked, each run once, results on the caller") {
  // What the pool promises, whatever the scheduler does: a bound on the runs in
  // flight (counted as they enter and leave), every run computed exactly once, and
  // every result handed over on the calling thread. Whether runs overlap is the
  // scheduler's business and not checked.
  for (const int at_once : {1, 2, 3}) {
    std::atomic<int> running{0}, most{0};
    std::vector<std::atomic<int>> computed(12);
    std::vector<std::size_t> todo(computed.size());
    for (std::size_t k = 0; k < todo.size(); ++k) todo[k] = k;
    const auto caller = std::this_thread::get_id();
    std::multiset<std::size_t> taken;
    bool all_on_caller = true;
    const auto done = run_pool(
        todo, 3, at_once,
        [&](std::size_t r) {
          const int now = ++running;
          for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
          }
          ++computed[r];
          std::this_thread::yield();
          --running;
          return std::vector<double>{static_cast<double>(r)};
        },
        [&](std::size_t r, std::vector<double> values) {
          all_on_caller = all_on_caller && std::this_thread::get_id() == caller;
          CHECK(values == std::vector<double>{static_cast<double>(r)});
          taken.insert(r);
        },
        [] { return false; }, [] {});
    CHECK(done == todo.size());
    CHECK(most.load() >= 1);
    CHECK(most.load() <= at_once);
    for (const auto& count : computed) CHECK(count.load() == 1);
    CHECK(taken == std::multiset<std::size_t>(todo.begin(), todo.end()));
    CHECK(all_on_caller);
  }
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
