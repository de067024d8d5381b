#include "cli/calibrate/calibration_runs.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <exception>
#include <limits>

#include "agents/scenario.hpp"
#include "cli/common/scenario_options.hpp"
#include "core/study/run_pool.hpp"

namespace aiplus::cli {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Keeps the values of a run at its population's targets, as the frames go by.
class TargetSink final : public core::Sink {
 public:
  explicit TargetSink(std::vector<const CalibrationTarget*> targets)
      : targets_(std::move(targets)), values_(targets_.size(), kNaN) {}
  void begin(const core::RunInfo&, const std::vector<core::GroupInfo>&) override {}
  void write(std::uint32_t step, const core::Frame& frame) override {
    for (std::size_t k = 0; k < targets_.size(); ++k)
      if (targets_[k]->row == step) values_[k] = frame[targets_[k]->group][targets_[k]->index];
  }
  void end(bool, const core::Summary&) override {}
  [[nodiscard]] std::vector<double> values() && { return std::move(values_); }

 private:
  std::vector<const CalibrationTarget*> targets_;
  std::vector<double> values_;
};

}  // namespace

CalibrationRunner::CalibrationRunner(const Calibration& calibration, const Cluster& cluster,
                                     int threads)
    : calibration_(calibration), cluster_(cluster), threads_(threads), at_once_(1) {
  // As many runs at once as the smallest population allows, within the largest one's memory.
  std::size_t firms = std::numeric_limits<std::size_t>::max();
  double bytes = 0;
  for (const auto& p : calibration.populations) {
    firms = std::min<std::size_t>(firms, agents::settings(p.config).firms);
    bytes = std::max(bytes, agents::estimated_bytes(p.config));
  }
  at_once_ = core::runs_at_once(firms, threads, bytes, available_bytes());
}

std::vector<double> CalibrationRunner::run_population(std::size_t population,
                                                      const CalibrationRun& run) {
  const auto& p = calibration_.populations[population];
  std::vector<const CalibrationTarget*> targets;
  for (const auto t : p.targets) targets.push_back(&calibration_.targets[t]);
  try {
    const auto config = calibration_.config(population, run.values, run.seed);
    auto model = agents::make_model(config);
    TargetSink sink(targets);
    core::RunInfo info;
    info.steps = agents::settings(config).steps;
    (void)core::simulate(*model, sink, info);
    return std::move(sink).values();
  } catch (const std::exception& e) {  // a proposal the model refuses is rejected, not fatal
    std::lock_guard lock(mutex_);
    if (failures_++ == 0) first_failure_ = p.name + ": " + e.what();
    return std::vector<double>(targets.size(), kNaN);
  }
}

std::vector<std::vector<double>> CalibrationRunner::simulate(
    const std::vector<CalibrationRun>& runs) {
  const bool writer = cluster_.rank() == 0;
  const std::size_t populations = calibration_.populations.size();
  const std::size_t tasks = runs.size() * populations;  // task = run x population
  std::vector<std::size_t> mine;                        // this rank's share, dealt out in turn
  for (std::size_t t = 0; t < tasks; ++t)
    if (static_cast<int>(t % static_cast<std::size_t>(cluster_.size())) == cluster_.rank())
      mine.push_back(t);
  std::vector<std::vector<double>> by_task(writer ? tasks : 0);
  int finished = 0;
  const auto hear = [&](bool wait) {  // rank 0: take what the other ranks sent
    while (finished < cluster_.size() - 1) {
      auto message = cluster_.receive(wait);
      if (!message) return;
      if (message->finished) {
        ++finished;
      } else {
        by_task.at(message->run) = std::move(message->values);
      }
    }
  };
  core::run_pool(
      mine, threads_, at_once_,
      [&](std::size_t t) { return run_population(t % populations, runs[t / populations]); },
      [&](std::size_t t, std::vector<double> values) {
        if (writer) {
          by_task[t] = std::move(values);
        } else {
          cluster_.send_run(t, values);
        }
      },
      [] { return false; },  // a batch always finishes: a stop comes between batches
      [&] {
        if (writer) hear(false);
      });
  if (!writer) {
    cluster_.send_finished();
    return {};
  }
  hear(true);
  std::vector<std::vector<double>> out(runs.size(),
                                       std::vector<double>(calibration_.targets.size(), kNaN));
  for (std::size_t t = 0; t < tasks; ++t) {
    const auto& targets = calibration_.populations[t % populations].targets;
    for (std::size_t k = 0; k < targets.size() && k < by_task[t].size(); ++k)
      out[t / populations][targets[k]] = by_task[t][k];
  }
  return out;
}

std::size_t CalibrationRunner::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

std::string CalibrationRunner::first_failure() const {
  std::lock_guard lock(mutex_);
  return first_failure_;
}

double target_distance(const Calibration& calibration, std::span<const double> values) {
  double sum = 0;
  for (std::size_t k = 0; k < calibration.targets.size(); ++k) {
    const auto& target = calibration.targets[k];
    if (!std::isfinite(values[k])) return std::numeric_limits<double>::infinity();
    const double z = (values[k] - target.value) / target.se;
    sum += z * z;
  }
  return std::sqrt(sum / static_cast<double>(calibration.targets.size()));
}

std::vector<std::uint64_t> to_words(std::span<const double> values) {
  std::vector<std::uint64_t> out;
  out.reserve(values.size());
  for (const double x : values) out.push_back(std::bit_cast<std::uint64_t>(x));
  return out;
}

std::vector<double> from_words(std::span<const std::uint64_t> words) {
  std::vector<double> out;
  out.reserve(words.size());
  for (const auto w : words) out.push_back(std::bit_cast<double>(w));
  return out;
}

std::vector<std::uint64_t> encode_state(const core::AbcState& state) {
  std::vector<std::uint64_t> out{state.generations.size()};
  const auto put = [&](std::span<const double> values) {
    const auto words = to_words(values);
    out.insert(out.end(), words.begin(), words.end());
  };
  for (const auto& g : state.generations) {
    put(std::vector<double>{g.tolerance, g.acceptance_rate, g.ess});
    out.push_back(g.proposals), out.push_back(g.simulations);
    for (const auto& particle : g.particles) put(particle);
    put(g.weights);
    put(g.distances);
  }
  return out;
}

core::AbcState decode_state(std::span<const std::uint64_t> words, std::size_t particles,
                            std::size_t parameters) {
  core::AbcState state;
  std::size_t at = 1;
  const auto take = [&](std::size_t n) {
    auto values = from_words(words.subspan(at, n));
    at += n;
    return values;
  };
  for (std::uint64_t g = 0; g < words[0]; ++g) {
    core::AbcGeneration x;
    const auto head = take(3);
    x.tolerance = head[0], x.acceptance_rate = head[1], x.ess = head[2];
    x.proposals = words[at++], x.simulations = words[at++];
    for (std::size_t i = 0; i < particles; ++i) x.particles.push_back(take(parameters));
    x.weights = take(particles);
    x.distances = take(particles);
    state.generations.push_back(std::move(x));
  }
  return state;
}

}  // namespace aiplus::cli
