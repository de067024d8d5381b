#include "agents/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/metric_rows.hpp"

namespace aiplus::agents {
namespace {

std::vector<Row> segment_rows() {
  return {
      {{"agents", "agents", "simulated firms in the segment", "agents in the segment"},
       [](const Sums& s, const X&, std::size_t seg) { return s.at(seg, kFirms); }},
      {{"firms", "firms", "real firms in the segment", "design weight x agents in the segment"},
       [](const Sums& s, const X&, std::size_t seg) { return s.weighted(seg, kFirms); }},
      {{"employment", "persons", "employment in the segment", "design weight x employees"},
       [](const Sums& s, const X&, std::size_t seg) { return s.weighted(seg, kEmployees); }},
      {{"output", "bn CNY/month", "baseline value added of the segment",
        "design weight x baseline value added / 10^6"},
       [](const Sums& s, const X&, std::size_t seg) {
         return s.weighted(seg, kOutput) / kKcnyPerBillion;
       }},
      {maybe({"adoption_share", "1", "share of firms at stage >= 1",
              "firms at stage >= 1 / firms, in the segment; NaN when it is empty"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.adopters(seg), s.at(seg, kFirms));
       }},
      {maybe({"adoption_share_employment", "1", "share of employment in firms at stage >= 1",
              "employees of firms at stage >= 1 / employees, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kEmployeesAdopted), s.at(seg, kEmployees));
       }},
      {maybe({"adoption_share_output", "1", "share of value added in firms at stage >= 1",
              "baseline value added of firms at stage >= 1 / baseline value added, in the "
              "segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kOutputAdopted), s.at(seg, kOutput));
       }},
      {maybe({"deployed_share", "1", "share of firms at stage >= 2",
              "firms at stage >= 2 / firms, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kStage2) + s.at(seg, kStage3), s.at(seg, kFirms));
       }},
      {maybe({"deployed_share_employment", "1", "share of employment in firms at stage >= 2",
              "employees of firms at stage >= 2 / employees, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kEmployeesDeployed), s.at(seg, kEmployees));
       }},
      {maybe({"deployed_share_output", "1", "share of value added in firms at stage >= 2",
              "baseline value added of firms at stage >= 2 / baseline value added, in the "
              "segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kOutputDeployed), s.at(seg, kOutput));
       }},
      {maybe({"mean_effective_use", "1", "mean effective use e of adopters",
              "sum of e / firms at stage >= 1, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kSumE), s.adopters(seg));
       }},
      {maybe({"hollow_share", "1", "share of stage >= 2 firms that are hollow adopters",
              "hollow firms / firms at stage >= 2, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kHollow), s.at(seg, kStage2) + s.at(seg, kStage3));
       }},
      {maybe({"capability_in_use", "frontier units", "output-weighted mean of e c in the segment",
              "sum of Y0 e c / sum of Y0, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return share(s.at(seg, kOutputEc), s.at(seg, kOutput));
       }},
      {maybe({"ai_tfp_term", "1", "AI term of TFP in the segment",
              "sum of Y0 (1 + gamma w e c m) J / sum of Y0 - 1, in the segment"}),
       [](const Sums& s, const X&, std::size_t seg) {
         return s.at(seg, kOutput) > 0 ? s.at(seg, kOutputAi) / s.at(seg, kOutput) - 1.0 : kNaN;
       }},
      {maybe({"months_to_10pct", "months", "months until 10% of the segment's firms had adopted",
              "first row with the segment's adoption_share >= 0.1; NaN until then"}),
       [](const Sums&, const X& x, std::size_t seg) { return x.reached[seg][0]; }},
      {maybe({"months_to_50pct", "months", "months until half of the segment's firms had adopted",
              "first row with the segment's adoption_share >= 0.5; NaN until then"}),
       [](const Sums&, const X& x, std::size_t seg) { return x.reached[seg][1]; }},
      {maybe({"months_to_90pct", "months", "months until 90% of the segment's firms had adopted",
              "first row with the segment's adoption_share >= 0.9; NaN until then"}),
       [](const Sums&, const X& x, std::size_t seg) { return x.reached[seg][2]; }},
      {{"subsidy_paid", "bn CNY/month", "voucher money paid to the segment in the last step",
        "design weight x vouchers paid to the segment"},
       [](const Sums&, const X& x, std::size_t seg) {
         return x.subsidy_by_segment.empty() ? 0.0 : x.subsidy_by_segment[seg];
       }},
  };
}

std::vector<Row> skills_rows() {
  return {
      {{"engineers_demanded", "engineers", "AI engineers needed, by region and hiring tier",
        "sum of w need(S, size) in the cell"},
       [](const Sums& s, const X&, std::size_t cell) { return s.demand(cell); }},
      {{"engineers_hired", "engineers", "AI engineers hired, by region and hiring tier",
        "sum of w need(S, size) h in the cell"},
       [](const Sums& s, const X&, std::size_t cell) { return s.hired(cell); }},
      {{"tier_fill", "1", "share of the tier's demand the market filled in the last step",
        "engineers the market gave the tier / engineers it asked for"},
       [](const Sums&, const X& x, std::size_t cell) { return x.tier_fill[cell]; }},
  };
}

std::vector<Row> band_rows() {
  return {
      {{"firms", "firms", "real firms in the band", "sum of w over firms in the band"},
       [](const Sums& s, const X&, std::size_t b) { return s.band(b, 0); }},
      {maybe({"adoption_share", "1", "share of the band's firms at stage >= 1",
              "firms at stage >= 1 / firms, in the band; NaN when it is empty"}),
       [](const Sums& s, const X&, std::size_t b) { return share(s.band(b, 1), s.band(b, 0)); }},
      {maybe({"deployed_share", "1", "share of the band's firms at stage >= 2",
              "firms at stage >= 2 / firms, in the band; NaN when it is empty"}),
       [](const Sums& s, const X&, std::size_t b) { return share(s.band(b, 2), s.band(b, 0)); }},
  };
}

std::string whole(double x) {
  return std::to_string(static_cast<long long>(std::llround(x)));
}

}  // namespace

std::vector<std::string> band_labels(const std::vector<double>& edges, double smallest) {
  std::vector<std::string> labels;
  for (std::size_t j = 0; j <= edges.size(); ++j) {
    const double upper = j < edges.size() ? edges[j] : std::numeric_limits<double>::infinity();
    if (upper <= smallest) continue;  // no firm of the population is that small
    const double lower = j == 0 ? smallest : std::max(smallest, edges[j - 1]);
    labels.push_back(j < edges.size() ? whole(lower) + "-" + whole(upper - 1) : whole(lower) + "+");
  }
  return labels;
}

FirmTables firm_tables(const FirmParams& params) {
  const auto& p = params.population;
  FirmTables tables = {
      {"national", {}, national_rows()},
      {"segment",
       {{"sector", names(kSectorNames)},
        {"ownership", p.ownership_labels},
        {"size_class", names(kSizeNames)}},
       segment_rows()},
      {"skills",
       {{"region", p.region_labels}, {"tier", {"soe_and_large", "medium", "small_and_micro"}}},
       skills_rows()},
  };
  if (!params.employment_bands.empty())
    tables.push_back(
        {"bands", {{"band", band_labels(params.employment_bands, p.size_bands[0])}}, band_rows()});
  return tables;
}

double ai_term(const Sums& sums) {
  return ratio(sums.total(kOutputAi), sums.total(kOutput)) - 1.0;
}

double capability_in_use(const Sums& sums) {
  return ratio(sums.total(kOutputEc), sums.total(kOutput));
}

}  // namespace aiplus::agents
