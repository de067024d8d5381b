// Config keys bound to fields: one row gives the schema its key and the reader its field.
#include <array>
#include <string>
#include <vector>

#include "core/config/bindings.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {

enum class Colour : std::uint8_t { Red, Green, Blue };

struct Inner {
  double rate = 0;
};

struct Target {
  double x = 0;
  std::uint32_t n = 0;
  bool on = false;
  Colour colour = Colour::Red;
  std::array<bool, 3> picked{};
  std::array<double, 2> pair{};
  std::array<double, 4> tail{};
  Schedule lever;
  Month start;
  std::vector<Month> months;
  Inner inner;
};

Bindings<Inner> inner_rows() {
  Bindings<Inner> b;
  b.section("inner");
  b.real(
      "inner.rate", 0.25, "1/year", {0, 1}, "a rate", [](Inner & i) -> auto& { return i.rate; });
  return b;
}

Bindings<Target> rows() {
  Bindings<Target> b;
  b.section("demo");
  b.real(
      "demo.x", 1.5, "-", {0, 10}, "a number", [](Target & t) -> auto& { return t.x; });
  b.integer(
      "demo.n", 7, "things", {1, 100}, "a count", [](Target & t) -> auto& { return t.n; });
  b.flag(
      "demo.on", true, "a flag", [](Target & t) -> auto& { return t.on; });
  b.choice(
      "demo.colour", "green", {"red", "green", "blue"}, "a colour",
      [](Target & t) -> auto& { return t.colour; });
  b.words(
      "demo.picked", {"blue"}, {"red", "green", "blue"}, "colours", "a set",
      [](Target & t) -> auto& { return t.picked; });
  b.shares(
      "demo.pair", {0.25, 0.75}, {"a", "b"}, "two shares",
      [](Target & t) -> auto& { return t.pair; });
  b.list("demo.tail", {1, 2, 3}, {"b", "c", "d"}, "-", {0, 9}, "the last three of four",
         [](Target& t) { return std::span<double, 3>(t.tail.data() + 1, 3); });
  b.schedule(
      "demo.lever", 0, "share", {0, 1}, "a lever", [](Target & t) -> auto& { return t.lever; });
  b.month(
      "demo.start", "2025-01", "a month", [](Target & t) -> auto& { return t.start; });
  b.months(
      "demo.months", {"2027-12"}, "months", [](Target & t) -> auto& { return t.months; });
  b.include(
      inner_rows(), [](Target & t) -> auto& { return t.inner; });
  return b;
}

}  // namespace

TEST_CASE("the rows give the schema every key, with the defaults the reader fills in") {
  Schema schema;
  rows().add_to(schema);
  CHECK(schema.all().size() == 11);
  CHECK(schema.find("inner.rate")->section == "inner");
  CHECK(schema.find("demo.x")->section == "demo");
  const Config config(schema);
  const Target t = rows().read(config);
  CHECK(t.x == 1.5);
  CHECK(t.n == 7);
  CHECK(t.on);
  CHECK(t.colour == Colour::Green);
  CHECK(t.picked == std::array<bool, 3>{false, false, true});
  CHECK(t.pair == std::array<double, 2>{0.25, 0.75});
  CHECK(t.tail == std::array<double, 4>{0, 1, 2, 3});
  CHECK(t.lever == Schedule::constant(0));
  MonthIndex jan2025 = 0, dec2027 = 0;
  REQUIRE(parse_month("2025-01", jan2025));
  REQUIRE(parse_month("2027-12", dec2027));
  CHECK(t.start.index == jan2025);
  REQUIRE(t.months.size() == 1);
  CHECK(t.months[0].index == dec2027);
  CHECK(t.inner.rate == 0.25);
}

TEST_CASE("values from a file reach their fields") {
  Schema schema;
  rows().add_to(schema);
  const auto config =
      Config::parse(schema,
                    "[demo]\nx = 3\nn = 9\non = false\ncolour = \"blue\"\n"
                    "picked = [\"red\", \"green\"]\ntail = [7, 8, 9]\n"
                    "lever = { steps = [[\"2026-01\", 0.5]] }\nstart = \"2023-06\"\n"
                    "[inner]\nrate = 0.5\n",
                    "demo.toml");
  const Target t = rows().read(config);
  CHECK(t.x == 3.0);
  CHECK(t.n == 9);
  CHECK_FALSE(t.on);
  CHECK(t.colour == Colour::Blue);
  CHECK(t.picked == std::array<bool, 3>{true, true, false});
  CHECK(t.tail == std::array<double, 4>{0, 7, 8, 9});
  CHECK(t.lever.points.size() == 1);
  CHECK(month_text(t.start.index) == "2023-06");
  CHECK(t.inner.rate == 0.5);
}

TEST_CASE("a key shared by two models is one key; other models' keys are refused") {
  Schema schema;
  schema.set_selector("run.model");
  schema.add({"run.model", Kind::Choice, std::string("a"), "-", "", "run", 0, 0, {"a", "b"}});
  Bindings<Inner> shared = inner_rows();
  shared.add_to(schema, {"a"});
  shared.add_to(schema, {"b"});
  Bindings<Target> only_a;
  only_a.real(
      "a.only", 1, "-", {0, 2}, "a's own", [](Target & t) -> auto& { return t.x; });
  only_a.add_to(schema, {"a"});
  CHECK(schema.find("inner.rate")->models == std::vector<std::string>{"a", "b"});
  CHECK_THROWS_AS(shared.add_to(schema, {"a"}), std::logic_error);  // already a's

  CHECK_NOTHROW(Config::parse(schema, "[a]\nonly = 1.5\n", "a.toml").check_model());
  const auto b = Config::parse(schema, "[run]\nmodel = \"b\"\n[a]\nonly = 1.5\n", "b.toml");
  try {
    b.check_model();
    FAIL("expected the key of model a to be refused under model b");
  } catch (const ConfigError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].where.line == 4);
    CHECK(e.diagnostics()[0].message.find("a.only belongs to the a model") == 0);
  }
  // The resolved TOML holds the keys of the model it runs, and only those.
  CHECK(b.to_toml().find("only") == std::string::npos);
  CHECK(b.to_toml().find("rate") != std::string::npos);
}
