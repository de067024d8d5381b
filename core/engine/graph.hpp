// An undirected partner graph in compressed sparse rows: one offsets column and
// one targets column, each link stored once per end (4 bytes per link end).
#pragma once

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <numeric>
#include <span>
#include <stdexcept>

#include "core/engine/columns.hpp"
#include "core/engine/parallel.hpp"

namespace aiplus::core {

/// Symmetric CSR adjacency over nodes 0..n-1.
class Graph {
 public:
  Graph() = default;

  /// Whether a row's entries say which end proposed the link.
  enum class Ends : std::uint8_t { Plain, MarkProposer };
  /// The top bit of an entry under Ends::MarkProposer: the row's node proposed the link.
  static constexpr std::uint32_t kProposed = 0x80000000u;
  /// The partner an entry names.
  [[nodiscard]] static constexpr std::uint32_t node(std::uint32_t entry) noexcept {
    return entry & ~kProposed;
  }
  /// Whether the row's own node proposed the link an entry names.
  [[nodiscard]] static constexpr bool proposed(std::uint32_t entry) noexcept {
    return (entry & kProposed) != 0;
  }

  /// Builds the symmetric graph of proposed links. propose(i, link) must call
  /// link(j) for each partner j != i that node i proposes, and must propose the
  /// same partners every time it is called (it is called twice: count, then fill).
  /// Rows come out sorted, so the result never depends on the thread count. With
  /// Ends::MarkProposer the proposer's entry carries kProposed (read entries through
  /// node()), and n must stay below kProposed.
  template <class Propose>
  [[nodiscard]] static Graph symmetric(std::uint32_t n, Propose&& propose, Ends ends = Ends::Plain);

  /// The entries of node i's row, in increasing order (a pair proposed twice appears
  /// twice); under Ends::MarkProposer, node() gives the partner.
  [[nodiscard]] std::span<const std::uint32_t> partners(std::uint32_t i) const noexcept {
    return {targets_.data() + offsets_[i], targets_.data() + offsets_[i + 1]};
  }
  /// Number of partners of node i.
  [[nodiscard]] std::uint32_t degree(std::uint32_t i) const noexcept {
    return static_cast<std::uint32_t>(offsets_[i + 1] - offsets_[i]);
  }
  /// Calls visit(j) for every partner j of every node in `nodes`, node by node. The
  /// nodes' rows are scattered through memory (newcomers, say), so each node's row
  /// of offsets is asked of the cache eight nodes ahead and its partners four ahead.
  template <class Visit>
  void for_each_partner_of(std::span<const std::uint32_t> nodes, Visit&& visit) const {
    constexpr std::size_t kAhead = 4;
    const std::size_t n = nodes.size();
    for (std::size_t k = 0; k < std::min(n, 2 * kAhead); ++k)
      __builtin_prefetch(offsets_.data() + nodes[k]);
    for (std::size_t k = 0; k < n; ++k) {
      if (k + 2 * kAhead < n) __builtin_prefetch(offsets_.data() + nodes[k + 2 * kAhead]);
      if (k + kAhead < n) __builtin_prefetch(targets_.data() + offsets_[nodes[k + kAhead]]);
      for (std::uint32_t j : partners(nodes[k])) visit(j);
    }
  }
  /// Number of nodes.
  [[nodiscard]] std::uint32_t nodes() const noexcept {
    return offsets_.empty() ? 0 : static_cast<std::uint32_t>(offsets_.size() - 1);
  }
  /// Number of link ends (twice the number of links).
  [[nodiscard]] std::uint64_t link_ends() const noexcept { return targets_.size(); }
  /// Bytes held by the graph.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return offsets_.capacity() * sizeof(std::uint64_t) +
           targets_.capacity() * sizeof(std::uint32_t);
  }

 private:
  Column<std::uint64_t> offsets_;
  Column<std::uint32_t> targets_;
};

template <class Propose>
Graph Graph::symmetric(std::uint32_t n, Propose&& propose, Ends ends) {
  const std::uint32_t mark = ends == Ends::MarkProposer ? kProposed : 0u;
  if (mark != 0 && n >= kProposed) throw std::length_error("graph: too many nodes to mark ends");
  Graph g;
  g.offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
  // Pass 1: degrees. Integer increments commute, so the counts are exact.
  {
    Column<std::uint32_t> degree(n, 0);
    for_each_block(n, [&](Block b) {
      for (auto i = static_cast<std::uint32_t>(b.begin); i < b.end; ++i) {
        propose(i, [&](std::uint32_t j) {
          if (j == i || j >= n) throw std::logic_error("partner proposal out of range or self");
          std::atomic_ref<std::uint32_t>(degree[i]).fetch_add(1, std::memory_order_relaxed);
          std::atomic_ref<std::uint32_t>(degree[j]).fetch_add(1, std::memory_order_relaxed);
        });
      }
    });
    std::inclusive_scan(degree.begin(), degree.end(), g.offsets_.begin() + 1, std::plus<>{},
                        std::uint64_t{0});
  }
  // Pass 2: fill each row through a per-row cursor, in whatever order threads arrive.
  g.targets_.resize(g.offsets_[n]);
  {
    Column<std::uint64_t> cursor(g.offsets_.begin(), g.offsets_.end() - 1);
    for_each_block(n, [&](Block b) {
      for (auto i = static_cast<std::uint32_t>(b.begin); i < b.end; ++i) {
        propose(i, [&](std::uint32_t j) {
          g.targets_[std::atomic_ref<std::uint64_t>(cursor[i]).fetch_add(
              1, std::memory_order_relaxed)] = j | mark;
          g.targets_[std::atomic_ref<std::uint64_t>(cursor[j]).fetch_add(
              1, std::memory_order_relaxed)] = i;
        });
      }
    });
  }
  // Pass 3: sorting each row erases the arrival order.
  for_each_block(n, [&](Block b) {
    for (std::size_t i = b.begin; i < b.end; ++i) {
      std::sort(g.targets_.begin() + static_cast<std::ptrdiff_t>(g.offsets_[i]),
                g.targets_.begin() + static_cast<std::ptrdiff_t>(g.offsets_[i + 1]));
    }
  });
  return g;
}

}  // namespace aiplus::core
