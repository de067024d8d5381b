#include <cmath>
#include <cstring>
#include <vector>

#include "core/engine/parallel.hpp"
#include "core/engine/rng.hpp"
#include "test.h"

using namespace aiplus::core;

TEST_CASE("blocks tile the range exactly once") {
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, kBlockSize - 1, kBlockSize, kBlockSize + 1,
                        5 * kBlockSize + 17}) {
    std::vector<int> seen(n, 0);
    for_each_block(n, [&](Block b) {
      CHECK(b.begin == b.index * kBlockSize);
      for (std::size_t i = b.begin; i < b.end; ++i) ++seen[i];
    });
    for (int s : seen) CHECK(s == 1);
    CHECK(block_count(n) * kBlockSize >= n);
  }
}

TEST_CASE("reduce_blocks is bit-identical for any thread count") {
  const RandomStreams streams(5);
  std::vector<double> values(400'000);
  for (std::uint32_t i = 0; i < values.size(); ++i)
    values[i] = std::exp(30 * streams.uniform(i, 0, 0) - 15);
  const auto sum_with = [&](int threads) {
    return aiplus::test::with_threads(threads, [&] {
      return reduce_blocks(values.size(), 3, [&](Block b, std::span<double> acc) {
        for (std::size_t i = b.begin; i < b.end; ++i)
          acc[0] += values[i], acc[1] += 1 / values[i], acc[2] += 1;
      });
    });
  };
  const auto one = sum_with(1);
  CHECK(one[2] == 400'000);
  long double exact = 0;
  for (double v : values) exact += v;
  CHECK(std::abs(one[0] - static_cast<double>(exact)) < 1e-12 * static_cast<double>(exact));
  for (int threads : {2, 3, 4}) {
    const auto many = sum_with(threads);
    CHECK(std::memcmp(one.data(), many.data(), 3 * sizeof(double)) == 0);
  }
}
