// `aiplus serve`: one page and a JSON API on a loopback port, to move the directive's
// levers and watch adoption, deployment, the SME gap and the AI term of TFP move
// against the scenario's own run with the same seeds. Every request's config is
// checked as the command line checks one; runs are capped in size and in number at
// once; the server writes no file but an HDF5 download's, in a temporary folder it removes.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/common/command_line.hpp"
#include "cli/common/commands.hpp"
#include "cli/common/writing.hpp"
#include "cli/serve/page.hpp"
#include "cli/serve/serve_api.hpp"

namespace aiplus::cli {
namespace {

/// Options of `aiplus serve`.
struct ServeOptions {
  int port = 8642;
  std::string bind = "127.0.0.1";
  std::string configs = AIPLUS_CONFIGS_DIR;  ///< where the scenarios are
  std::string chart_js =
      "/usr/share/javascript/chart.js/chart.min.js";  ///< Debian's libjs-chart.js
  int max_runs = 2;  ///< requests running at once; more wait for a free slot
  ServeLimits limits;
};

// At most `slots` runs at once: a request waits two seconds for a slot, then is told
// to try again, so that waiting requests never hold every worker of the server.
class Slots {
 public:
  explicit Slots(int slots) : free_(slots) {}
  bool take() {
    std::unique_lock lock(mutex_);
    return freed_.wait_for(lock, std::chrono::seconds(2), [&] { return free_ > 0; }) && free_--;
  }
  void give() {
    {
      const std::lock_guard lock(mutex_);
      ++free_;
    }
    freed_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  int free_;
};

void answer_error(httplib::Response& response, int status, const std::string& message) {
  std::string escaped;
  for (const char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      escaped += c == '\n' ? "\\n" : " ";
      continue;
    }
    escaped += c;
  }
  response.status = status;
  response.set_content("{\"error\": \"" + escaped + "\"}", "application/json");
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return file ? text.str() : std::string();
}

int serve_command(const ServeOptions& options) {
  const auto scenarios = find_scenarios(options.configs);
  if (scenarios.empty()) {
    std::cerr << options.configs
              << ":1:1: no scenario (*.toml) found; expected the configs/ "
                 "folder (--configs)\n";
    return kBadInput;
  }
  const std::string chart_js = read_file(options.chart_js);
  if (chart_js.empty()) {
    std::cerr << options.chart_js
              << ":1:1: cannot read Chart.js; expected Debian's libjs-chart.js "
                 "(scripts/install-deps.sh installs it) or --chart-js PATH\n";
    return kBadInput;
  }
  httplib::Server server;
  server.set_payload_max_length(64 * 1024);
  Slots slots(options.max_runs);
  const auto limits = options.limits;

  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(kPage, "text/html; charset=utf-8");
  });
  server.Get("/chart.js", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(chart_js, "text/javascript");
  });
  server.Get("/api/scenarios", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(scenarios_json(scenarios), "application/json");
  });
  server.Get("/api/levers", [&](const httplib::Request& request, httplib::Response& response) {
    try {
      const auto name =
          request.has_param("scenario") ? request.get_param_value("scenario") : "ai_plus";
      response.set_content(levers_json(scenarios, name), "application/json");
    } catch (const BadRequest& e) {
      answer_error(response, e.status, e.message);
    } catch (const core::ConfigError& e) {
      answer_error(response, 500, e.what());
    }
  });
  server.Post("/api/run", [&](const httplib::Request& request, httplib::Response& response) {
    std::shared_ptr<RunRequest> run;
    try {
      run = std::make_shared<RunRequest>(parse_run_request(request.body, scenarios, limits));
    } catch (const BadRequest& e) {
      return answer_error(response, e.status, e.message);
    }
    if (!slots.take())
      return answer_error(response, 503, "every run slot is busy (--max-runs); try again");
    // Months are sent as they are computed; the slot is freed when the stream ends.
    response.set_chunked_content_provider(
        "application/x-ndjson",
        [run, limits](std::size_t, httplib::DataSink& sink) {
          const auto emit = [&](const std::string& line) {
            return sink.write(line.data(), line.size());
          };
          try {
            if (stream_runs(*run, limits, emit)) sink.done();
          } catch (const std::exception& e) {
            emit(std::string("{\"error\": \"run failed: ") + e.what() + "\"}\n");
            sink.done();
          }
          return true;
        },
        [&slots](bool) { slots.give(); });
  });
  server.Post("/api/file", [&](const httplib::Request& request, httplib::Response& response) {
    try {
      const auto run = parse_run_request(request.body, scenarios, limits);
      if (!slots.take())
        return answer_error(response, 503, "every run slot is busy (--max-runs); try again");
      std::string bytes;
      try {
        bytes = run_file(run, limits);
      } catch (...) {
        slots.give();
        throw;
      }
      slots.give();
      response.set_header("Content-Disposition", "attachment; filename=\"aiplus_run.h5\"");
      response.set_content(bytes, "application/x-hdf5");
    } catch (const BadRequest& e) {
      answer_error(response, e.status, e.message);
    }
  });
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (response.body.empty())
      answer_error(
          response, response.status,
          response.status == 404 ? "no such page: " + request.path.substr(0, 80) : "bad request");
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        answer_error(response, 500, "internal error");
      });

  if (!server.bind_to_port(options.bind, options.port)) {
    std::cerr << "aiplus: --port: cannot listen on " << options.bind << ":" << options.port
              << "; expected a free port (another server there?)\n";
    return kBadInput;
  }
  install_stop_handlers();
  std::thread watcher([&] {  // Ctrl-C or SIGTERM stops the server
    while (!stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  const bool loopback =
      options.bind == "127.0.0.1" || options.bind == "localhost" || options.bind == "::1";
  std::printf(
      "aiplus serve: http://%s:%d/ (%s; runs of at most %lld agents, %d at once; Ctrl-C stops)\n",
      options.bind.c_str(), options.port,
      loopback ? "this machine only: --bind 0.0.0.0 shares it" : "reachable from other machines",
      static_cast<long long>(limits.max_firms), options.max_runs);
  std::fflush(stdout);
  server.listen_after_bind();
  stop_requested() = true;
  watcher.join();
  return 0;
}

}  // namespace

void add_serve(CLI::App& aiplus, std::vector<Command>& commands) {
  auto options = std::make_shared<ServeOptions>();
  auto* serve = aiplus.add_subcommand(
      "serve",
      "explore the directive's levers in a browser: a page and a JSON API on a local port");
  serve->add_option("--port", options->port, "TCP port to listen on")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  serve
      ->add_option(
          "--bind", options->bind,
          "address to listen on; the default is this machine only (0.0.0.0: every network)")
      ->capture_default_str();
  serve->add_option("--configs", options->configs, "folder of the scenarios the page offers")
      ->capture_default_str();
  serve
      ->add_option("--chart-js", options->chart_js,
                   "Chart.js file to serve (Debian's libjs-chart.js)")
      ->capture_default_str();
  serve
      ->add_option("--max-firms", options->limits.max_firms,
                   "largest run a request may ask for (agents)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000000}))
      ->capture_default_str();
  serve->add_option("--max-runs", options->max_runs, "requests that run at once; others wait")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve
      ->add_option("--threads", options->limits.threads,
                   "worker threads of each run (0: all cores)")
      ->check(CLI::NonNegativeNumber);
  commands.push_back({serve, [options] { return serve_command(*options); }});
}

}  // namespace aiplus::cli
