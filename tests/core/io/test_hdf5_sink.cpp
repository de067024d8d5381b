#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/io/hdf5_sink.hpp"
#include "test.h"

using namespace aiplus::core;

namespace {

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("aiplus_test_") + name + ".h5"))
      .string();
}

std::vector<double> read_series(const std::string& path, const std::string& dataset) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  const hid_t d = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
  REQUIRE(d >= 0);
  const hid_t space = H5Dget_space(d);
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  std::vector<double> out(n);
  if (n) H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
  H5Sclose(space), H5Dclose(d), H5Fclose(file);
  return out;
}

int read_complete(const std::string& path) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  const hid_t a = H5Aopen(file, "complete", H5P_DEFAULT);
  int value = -1;
  H5Aread(a, H5T_NATIVE_INT, &value);
  H5Aclose(a), H5Fclose(file);
  return value;
}

GroupInfo national(std::vector<SeriesInfo> series) {
  return {"national", {}, std::move(series)};
}

RunInfo demo_info() {
  RunInfo info;
  info.seed = 3;
  info.config_toml = "[simulation]\nseed = 3\n";
  info.version = "test";
  info.start_date = "2025-01";
  info.steps = 3;
  return info;
}

}  // namespace

TEST_CASE("rows stream into /national and complete is set only at a full end") {
  const auto path = temp_path("rows");
  std::filesystem::remove(path);
  {
    Hdf5Sink sink(path, false);
    sink.begin(demo_info(), {national({{"a", "1", "series a"}, {"b", "TWh", "series b"}})});
    for (std::uint32_t t = 0; t < 4; ++t) sink.write(t, Frame{{0.5 * t, 10.0 + t}});
    CHECK(read_complete(path) == 0);  // readable, and marked incomplete, while running
    sink.end(true, {{"milestone", 0.5}});
  }
  CHECK(read_complete(path) == 1);
  CHECK(read_series(path, "/national/a") == std::vector<double>{0, 0.5, 1.0, 1.5});
  CHECK(read_series(path, "/national/b") == std::vector<double>{10, 11, 12, 13});
  std::filesystem::remove(path);
}

TEST_CASE("rows reach the file a chunk at a time while the run goes on") {
  const auto path = temp_path("chunks");
  std::filesystem::remove(path);
  Hdf5Sink sink(path, false);
  sink.begin(demo_info(), {national({{"a", "1", "series a"}})});
  for (std::uint32_t t = 0; t < 70; ++t) sink.write(t, Frame{{double(t)}});
  const auto during = read_series(path, "/national/a");
  CHECK(during.size() >= 64);  // a full chunk is written without waiting for the end
  CHECK(during.size() <= 70);
  for (std::size_t k = 0; k < during.size(); ++k) CHECK(during[k] == double(k));
  sink.end(false, {});
  CHECK(read_series(path, "/national/a").size() == 70);
  CHECK(read_complete(path) == 0);
  std::filesystem::remove(path);
}

TEST_CASE("an early end leaves complete = 0 and every written row") {
  const auto path = temp_path("early");
  std::filesystem::remove(path);
  {
    Hdf5Sink sink(path, false);
    sink.begin(demo_info(), {national({{"a", "1", "series a"}})});
    sink.write(0, Frame{{0.25}});
    sink.end(false, {});
  }
  CHECK(read_complete(path) == 0);
  CHECK(read_series(path, "/national/a") == std::vector<double>{0.25});
  std::filesystem::remove(path);
}

TEST_CASE("an existing file is kept unless overwriting was asked for") {
  const auto path = temp_path("exists");
  std::filesystem::remove(path);
  {
    Hdf5Sink sink(path, false);
    sink.begin(demo_info(), {national({{"a", "1", "series a"}})});
    sink.end(true, {});
  }
  Hdf5Sink again(path, false);
  CHECK_THROWS_WITH(again.begin(demo_info(), {national({{"a", "1", "a"}})}),
                    doctest::Contains(path.c_str()));
  CHECK(read_complete(path) == 1);
  Hdf5Sink replace(path, true);
  replace.begin(demo_info(), {national({{"a", "1", "series a"}})});
  replace.end(false, {});
  CHECK(read_complete(path) == 0);
  std::filesystem::remove(path);
}

TEST_CASE("groups with dimensions are (time, dims...) with labelled dimensions") {
  const auto path = temp_path("segments");
  std::filesystem::remove(path);
  {
    Hdf5Sink sink(path, false);
    GroupInfo segments{"segment",
                       {{"sector", {"ict", "farming", "finance"}}, {"size", {"small", "large"}}},
                       {{"share", "1", "a share"}}};
    sink.begin(demo_info(), {national({{"a", "1", "series a"}}), segments});
    sink.write(0, Frame{{1.0}, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}});
    sink.write(1, Frame{{2.0}, {0.7, 0.8, 0.9, 1.0, 1.1, 1.2}});
    sink.end(true, {});
  }
  CHECK(read_series(path, "/segment/share") ==
        std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2});
  CHECK(read_series(path, "/national/a") == std::vector<double>{1.0, 2.0});
  std::filesystem::remove(path);
}
