#include "cli/common/cluster.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>

#ifdef AIPLUS_HAVE_MPI
#include <mpi.h>
#endif

namespace aiplus::cli {
namespace {

// Whether an MPI launcher started this process: Open MPI's mpirun sets
// OMPI_COMM_WORLD_SIZE; srun and other PMI launchers set PMI_RANK or PMIX_RANK.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMIX_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

// Ranks the launcher announces (1 when it does not say).
[[maybe_unused]] int announced_ranks() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(name)) return std::max(1, std::atoi(value));
  return 1;
}

#ifdef AIPLUS_HAVE_MPI
enum Tag : int { kRun = 1, kFinished = 2 };
#endif

}  // namespace

Cluster::Cluster() {
#ifdef AIPLUS_HAVE_MPI
  if (launched_by_mpi()) {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    joined_ = true;
  }
#else
  if (const int ranks = announced_ranks(); launched_by_mpi() && ranks > 1) {
    throw std::runtime_error("started as " + std::to_string(ranks) +
                             " MPI ranks, but this aiplus was built without Open MPI; install "
                             "libopenmpi-dev and rebuild, or run the sweep without mpirun");
  }
#endif
}

Cluster::~Cluster() {
#ifdef AIPLUS_HAVE_MPI
  if (joined_) MPI_Finalize();
#endif
}

std::vector<std::uint64_t> Cluster::broadcast(std::vector<std::uint64_t> values) const {
#ifdef AIPLUS_HAVE_MPI
  if (size_ > 1) {
    std::uint64_t n = values.size();
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    values.resize(n);
    MPI_Bcast(values.data(), static_cast<int>(n), MPI_UINT64_T, 0, MPI_COMM_WORLD);
  }
#endif
  return values;
}

void Cluster::send_run(std::size_t run, std::span<const double> values) const {
#ifdef AIPLUS_HAVE_MPI
  // The run index travels as the first value (exact below 2^53 runs).
  std::vector<double> message(values.size() + 1);
  message[0] = static_cast<double>(run);
  std::copy(values.begin(), values.end(), message.begin() + 1);
  MPI_Send(message.data(), static_cast<int>(message.size()), MPI_DOUBLE, 0, kRun, MPI_COMM_WORLD);
#else
  (void)run, (void)values;
#endif
}

void Cluster::send_finished() const {
#ifdef AIPLUS_HAVE_MPI
  MPI_Send(nullptr, 0, MPI_DOUBLE, 0, kFinished, MPI_COMM_WORLD);
#endif
}

std::optional<Cluster::Message> Cluster::receive(bool wait) const {
#ifdef AIPLUS_HAVE_MPI
  if (size_ < 2) return std::nullopt;
  MPI_Status status;
  int waiting = 0;
  if (wait) {
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
  } else {
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    if (!waiting) return std::nullopt;
  }
  int count = 0;
  MPI_Get_count(&status, MPI_DOUBLE, &count);
  std::vector<double> buffer(static_cast<std::size_t>(count));
  MPI_Recv(buffer.data(), count, MPI_DOUBLE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  Message message;
  if (status.MPI_TAG == kFinished) {
    message.finished = true;
  } else {
    message.run = static_cast<std::size_t>(buffer.at(0));
    message.values.assign(buffer.begin() + 1, buffer.end());
  }
  return message;
#else
  (void)wait;
  return std::nullopt;
#endif
}

void Cluster::abort(int code) const {
#ifdef AIPLUS_HAVE_MPI
  if (joined_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

}  // namespace aiplus::cli
