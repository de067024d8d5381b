// Calibration: the synthesised population reproduces the sourced facts of
// seeds/facts.toml within sampling error (docs/MODEL.md section 7.2).
#include <toml++/toml.h>

#include <cmath>

#include "agents/firm_params.hpp"
#include "agents/population.hpp"
#include "agents/scenario.hpp"
#include "test.h"

using namespace aiplus;
using namespace aiplus::agents;

namespace {

constexpr std::uint32_t kFirms = 1'000'000;

double fact(const char* name) {
  static const toml::table facts = toml::parse_file(AIPLUS_SOURCE_DIR "/seeds/facts.toml");
  const auto value = facts[name]["value"].value<double>();
  REQUIRE_MESSAGE(value.has_value(), "seeds/facts.toml has no number for ", name);
  return *value;
}

// Five standard errors of a share p estimated from n draws.
double five_sigma(double p, double n) {
  return 5 * std::sqrt(p * (1 - p) / n);
}

struct Synthesised {
  FirmParams params;
  Firms firms;
  Clusters clusters;
};

const Synthesised& population() {
  static const Synthesised s = [] {
    core::Config config(schema());
    config.set("simulation.firms", std::int64_t{kFirms}, {"test", 1, 1});
    Synthesised out;
    out.params = read_firm_params(config);
    out.clusters = synthesise(out.params, core::RandomStreams(out.params.run.seed), out.firms);
    return out;
  }();
  return s;
}

}  // namespace

TEST_CASE("SMEs are over 90% of firms and over 80% of employment") {
  const auto& f = population().firms;
  double sme = 0, sme_employees = 0, employees = 0;
  for (std::uint32_t i = 0; i < f.count; ++i) {
    employees += f.employees[i];
    if (is_sme(f.size[i])) sme += 1, sme_employees += f.employees[i];
  }
  CHECK(sme / f.count >= fact("sme_share_of_firms"));
  CHECK(sme_employees / employees >= fact("sme_share_of_urban_employment"));
}

TEST_CASE("SOEs are under 1% of firms, and the east holds about 59% of them") {
  const auto& f = population().firms;
  double soe = 0, east = 0;
  for (std::uint32_t i = 0; i < f.count; ++i)
    soe += is_soe(f.ownership[i]), east += f.region[i] == 0;
  CHECK(soe / f.count <= fact("soe_share_of_firms"));
  const double target = fact("east_share_of_units");
  CHECK(std::abs(east / f.count - target) <= five_sigma(target, f.count));
}

TEST_CASE(
    "SOE digitization reproduces the 2022 survey: 60% early stage, 4.5% meeting expectations") {
  const auto& f = population().firms;
  double soe = 0, early = 0, meeting = 0;
  for (std::uint32_t i = 0; i < f.count; ++i) {
    if (!is_soe(f.ownership[i])) continue;
    soe += 1;
    early += f.digitization[i] < 0.3;
    meeting += f.digitization[i] >= 0.6;
  }
  REQUIRE(soe > 2000);
  const double early_target = fact("soe_digital_early_stage"),
               meeting_target = fact("soe_digital_meeting_expectations");
  // The Beta shape was fitted to within 0.001 of both shares.
  CHECK(std::abs(early / soe - early_target) <= five_sigma(early_target, soe) + 0.002);
  CHECK(std::abs(meeting / soe - meeting_target) <= five_sigma(meeting_target, soe) + 0.002);
}

TEST_CASE("initial AI adoption is low for SMEs and concentrated in large firms, ICT and finance") {
  const auto& f = population().firms;
  double sme = 0, sme_adopted = 0, large = 0, large_adopted = 0, ict = 0, ict_adopted = 0, rest = 0,
         rest_adopted = 0;
  for (std::uint32_t i = 0; i < f.count; ++i) {
    const bool adopted = f.stage.current()[i] > 0;
    if (is_sme(f.size[i]))
      sme += 1, sme_adopted += adopted;
    else
      large += 1, large_adopted += adopted;
    if (f.sector[i] == 7 || f.sector[i] == 5)
      ict += 1, ict_adopted += adopted;
    else
      rest += 1, rest_adopted += adopted;
  }
  CHECK(sme_adopted / sme < fact("sme_digital_intelligence_started"));
  CHECK(large_adopted / large > 3 * sme_adopted / sme);
  CHECK(ict_adopted / ict > 2 * rest_adopted / rest);
}

TEST_CASE("employees stay in their size band and firms sit sorted in clusters") {
  const auto& s = population();
  const auto bands = size_bands(s.params.population);
  for (std::uint32_t i = 0; i < s.firms.count; ++i) {
    REQUIRE(s.firms.employees[i] >= bands[s.firms.size[i]]);
    REQUIRE(s.firms.employees[i] <= bands[s.firms.size[i] + 1]);
  }
  for (std::size_t c = 0; c + 1 < s.clusters.begin.size(); ++c) {
    for (std::uint32_t i = s.clusters.begin[c]; i < s.clusters.begin[c + 1]; ++i) {
      REQUIRE(s.firms.region[i] * kSectors + s.firms.sector[i] == c);
      const bool hub = is_soe(s.firms.ownership[i]) || s.firms.size[i] == kLarge;
      REQUIRE(hub == (i < s.clusters.hub_end[c]));
    }
  }
}

TEST_CASE("the truncated Pareto law stays in its band and has a heavy tail") {
  CHECK(truncated_pareto(20, 300, 1.3, 0.0) == doctest::Approx(20));
  CHECK(truncated_pareto(20, 300, 1.3, 1.0) == doctest::Approx(300));
  CHECK(truncated_pareto(20, 300, 1.3, 0.5) < 50);
}
