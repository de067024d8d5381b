// Structure-of-arrays storage: each firm attribute is one contiguous column, and
// state that a step rewrites is double-buffered so a step reads only the state
// left by the previous one (synchronous update).
#pragma once

#include <oneapi/tbb/cache_aligned_allocator.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace aiplus::core {

/// One attribute of every firm, cache-line aligned so blocks of firms stream well.
template <class T>
using Column = std::vector<T, tbb::cache_aligned_allocator<T>>;

/// A state column with a current buffer (read during a step) and a next buffer
/// (written during a step); swap() publishes the next state.
template <class T>
class Buffered {
 public:
  using value_type = T;
  Buffered() = default;
  explicit Buffered(std::size_t n, T value = T{}) : current_(n, value), next_(n, value) {}

  [[nodiscard]] const Column<T>& current() const noexcept { return current_; }
  [[nodiscard]] Column<T>& current() noexcept { return current_; }
  [[nodiscard]] Column<T>& next() noexcept { return next_; }
  [[nodiscard]] std::size_t size() const noexcept { return current_.size(); }
  /// Makes the state written this step the state read next step.
  void swap() noexcept { std::swap(current_, next_); }
  /// Bytes held by both buffers.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return 2 * current_.capacity() * sizeof(T);
  }

 private:
  Column<T> current_;
  Column<T> next_;
};

}  // namespace aiplus::core
