// `aiplus validate`, `aiplus params` and `aiplus outputs`: commands that read
// configs and the model's declarations but run nothing.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "agents/scenario.hpp"
#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/info/info_json.hpp"
#include "cli/sweep/sweep_plan.hpp"

namespace aiplus::cli {

/// Options of `aiplus params`.
struct ParamsOptions {
  std::string model;  ///< only this model's keys; empty: every key
  bool json = false;
};

/// Options of `aiplus outputs`.
struct OutputsOptions {
  ScenarioOptions scenario;  ///< a config (panels are listed when it asks for them)
  std::string model;         ///< without a config: this model
  bool json = false;
  bool markdown = false;  ///< the tables of OUTPUT.md
};

namespace {

// Text as a JSON string.
std::string json(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char code[8];
      std::snprintf(code, sizeof code, "\\u%04x", c);
      out += code;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json(double x) {
  if (!std::isfinite(x)) return "null";
  return core::to_string(core::Value{x});
}

std::string json(const std::vector<std::string>& words) {
  std::string out = "[";
  for (std::size_t k = 0; k < words.size(); ++k) out += (k ? ", " : "") + json(words[k]);
  return out + "]";
}

// The default as JSON: numbers and lists as themselves, anything else as its TOML text.
std::string json_value(const core::Value& v) {
  if (const auto* x = std::get_if<double>(&v)) return json(*x);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* w = std::get_if<std::string>(&v)) return json(*w);
  if (const auto* w = std::get_if<std::vector<std::string>>(&v)) return json(*w);
  if (const auto* xs = std::get_if<std::vector<double>>(&v)) {
    std::string out = "[";
    for (std::size_t k = 0; k < xs->size(); ++k) out += (k ? ", " : "") + json((*xs)[k]);
    return out + "]";
  }
  const auto& schedule = std::get<core::Schedule>(v);
  if (schedule.is_constant()) return json(schedule.points[0].second);
  return json(core::to_string(v));
}

const char* kind_name(core::Kind kind) {
  switch (kind) {
    case core::Kind::Boolean:
      return "boolean";
    case core::Kind::Integer:
      return "integer";
    case core::Kind::Real:
      return "real";
    case core::Kind::Choice:
      return "choice";
    case core::Kind::Text:
      return "text";
    case core::Kind::RealList:
      return "real list";
    case core::Kind::Shares:
      return "shares";
    case core::Kind::WordList:
      return "word list";
    case core::Kind::MonthList:
      return "month list";
    case core::Kind::Month:
      return "month";
    case core::Kind::Labels:
      return "names";
    case core::Kind::Numbers:
      return "number list";
    case core::Kind::Schedule:
      return "schedule";
  }
  return "";
}

// One dataset of a file: its path, dimensions, units and meaning.
struct Dataset {
  std::string path;
  std::vector<std::string> dimensions;
  std::string units, long_name, definition;
};

// Every dataset a run of this config writes, group by group.
std::vector<Dataset> datasets(const std::vector<core::GroupInfo>& groups,
                              const agents::PanelInfo& panel, bool panels) {
  std::vector<Dataset> out;
  for (const auto& g : groups) {
    std::vector<std::string> dims = {"time"};
    out.push_back({g.name + "/time",
                   {"time"},
                   "days since the start month's first day",
                   "time (state at the start of each month)",
                   "a dimension scale"});
    for (const auto& d : g.dimensions) {
      dims.push_back(d.name);
      out.push_back({g.name + "/" + d.name,
                     {d.name},
                     "-",
                     d.name + " labels",
                     "a dimension scale: one of " + std::to_string(d.labels.size()) + " labels"});
    }
    for (const auto& s : g.series)
      out.push_back({g.name + "/" + s.name, dims, s.units, s.long_name, s.definition});
  }
  if (panels && !panel.state.empty()) {
    out.push_back({"panel/time",
                   {"time"},
                   "days since the start month's first day",
                   "date of each snapshot",
                   "a dimension scale: the months output.panels lists"});
    out.push_back({"panel/firm", {"firm"}, "1", "firm index", "a dimension scale"});
    for (const auto& a : panel.attributes)
      out.push_back({"panel/" + a.name, {"firm"}, a.units, a.long_name, "static attribute"});
    for (const auto& s : panel.state)
      out.push_back(
          {"panel/" + s.name, {"time", "firm"}, s.units, s.long_name, "state at the snapshot"});
  }
  return out;
}

std::string markdown(const std::vector<core::GroupInfo>& groups, const agents::PanelInfo& panel) {
  std::ostringstream md;
  for (const auto& g : groups) {
    md << "#### `/" << g.name << "` (time";
    for (const auto& d : g.dimensions) md << ", " << d.name;
    md << ")\n\n";
    for (const auto& d : g.dimensions) {
      md << "`" << d.name << "`:";
      for (const auto& l : d.labels) md << " `" << l << "`";
      md << "\n\n";
    }
    md << "| variable | units | meaning | definition |\n| --- | --- | --- | --- |\n";
    for (const auto& s : g.series)
      md << "| `" << s.name << "` | " << s.units << " | " << s.long_name << " | " << s.definition
         << " |\n";
    md << "\n";
  }
  if (!panel.state.empty()) {
    md << "#### `/panel` (time, firm), written when `output.panels` lists months\n\n"
       << "| variable | dimensions | units | meaning |\n| --- | --- | --- | --- |\n";
    for (const auto& a : panel.attributes)
      md << "| `" << a.name << "` | (firm) | " << a.units << " | " << a.long_name << " |\n";
    for (const auto& s : panel.state)
      md << "| `" << s.name << "` | (time, firm) | " << s.units << " | " << s.long_name << " |\n";
    md << "\n";
  }
  return md.str();
}

}  // namespace

int validate_command(const ScenarioOptions& options) {
  if (!options.config_path.empty() && is_experiment_file(options.config_path))
    return validate_experiment(options);
  const core::Config config = resolve(options);
  const auto s = agents::settings(config);
  std::cout << (options.config_path.empty() ? "defaults" : options.config_path) << ": valid ("
            << s.model << " model, " << s.firms << " firms, " << s.steps << " steps from "
            << s.calendar().label(0) << ")\n";
  return 0;
}

std::string params_json(const std::string& model) {
  std::ostringstream out;
  out << "[";
  bool first = true;
  for (const auto& spec : agents::schema().all()) {
    if (!model.empty() && !spec.belongs_to(model)) continue;
    out << (first ? "\n" : ",\n") << "  {\"key\": " << json(spec.key)
        << ", \"kind\": " << json(std::string(kind_name(spec.kind)))
        << ", \"default\": " << json_value(spec.fallback) << ", \"unit\": " << json(spec.unit)
        << ", \"valid\": [" << json(spec.min) << ", " << json(spec.max) << "]"
        << ", \"plausible\": "
        << (spec.has_plausible()
                ? "[" + json(spec.plausible_min) + ", " + json(spec.plausible_max) + "]"
                : std::string("null"))
        << ", \"plausible_source\": " << json(spec.plausible_source)
        << ", \"choices\": " << json(spec.choices) << ", \"labels\": " << json(spec.labels)
        << ", \"models\": " << json(spec.models.empty() ? agents::model_names() : spec.models)
        << ", \"section\": " << json(spec.section) << ", \"meaning\": " << json(spec.meaning)
        << "}";
    first = false;
  }
  out << "\n]\n";
  return out.str();
}

std::string outputs_json(const core::Config& config) {
  const auto& kind = agents::model_kind(config.model());
  const auto files =
      datasets(kind.outputs(config), kind.panel(), !agents::settings(config).panels.empty());
  std::ostringstream out;
  out << "{\"model\": " << json(kind.name) << ", \"datasets\": [";
  for (std::size_t k = 0; k < files.size(); ++k) {
    const auto& d = files[k];
    out << (k ? ",\n  " : "\n  ") << "{\"path\": " << json("/" + d.path)
        << ", \"dimensions\": " << json(d.dimensions) << ", \"units\": " << json(d.units)
        << ", \"long_name\": " << json(d.long_name) << ", \"definition\": " << json(d.definition)
        << "}";
  }
  out << "\n]}\n";
  return out.str();
}

int params_command(const ParamsOptions& options) {
  const auto& schema = agents::schema();
  const auto keep = [&](const core::ParamSpec& spec) {
    return options.model.empty() || spec.belongs_to(options.model);
  };
  if (options.json) {
    std::cout << params_json(options.model);
    return 0;
  }
  std::string section;
  for (const auto& spec : schema.all()) {
    if (!keep(spec)) continue;
    if (spec.section != section) {
      section = spec.section;
      std::cout << "\n[" << section << "]\n";
    }
    std::cout << "  " << spec.key << " = " << core::to_string(spec.fallback) << "\n";
    std::cout << "      unit: " << spec.unit;
    if (spec.kind == core::Kind::Choice) {
      std::cout << "; one of:";
      for (const auto& c : spec.choices) std::cout << " \"" << c << "\"";
    } else if (!std::isinf(spec.min) || !std::isinf(spec.max)) {
      std::cout << "; range: [" << core::to_string(core::Value{spec.min}) << ", "
                << core::to_string(core::Value{spec.max}) << "]";
    }
    if (options.model.empty() && !spec.models.empty()) {
      std::cout << "; model:";
      for (const auto& m : spec.models) std::cout << " " << m;
    }
    std::cout << "\n      " << spec.meaning << "\n";
    if (spec.has_plausible()) {
      std::cout << "      plausible: [" << core::to_string(core::Value{spec.plausible_min}) << ", "
                << core::to_string(core::Value{spec.plausible_max}) << "] " << spec.plausible_source
                << "\n";
    }
  }
  return 0;
}

int outputs_command(const OutputsOptions& options) {
  core::Config config = resolve(options.scenario);
  if (!options.model.empty() && options.scenario.config_path.empty())
    config.set(agents::kModelKey, options.model, {"--model", 1, 1});
  const auto& kind = agents::model_kind(config.model());
  const auto groups = kind.outputs(config);
  const auto panel = kind.panel();
  if (options.markdown) {
    std::cout << markdown(groups, panel);
    return 0;
  }
  if (options.json) {
    std::cout << outputs_json(config);
    return 0;
  }
  const auto files = datasets(groups, panel, !agents::settings(config).panels.empty());
  std::cout << kind.name << " model: " << kind.summary << "\n";
  std::string group;
  for (const auto& d : files) {
    const std::string g = d.path.substr(0, d.path.find('/'));
    if (g != group) {
      group = g;
      std::cout << "\n/" << g << "\n";
    }
    std::string dims;
    for (const auto& x : d.dimensions) dims += (dims.empty() ? "" : ", ") + x;
    std::cout << "  " << d.path.substr(g.size() + 1) << " (" << dims << ") [" << d.units << "]  "
              << d.long_name << (d.definition.empty() ? "" : "\n      = " + d.definition) << "\n";
  }
  return 0;
}

void add_info(CLI::App& aiplus, std::vector<Command>& commands) {
  auto validate = std::make_shared<ScenarioOptions>();
  auto* validate_cmd = aiplus.add_subcommand(
      "validate", "check a scenario or experiment file and overrides without running");
  add_scenario_flags(*validate_cmd, *validate, true);
  auto params = std::make_shared<ParamsOptions>();
  auto* params_cmd = aiplus.add_subcommand(
      "params", "list every config key with its default, unit, range and meaning");
  const auto models = agents::model_names();
  params_cmd->add_option("--model", params->model, "only the keys of this model")
      ->check(CLI::IsMember(models));
  params_cmd->add_flag("--json", params->json, "print a JSON list");
  auto outputs = std::make_shared<OutputsOptions>();
  auto* outputs_cmd = aiplus.add_subcommand(
      "outputs", "list every group, dimension and series a run writes, with units and definitions");
  add_scenario_flags(*outputs_cmd, outputs->scenario, false);
  outputs_cmd
      ->add_option("--model", outputs->model,
                   "without a config: the outputs of this model (default: the firms model)")
      ->check(CLI::IsMember(models));
  auto* outputs_json = outputs_cmd->add_flag("--json", outputs->json, "print JSON: every dataset");
  outputs_cmd->add_flag("--markdown", outputs->markdown, "print the tables of OUTPUT.md")
      ->excludes(outputs_json);
  commands.push_back({validate_cmd, [validate] { return validate_command(*validate); }});
  commands.push_back({params_cmd, [params] { return params_command(*params); }});
  commands.push_back({outputs_cmd, [outputs] { return outputs_command(*outputs); }});
}

}  // namespace aiplus::cli
