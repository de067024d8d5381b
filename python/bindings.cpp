// The C++ half of `import aiplus`: resolves a config as the command line does, runs
// it in this process into a core::Recording with the GIL released, hands what it
// recorded to Python as arrays, and writes a recording as the file `aiplus run` writes. The Python
// half (aiplus/__init__.py) turns recordings into xarray datasets.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "agents/scenario.hpp"
#include "cli/calibrate/calibrate_command.hpp"
#include "cli/common/scenario_options.hpp"
#include "cli/common/writing.hpp"
#include "cli/info/info_json.hpp"
#include "cli/run/run_info.hpp"
#include "cli/sweep/sweep_plan.hpp"
#include "core/config/config.hpp"
#include "core/config/input.hpp"
#include "core/engine/parallel.hpp"
#include "core/engine/recording.hpp"
#include "core/engine/simulation.hpp"
#include "core/io/hdf5_sink.hpp"
#include "core/io/output_file.hpp"

namespace py = pybind11;
using namespace aiplus;

namespace {

// What Python reads of a recording.
py::dict info_of(const core::Recording& r) {
  const auto& info = r.info();
  const std::size_t rows = r.frames().size();
  py::dict d;
  d["seed"] = info.seed;
  d["config"] = info.config_toml;
  d["version"] = info.version;
  d["start_date"] = info.start_date;
  d["time_units"] = info.time_units;
  d["steps_requested"] = info.steps;
  d["agents"] = info.agents;
  d["threads"] = info.threads;
  d["firm_order"] = info.firm_order;
  d["complete"] = r.complete();
  d["steps_done"] = rows == 0 ? 0 : rows - 1;
  d["time"] = std::vector<std::int32_t>(
      info.time.begin(),
      info.time.begin() + static_cast<std::ptrdiff_t>(std::min(rows, info.time.size())));
  py::list summary;
  for (const auto& [name, value] : r.summary()) summary.append(py::make_tuple(name, value));
  d["summary"] = summary;
  return d;
}

py::list groups_of(const core::Recording& r) {
  py::list out;
  for (const auto& g : r.groups()) {
    py::dict d;
    d["name"] = g.name;
    py::list dimensions;
    for (const auto& dim : g.dimensions) dimensions.append(py::make_tuple(dim.name, dim.labels));
    d["dimensions"] = dimensions;
    py::list series;
    for (const auto& s : g.series) {
      py::dict x;
      x["name"] = s.name, x["units"] = s.units, x["long_name"] = s.long_name;
      x["definition"] = s.definition;
      py::dict attributes;
      for (const auto& [key, value] : s.attributes) attributes[py::str(key)] = value;
      x["attributes"] = attributes;
      series.append(x);
    }
    d["series"] = series;
    out.append(d);
  }
  return out;
}

// Group g's values as one array (series, time, dimensions...).
py::array_t<double> values_of(const core::Recording& r, std::size_t g) {
  if (g >= r.groups().size()) throw py::index_error("no such group");
  const auto& group = r.groups()[g];
  const auto& frames = r.frames();
  const std::size_t width = group.width(), rows = frames.size();
  std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(group.series.size()),
                                 static_cast<py::ssize_t>(rows)};
  for (const auto& d : group.dimensions) shape.push_back(static_cast<py::ssize_t>(d.labels.size()));
  py::array_t<double> out(shape);
  double* to = out.mutable_data();
  for (std::size_t s = 0; s < group.series.size(); ++s)
    for (std::size_t t = 0; t < rows; ++t)
      std::memcpy(to + (s * rows + t) * width, frames[t][g].data() + s * width,
                  width * sizeof(double));
  return out;
}

// The snapshots: (steps after which each was taken, attributes, state per snapshot).
py::tuple panels_of(const core::Recording& r) {
  const auto column = [](const core::StoredColumn& c) {
    const char* format = c.type == core::ColumnView::Type::U8    ? "u1"
                         : c.type == core::ColumnView::Type::U16 ? "u2"
                         : c.type == core::ColumnView::Type::U32 ? "u4"
                                                                 : "f4";
    py::array values(py::dtype(format), {static_cast<py::ssize_t>(c.size)}, c.bytes.data());
    return py::make_tuple(c.name, values, c.units, c.long_name, c.labels);
  };
  py::list attributes, snapshots, steps;
  for (const auto& c : r.attributes()) attributes.append(column(c));
  for (const auto& p : r.snapshots()) {
    py::list state;
    for (const auto& c : p.state) state.append(column(c));
    snapshots.append(state);
    steps.append(p.step);
  }
  return py::make_tuple(steps, attributes, snapshots);
}

