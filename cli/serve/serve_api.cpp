#include "cli/serve/serve_api.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <list>
#include <memory>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "agents/scenario.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/common/writing.hpp"
#include "cli/run/run_info.hpp"
#include "core/engine/outputs.hpp"
#include "core/engine/parallel.hpp"
#include "core/engine/recording.hpp"
#include "core/engine/simulation.hpp"
#include "core/io/hdf5_sink.hpp"

namespace aiplus::cli {
namespace {

using nlohmann::json;

// The national series a page charts, in this order.
const std::vector<std::string> kCharted = {
    "adoption_share",       "deployed_share", "adoption_share_small_micro",
    "adoption_share_large", "sme_gap",        "ai_tfp_term"};

// A key of the directive's eight sections ("1 science: ...") or of the programmes that
// one slider or choice can set (a number, a schedule held constant, or one word).
bool is_lever(const core::ParamSpec& spec) {
  const bool one_value = spec.kind == core::Kind::Real || spec.kind == core::Kind::Integer ||
                         spec.kind == core::Kind::Schedule || spec.kind == core::Kind::Choice;
  return one_value &&
         ((!spec.section.empty() && std::isdigit(static_cast<unsigned char>(spec.section[0]))) ||
          spec.section.rfind("programmes", 0) == 0);
}

const Scenario& scenario_named(const std::vector<Scenario>& scenarios, const std::string& name) {
  for (const auto& s : scenarios)
    if (s.name == name) return s;
  throw BadRequest{404,
                   "unknown scenario \"" + name.substr(0, 80) + "\"; /api/scenarios lists them"};
}

json number_or_null(double x) {
  return std::isfinite(x) ? json(x) : json(nullptr);
}

// Hands each month's charted national values to `emit` as a line of JSON.
class StreamSink final : public core::Sink {
 public:
  StreamSink(std::string run, std::uint64_t seed,
             const std::function<bool(const std::string&)>& emit)
      : run_(std::move(run)), seed_(seed), emit_(emit) {}
  void begin(const core::RunInfo&, const std::vector<core::GroupInfo>& groups) override {
    for (const auto& name : kCharted) at_.push_back(core::find_series(groups, "national", name));
  }
  void write(std::uint32_t step, const core::Frame& frame) override {
    json values = json::array();
    for (const auto& at : at_) values.push_back(number_or_null(frame[at.group][at.offset]));
    const json line = {{"run", run_}, {"seed", seed_}, {"step", step}, {"values", values}};
    if (!emit_(line.dump() + "\n")) gone = true;
  }
  void end(bool, const core::Summary&) override {}
  bool gone = false;

 private:
  std::string run_;
  std::uint64_t seed_;
  const std::function<bool(const std::string&)>& emit_;
  std::vector<core::SeriesAt> at_;
};

// The scenarios' own runs, by resolved config, the most recent kept: moving a lever
// then runs only the lever's side of the pair.
class References {
 public:
  std::shared_ptr<const core::Recording> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    for (auto k = kept_.begin(); k != kept_.end(); ++k) {
      if (k->first != key) continue;
      kept_.splice(kept_.begin(), kept_, k);  // most recently used first
      return kept_.front().second;
    }
    return nullptr;
  }
  void keep(const std::string& key, core::Recording&& recording) {
    const std::lock_guard lock(mutex_);
    kept_.emplace_front(key, std::make_shared<const core::Recording>(std::move(recording)));
    if (kept_.size() > kKept) kept_.pop_back();
  }

 private:
  static constexpr std::size_t kKept = 16;  // a national recording is about 100 kB
  std::mutex mutex_;
  std::list<std::pair<std::string, std::shared_ptr<const core::Recording>>> kept_;
};

References& references() {
  static References all;
  return all;
}

}  // namespace

std::vector<Scenario> find_scenarios(const std::string& folder) {
  std::vector<Scenario> out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
    std::ifstream file(entry.path());
    std::string title;
    std::getline(file, title);
    title = title.rfind("# ", 0) == 0 ? title.substr(2) : entry.path().stem().string();
    out.push_back({entry.path().stem().string(), title, entry.path().string()});
  }
  // China's scenarios first (the default, then its alternatives), the other economies after.
  const auto rank = [](const Scenario& s) {
    return s.name == "ai_plus" ? 0 : (s.name == "eu" || s.name == "us" || s.name == "bass") ? 2 : 1;
  };
  std::sort(out.begin(), out.end(), [&](const Scenario& a, const Scenario& b) {
    return std::pair(rank(a), a.name) < std::pair(rank(b), b.name);
  });
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const Scenario& s) { return s.name == "bass"; }),
      out.end());
  return out;
}

