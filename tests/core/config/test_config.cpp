#include <filesystem>
#include <fstream>
#include <string>

#include "core/config/config.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {

Schema demo_schema() {
  Schema s;
  s.add({"adoption.p", Kind::Real, 0.01, "1/step", "external influence", "adoption", 0.0, 1.0});
  s.add({"adoption.q", Kind::Real, 0.3, "1/step", "imitation", "adoption", 0.0, 1.0});
  s.add({"network.mixing",
         Kind::Choice,
         std::string("partners"),
         "-",
         "who counts",
         "network",
         0,
         0,
         {"partners", "complete"}});
  s.add({"network.partners", Kind::Integer, std::int64_t{8}, "partners", "mean partners", "network",
         1, 1000});
  s.add({"run.label", Kind::Text, std::string("x"), "-", "a label", "run"});
  s.add({"run.verbose", Kind::Boolean, false, "-", "chatty", "run"});
  return s;
}

// The single diagnostic a bad text produces.
Diagnostic only_problem(const Schema& schema, const std::string& text) {
  try {
    (void)Config::parse(schema, text, "demo.toml");
  } catch (const ConfigError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0];
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("a config without keys holds every default") {
  const auto schema = demo_schema();
  const Config config(schema);
  CHECK(config.real("adoption.p") == 0.01);
  CHECK(config.integer("network.partners") == 8);
  CHECK(config.text("network.mixing") == "partners");
  CHECK_FALSE(config.boolean("run.verbose"));
  CHECK(config.where("adoption.p").line == 0);
}

TEST_CASE("values are read, typed and located") {
  const auto schema = demo_schema();
  const auto config = Config::parse(
      schema, "[adoption]\np = 0.02\nq = 0\n\n[network]\nmixing = \"complete\"\n", "demo.toml");
  CHECK(config.real("adoption.p") == 0.02);
  CHECK(config.real("adoption.q") == 0.0);  // an integer is accepted where a real is expected
  CHECK(config.text("network.mixing") == "complete");
  CHECK(config.where("adoption.p").line == 2);
  CHECK(config.where("adoption.p").column == 5);
  // Dotted keys are the same keys.
  CHECK(Config::parse(schema, "adoption.p = 0.5\n", "d.toml").real("adoption.p") == 0.5);
}

TEST_CASE("a syntax error is located") {
  const auto d = only_problem(demo_schema(), "[adoption]\np = 0.02\nq = = 3\n");
  CHECK(d.where.source == "demo.toml");
  CHECK(d.where.line == 3);
  CHECK(d.str().rfind("demo.toml:3:", 0) == 0);
  CHECK(d.message.find("syntax error") != std::string::npos);
}

TEST_CASE("an unknown key is named, located and given the nearest known key") {
  const auto d = only_problem(demo_schema(), "[adoption]\np = 0.02\n\n[netwrok]\npartners = 4\n");
  CHECK(d.where.line == 4);
  CHECK(d.message.find("netwrok") != std::string::npos);
  const auto e = only_problem(demo_schema(), "[adoption]\nqq = 0.2\n");
  CHECK(e.where.line == 2);
  CHECK(e.where.column == 1);
  CHECK(e.message.find("did you mean 'adoption.q'") != std::string::npos);
  const auto far = only_problem(demo_schema(), "completely_unrelated_name = 1\n");
  CHECK(far.message.find("did you mean") == std::string::npos);
}

TEST_CASE("a wrong type names the key and what was expected") {
  const auto d = only_problem(demo_schema(), "[adoption]\n\np = \"high\"\n");
  CHECK(d.where.line == 3);
  CHECK(d.where.column == 5);
  CHECK(d.message.find("adoption.p") != std::string::npos);
  CHECK(d.message.find("expected a number in [0, 1]") != std::string::npos);
  CHECK(only_problem(demo_schema(), "network.partners = 2.5\n").message.find("whole number") !=
        std::string::npos);
  CHECK(only_problem(demo_schema(), "network.mixing = \"random\"\n").message.find("\"complete\"") !=
        std::string::npos);
  CHECK(only_problem(demo_schema(), "adoption = 3\n").message.find("table") != std::string::npos);
  CHECK(only_problem(demo_schema(), "[adoption.p]\nx = 1\n").message.find("table") !=
        std::string::npos);
  CHECK(only_problem(demo_schema(), "adoption.p = [1, 2]\n").message.find("found a list") !=
        std::string::npos);
}

TEST_CASE("an out-of-range value names the key and the range") {
  const auto d = only_problem(demo_schema(), "[network]\npartners = 0\n");
  CHECK(d.where.line == 2);
  CHECK(d.message.find("network.partners = 0 is out of range") != std::string::npos);
  CHECK(d.message.find("[1, 1000]") != std::string::npos);
  CHECK(only_problem(demo_schema(), "adoption.q = nan\n").message.find("adoption.q") !=
        std::string::npos);
}

TEST_CASE("every problem in a file is reported, in order") {
  try {
    (void)Config::parse(demo_schema(), "adoption.p = 2\nadoption.q = -1\nnope = 1\n", "demo.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[0].where.line == 1);
    CHECK(e.diagnostics()[2].where.line == 3);
    CHECK(std::string(e.what()).find("demo.toml:2:") != std::string::npos);
  }
}

TEST_CASE("overrides take TOML values, bare words and report their own position") {
  const auto schema = demo_schema();
  Config config(schema);
  config.set("adoption.q=0.45");
  config.set("network.mixing=complete");
  config.set("run.label=\"a b\"");
  config.set("run.verbose=true");
  CHECK(config.real("adoption.q") == 0.45);
  CHECK(config.text("network.mixing") == "complete");
  CHECK(config.text("run.label") == "a b");
  CHECK(config.boolean("run.verbose"));
  CHECK(config.where("adoption.q").source == "--set");
  CHECK_THROWS_WITH_AS(config.set("adoption.q=abc"), doctest::Contains("adoption.q"), ConfigError);
  CHECK_THROWS_WITH_AS(config.set("adoption.q=7"), doctest::Contains("out of range"), ConfigError);
  CHECK_THROWS_WITH_AS(config.set("adoptoin.q=0.1"), doctest::Contains("did you mean 'adoption.q'"),
                       ConfigError);
  CHECK_THROWS_AS(config.set("no-equals-sign"), ConfigError);
  CHECK(config.real("adoption.q") == 0.45);  // a rejected override changes nothing
}

TEST_CASE("the resolved TOML reads back to the same values, bit for bit") {
  const auto schema = demo_schema();
  Config config(schema);
  config.set("adoption.p=0.1");
  config.set("adoption.q", 0.1 + 0.2, {"test", 1, 1});  // not exactly 0.3
  config.set("network.mixing=complete");
  const auto again = Config::parse(schema, config.to_toml(), "resolved.toml");
  for (const auto& spec : schema.all()) {
    CAPTURE(spec.key);
    switch (spec.kind) {
      case Kind::Real:
        CHECK(again.real(spec.key) == config.real(spec.key));
        break;
      case Kind::Integer:
        CHECK(again.integer(spec.key) == config.integer(spec.key));
        break;
      case Kind::Boolean:
        CHECK(again.boolean(spec.key) == config.boolean(spec.key));
        break;
      default:
        CHECK(again.text(spec.key) == config.text(spec.key));
    }
  }
  CHECK(again.real("adoption.q") == 0.1 + 0.2);
  CHECK(again.text("network.mixing") == "complete");
}

TEST_CASE("a schema refuses duplicate keys and defaults outside their range") {
  Schema s;
  s.add({"a.b", Kind::Real, 0.5, "-", "", "x", 0.0, 1.0});
  CHECK_THROWS_AS(s.add({"a.b", Kind::Real, 0.5, "-", "", "x", 0.0, 1.0}), std::logic_error);
  CHECK_THROWS_AS(s.add({"a.c", Kind::Real, 2.0, "-", "", "x", 0.0, 1.0}), std::logic_error);
  CHECK(s.is_table("a"));
  CHECK_FALSE(s.is_table("a.b"));
}

TEST_CASE("a missing file is reported as bad input") {
  CHECK_THROWS_WITH_AS((void)Config::load(demo_schema(), "/no/such/file.toml"),
                       doctest::Contains("/no/such/file.toml:1:1: cannot open"), ConfigError);
}

TEST_CASE("a scenario extends another, and its own keys win") {
  const auto dir = std::filesystem::temp_directory_path() / "aiplus_extends";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "base.toml") << "[adoption]\np = 0.2\nq = 0.4\n";
  std::ofstream(dir / "child.toml") << "extends = \"base.toml\"\n[adoption]\nq = 0.1\n";
  std::ofstream(dir / "loop.toml") << "extends = \"loop.toml\"\n";
  std::ofstream(dir / "bad_base.toml") << "extends = \"base.toml\"\nadoption.q = 5\n";
  const auto schema = demo_schema();
  const auto config = Config::load(schema, (dir / "child.toml").string());
  CHECK(config.real("adoption.p") == 0.2);
  CHECK(config.real("adoption.q") == 0.1);
  CHECK(config.where("adoption.p").source == (dir / "base.toml").string());
  CHECK_THROWS_WITH_AS((void)Config::load(schema, (dir / "loop.toml").string()),
                       doctest::Contains("cycle"), ConfigError);
  CHECK_THROWS_WITH_AS((void)Config::load(schema, (dir / "bad_base.toml").string()),
                       doctest::Contains("bad_base.toml:2:14: adoption.q = 5 is out of range"),
                       ConfigError);
  std::filesystem::remove_all(dir);
}

namespace {

Schema list_schema() {
  Schema s;
  s.add({"pop.regions",
         Kind::Shares,
         std::vector<double>{0.5, 0.3, 0.2},
         "share",
         "regions",
         "pop",
         0.0,
         1.0,
         {},
         {"east", "central", "west"}});
  s.add({"pop.cost",
         Kind::RealList,
         std::vector<double>{1, 2},
         "kCNY",
         "costs",
         "pop",
         0.0,
         100.0,
         {},
         {"a", "b"}});
  s.add({"lever.sectors",
         Kind::WordList,
         std::vector<std::string>{},
         "-",
         "sectors",
         "lever",
         0,
         0,
         {"farming", "ict", "finance"}});
  s.add({"lever.rate", Kind::Schedule, Schedule::constant(0.0), "1/year", "a lever", "lever", 0.0,
         1.0});
  s.add({"out.months", Kind::MonthList, std::vector<std::string>{}, "-", "snapshots", "out"});
  return s;
}

}  // namespace

TEST_CASE("lists, shares and word lists are read and checked") {
  const auto schema = list_schema();
  const auto config = Config::parse(schema,
                                    "[pop]\nregions = [0.6, 0.3, 0.1]\ncost = [5, "
                                    "7.5]\n[lever]\nsectors = [\"ict\", \"farming\"]\n",
                                    "l.toml");
  CHECK(config.reals("pop.regions") == std::vector<double>{0.6, 0.3, 0.1});
  CHECK(config.reals("pop.cost") == std::vector<double>{5, 7.5});
  CHECK(config.words("lever.sectors") == std::vector<std::string>{"ict", "farming"});
  CHECK(only_problem(schema, "pop.regions = [0.6, 0.3, 0.2]\n").message.find("sum to 1.1") !=
        std::string::npos);
  CHECK(only_problem(schema, "pop.regions = [0.6, 0.4]\n").message.find("3 shares") !=
        std::string::npos);
  CHECK(only_problem(schema, "pop.cost = [5, 700]\n")
            .message.find("pop.cost[b] = 700 is out of range") != std::string::npos);
  const auto bad_word = only_problem(schema, "lever.sectors = [\"ict\", \"mining\"]\n");
  CHECK(bad_word.where.column == 25);
  CHECK(bad_word.message.find("\"farming\"") != std::string::npos);
  CHECK(only_problem(schema, "lever.sectors = [\"ict\", \"ict\"]\n").message.find("twice") !=
        std::string::npos);
  CHECK(Config::parse(schema, "out.months = [\"2027-12\", \"2030-12\"]\n", "m.toml")
            .words("out.months")
            .size() == 2);
  CHECK(only_problem(schema, "out.months = [\"2030-12\", \"2027-12\"]\n")
            .message.find("increasing") != std::string::npos);
  CHECK(only_problem(schema, "out.months = [\"2030-13\"]\n").message.find("out.months") !=
        std::string::npos);
}

TEST_CASE("schedules: constants, steps and linear ramps between dates") {
  const auto schema = list_schema();
  MonthIndex jan2026 = 0, jun2026 = 0, jan2027 = 0;
  REQUIRE(parse_month("2026-01", jan2026));
  REQUIRE(parse_month("2026-06", jun2026));
  REQUIRE(parse_month("2027-01", jan2027));
  CHECK(Config::parse(schema, "lever.rate = 0.25\n", "s.toml").schedule("lever.rate").at(jan2026) ==
        0.25);
  const auto steps =
      Config::parse(schema, "lever.rate = { steps = [[\"2026-01\", 0.2], [\"2027-01\", 0.0]] }\n",
                    "s.toml")
          .schedule("lever.rate");
  CHECK(steps.at(jan2026 - 5) == 0.2);  // before the first date, the first value
  CHECK(steps.at(jun2026) == 0.2);
  CHECK(steps.at(jan2027) == 0.0);
  const auto ramp =
      Config::parse(schema, "lever.rate = { linear = [[\"2026-01\", 0.0], [\"2027-01\", 0.6]] }\n",
                    "s.toml")
          .schedule("lever.rate");
  CHECK(ramp.at(jun2026) == doctest::Approx(0.25));
  CHECK(ramp.at(jan2027 + 30) == 0.6);
  // Out of order, malformed and out-of-range points are located.
  const auto order =
      only_problem(schema, "lever.rate = { steps = [[\"2027-01\", 0.1], [\"2026-01\", 0.2]] }\n");
  CHECK(order.message.find("out of order") != std::string::npos);
  CHECK(order.where.column == 44);
  CHECK(only_problem(schema, "lever.rate = { steps = [[\"2026-13\", 0.1]] }\n")
            .message.find("YYYY-MM") != std::string::npos);
  CHECK(only_problem(schema, "lever.rate = { steps = [[\"2026-01\", 1.5]] }\n")
            .message.find("out of range") != std::string::npos);
  CHECK(only_problem(schema, "lever.rate = { jumps = [[\"2026-01\", 0.5]] }\n")
            .message.find("unknown schedule shape") != std::string::npos);
  // The resolved TOML keeps the schedule, and --set accepts one.
  Config config(schema);
  config.set("lever.rate={ linear = [[\"2026-01\", 0.0], [\"2027-01\", 0.6]] }");
  CHECK(config.schedule("lever.rate") == ramp);
  CHECK(Config::parse(schema, config.to_toml(), "r.toml").schedule("lever.rate") == ramp);
  CHECK_THROWS_WITH_AS(config.set("lever.rate=2"),
                       doctest::Contains("--set:1:12: lever.rate = 2 is out of range"),
                       ConfigError);
}
