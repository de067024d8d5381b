// What `aiplus serve` answers, apart from the HTTP: the scenarios a page may pick, the
// levers it shows (from the key rows, not from a second list), and a paired run
// request checked as the command line checks a config, streamed month by month.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace aiplus::cli {

/// Limits a server puts on one request.
struct ServeLimits {
  std::int64_t max_firms = 200000;  ///< agents per run
  int max_seeds = 5;                ///< paired seeds per request
  int threads = 0;                  ///< worker threads of a run (0: all cores)
};

/// A scenario the page can pick: a config of configs/.
struct Scenario {
  std::string name;   ///< e.g. "ai_plus"
  std::string title;  ///< the config's first comment line
  std::string path;
};

/// Bad request: the message goes back with a 4xx status.
struct BadRequest {
  int status;
  std::string message;
};

/// The scenarios of `folder` (configs/): the config files there, China's first.
[[nodiscard]] std::vector<Scenario> find_scenarios(const std::string& folder);

/// The scenarios as JSON: [{"name", "title"}].
[[nodiscard]] std::string scenarios_json(const std::vector<Scenario>& scenarios);

/// The directive's levers (the keys of its eight sections and of the programmes) as
/// JSON, each with its unit, kind, range for a slider, choices, meaning and its value
/// in `scenario`. Throws BadRequest for an unknown scenario.
[[nodiscard]] std::string levers_json(const std::vector<Scenario>& scenarios,
                                      const std::string& scenario);

/// A checked run request: the reference config and the lever config (the reference
/// with the page's changes), and the seeds both run with.
struct RunRequest {
  std::vector<core::Config> reference, lever;  ///< one per seed
  std::string toml;                            ///< the lever config of seed 1, to download
};

/// Parses and checks a request body {"scenario", "set": {key: value}, "firms", "seeds"}
/// as the command line checks a config; throws BadRequest naming what is wrong.
[[nodiscard]] RunRequest parse_run_request(const std::string& body,
                                           const std::vector<Scenario>& scenarios,
                                           const ServeLimits& limits);

/// Runs the request's pairs, writing newline-delimited JSON to `emit` as months are
/// computed: a header (series, units, dates, the TOML), then one line per run and
/// month, then {"done": true}. Returns false when `emit` did (the client went away).
bool stream_runs(const RunRequest& request, const ServeLimits& limits,
                 const std::function<bool(const std::string&)>& emit);

/// The HDF5 file `aiplus run` writes for the request's lever config of seed 1, as
/// bytes: written in a private temporary folder, read back and removed.
[[nodiscard]] std::string run_file(const RunRequest& request, const ServeLimits& limits);

}  // namespace aiplus::cli
