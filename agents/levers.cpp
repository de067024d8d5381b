#include "agents/levers.hpp"

namespace aiplus::agents {
namespace {

// A lever row: key, default, unit, validity range and meaning, bound to its schedule.
void lever(core::Bindings<Levers>& b, LeverId id, std::string key, double fallback,
           std::string unit, core::Range range, std::string meaning) {
  b.schedule(
      std::move(key), fallback, std::move(unit), range,
      std::move(meaning), [id](Levers & l) -> auto& { return l.schedule[id]; });
}

core::Bindings<Levers> rows() {
  core::Bindings<Levers> b;
  b.section("1 science: AI for scientific discovery");
  lever(b, kFrontierBoost, "science.frontier_boost", 0, "1/year", {0, 2},
        "added annual growth of frontier AI capability (scientific large models, efficient "
        "training)");
  b.plausible(0.0, 0.15, "up to the innovation-led scenario's boost");
  lever(b, kScienceDatasets, "science.datasets", 0, "index", {0, 2},
        "open scientific datasets: added to the data index that scales AI gains");
  b.plausible(0.0, 1.0, "up to the innovation-led scenario's data push");

  b.section("2 industry: AI in every industrial process");
  lever(b, kPromotion, "industry.promotion", 0, "1/month", {0, 0.2},
        "policy promotion: added external influence p on firms that have not considered AI");
  b.plausible(0.0, 0.01, "up to about twice the directive scenario's promotion");
  lever(b, kSubsidyRate, "industry.subsidy_rate", 0, "share of cost", {0, 1},
        "share of a stage step's one-time cost that an adoption voucher covers");
  b.plausible(
      0.0, 0.5,
      "compute vouchers cover up to 30% of cost (Hangzhou, Shanghai), more for small firms");
  lever(b, kSubsidyBudget, "industry.subsidy_budget", 0, "bn CNY/month", {0, 1000},
        "monthly budget for adoption vouchers; granted firm by firm until spent");
  b.plausible(0.0, 5.0, "national voucher budgets of 3-10 bn CNY a year now; up to 60 a year");
  b.choice(
      "industry.targeting", "none",
      {"none", "soe_first", "large_first", "priority_sectors", "sme_voucher"},
      "who gets vouchers first: none (lottery), soe_first, large_first, priority_sectors, "
      "sme_voucher (SMEs only)",
      [](Levers & l) -> auto& { return l.targeting; });
  b.words(
      "industry.priority_sectors",
      {"agriculture", "manufacturing", "consumer_services", "healthcare"}, names(kSectorNames),
      "sectors", "the directive's priority sectors, served first under priority_sectors targeting",
      [](Levers & l) -> auto& { return l.priority_sector; });
  lever(b, kSoeMandate, "industry.soe_mandate", 0, "1/month", {0, 1},
        "monthly probability that an SOE is pushed up one AI stage whatever its readiness");
  b.plausible(0.0, 0.03, "up to a push of one SOE in three a year");
  lever(b, kDigitalSupport, "industry.digital_support", 0, "1/year", {0, 1},
        "digital-transformation support: added annual rate at which digitization closes its gap");
  b.plausible(
      0.0, 0.05,
      "up to 5% of the digitization gap a year, about 900 bn CNY a year at costs.digitized_firm");

  b.section("3 consumption: AI-powered consumer demand");
  lever(b, kConsumerDemand, "consumption.demand_boost", 0, "multiplier", {0, 5},
        "added demand multiplier on AI gains in consumer-facing sectors (finance, consumer "
        "services, healthcare, education)");
  b.plausible(0.0, 0.5, "assumed");

  b.section("4 human: AI that supports people");
  lever(b, kBroadTraining, "human.broad_training", 0, "million engineers/year", {0, 10},
        "broad training of ordinary AI engineers (vocational, in-firm, teacher training): added "
        "inflow");
  b.plausible(0.0, 1.0, "up to a million engineers a year, 20 bn CNY at costs.broad_engineer");
  lever(b, kAiEducation, "human.ai_education", 0, "1/year", {0, 1},
        "AI in education: while on, the broad inflow's multiplier grows by this much a year, "
        "slowing as it nears skills.education_ceiling");
  b.plausible(0.0, 0.1, "assumed");
  lever(b, kHealthcarePush, "human.healthcare_push", 0, "1/month", {0, 0.2},
        "added external influence p on healthcare firms");
  b.plausible(0.0, 0.01, "assumed");

  b.section("5 government: AI in governance");
  lever(b, kProcurement, "government.procurement", 0, "multiplier", {0, 5},
        "public procurement of AI: added demand multiplier for public-facing sectors and their "
        "suppliers");
  b.plausible(0.0, 0.5, "assumed");

  b.section("6 international: open cooperation");
  lever(b, kOpenSourceReach, "international.open_source_reach", 0, "index", {0, 2},
        "reach of Chinese open-source AI: added to the open-source index");
  b.plausible(0.0, 1.0, "assumed");

  b.section("7 foundations: models, data, compute, talent, open source");
  lever(b, kComputePriceDecline, "foundations.compute_price_decline", 0, "1/year", {0, 0.9},
        "added annual decline of compute prices");
  b.plausible(0.0, 0.1, "assumed: added yearly fall of compute prices");
  lever(b, kHubInterconnection, "foundations.hub_interconnection", 0, "share", {0, 1},
        "interconnection of compute hubs: closes this share of regional compute price gaps");
  b.plausible(0.0, 1.0, "from separate hubs to one market");
  lever(b, kDataRights, "foundations.data_rights", 0, "index", {0, 2},
        "data property rights and sharing: added to the data index");
  b.plausible(0.0, 1.0, "assumed");
  lever(b, kAiMajors, "foundations.ai_majors", 0, "million engineers/year", {0, 5},
        "graduates of elite AI majors: added elite inflow, hired first by SOEs and large firms");
  b.plausible(0.0, 0.3, "up to the innovation-led scenario's elite inflow");
  lever(b, kEquityIncentives, "foundations.equity_incentives", 0, "multiplier", {0, 5},
        "equity incentives: added hiring speed multiplier for industrial firms");
  b.plausible(0.0, 1.0, "assumed");
  lever(b, kOpenSourceCommunity, "foundations.open_source_community", 0, "index", {0, 2},
        "support for open-source communities: added to the open-source index");
  b.plausible(0.0, 1.0, "assumed");

  b.section("8 risks: safety, regulation and capital");
  lever(b, kRegulatoryBurden, "risks.regulatory_burden", 1, "multiplier", {0, 10},
        "compliance cost of a stage step, relative to today's regulation");
  b.plausible(0.8, 1.5, "assumed around today's regulation");
  lever(b, kRegistrationDelay, "risks.registration_delay", 0, "months", {0, 36},
        "algorithm registration before a stage step; slows every step-up decision");
  b.plausible(0.0, 3.0, "algorithm filing takes weeks to a few months");
  lever(b, kCapitalEvaluation, "risks.capital_evaluation", 0.5, "share", {0, 1},
        "quality of state capital evaluation: chance that a voucher skips a firm not ready to use "
        "it");
  b.plausible(0.3, 0.9, "assumed");
  lever(b, kPatientCapital, "risks.patient_capital", 0, "share", {0, 1},
        "patient capital: closes this share of private SMEs' credit gap");
  b.plausible(0.0, 0.6, "up to the diffusion-led scenario's");

  b.section("programmes: levers bought with a budget (Ding's innovation and diffusion capacity)");
  lever(b, kInnovationProgramme, "programmes.innovation", 0, "bn CNY/year", {0, 2000},
        "spending on innovation capacity, spread over frontier research, elite AI majors and "
        "science data by programmes.innovation_mix at the unit costs of costs.*");
  b.plausible(0.0, 300.0, "up to about the basic research budget (250 bn CNY in 2024)");
  lever(b, kDiffusionProgramme, "programmes.diffusion", 0, "bn CNY/year", {0, 2000},
        "spending on diffusion capacity, spread over broad engineer training, SME digitization, "
        "SME credit and open source by programmes.diffusion_mix at the unit costs of costs.*");
  b.plausible(0.0, 300.0, "the same scale as programmes.innovation");
  return b;
}

}  // namespace

const core::Bindings<Levers>& lever_bindings() {
  static const core::Bindings<Levers> b = rows();
  return b;
}

}  // namespace aiplus::agents
