// Where a target lies in a run's frames: its group and series, and the band along a
// group with one labelled dimension (no model in the registry has such a group yet, so
// the groups here are made up).
#include <stdexcept>
#include <vector>

#include "cli/calibrate/calibration_file.hpp"
#include "test.h"

using namespace aiplus;

namespace {

std::vector<core::GroupInfo> groups() {
  const core::SeriesInfo share{"adoption_share", "1", "share adopted"};
  const core::SeriesInfo firms{"firms", "firms", "firms"};
  return {{"national", {}, {share, firms}},
          {"bands", {{"size", {"0-9", "10-49", "50-249", "250+"}}}, {firms, share}},
          {"segment", {{"sector", {"a", "b"}}, {"size", {"s", "l"}}}, {share}}};
}

}  // namespace

TEST_CASE("a target's series is found by group/name, with its offset in the frame") {
  const auto g = groups();
  const auto national = cli::find_target_series(g, "national/firms");
  CHECK(national.group == 0);
  CHECK(national.offset == 1);
  const auto bands = cli::find_target_series(g, "bands/adoption_share");
  CHECK(bands.group == 1);
  CHECK(bands.offset == 4);  // the second series of a group four labels wide
  CHECK_THROWS_AS((void)cli::find_target_series(g, "national/nonsense"), std::invalid_argument);
  CHECK_THROWS_AS((void)cli::find_target_series(g, "nowhere/firms"), std::invalid_argument);
  CHECK_THROWS_AS((void)cli::find_target_series(g, "adoption_share"), std::invalid_argument);
}

TEST_CASE("a band names a label of the group's one dimension, and only there") {
  const auto g = groups();
  CHECK(cli::band_position(g[0], "") == 0);
  CHECK(cli::band_position(g[1], "10-49") == 1);
  CHECK(cli::band_position(g[1], "250+") == 3);
  CHECK_THROWS_AS((void)cli::band_position(g[1], "10-50"), std::invalid_argument);
  CHECK_THROWS_AS((void)cli::band_position(g[1], ""), std::invalid_argument);
  CHECK_THROWS_AS((void)cli::band_position(g[0], "10-49"), std::invalid_argument);
  CHECK_THROWS_AS((void)cli::band_position(g[2], "s"), std::invalid_argument);
  try {
    (void)cli::band_position(g[1], "10-50");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("\"10-49\"") != std::string::npos);
  }
}