// A config from a path or from TOML text, then `set`, seed, firms and steps, checked
// as the command line checks it.
core::Config resolve(const std::string& source, bool is_text, const std::vector<std::string>& set,
                     std::optional<std::int64_t> seed, std::optional<std::int64_t> firms,
                     std::optional<std::int64_t> steps) {
  if (!is_text) {
    cli::ScenarioOptions options;
    options.config_path = source, options.overrides = set;
    options.seed = seed, options.firms = firms, options.steps = steps;
    return cli::resolve(options);
  }
  const auto& schema = agents::schema();
  core::Config config = core::Config::parse(schema, source, "<config>");
  for (const auto& assignment : set) config.set(assignment);
  if (seed) config.set(agents::kSeedKey, *seed, {"seed=", 1, 1});
  if (firms) config.set(agents::kFirmsKey, *firms, {"firms=", 1, 1});
  if (steps) config.set(agents::kStepsKey, *steps, {"steps=", 1, 1});
  agents::check(config);
  cli::refuse_if_too_big(config);
  return config;
}

// Bad input as aiplus.ConfigError(diagnostics), each (file, line, column, message).
void raise_config_error(const core::ConfigError& e) {
  py::list diagnostics;
  for (const auto& d : e.diagnostics())
    diagnostics.append(py::make_tuple(d.where.source, d.where.line, d.where.column, d.message));
  const py::object error = py::module_::import("aiplus.errors").attr("ConfigError")(diagnostics);
  PyErr_SetObject(error.get_type().ptr(), error.ptr());
}

template <class F>
auto checked_input(F&& f) {
  try {
    return f();
  } catch (const core::ConfigError& e) {
    raise_config_error(e);
    throw py::error_already_set();
  }
}

// Runs a resolved config; `progress(done, total)` is called after every month with the
// GIL held. A KeyboardInterrupt (Ctrl-C, or one raised from another thread) stops the
// run at the end of the month: the recording then says so and `interrupted` is true.
py::tuple run(const std::string& source, bool is_text, const std::vector<std::string>& set,
              std::optional<std::int64_t> seed, std::optional<std::int64_t> firms,
              std::optional<std::int64_t> steps, int threads, std::vector<std::string> groups,
              const py::object& progress) {
  core::forget_inputs();
  const core::Config config =
      checked_input([&] { return resolve(source, is_text, set, seed, firms, steps); });
  auto recording = std::make_unique<core::Recording>(std::move(groups));
  std::atomic<bool> stop{false};
  bool interrupted = false;
  std::optional<py::error_already_set> failure;
  const auto each_month = [&](std::uint32_t done, std::uint32_t total) {
    const py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) {
      if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) {
        PyErr_Clear();
        interrupted = true;
      } else {
        failure.emplace();
      }
      stop = true;
      return;
    }
    if (progress.is_none()) return;
    try {
      progress(done, total);
    } catch (py::error_already_set& e) {
      if (e.matches(PyExc_KeyboardInterrupt)) {
        interrupted = true;
      } else {
        failure.emplace(std::move(e));
      }
      stop = true;
    }
  };
  {
    const py::gil_scoped_release free;
    core::with_threads(threads, [&] {
      auto model = agents::make_model(config);
      const auto info = cli::describe_run(config, *model, tbb::this_task_arena::max_concurrency());
      core::simulate(*model, *recording, info, &stop, each_month);
    });
  }
  if (failure) throw std::move(*failure);
  return py::make_tuple(py::cast(recording.release(), py::return_value_policy::take_ownership),
                        interrupted);
}

// Writes a recording as `aiplus run` writes its file: under a temporary name beside
// `path`, renamed into place at the end, replacing a file only with `force`.
void save(const core::Recording& recording, const std::string& path, bool force) {
  struct Release {  // whatever happens, this call keeps no file claimed
    ~Release() { core::release_claims(); }
  } release;
  if (auto problem = cli::output_problem(path, force); !problem.empty())
    throw py::value_error(path + ": cannot write output: " + problem);
  auto temporary = core::OutputFile::beside(path);
  {
    core::Hdf5Sink file(temporary.path(), true);
    recording.replay(file);
  }
  temporary.place(path, force);
}

