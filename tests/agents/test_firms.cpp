// The firm table: every column declared once is allocated, permuted and counted.
#include <numeric>

#include "agents/firms.hpp"
#include "test.h"

using namespace aiplus::agents;

TEST_CASE("resize gives every column its length and initial value") {
  Firms f;
  f.resize(10);
  std::size_t columns = 0;
  Firms::each_column(f, [&](auto& column, const ColumnMeta& meta) {
    ++columns;
    if constexpr (requires { column.current(); }) {
      CHECK(column.current().size() == 10);
      CHECK(column.next().size() == 10);
    } else {
      CHECK(column.size() == 10);
      CHECK(static_cast<double>(column[9]) == meta.initial);
    }
  });
  CHECK(columns >= 15);
  CHECK(f.changed[0] == kNever);
}

TEST_CASE("permute moves every column alike") {
  Firms f;
  f.resize(4);
  for (std::uint32_t i = 0; i < 4; ++i) {
    f.sector[i] = static_cast<std::uint8_t>(i);
    f.employees[i] = static_cast<float>(10 * i);
    f.stage.current()[i] = static_cast<std::uint8_t>(i % 4);
    f.adopted_partners[i] = 100 + i;
  }
  f.permute({2, 0, 3, 1});  // firm i goes to position order[i]
  CHECK(f.sector[2] == 0);
  CHECK(f.sector[0] == 1);
  CHECK(f.employees[3] == 20.0f);
  CHECK(f.adopted_partners[1] == 103);
  CHECK(f.stage.current()[1] == 3);
  CHECK(f.stage.next()[1] == 3);
}

TEST_CASE("the memory estimate comes from the declaration") {
  Firms f;
  f.resize(1000);
  CHECK(f.memory_bytes() >= 1000 * Firms::bytes_per_firm());
  CHECK(f.memory_bytes() <= 1000 * Firms::bytes_per_firm() + 64 * 20);  // alignment slack
}
