#include <vector>

#include "core/engine/recording.hpp"
#include "core/engine/simulation.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {

// Two groups, and one firm-level column whose buffer changes every step.
class Counting final : public Model {
 public:
  std::vector<GroupInfo> outputs() const override {
    return {{"national", {}, {{"a", "1", "a"}}},
            {"segment", {{"size", {"small", "large"}}}, {{"b", "1", "b"}}}};
  }
  void observe(Frame& frame) override {
    frame[0][0] = step_;
    frame[1][0] = 10.0 * step_, frame[1][1] = 20.0 * step_;
    state_.assign(3, static_cast<float>(step_));
  }
  void step(std::uint32_t) override { ++step_; }
  std::uint64_t agents() const override { return 3; }
  Columns firm_attributes() const override {
    return {{"size", "-", "size", ColumnView::Type::U8, sizes_.data(), sizes_.size(), {"s", "l"}}};
  }
  Columns firm_state() override {
    return {{"stage", "-", "stage", ColumnView::Type::F32, state_.data(), state_.size()}};
  }

 private:
  std::uint32_t step_ = 0;
  std::vector<std::uint8_t> sizes_{0, 1, 1};
  std::vector<float> state_;
};

RunInfo five_steps() {
  RunInfo info;
  info.steps = 5;
  info.panel_rows = {0, 3};
  return info;
}

}  // namespace

TEST_CASE("a recording replayed gives another sink what the engine gave it") {
  Counting model;
  Recording recording;
  MemorySink direct;
  FanoutSink both({&recording, &direct});
  (void)simulate(model, both, five_steps());
  MemorySink replayed;
  recording.replay(replayed);
  CHECK(replayed.frames() == direct.frames());
  CHECK(replayed.complete());
  CHECK(replayed.panel_steps() == std::vector<std::uint32_t>{0, 3});
  REQUIRE(recording.snapshots().size() == 2);
  // Copies, not views: each snapshot keeps the state of its own step.
  const auto* at3 = reinterpret_cast<const float*>(recording.snapshots()[1].state[0].bytes.data());
  CHECK(at3[0] == 3.0f);
  const auto* at0 = reinterpret_cast<const float*>(recording.snapshots()[0].state[0].bytes.data());
  CHECK(at0[2] == 0.0f);
  CHECK(recording.attributes().at(0).labels == std::vector<std::string>{"s", "l"});
}

TEST_CASE("a recording keeps only the groups asked for") {
  Counting model;
  Recording recording({"segment"});
  (void)simulate(model, recording, five_steps());
  REQUIRE(recording.groups().size() == 1);
  CHECK(recording.groups()[0].name == "segment");
  REQUIRE(recording.frames().size() == 6);
  CHECK(recording.frames()[4] == Frame{{40.0, 80.0}});
}
