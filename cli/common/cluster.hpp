// The processes of a sweep: this one alone, or the ranks of an MPI job started by
// `mpirun` or Slurm's `srun`. Rank 0 owns the output file; the other ranks run
// their share of the runs and hand each finished run's values to rank 0. Only the
// thread that made the Cluster calls into MPI.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace aiplus::cli {

class Cluster {
 public:
  /// Joins the MPI job when the process was started by an MPI launcher; otherwise
  /// (or when built without Open MPI) it is a cluster of one. Throws std::runtime_error
  /// when launched as several ranks by a build without Open MPI, since every rank
  /// would then write the same file.
  Cluster();
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  [[nodiscard]] int rank() const noexcept { return rank_; }
  [[nodiscard]] int size() const noexcept { return size_; }

  /// Rank 0's values, on every rank.
  [[nodiscard]] std::vector<std::uint64_t> broadcast(std::vector<std::uint64_t> values) const;

  /// On a worker rank: hands a finished run to rank 0 (blocks until rank 0 takes it).
  void send_run(std::size_t run, std::span<const double> values) const;
  /// On a worker rank: tells rank 0 that no more runs come from this rank.
  void send_finished() const;

  /// What a worker rank said.
  struct Message {
    bool finished = false;  ///< the rank has no more runs
    std::size_t run = 0;
    std::vector<double> values;
  };
  /// On rank 0: the next message from any worker rank; nullopt when none is waiting
  /// and `wait` is false.
  [[nodiscard]] std::optional<Message> receive(bool wait) const;

  /// Ends every rank of the job at once (rank 0 could not write; the others would wait).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool joined_ = false;
};

}  // namespace aiplus::cli
