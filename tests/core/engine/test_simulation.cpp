#include <cmath>
#include <limits>

#include "core/engine/simulation.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {

// A tiny model whose second series turns NaN at a chosen step in one labelled cell.
class Poisoned final : public Model {
 public:
  explicit Poisoned(std::uint32_t bad_step) : bad_step_(bad_step) {}
  std::vector<GroupInfo> outputs() const override {
    return {{"national", {}, {{"a", "1", "a"}}},
            {"segment", {{"size", {"small", "large"}}}, {{"b", "1", "b"}}}};
  }
  void observe(Frame& frame) override {
    frame[0][0] = step_;
    frame[1][0] = 1;
    frame[1][1] = step_ == bad_step_ ? std::numeric_limits<double>::quiet_NaN() : 2;
  }
  void step(std::uint32_t) override { ++step_; }
  std::uint64_t agents() const override { return 1; }

 private:
  std::uint32_t bad_step_, step_ = 0;
};

}  // namespace

TEST_CASE("the loop writes the initial state and every step, then ends complete") {
  Poisoned model(1000);
  MemorySink sink;
  RunInfo info;
  info.steps = 5;
  const auto result = simulate(model, sink, info);
  CHECK(result.complete);
  CHECK(result.steps_done == 5);
  CHECK(sink.series("a") == std::vector<double>{0, 1, 2, 3, 4, 5});
  CHECK(sink.complete());
}

TEST_CASE("a stop request ends the run after the current step, incomplete") {
  Poisoned model(1000);
  MemorySink sink;
  RunInfo info;
  info.steps = 5;
  std::atomic<bool> stop{false};
  const auto result = simulate(model, sink, info, &stop, [&](std::uint32_t done, std::uint32_t) {
    if (done == 2) stop = true;
  });
  CHECK_FALSE(result.complete);
  CHECK(result.steps_done == 2);
  CHECK(sink.series("a").size() == 3);
  CHECK_FALSE(sink.complete());
}

TEST_CASE("a NaN in any output stops the run, naming the series, the cell and the step") {
  Poisoned model(3);
  MemorySink sink;
  RunInfo info;
  info.steps = 5;
  CHECK_THROWS_WITH(simulate(model, sink, info),
                    doctest::Contains("segment/b size=large is nan at step 3"));
  CHECK_FALSE(sink.complete());
  CHECK(sink.series("a").size() == 3);  // steps 0..2 were written, step 3 was not
}