std::string scenarios_json(const std::vector<Scenario>& scenarios) {
  json out = json::array();
  for (const auto& s : scenarios) out.push_back({{"name", s.name}, {"title", s.title}});
  return out.dump();
}

std::string levers_json(const std::vector<Scenario>& scenarios, const std::string& scenario) {
  const auto& picked = scenario_named(scenarios, scenario);
  const core::Config config = core::Config::load(agents::schema(), picked.path);
  json out = json::array();
  for (const auto& spec : agents::schema().all()) {
    if (!is_lever(spec) || !spec.belongs_to(config.model())) continue;
    const auto& value = config.value(spec.key);
    json row = {{"key", spec.key},         {"section", spec.section},
                {"unit", spec.unit},       {"meaning", spec.meaning},
                {"choices", spec.choices}, {"text", core::to_string(value)}};
    if (const auto* word = std::get_if<std::string>(&value)) row["value"] = *word;
    if (const auto* x = std::get_if<double>(&value)) row["value"] = *x;
    if (const auto* s = std::get_if<core::Schedule>(&value))  // a slider sets it constant
      row["value"] = s->points.empty() ? 0.0 : s->points.back().second;
    const bool plausible = spec.has_plausible();
    row["min"] = number_or_null(plausible ? spec.plausible_min : spec.min);
    row["max"] = number_or_null(plausible ? spec.plausible_max : spec.max);
    out.push_back(row);
  }
  return out.dump();
}

RunRequest parse_run_request(const std::string& body, const std::vector<Scenario>& scenarios,
                             const ServeLimits& limits) {
  json request;
  try {
    request = json::parse(body);
  } catch (const json::exception& e) {
    throw BadRequest{400, std::string("the request is not JSON: ") + e.what()};
  }
  if (!request.is_object()) throw BadRequest{400, "the request must be a JSON object"};
  for (const auto& [name, _] : request.items())
    if (name != "scenario" && name != "set" && name != "firms" && name != "seeds")
      throw BadRequest{400, "unknown field \"" + name.substr(0, 80) +
                                "\"; expected scenario, set, firms and seeds"};
  const auto field = [&](const char* name, auto fallback) {
    if (!request.contains(name)) return fallback;
    const auto& value = request[name];
    const bool fits = std::is_same_v<decltype(fallback), std::string> ? value.is_string()
                                                                      : value.is_number_integer();
    if (!fits)
      throw BadRequest{400, std::string("\"") + name + "\" must be " +
                                (value.is_number() ? "a whole number" : "of another type")};
    return value.get<decltype(fallback)>();
  };
  const auto& picked = scenario_named(scenarios, field("scenario", std::string("ai_plus")));
  const auto firms = field("firms", std::int64_t{100000});
  const auto seeds = field("seeds", std::int64_t{1});
  if (firms < 1 || firms > limits.max_firms)
    throw BadRequest{400, "firms = " + std::to_string(firms) + " is outside [1, " +
                              std::to_string(limits.max_firms) +
                              "], this server's cap (--max-firms)"};
  if (seeds < 1 || seeds > limits.max_seeds)
    throw BadRequest{400, "seeds = " + std::to_string(seeds) + " is outside [1, " +
                              std::to_string(limits.max_seeds) + "]"};
  std::vector<std::string> changes;
  if (request.contains("set")) {
    if (!request["set"].is_object())
      throw BadRequest{400, "\"set\" must be an object {key: value}"};
    for (const auto& [key, value] : request["set"].items()) {
      if (agents::schema().find(key) == nullptr)
        throw BadRequest{
            400, "unknown key '" + key.substr(0, 80) + "'; `aiplus params` lists every key"};
      if (!value.is_primitive() || value.is_null())
        throw BadRequest{
            400, "the value of \"" + key.substr(0, 80) + "\" must be a number, word or boolean"};
      changes.push_back(key + "=" + value.dump());  // JSON scalars are TOML values
    }
  }
  RunRequest out;
  try {
    for (std::int64_t seed = 1; seed <= seeds; ++seed) {
      ScenarioOptions options;
      options.config_path = picked.path, options.seed = seed, options.firms = firms;
      out.reference.push_back(resolve(options));
      options.overrides = changes;
      out.lever.push_back(resolve(options));  // checked as `aiplus run --set` checks it
    }
  } catch (const core::ConfigError& e) {
    throw BadRequest{400, e.what()};
  }
  // The work a request asks for, against the most the caps allow of a default run:
  // agents x seeds x months, x the partners each firm learns from (8 by default).
  const auto& lever = out.lever.front();
  const double months = agents::settings(lever).steps + 1.0;
  const double partners = lever.schema().find("network.partners")
                              ? static_cast<double>(lever.integer("network.partners"))
                              : 8.0;
  const double work = static_cast<double>(firms) * static_cast<double>(seeds) * months *
                      std::max(1.0, partners / 8.0);
  const double most = static_cast<double>(limits.max_firms) * limits.max_seeds * 133.0;
  if (work > most)
    throw BadRequest{400,
                     "the request asks for " + std::to_string(static_cast<long long>(work)) +
                         " firm-months (agents x seeds x months x partners / 8), more than this "
                         "server's cap of " +
                         std::to_string(static_cast<long long>(most)) +
                         "; expected fewer agents, seeds, months or partners"};
  out.toml = "# aiplus serve: scenario " + picked.name + ", seed 1 of " + std::to_string(seeds) +
             " (the page shows the mean over seeds 1-" + std::to_string(seeds) +
             "; --seed N gives each)\n" + out.lever.front().to_toml();
  return out;
}

