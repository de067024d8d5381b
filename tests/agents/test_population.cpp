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

constexpr std::uint32_t kFirms = 200'000;

double fact(const char* name) {
  static const toml::table facts = toml::parse_file(AIPLUS_SOURCE_DIR "/seeds/facts.toml");
  const auto value = facts[name]["value"].value<double>();
  REQUIRE_MESSAGE(value.has_value(), "seeds/facts.toml has no number for ", name);
  return *value;
}

struct Synthesised {
  FirmParams params;
  Firms firms;
  Synthesis synthesis;
  /// The design weight of firm i: the real firms it stands for.
  [[nodiscard]] double w(std::uint32_t i) const { return synthesis.weight[firms.segment[i]]; }
};

// The default population of a seed, as the model samples it.
Synthesised population(int seed) {
  core::Config config(schema());
  config.set("simulation.firms", std::int64_t{kFirms}, {"test", 1, 1});
  config.set("simulation.seed", std::int64_t{seed}, {"test", 1, 1});
  Synthesised out;
  out.params = read_firm_params(config);
  out.synthesis = synthesise(out.params, core::RandomStreams(out.params.run.seed), out.firms);
  return out;
}

// Weighted share of firms passing `in` among those passing `of`.
template <class In, class Of>
double share(const Synthesised& s, In&& in, Of&& of) {
  double num = 0, den = 0;
  for (std::uint32_t i = 0; i < s.firms.count; ++i) {
    if (!of(i)) continue;
    den += s.w(i);
    num += in(i) ? s.w(i) : 0.0;
  }
  return num / den;
}

// Standard error of a weighted share p over the firms passing `of`:
// sqrt(p (1 - p) sum w^2) / sum w (the draws are independent given the strata).
template <class Of>
double sigma(const Synthesised& s, double p, Of&& of) {
  double w = 0, w2 = 0;
  for (std::uint32_t i = 0; i < s.firms.count; ++i)
    if (of(i)) w += s.w(i), w2 += s.w(i) * s.w(i);
  return std::sqrt(p * (1 - p) * w2) / w;
}

const auto kAll = [](std::uint32_t) { return true; };

}  // namespace

TEST_CASE("for every seed: SMEs are over 90% of firms and over 80% of employment") {
  for (int seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const auto s = population(seed);
    const auto& f = s.firms;
    double employees = 0, sme_employees = 0;
    for (std::uint32_t i = 0; i < f.count; ++i) {
      employees += s.w(i) * f.employees[i];
      if (is_sme(f.size[i])) sme_employees += s.w(i) * f.employees[i];
    }
    CHECK(share(
              s, [&](std::uint32_t i) { return is_sme(f.size[i]); }, kAll) >=
          fact("sme_share_of_firms"));
    CHECK(sme_employees / employees >= fact("sme_share_of_urban_employment"));
  }
}

TEST_CASE("for every seed: SOEs are under 1% of firms, and the east holds about 59%") {
  for (int seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const auto s = population(seed);
    const auto& f = s.firms;
    CHECK(share(
              s, [&](std::uint32_t i) { return is_soe(f.ownership[i]); }, kAll) <=
          fact("soe_share_of_firms"));
    const double target = fact("east_share_of_units");
    CHECK(std::abs(share(
                       s, [&](std::uint32_t i) { return f.region[i] == 0; }, kAll) -
                   target) <= 5 * sigma(s, target, kAll));
  }
}

TEST_CASE(
    "SOE digitization reproduces the 2022 survey: 60% early stage, 4.5% meeting expectations") {
  for (int seed = 1; seed <= 3; ++seed) {
    CAPTURE(seed);
    const auto s = population(seed);
    const auto& f = s.firms;
    const auto soe = [&](std::uint32_t i) { return is_soe(f.ownership[i]); };
    double agents = 0;
    for (std::uint32_t i = 0; i < f.count; ++i) agents += soe(i);
    REQUIRE(agents > 2000);
    const double early = share(
        s, [&](std::uint32_t i) { return f.digitization[i] < 0.3; }, soe);
    const double meeting = share(
        s, [&](std::uint32_t i) { return f.digitization[i] >= 0.6; }, soe);
    const double early_target = fact("soe_digital_early_stage"),
                 meeting_target = fact("soe_digital_meeting_expectations");
    // The Beta shape was fitted to within 0.001 of both shares.
    CHECK(std::abs(early - early_target) <= 5 * sigma(s, early_target, soe) + 0.002);
    CHECK(std::abs(meeting - meeting_target) <= 5 * sigma(s, meeting_target, soe) + 0.002);
  }
}

TEST_CASE("initial AI adoption is low for SMEs and concentrated in large firms, ICT and finance") {
  const auto s = population(1);
  const auto& f = s.firms;
  const auto adopted = [&](std::uint32_t i) { return f.stage.current()[i] > 0; };
  const double sme = share(s, adopted, [&](std::uint32_t i) { return is_sme(f.size[i]); });
  const double large = share(s, adopted, [&](std::uint32_t i) { return !is_sme(f.size[i]); });
  const auto ict_finance = [&](std::uint32_t i) { return f.sector[i] == 7 || f.sector[i] == 5; };
  const double ict = share(s, adopted, ict_finance);
  const double rest = share(s, adopted, [&](std::uint32_t i) { return !ict_finance(i); });
  CHECK(sme < fact("sme_digital_intelligence_started"));
  CHECK(large > 3 * sme);
  CHECK(ict > 2 * rest);
}

TEST_CASE("employees stay in their size band and firms sit sorted in clusters") {
  const auto s = population(1);
  const auto bands = size_bands(s.params.population);
  for (std::uint32_t i = 0; i < s.firms.count; ++i) {
    REQUIRE(s.firms.employees[i] >= bands[s.firms.size[i]]);
    REQUIRE(s.firms.employees[i] <= bands[s.firms.size[i] + 1]);
  }
  const auto& clusters = s.synthesis.clusters;
  for (std::size_t c = 0; c + 1 < clusters.begin.size(); ++c) {
    for (std::uint32_t i = clusters.begin[c]; i < clusters.begin[c + 1]; ++i) {
      REQUIRE(s.firms.region[i] * kSectors + s.firms.sector[i] == c);
      const bool hub = is_hub(s.firms.ownership[i], s.firms.size[i]);
      REQUIRE(hub == (i < clusters.hub_end[c]));
    }
  }
}

TEST_CASE("the digitization rate is the fit to MIIT's industrial series") {
  // Least squares of ln(1 - share) on years: the gap closes by the slope a year.
  static const toml::table facts = toml::parse_file(AIPLUS_SOURCE_DIR "/seeds/facts.toml");
  const auto* series = facts["miit_numerical_control"]["value"].as_array();
  REQUIRE(series != nullptr);
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& point : *series) {
    const double x = *point.as_array()->get(0)->value<double>();
    const double y = std::log(1 - *point.as_array()->get(1)->value<double>());
    n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const auto params = read_firm_params(core::Config(schema()));
  CHECK(params.behaviour.digitization_rate == doctest::Approx(-slope).epsilon(0.01));
}

TEST_CASE("the truncated Pareto law stays in its band and has a heavy tail") {
  CHECK(truncated_pareto(20, 300, 1.3, 0.0) == doctest::Approx(20));
  CHECK(truncated_pareto(20, 300, 1.3, 1.0) == doctest::Approx(300));
  CHECK(truncated_pareto(20, 300, 1.3, 0.5) < 50);
}
