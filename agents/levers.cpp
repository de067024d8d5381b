#include "agents/levers.hpp"

#include <algorithm>

namespace aiplus::agents {
namespace {

core::ParamSpec lever(std::string key, double fallback, std::string unit, std::string meaning,
                      std::string section, double min, double max) {
  return {std::move(key),
          core::Kind::Schedule,
          core::Schedule::constant(fallback),
          std::move(unit),
          std::move(meaning),
          std::move(section),
          min,
          max};
}

}  // namespace

void add_lever_params(core::Schema& s) {
  const std::string s1 = "1 science: AI for scientific discovery";
  s.add(lever(
      "science.frontier_boost", 0, "1/year",
      "added annual growth of frontier AI capability (scientific large models, efficient training)",
      s1, 0, 2));
  s.add(lever("science.datasets", 0, "index",
              "open scientific datasets: added to the data index that scales AI gains", s1, 0, 2));

  const std::string s2 = "2 industry: AI in every industrial process";
  s.add(lever("industry.promotion", 0, "1/month",
              "policy promotion: added external influence p on firms that have not considered AI",
              s2, 0, 0.2));
  s.add(lever("industry.subsidy_rate", 0, "share of cost",
              "share of a stage step's one-time cost that an adoption voucher covers", s2, 0, 1));
  s.add(lever("industry.subsidy_budget", 0, "bn CNY/month",
              "monthly budget for adoption vouchers; granted firm by firm until spent", s2, 0,
              1000));
  s.add({"industry.targeting",
         core::Kind::Choice,
         std::string("none"),
         "-",
         "who gets vouchers first: none (lottery), soe_first, large_first, priority_sectors, "
         "sme_voucher (SMEs only)",
         s2,
         0,
         0,
         {"none", "soe_first", "large_first", "priority_sectors", "sme_voucher"}});
  s.add(
      {"industry.priority_sectors", core::Kind::WordList,
       std::vector<std::string>{"agriculture", "manufacturing", "consumer_services", "healthcare"},
       "sectors", "the directive's priority sectors, served first under priority_sectors targeting",
       s2, 0, 0, names(kSectorNames)});
  s.add(lever("industry.soe_mandate", 0, "1/month",
              "monthly probability that an SOE is pushed up one AI stage whatever its readiness",
              s2, 0, 1));
  s.add(lever(
      "industry.digital_support", 0, "1/year",
      "digital-transformation support: added annual rate at which digitization closes its gap", s2,
      0, 1));

  const std::string s3 = "3 consumption: AI-powered consumer demand";
  s.add(lever(
      "consumption.demand_boost", 0, "multiplier",
      "added demand multiplier on AI gains in consumer-facing sectors (finance, consumer services, "
      "healthcare, education)",
      s3, 0, 5));

  const std::string s4 = "4 human: AI that supports people";
  s.add(lever("human.broad_training", 0, "million engineers/year",
              "broad training of ordinary AI engineers (vocational, in-firm, teacher training): "
              "added inflow",
              s4, 0, 10));
  s.add(lever("human.ai_education", 0, "1/year",
              "AI in education: the broad inflow grows by this share each year after 2025", s4, 0,
              1));
  s.add(lever("human.healthcare_push", 0, "1/month",
              "added external influence p on healthcare firms", s4, 0, 0.2));

  const std::string s5 = "5 government: AI in governance";
  s.add(lever("government.procurement", 0, "multiplier",
              "public procurement of AI: added demand multiplier for public-facing sectors and "
              "their suppliers",
              s5, 0, 5));

  const std::string s6 = "6 international: open cooperation";
  s.add(lever("international.open_source_reach", 0, "index",
              "reach of Chinese open-source AI: added to the open-source index", s6, 0, 2));

  const std::string s7 = "7 foundations: models, data, compute, talent, open source";
  s.add(lever("foundations.compute_price_decline", 0, "1/year",
              "added annual decline of compute prices", s7, 0, 0.9));
  s.add(lever("foundations.hub_interconnection", 0, "share",
              "interconnection of compute hubs: closes this share of regional compute price gaps",
              s7, 0, 1));
  s.add(lever("foundations.data_rights", 0, "index",
              "data property rights and sharing: added to the data index", s7, 0, 2));
  s.add(
      lever("foundations.ai_majors", 0, "million engineers/year",
            "graduates of elite AI majors: added elite inflow, hired first by SOEs and large firms",
            s7, 0, 5));
  s.add(lever("foundations.equity_incentives", 0, "multiplier",
              "equity incentives: added hiring speed multiplier for industrial firms", s7, 0, 5));
  s.add(lever("foundations.open_source_community", 0, "index",
              "support for open-source communities: added to the open-source index", s7, 0, 2));

  const std::string s8 = "8 risks: safety, regulation and capital";
  s.add(lever("risks.regulatory_burden", 1, "multiplier",
              "compliance cost of a stage step, relative to today's regulation", s8, 0, 10));
  s.add(lever("risks.registration_delay", 0, "months",
              "algorithm registration before a stage step; slows every step-up decision", s8, 0,
              36));
  s.add(lever(
      "risks.capital_evaluation", 0.5, "share",
      "quality of state capital evaluation: chance that a voucher skips a firm not ready to use it",
      s8, 0, 1));
  s.add(lever("risks.patient_capital", 0, "share",
              "patient capital: closes this share of private SMEs' credit gap", s8, 0, 1));
}

Levers read_levers(const core::Config& c) {
  Levers l;
  l.frontier_boost = c.schedule("science.frontier_boost");
  l.science_datasets = c.schedule("science.datasets");
  l.promotion = c.schedule("industry.promotion");
  l.subsidy_rate = c.schedule("industry.subsidy_rate");
  l.subsidy_budget = c.schedule("industry.subsidy_budget");
  const std::string& t = c.text("industry.targeting");
  l.targeting = t == "soe_first"          ? Targeting::SoeFirst
                : t == "large_first"      ? Targeting::LargeFirst
                : t == "priority_sectors" ? Targeting::PrioritySectors
                : t == "sme_voucher"      ? Targeting::SmeVoucher
                                          : Targeting::None;
  for (const auto& name : c.words("industry.priority_sectors")) {
    l.priority_sector[static_cast<std::size_t>(
        std::find(kSectorNames.begin(), kSectorNames.end(), name) - kSectorNames.begin())] = true;
  }
  l.soe_mandate = c.schedule("industry.soe_mandate");
  l.digital_support = c.schedule("industry.digital_support");
  l.consumer_demand = c.schedule("consumption.demand_boost");
  l.broad_training = c.schedule("human.broad_training");
  l.ai_education = c.schedule("human.ai_education");
  l.healthcare_push = c.schedule("human.healthcare_push");
  l.procurement = c.schedule("government.procurement");
  l.open_source_reach = c.schedule("international.open_source_reach");
  l.compute_price_decline = c.schedule("foundations.compute_price_decline");
  l.hub_interconnection = c.schedule("foundations.hub_interconnection");
  l.data_rights = c.schedule("foundations.data_rights");
  l.ai_majors = c.schedule("foundations.ai_majors");
  l.equity_incentives = c.schedule("foundations.equity_incentives");
  l.open_source_community = c.schedule("foundations.open_source_community");
  l.regulatory_burden = c.schedule("risks.regulatory_burden");
  l.registration_delay = c.schedule("risks.registration_delay");
  l.capital_evaluation = c.schedule("risks.capital_evaluation");
  l.patient_capital = c.schedule("risks.patient_capital");
  return l;
}

}  // namespace aiplus::agents
