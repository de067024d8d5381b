// The keys of how a firm decides on AI (consideration, the economics of each stage) and
// of what adoption does (capability, productivity, the macro economy).
#include "agents/firm_param_rows.hpp"

namespace aiplus::agents {

using F = FirmParams;

void decision_rows(Rows& b) {
  const std::vector<std::string> stages = {"pilot", "deployed", "integrated"};
  b.section("consideration: whether a firm looks at AI at all (Bass)");
  b.real(
      "consideration.p", 0.00209, "1/month", {0, 1},
      "external influence: vendors and media, before any policy promotion (calibrated: the "
      "posterior median of seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.p; });
  b.plausible(0.00150, 0.00267,
              "the 90% posterior interval of the calibration to EU and US adoption 2023-2024 "
              "(seeds/calibration.h5; prior 0.00001-0.01, log-uniform)");
  b.real(
      "consideration.q", 0.0168, "1/month", {0, 1},
      "imitation: added chance when every partner has adopted (calibrated: the posterior "
      "median of seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.q; });
  b.plausible(0.0108, 0.0335,
              "the 90% posterior interval of the calibration (seeds/calibration.h5; prior "
              "0.01-1, log-uniform); Bass q for business technologies is 0.38-0.53 a year, about "
              "0.04 a month (Chandrasekaran and Tellis 2007)");
  b.real(
      "consideration.open_source_effect", 0.5, "-", {0, 10},
      "open source raises p and q by this share per unit of the open-source index",
      [](F & f) -> auto& { return f.behaviour.open_source_effect; });
  b.plausible(0.0, 1.0, "assumed: a unit of the open-source index at most doubles consideration");

  b.section("economics: the return on moving up a stage");
  b.flag(
      "economics.enabled", true,
      "false: Bass validation mode, every considering firm adopts (no costs, readiness or "
      "credit)",
      [](F & f) -> auto& { return f.behaviour.economics; });
  b.list(
      "economics.exposure",
      {0.15, 0.28, 0.23, 0.33, 0.30, 0.55, 0.48, 0.63, 0.29, 0.36, 0.37, 0.54}, names(kSectorNames),
      "share of work", {0, 1},
      "share of a sector's work (tasks) that frontier AI tools speed up by half or more: "
      "Eloundou et al. (2024) exposure by occupation, weighted by each sector's occupations "
      "(seeds/facts.toml)",
      [](F & f) -> auto& { return f.behaviour.exposure; });
  b.real(
      "economics.frontier_saving", 0.27, "share of cost", {0, 0.6},
      "labour-cost saving on exposed work with the start month's frontier (Acemoglu 2024: "
      "27%, the mean of two field experiments); the saving grows with capability c",
      [](F & f) -> auto& { return f.behaviour.frontier_saving; });
  b.plausible(0.12, 0.5,
              "task-level savings: 12% (customer support, Brynjolfsson et al. 2023) to 40-56% "
              "(writing, coding: Noy and Zhang 2023, Peng et al. 2023)");
  b.real(
      "economics.labour_cost_share", 0.55, "share", {0, 1},
      "labour's share of the cost of exposed work (PWT 11.0 labour share 0.586; Acemoglu "
      "about 0.53)",
      [](F & f) -> auto& { return f.behaviour.labour_cost_share; });
  b.plausible(0.5, 0.6, "labour share: PWT 0.586, Acemoglu 2024 about 0.53");
  b.list("economics.stage_weights", {0.2, 0.6, 1.0}, stages, "-", {0, 1},
         "w(S): share of the full gain reached at each stage", [](F& f) {
           return std::span<double, 3>(f.behaviour.stage_weight.data() + 1, 3);  // w(0) = 0
         });
  b.list(
      "economics.step_cost", {8, 60, 200}, stages, "kCNY", {0, 1e6},
      "one-time cost of reaching each stage for a 10-employee firm with d = 1",
      [](F & f) -> auto& { return f.behaviour.step_cost; });
  b.real(
      "economics.cost_size_elasticity", 0.736, "-", {0, 2},
      "cost grows as (employees / 10) to this power (calibrated: the posterior median of "
      "seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.cost_size_elasticity; });
  b.plausible(0.539, 0.989,
              "the 90% posterior interval of the calibration (seeds/calibration.h5; prior 0.5-1: "
              "integration cost rises less than proportionally with size, 1 is proportional)");
  b.real(
      "economics.digitization_gap_cost", 1.5, "-", {0, 20},
      "cost multiplier 1 + this x (1 - d): poor data makes AI dear",
      [](F & f) -> auto& { return f.behaviour.digitization_gap_cost; });
  b.plausible(0.5, 3.0, "assumed: poor data makes integration 1.5 to 4 times dearer");
  b.real(
      "economics.compliance_cost", 5, "kCNY", {0, 1e5},
      "compliance cost of a stage step at today's regulation",
      [](F & f) -> auto& { return f.behaviour.compliance_cost; });
  b.plausible(0.0, 50.0,
              "assumed: algorithm filing and security assessment for a small firm, from nothing to "
              "about 50 thousand CNY");
  b.real(
      "economics.payback_months", 36, "months", {1, 240},
      "horizon over which a firm weighs monthly gains against the cost",
      [](F & f) -> auto& { return f.behaviour.payback_months; });
  b.plausible(18.0, 60.0, "IT projects are usually asked to pay back within two to five years");
  b.real(
      "economics.decision_rate", 0.08, "1/month", {0, 1},
      "most a firm that has adopted moves up a stage in a month, however good the return",
      [](F & f) -> auto& { return f.behaviour.decision_rate; });
  b.plausible(0.02, 0.2, "an adopter weighs its next stage every 5 to 50 months");
  b.real(
      "economics.return_sensitivity", 1.81, "-", {0, 100},
      "slope of the step-up probability, tanh(slope x return / 2), in the return on cost "
      "(calibrated: the posterior median of seeds/calibration.h5)",
      [](F & f) -> auto& { return f.behaviour.return_sensitivity; });
  b.plausible(0.331, 6.85,
              "the 90% posterior interval of the calibration (seeds/calibration.h5; prior "
              "0.25-8, log-uniform: from sluggish to near-threshold responses)");
  b.real(
      "economics.data_effect", 0.3, "-", {0, 10},
      "AI gains grow by this share per unit of the data index",
      [](F & f) -> auto& { return f.behaviour.data_effect; });
  b.plausible(0.0, 0.6, "assumed: a unit of the data index raises AI's yield by up to 60%");
  b.real(
      "economics.credit_access", 0.5, "1/month", {0, 1},
      "chance a private SME finds credit for a step in a month",
      [](F & f) -> auto& { return f.behaviour.credit_access; });
  b.plausible(0.2, 0.8, "assumed: the monthly chance a private SME finds credit for a step");
  b.real(
      "economics.use_digitization_exponent", 0.5, "-", {0, 5}, "a in effective use e = d^a h^b",
      [](F & f) -> auto& { return f.behaviour.use_digitization_exponent; });
  b.plausible(0.3, 0.7, "complements of equal weight (0.5) give or take 0.2");
  b.real(
      "economics.use_skill_exponent", 0.5, "-", {0, 5}, "b in effective use e = d^a h^b",
      [](F & f) -> auto& { return f.behaviour.use_skill_exponent; });
  b.plausible(0.3, 0.7, "complements of equal weight (0.5) give or take 0.2");
  b.real(
      "economics.hollow_threshold", 0.3, "e", {0, 1},
      "a firm at stage >= 2 with e below this is a hollow adopter",
      [](F & f) -> auto& { return f.behaviour.hollow_threshold; });
  b.plausible(0.2, 0.4, "assumed: effective use below which adoption is on paper");
}

void growth_rows(Rows& b) {
  b.section("growth: capability, productivity and the macro economy");
  b.real(
      "growth.frontier_speed", 0.35, "1/year", {0, 3},
      "logistic speed of frontier capability in use, F (F = 1 in the anchor month, 2025-01): "
      "capability "
      "grows at speed x (1 - F / ceiling) a year, slower than raw benchmarks because it must "
      "be put to use across the whole task distribution (seeds/facts.toml)",
      [](F & f) -> auto& { return f.environment.frontier_speed; });
  b.plausible(0.2, 0.7,
              "capability in use grows far slower than raw benchmarks (Epoch AI, METR): see "
              "seeds/facts.toml");
  b.real(
      "growth.frontier_ceiling", 2.5, "frontier units", {1, 10},
      "the level F approaches: how far tools can widen the exposed share and deepen the "
      "saving on it (Eloundou et al. zeta/beta 1.6 x best-case saving/27% about 2; "
      "seeds/facts.toml)",
      [](F & f) -> auto& { return f.environment.frontier_ceiling; });
  b.plausible(1.5, 4.0,
              "Eloundou et al. zeta/beta = 1.6 times best-case saving over 27% = 2 gives about 3; "
              "1.5-4 covers the jagged frontier");
  b.month(
      "growth.frontier_anchor", "2025-01",
      "the month in which F = 1: capability is measured in the frontier units of that month, "
      "and a run that starts earlier or later starts from F's path without levers",
      [](F & f) -> auto& { return f.environment.frontier_anchor; });
  b.real(
      "growth.absorption_rate", 0.05, "1/month", {0, 1},
      "share of the gap to the frontier a firm absorbs at e = 1",
      [](F & f) -> auto& { return f.behaviour.absorption_rate; });
  b.plausible(0.02, 0.1, "half the gap to the frontier absorbed in 7 to 35 months of full use");
  b.real(
      "growth.partner_spillover", 0.5, "-", {0, 5},
      "knowledge spillovers: absorption rises by this share times the adopted share of a "
      "firm's partners",
      [](F & f) -> auto& { return f.behaviour.partner_spillover; });
  b.plausible(0.0, 1.0, "assumed: fully adopted partners at most double absorption");
  b.real(
      "growth.baseline_tfp", 0.018, "1/year", {-0.1, 0.2},
      "TFP growth without AI, human capital included (PWT 11.0 growth accounting, China "
      "2015-2023: 1.2-2.3%)",
      [](F & f) -> auto& { return f.behaviour.baseline_tfp_growth; });
  b.plausible(
      0.012, 0.023,
      "PWT 11.0 growth accounting for China: 1.2-2.3% a year over 2015-2023 and sub-periods");
  b.real(
      "growth.jcurve_depth", 0.05, "share", {0, 1}, "productivity dip right after a stage change",
      [](F & f) -> auto& { return f.behaviour.jcurve_depth; });
  b.plausible(0.0, 0.1, "short-run productivity losses after adoption (McElheran et al. 2025)");
  b.real(
      "growth.jcurve_months", 12, "months", {0, 120}, "months for the dip to recover",
      [](F & f) -> auto& { return f.behaviour.jcurve_months; });
  b.plausible(6.0, 36.0,
              "the dip lasts months to a few years (McElheran et al. 2025; Brynjolfsson, Rock and "
              "Syverson 2021)");
  b.real(
      "growth.labour_share", 0.55, "share", {0, 1},
      "labour share in growth accounting (PWT 0.586; Conference Board 0.53)",
      [](F & f) -> auto& { return f.environment.labour_share; });
  b.plausible(0.5, 0.6, "PWT 0.586; Conference Board 0.53");
  b.real(
      "growth.labour_force_growth", -0.006, "1/year", {-0.2, 0.2},
      "growth of the working-age labour force (UN WPP 2024: ages 15-64, 987 million in 2025 "
      "to 930 million in 2035)",
      [](F & f) -> auto& { return f.environment.labour_force_growth; });
  b.plausible(-0.009, -0.003,
              "UN WPP 2024: ages 15-64 -0.3% a year to 2030 and -0.9% after; ages 15-59 -0.8%");
  b.real(
      "growth.capital_contribution", 0.032, "1/year", {-0.1, 0.2},
      "capital deepening's contribution to GDP growth in the start month (PWT 11.0, China "
      "2019-2023: 3.1 pp)",
      [](F & f) -> auto& { return f.environment.capital_contribution; });
  b.plausible(0.028, 0.035, "PWT 11.0: 3.1 pp (2019-2023) to 3.45 pp (2015-2023)");
  b.real(
      "growth.capital_contribution_change", -0.001, "1/year per year", {-0.05, 0.05},
      "yearly change of capital's contribution (IMF potential growth 3.8% in 2025-30, 2.8% "
      "in 2031-40)",
      [](F & f) -> auto& { return f.environment.capital_contribution_change; });
  b.plausible(-0.002, 0.0, "IMF: potential growth falls by about 1 pp over the decade");
  b.real(
      "growth.capital_contribution_floor", 0.015, "1/year", {-0.1, 0.2},
      "the level capital's contribution does not fall below (assumed: about half of long-run "
      "potential growth of about 3%)",
      [](F & f) -> auto& { return f.environment.capital_contribution_floor; });
  b.plausible(0.01, 0.02, "assumed: half of long-run potential growth of 2-4%");
}

}  // namespace aiplus::agents
