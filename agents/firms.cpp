#include "agents/firms.hpp"

#include <algorithm>
#include <type_traits>

namespace aiplus::agents {
namespace {

template <class T>
struct is_buffered : std::false_type {};
template <class T>
struct is_buffered<core::Buffered<T>> : std::true_type {};

}  // namespace

std::size_t Clusters::of(std::uint32_t firm) const {
  return static_cast<std::size_t>(std::upper_bound(begin.begin(), begin.end(), firm) -
                                  begin.begin()) -
         1;
}

std::uint32_t Clusters::draw(std::uint32_t first, std::uint32_t end, double u) const {
  const auto run_at = [&](std::uint32_t firm) {
    return static_cast<std::size_t>(std::lower_bound(run_begin.begin(), run_begin.end(), firm) -
                                    run_begin.begin());
  };
  const std::size_t a = run_at(first), b = run_at(end);
  const double total = firms_before[b] - firms_before[a];
  if (!(total > 0)) return end;
  const double t = firms_before[a] + u * total;
  const auto after = std::upper_bound(firms_before.begin() + static_cast<std::ptrdiff_t>(a),
                                      firms_before.begin() + static_cast<std::ptrdiff_t>(b), t);
  const std::size_t r = static_cast<std::size_t>(after - firms_before.begin()) - 1;
  const std::uint32_t agents = run_begin[r + 1] - run_begin[r];
  const double per_agent = (firms_before[r + 1] - firms_before[r]) / agents;
  const auto k = static_cast<std::uint32_t>((t - firms_before[r]) / per_agent);
  return run_begin[r] + std::min(k, agents - 1);
}

void Firms::resize(std::uint32_t n) {
  count = n;
  each_column(*this, [n](auto& column, const ColumnMeta& meta) {
    using C = std::remove_cvref_t<decltype(column)>;
    using T = typename C::value_type;
    if constexpr (is_buffered<C>::value) {
      column = C(n, static_cast<T>(meta.initial));
    } else {
      column.assign(n, static_cast<T>(meta.initial));
    }
  });
}

void Firms::permute(const std::vector<std::uint32_t>& order) {
  each_column(*this, [&](auto& column, const ColumnMeta&) {
    using C = std::remove_cvref_t<decltype(column)>;
    auto move = [&](auto& from) {
      std::remove_cvref_t<decltype(from)> to(from.size());
      for (std::size_t i = 0; i < from.size(); ++i) to[order[i]] = from[i];
      from.swap(to);
    };
    if constexpr (is_buffered<C>::value) {
      move(column.current());
      column.next() = column.current();
    } else {
      move(column);
    }
  });
}

std::size_t Firms::memory_bytes() const noexcept {
  std::size_t bytes = 0;
  each_column(*this, [&](const auto& column, const ColumnMeta&) {
    using C = std::remove_cvref_t<decltype(column)>;
    if constexpr (is_buffered<C>::value) {
      bytes += column.memory_bytes();
    } else {
      bytes += column.capacity() * sizeof(typename C::value_type);
    }
  });
  return bytes;
}

std::size_t Firms::bytes_per_firm() {
  std::size_t bytes = 0;
  const Firms none;
  each_column(none, [&](const auto& column, const ColumnMeta&) {
    using C = std::remove_cvref_t<decltype(column)>;
    bytes += (is_buffered<C>::value ? 2 : 1) * sizeof(typename C::value_type);
  });
  return bytes;
}

}  // namespace aiplus::agents
