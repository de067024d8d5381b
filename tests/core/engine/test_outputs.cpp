// Output tables: a row per series computes its values; lookups go by name.
#include "core/engine/outputs.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {
struct In {
  std::vector<double> v;
};
}  // namespace

TEST_CASE("a group fills every series at every position of its dimensions") {
  const GroupDef<In> group{
      "g",
      {{"k", {"a", "b", "c"}}},
      {{{"twice", "1", "twice v", "2 v"}, [](const In& in, std::size_t k) { return 2 * in.v[k]; }},
       {{"sum", "1", "v + k", "v + position"},
        [](const In& in, std::size_t k) { return in.v[k] + k; }}}};
  std::vector<double> out;
  group.fill(out, In{{1, 2, 3}});
  CHECK(out == std::vector<double>{2, 4, 6, 1, 3, 5});
  const auto info = group.info();
  CHECK(info.width() == 3);
  CHECK(info.series[1].definition == "v + position");
}

TEST_CASE("a series is found by group and name, wherever it sits") {
  const std::vector<GroupInfo> groups = {
      {"national", {}, {{"x", "1", ""}, {"y", "1", ""}}},
      {"segment", {{"s", {"a", "b"}}}, {{"x", "1", ""}, {"z", "1", ""}}}};
  CHECK(find_series(groups, "national", "y").offset == 1);
  CHECK(find_series(groups, "segment", "z").group == 1);
  CHECK(find_series(groups, "segment", "z").offset == 2);
  CHECK_THROWS_AS((void)find_series(groups, "national", "z"), std::out_of_range);
}