// While a command of the command line runs in this process: its messages to stderr
// go to a file (they become the exception's text), and its own stop handlers stand in
// for Python's, so that Ctrl-C stops it as it stops the command. Undone on leaving.
class AsCommand {
 public:
  AsCommand() {
    core::forget_inputs();  // each command protects its own inputs
    for (std::size_t k = 0; k < kSignals.size(); ++k) ::sigaction(kSignals[k], nullptr, &saved_[k]);
    cli::stop_requested() = false;
    std::cerr.flush(), std::fflush(stderr);
    stderr_ = ::dup(2);
    if (capture_ && stderr_ >= 0) ::dup2(::fileno(capture_), 2);
  }
  AsCommand(const AsCommand&) = delete;
  AsCommand& operator=(const AsCommand&) = delete;
  ~AsCommand() {
    core::release_claims();  // a command that refused or failed keeps no file claimed
    restore();
    if (capture_) std::fclose(capture_);
  }
  /// Everything the command wrote to stderr; the handlers and stderr are back.
  std::string messages() {
    restore();
    std::string text;
    if (!capture_) return text;
    std::rewind(capture_);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, capture_)) > 0;)
      text.append(buffer, n);
    return text;
  }

 private:
  static constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGXFSZ};
  void restore() {
    if (restored_) return;
    restored_ = true;
    std::cerr.flush(), std::fflush(stderr);
    if (stderr_ >= 0) ::dup2(stderr_, 2), ::close(stderr_);
    for (std::size_t k = 0; k < kSignals.size(); ++k) ::sigaction(kSignals[k], &saved_[k], nullptr);
  }
  std::array<struct sigaction, 3> saved_{};
  std::FILE* capture_ = std::tmpfile();
  int stderr_ = -1;
  bool restored_ = false;
};

// Runs `command` as the command line would; (exit code, its messages).
template <class F>
py::tuple as_command(F&& command) {
  AsCommand scope;
  int code = 0;
  try {
    const py::gil_scoped_release free;
    code = command();
  } catch (const core::ConfigError& e) {
    scope.messages();
    raise_config_error(e);
    throw py::error_already_set();
  }
  return py::make_tuple(code, scope.messages());
}

}  // namespace

PYBIND11_MODULE(_aiplus, m) {
  m.doc() = "aiplus engine bindings; use the aiplus package";
  py::class_<core::Recording>(m, "Recording")
      .def("info", &info_of)
      .def("groups", &groups_of)
      .def("values", &values_of, py::arg("group"))
      .def("panels", &panels_of)
      .def("save", &save, py::arg("path"), py::arg("force") = false,
           py::call_guard<py::gil_scoped_release>());
  m.def("run", &run, py::arg("source"), py::arg("is_text"), py::arg("set"), py::arg("seed"),
        py::arg("firms"), py::arg("steps"), py::arg("threads"), py::arg("groups"),
        py::arg("progress"));
  m.def(
      "sweep",
      [](const std::string& experiment, const std::string& output,
         const std::vector<std::string>& set, std::optional<std::int64_t> firms,
         std::optional<std::int64_t> steps, const std::string& posterior, int threads, bool force,
         bool resume) {
        cli::SweepOptions options;
        options.experiment = experiment, options.output = output, options.overrides = set;
        options.firms = firms, options.steps = steps, options.posterior = posterior;
        options.threads = threads, options.force = force, options.resume = resume;
        options.quiet = true;
        return as_command([&] { return cli::sweep_command(options); });
      },
      py::arg("experiment"), py::arg("output"), py::arg("set"), py::arg("firms"), py::arg("steps"),
      py::arg("posterior"), py::arg("threads"), py::arg("force"), py::arg("resume"));
  m.def(
      "calibrate",
      [](const std::string& calibration, const std::string& output,
         const std::vector<std::string>& only, int threads, bool force, bool resume) {
        cli::CalibrateOptions options;
        options.calibration = calibration, options.output = output, options.only = only;
        options.threads = threads, options.force = force, options.resume = resume;
        options.quiet = true;
        return as_command([&] { return cli::calibrate_command(options); });
      },
      py::arg("calibration"), py::arg("output"), py::arg("only"), py::arg("threads"),
      py::arg("force"), py::arg("resume"));
  m.def("params_json", &cli::params_json, py::arg("model"));
  m.def(
      "outputs_json",
      [](const std::string& source, bool is_text, const std::vector<std::string>& set) {
        return checked_input(
            [&] { return cli::outputs_json(resolve(source, is_text, set, {}, {}, {})); });
      },
      py::arg("source"), py::arg("is_text"), py::arg("set"));
}
