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
