// The step scheduler's building blocks: firms are cut into fixed blocks whose
// boundaries never depend on the thread count, so any per-block result, and any
// floating-point sum combined in block order, is the same for 1 or 64 threads.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace aiplus::core {

/// Runs f with exactly `threads` oneTBB threads (0: all cores) and returns its result.
/// Results never depend on the count; only the time does.
template <class F>
auto with_threads(int threads, F&& f) {
  if (threads <= 0) threads = tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute(std::forward<F>(f));
}

/// Firms per block: large enough to amortise scheduling, small enough to balance.
inline constexpr std::size_t kBlockSize = 8192;

/// Number of fixed blocks covering n items.
[[nodiscard]] constexpr std::size_t block_count(std::size_t n) noexcept {
  return (n + kBlockSize - 1) / kBlockSize;
}

/// A half-open range of items [begin, end) and the index of the block it is.
struct Block {
  std::size_t index;
  std::size_t begin;
  std::size_t end;
};

/// A list of items per block, kept in the block's own slots of one column: a block
/// lists at most as many items as it holds, so a step fills the lists in parallel
/// without allocating or locking (e.g. the firms that adopted in the last step).
class BlockLists {
 public:
  BlockLists() = default;
  explicit BlockLists(std::size_t n) : items_(n), counts_(block_count(n), 0) {}
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  /// Empties block b's list.
  void clear(const Block& b) noexcept { counts_[b.index] = 0; }
  /// Adds an item to block b's list.
  void push(const Block& b, std::uint32_t item) noexcept {
    items_[b.begin + counts_[b.index]++] = item;
  }
  /// Block b's list, in the order pushed.
  [[nodiscard]] std::span<const std::uint32_t> of(const Block& b) const noexcept {
    return {items_.data() + b.begin, counts_[b.index]};
  }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return items_.capacity() * sizeof(std::uint32_t) + counts_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::vector<std::uint32_t> items_;
  std::vector<std::uint32_t> counts_;
};

/// Calls kernel(Block) for every block, serially and in order (tests, debugging).
template <class Kernel>
void for_each_block_serial(std::size_t n, Kernel&& kernel) {
  for (std::size_t b = 0; b < block_count(n); ++b) {
    kernel(Block{b, b * kBlockSize, std::min(n, (b + 1) * kBlockSize)});
  }
}

/// Calls kernel(Block) for every block in parallel on the current TBB arena.
template <class Kernel>
void for_each_block(std::size_t n, Kernel&& kernel) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, block_count(n)),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t b = r.begin(); b != r.end(); ++b) {
                        kernel(Block{b, b * kBlockSize, std::min(n, (b + 1) * kBlockSize)});
                      }
                    });
}

/// Sums `width` quantities over every block: kernel(Block, std::span<double> acc)
/// adds a block's contribution into acc. Blocks are combined along a split tree
/// that depends only on n (oneTBB's deterministic reduce), so the floating-point
/// result is bit-identical whatever the thread count.
template <class Kernel>
[[nodiscard]] std::vector<double> reduce_blocks(std::size_t n, std::size_t width, Kernel&& kernel) {
  struct Body {
    Kernel* kernel;
    std::size_t n;
    std::vector<double> acc;
    Body(Kernel* k, std::size_t items, std::size_t w) : kernel(k), n(items), acc(w, 0.0) {}
    Body(Body& other, tbb::split) : kernel(other.kernel), n(other.n), acc(other.acc.size(), 0.0) {}
    void operator()(const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t b = r.begin(); b != r.end(); ++b) {
        (*kernel)(Block{b, b * kBlockSize, std::min(n, (b + 1) * kBlockSize)},
                  std::span<double>(acc));
      }
    }
    void join(const Body& rhs) {
      for (std::size_t k = 0; k < acc.size(); ++k) acc[k] += rhs.acc[k];
    }
  };
  Body body(&kernel, n, width);
  tbb::parallel_deterministic_reduce(tbb::blocked_range<std::size_t>(0, block_count(n), 1), body);
  return std::move(body.acc);
}

}  // namespace aiplus::core
