// Bounds on input: files that are not regular files or are too big, TOML shapes
// that would exhaust the parser, and how messages quote input.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/config/config.hpp"
#include "core/config/input.hpp"
#include "test.h"

using namespace aiplus::core;
using aiplus::test::TempDir;

namespace {

Schema demo_schema() {
  Schema s;
  s.add({"adoption.p", Kind::Real, 0.01, "1/step", "external influence", "adoption", 0.0, 1.0});
  s.add({"run.label", Kind::Text, std::string("x"), "-", "a label", "run"});
  return s;
}

// The one diagnostic that `f` throws.
template <class F>
Diagnostic refusal(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0];
  }
  FAIL("expected a ConfigError");
  return {};
}

Diagnostic scan(const std::string& text) {
  return refusal([&] { check_toml_limits(text, {"t.toml", 1, 1}); });
}

std::string repeat(const std::string& part, std::size_t n) {
  std::string out;
  for (std::size_t k = 0; k < n; ++k) out += part;
  return out;
}

}  // namespace

TEST_CASE("keys of many dotted parts are refused where they begin, before parsing") {
  CHECK_NOTHROW(check_toml_limits("a" + repeat(".a", 63) + " = 1\n", {"t.toml", 1, 1}));
  for (const std::string& text :
       {"x = 1\n  a" + repeat(".a", 40'000) + " = 1\n", "x = 1\n  [a" + repeat(".a", 100) + "]\n",
        "x = 1\n  \"a\"" + repeat(" . 'b'", 64) + " = 1\n",
        "x = 1\n  t = { a" + repeat(".a", 64) + " = 1 }\n"}) {
    const auto d = scan(text);
    CHECK(d.where.line == 2);
    CHECK(d.message.find("dotted parts; expected at most 64") != std::string::npos);
  }
}

TEST_CASE("numbers, dates and dotted strings are not keys") {
  CHECK_NOTHROW(check_toml_limits("x = [" + repeat("1.5, ", 1000) + "2.5]\n" +
                                      "y = 1979-05-27T07:32:00.999\n" + "z = \"" +
                                      repeat("a.", 500) + "\"\n" + "w = '''" + repeat(".\n", 500) +
                                      "'''\n# " + repeat("a.", 500) + "\n",
                                  {"t.toml", 1, 1}));
}

TEST_CASE("deep nesting, long strings and huge arrays are refused with a location") {
  auto d = scan("x = " + repeat("[", 65) + repeat("]", 65));
  CHECK(d.where.column == 5 + 64);
  CHECK(d.message.find("nested more than 64 levels") != std::string::npos);
  d = scan("\n\nx = \"" + std::string(kMaxTomlString + 1, 'y') + "\"\n");
  CHECK(d.where.line == 3);
  CHECK(d.where.column == 5);
  CHECK(d.message.find("more than 65536 bytes") != std::string::npos);
  d = scan(std::string(kMaxTomlString + 1, 'k') + " = 1\n");
  CHECK(d.message.find("more than 65536 bytes") != std::string::npos);
  d = scan("x = [" + repeat("0,", kMaxTomlItems) + "]");
  CHECK(d.where.column == 5);
  CHECK(d.message.find("more than 100000 items") != std::string::npos);
}

TEST_CASE("a deep key is refused in a config file and in an override") {
  const auto schema = demo_schema();
  auto d = refusal([&] {
    (void)Config::parse(schema, "[adoption]\n" + repeat("a.", 5000) + "p = 1\n", "c.toml");
  });
  CHECK(d.str().rfind("c.toml:2:1: a key of more than 64", 0) == 0);
  Config config(schema);
  d = refusal([&] { config.set("run.label={" + repeat("a.", 5000) + "b = 1}"); });
  CHECK(d.where.source == "--set");
}

TEST_CASE("an override holds one assignment on one line") {
  const auto schema = demo_schema();
  Config config(schema);
  const auto d = refusal([&] { config.set("adoption.p=0.5\nadoption.q=0.9"); });
  CHECK(d.str() ==
        "--set:1:15: 'adoption.p=0.5\\nadoption.q=0.9' holds a line break or NUL; expected one "
        "KEY=VALUE on one line per --set");
  CHECK(config.real("adoption.p") == 0.01);
}

TEST_CASE("messages quote a short excerpt with control characters escaped") {
  CHECK(excerpt("plain") == "plain");
  CHECK(excerpt("a\x1b[31m\n\t\x7f", 60) == "a\\x1b[31m\\n\\t\\x7f");
  CHECK(excerpt(std::string(100, 'x'), 10) == std::string(10, 'x') + "...");
  CHECK(excerpt("\xc3\xa9\xc3\xa9\xc3\xa9", 2) == "\xc3\xa9\xc3\xa9...");  // characters, not bytes
  const auto schema = demo_schema();
  const auto d = refusal(
      [&] { (void)Config::parse(schema, "[adoption]\n\"p\\u001b\\u0000\" = 1\n", "c.toml"); });
  CHECK(d.str().find('\x1b') == std::string::npos);
  CHECK(d.str().find("p\\x1b\\x00") != std::string::npos);
  const std::string huge(5'000'000, 'z');
  Config config(schema);
  const auto long_value = refusal([&] { config.set("adoption.p=" + huge.substr(0, 60'000)); });
  CHECK(long_value.str().size() < 200);
}

TEST_CASE("many problems: the first twenty are listed, the rest counted") {
  const auto schema = demo_schema();
  std::string text = "[adoption]\n";
  for (int k = 0; k < 20'000; ++k) text += "k" + std::to_string(k) + " = 1\n";
  try {
    (void)Config::parse(schema, text, "c.toml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.diagnostics().size() == 20'000);
    const std::string what = e.what();
    CHECK(std::count(what.begin(), what.end(), '\n') == 20);
    CHECK(what.find("... and 19980 more problems") != std::string::npos);
  }
}

TEST_CASE("only regular files of at most 16 MiB are read") {
  const TempDir dir;
  const SourcePos from{"f.toml", 1, 1};
  CHECK(read_input_file(dir.write("ok.toml", "x = 1\n"), from, "config file") == "x = 1\n");
  const auto read = [&](const std::string& path) {
    return refusal([&] { (void)read_input_file(path, from, "config file"); }).message;
  };
  CHECK(read("/dev/zero").find("is a character device; expected a TOML file") != std::string::npos);
  CHECK(read("/dev/null").find("is a character device") != std::string::npos);
  CHECK(read(dir.path.string()).find("is a folder") != std::string::npos);
  const auto fifo = (dir.path / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(read(fifo).find("is a FIFO") != std::string::npos);  // and does not block
  CHECK(read((dir.path / "missing.toml").string()).find("No such file or directory") !=
        std::string::npos);
  CHECK(read("").find("an empty path") != std::string::npos);
  const auto big = dir.write("big.toml", std::string(kMaxInputBytes + 1, '#'));
  CHECK(read(big).find("holds 16.0 MiB; expected at most 16 MiB") != std::string::npos);
}

TEST_CASE("extends: a long chain of files is followed, a cycle or a non-file is refused") {
  const TempDir dir;
  for (int k = 0; k < 12; ++k)
    dir.write("c" + std::to_string(k) + ".toml",
              "extends = \"c" + std::to_string(k + 1) + ".toml\"\n");
  dir.write("c12.toml", "[adoption]\np = 0.5\n");
  const auto schema = demo_schema();
  CHECK(Config::load(schema, (dir.path / "c0.toml").string()).real("adoption.p") == 0.5);

  dir.write("a.toml", "extends = \"b.toml\"\n");
  dir.write("b.toml", "extends = \"./a.toml\"\n");
  auto d = refusal([&] { (void)Config::load(schema, (dir.path / "a.toml").string()); });
  CHECK(d.message.find("cycle") != std::string::npos);
  CHECK(d.where.source.find("b.toml") != std::string::npos);
  for (const char* base : {"/dev/null", ".", "/dev/zero", ""}) {
    const auto path = dir.write("e.toml", std::string("extends = \"") + base + "\"\n");
    d = refusal([&] { (void)Config::load(schema, path); });
    CHECK(d.where.line == 1);
    CHECK(d.where.column == 11);
  }
}
