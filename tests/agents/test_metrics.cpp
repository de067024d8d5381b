// The output table: band labels, and totals that weigh each segment by its weight.
#include <vector>

#include "agents/metrics.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("employment bands are labelled as surveys label them, without empty bands") {
  using V = std::vector<std::string>;
  CHECK(band_labels({10, 50, 250}, 1) == V{"1-9", "10-49", "50-249", "250+"});
  CHECK(band_labels({10, 50, 250}, 10) == V{"10-49", "50-249", "250+"});  // Eurostat: 10+
  CHECK(band_labels({5, 250}, 1) == V{"1-4", "5-249", "250+"});           // BTOS: 1-4 and 250+
  CHECK(band_labels({10, 50, 250}, 20) == V{"20-49", "50-249", "250+"});
}

TEST_CASE("totals weigh each segment's agents by its design weight; shares within do not") {
  std::vector<double> sums(kObservationWidth, 0.0);
  SegmentWeights w{};
  w[0] = 100, w[1] = 2;
  sums[0 * kSegmentSums + kFirms] = 10, sums[0 * kSegmentSums + kStage1] = 1;  // 10% of 1000
  sums[1 * kSegmentSums + kFirms] = 10, sums[1 * kSegmentSums + kStage1] = 5;  // 50% of 20
  const Sums s(sums, w);
  CHECK(s.total(kFirms) == 1020);
  CHECK(s.adopters() == 110);
  CHECK(s.weighted(1, kFirms) == 20);
  CHECK(s.adopters(1) == 5);  // agents of one segment
}
