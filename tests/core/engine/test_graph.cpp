#include <algorithm>
#include <map>
#include <utility>

#include "core/engine/graph.hpp"
#include "core/engine/rng.hpp"
#include "test.h"

using aiplus::core::Graph;

namespace {

// Node i proposes links to i+1 and i+3 (mod n): a small graph whose rows are known.
Graph ring(std::uint32_t n) {
  return Graph::symmetric(n, [n](std::uint32_t i, auto&& link) {
    link((i + 1) % n);
    link((i + 3) % n);
  });
}

Graph random_graph(std::uint32_t n, std::uint64_t seed) {
  const aiplus::core::RandomStreams streams(seed);
  return Graph::symmetric(n, [&](std::uint32_t i, auto&& link) {
    for (std::uint32_t k = 0; k < 3; ++k) {
      const std::uint32_t j = static_cast<std::uint32_t>(streams.uniform(i, 0, 1 + k) * (n - 1));
      link(j >= i ? j + 1 : j);
    }
  });
}

}  // namespace

TEST_CASE("links are stored at both ends, rows sorted") {
  const Graph g = ring(10);
  REQUIRE(g.nodes() == 10);
  CHECK(g.link_ends() == 40);
  for (std::uint32_t i = 0; i < 10; ++i) {
    CHECK(g.degree(i) == 4);
    const auto row = g.partners(i);
    CHECK(std::is_sorted(row.begin(), row.end()));
    for (std::uint32_t expected : {(i + 1) % 10, (i + 3) % 10, (i + 9) % 10, (i + 7) % 10}) {
      CHECK(std::find(row.begin(), row.end(), expected) != row.end());
    }
  }
}

TEST_CASE("every link appears once at each end, whatever the size") {
  const Graph g = random_graph(30'000, 5);
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> count;
  for (std::uint32_t i = 0; i < g.nodes(); ++i) {
    for (auto j : g.partners(i)) {
      CHECK(j != i);
      ++count[{std::min(i, j), std::max(i, j)}];
    }
  }
  std::uint64_t ends = 0;
  for (const auto& [edge, c] : count) {
    CHECK(c % 2 == 0);  // one per end (a pair proposed twice counts twice at each end)
    ends += static_cast<std::uint64_t>(c);
  }
  CHECK(ends == g.link_ends());
  CHECK(g.link_ends() == 2ULL * 3 * 30'000);
}

TEST_CASE("the graph is the same for any thread count") {
  const auto one = aiplus::test::with_threads(1, [] { return random_graph(50'000, 9); });
  const auto four = aiplus::test::with_threads(4, [] { return random_graph(50'000, 9); });
  REQUIRE(one.link_ends() == four.link_ends());
  for (std::uint32_t i = 0; i < one.nodes(); ++i) {
    const auto a = one.partners(i), b = four.partners(i);
    REQUIRE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
  }
}

TEST_CASE("a proposal of oneself is a programming error") {
  CHECK_THROWS_AS(Graph::symmetric(5, [](std::uint32_t i, auto&& link) { link(i); }),
                  std::logic_error);
}