bool stream_runs(const RunRequest& request, const ServeLimits& limits,
                 const std::function<bool(const std::string&)>& emit) {
  const auto& first = request.lever.front();
  const auto settings = agents::settings(first);
  const auto calendar = settings.calendar();
  json dates = json::array(), series = json::array();
  for (std::uint32_t t = 0; t <= settings.steps; ++t) dates.push_back(calendar.label(t));
  const auto groups = agents::model_kind(first.model()).outputs(first);
  for (const auto& name : kCharted) {
    const auto at = core::find_series(groups, "national", name);
    const auto& info = groups[at.group].series[at.offset / groups[at.group].width()];
    json row = {{"name", info.name}, {"units", info.units}, {"long_name", info.long_name}};
    for (const auto& [key, value] : info.attributes) row[key] = value;
    series.push_back(row);
  }
  const json header = {{"dates", dates},
                       {"series", series},
                       {"toml", request.toml},
                       {"seeds", request.lever.size()},
                       {"firms", settings.firms}};
  if (!emit(header.dump() + "\n")) return false;
  for (std::size_t k = 0; k < request.lever.size(); ++k) {
    for (const auto& [run, config] :
         {std::pair{"reference", &request.reference[k]}, std::pair{"lever", &request.lever[k]}}) {
      StreamSink sink(run, k + 1, emit);
      const bool reference = run == std::string("reference");
      const std::string key = reference ? config->to_toml() : "";
      if (const auto kept = reference ? references().find(key) : nullptr) {
        kept->replay(sink);  // the scenario's own run, as computed for an earlier request
      } else {
        core::Recording national({"national"});
        core::FanoutSink both({&sink, &national});
        std::atomic<bool> stop{false};
        core::RunResult result;
        core::with_threads(limits.threads, [&] {
          auto model = agents::make_model(*config);
          core::RunInfo info;
          info.steps = settings.steps;
          result = core::simulate(*model, both, info, &stop, [&](std::uint32_t, std::uint32_t) {
            // The page went away, or the server is stopping: stop at the month's end.
            if (sink.gone || stop_requested()) stop = true;
          });
        });
        if (reference && result.complete) references().keep(key, std::move(national));
      }
      if (sink.gone) return false;
    }
  }
  return emit("{\"done\": true}\n");
}

std::string run_file(const RunRequest& request, const ServeLimits& limits) {
  char folder[] = "/tmp/aiplus-serve-XXXXXX";
  if (::mkdtemp(folder) == nullptr) throw std::runtime_error("cannot make a temporary folder");
  const std::string path = std::string(folder) + "/run.h5";
  std::string bytes;
  try {
    core::with_threads(limits.threads, [&] {
      const auto& config = request.lever.front();
      auto model = agents::make_model(config);
      core::Hdf5Sink file(path, false);
      core::simulate(*model, file, describe_run(config, *model, limits.threads));
    });
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  } catch (...) {
    ::unlink(path.c_str()), ::rmdir(folder);
    throw;
  }
  ::unlink(path.c_str()), ::rmdir(folder);
  return bytes;
}

}  // namespace aiplus::cli
