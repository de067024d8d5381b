// The sweep file's promises about its bytes: after it is laid out, writing a run,
// resuming and ending change only the bytes they own, so that a kill at any moment
// leaves every run marked done intact; and its lock keeps other writers away.
#include <hdf5.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/study/sweep/hdf5_sweep.hpp"
#include "test.h"

using namespace aiplus::core;
using aiplus::test::TempDir;

namespace {

SweepPlan demo_plan() {
  SweepPlan plan;
  plan.groups = {{"national", {}, {{"a", "1", "series a"}, {"b", "1", "series b"}}},
                 {"segment", {{"size", {"small", "large", "huge"}}}, {{"c", "1", "series c"}}}};
  for (std::uint64_t seed = 1; seed <= 4; ++seed)
    plan.runs.push_back({seed, seed <= 2 ? "x" : "y", {}, {}, seed <= 2 ? 0u : 1u});
  plan.fingerprint = "demo";
  return plan;
}

RunInfo demo_info() {
  RunInfo info;
  info.config_toml = "replicates = 2\n";
  info.version = "test";
  info.time_units = "days since 2025-01-01";
  info.time = {0, 31, 59};
  info.steps = 2;
  return info;
}

std::vector<double> values_of(std::size_t run) {
  std::vector<double> values(values_per_run(demo_plan().groups, 3));
  for (std::size_t k = 0; k < values.size(); ++k)
    values[k] = static_cast<double>(run) + 0.01 * static_cast<double>(k);
  return values;
}

std::vector<char> bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Byte ranges [begin, end) of datasets in the file, read without taking HDF5's lock.
struct Regions {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  [[nodiscard]] bool contain(std::size_t at) const {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&](const auto& r) { return at >= r.first && at < r.second; });
  }
};

// Where `rows` [first, first + count) of each named dataset lie in the file.
Regions regions(const std::string& path, const std::vector<std::string>& datasets,
                std::size_t first, std::size_t count) {
  const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_file_locking(access, false, true);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access);
  REQUIRE(file >= 0);
  Regions out;
  for (const auto& name : datasets) {
    const hid_t d = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t space = H5Dget_space(d);
    hsize_t dims[8];
    const int rank = H5Sget_simple_extent_dims(space, dims, nullptr);
    const hid_t type = H5Dget_type(d);
    std::size_t row = H5Tget_size(type);
    for (int k = 1; k < rank; ++k) row *= dims[k];
    const auto offset = static_cast<std::size_t>(H5Dget_offset(d));
    REQUIRE(H5Dget_offset(d) != HADDR_UNDEF);
    out.ranges.emplace_back(offset + first * row, offset + (first + count) * row);
    H5Tclose(type), H5Sclose(space), H5Dclose(d);
  }
  H5Fclose(file), H5Pclose(access);
  return out;
}

// Bytes that differ between two images of a file outside `allowed`.
std::size_t changed_outside(const std::vector<char>& before, const std::vector<char>& after,
                            const Regions& allowed) {
  REQUIRE(before.size() == after.size());  // nothing allocated, nothing lost
  std::size_t n = 0;
  for (std::size_t k = 0; k < before.size(); ++k) n += before[k] != after[k] && !allowed.contain(k);
  return n;
}

const std::vector<std::string> kRunTables{"national/a", "national/b", "segment/c"};

// Writes a sweep file at `path` with the runs `done`, ended (closed) as `complete`.
void write_sweep(const std::string& path, const std::vector<std::size_t>& done, bool complete) {
  Hdf5SweepFile file(path);
  file.create(demo_info(), demo_plan(), false);
  for (const std::size_t r : done) file.write_run(r, values_of(r));
  file.end(complete);
}

}  // namespace

TEST_CASE("writing a run changes only its rows, then its checksum and done flag") {
  const TempDir dir;
  const auto path = (dir.path / "sweep.h5").string();
  Hdf5SweepFile file(path);
  file.create(demo_info(), demo_plan(), false);
  CHECK(dir.entries() == 1);  // the temporary name is gone
  const auto before = bytes_of(path);
  file.write_run(1, values_of(1));
  const auto after = bytes_of(path);
  auto allowed = regions(path, kRunTables, 1, 1);
  const auto flags = regions(path, {"national/done", "national/checksum"}, 1, 1);
  allowed.ranges.insert(allowed.ranges.end(), flags.ranges.begin(), flags.ranges.end());
  CHECK(changed_outside(before, after, allowed) == 0);
  CHECK(changed_outside(before, after, Regions{}) > 0);
  file.end(false);
}

TEST_CASE("resuming an intact file changes only `complete`; ending only the summaries") {
  const TempDir dir;
  const auto path = (dir.path / "sweep.h5").string();
  write_sweep(path, {0, 2, 3}, false);
  const auto before = bytes_of(path);
  Hdf5SweepFile file(path);
  file.resume(demo_info(), demo_plan());
  CHECK(file.done() == std::vector<bool>{true, false, true, true});
  CHECK(file.damaged().empty());
  const auto resumed = bytes_of(path);
  CHECK(changed_outside(before, resumed, Regions{}) <= 4);  // the int32 `complete`
  file.write_run(1, values_of(1));
  const auto written = bytes_of(path);
  file.end(true);
  const auto ended = bytes_of(path);
  std::vector<std::string> summaries{"summary/runs", "summary/segment/runs"};
  for (const char* s : {"a", "b"})
    for (const char* k : {"_mean", "_lo", "_hi"})
      summaries.push_back(std::string("summary/") + s + k);
  for (const char* k : {"_mean", "_lo", "_hi"})
    summaries.push_back(std::string("summary/segment/c") + k);
  // end_time (20 bytes) and complete (4) are rewritten in place; nothing else moves.
  CHECK(changed_outside(written, ended, regions(path, summaries, 0, 2)) <= 24);
}

TEST_CASE("a run whose bytes were damaged is found on resume and counts as not done") {
  const TempDir dir;
  const auto path = (dir.path / "sweep.h5").string();
  write_sweep(path, {0, 1, 2, 3}, true);
  const auto row = regions(path, {"segment/c"}, 2, 1).ranges.front();
  {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(static_cast<std::streamoff>(row.first + 5));
    f.put('\x7f');
  }
  Hdf5SweepFile file(path);
  file.resume(demo_info(), demo_plan());
  CHECK(file.done() == std::vector<bool>{true, true, false, true});
  CHECK(file.damaged() == std::vector<std::size_t>{2});
  file.write_run(2, values_of(2));
  file.end(true);
  Hdf5SweepFile again(path);
  again.resume(demo_info(), demo_plan());
  CHECK(again.damaged().empty());
  CHECK(again.done() == std::vector<bool>(4, true));
  again.end(true);
}

TEST_CASE("a file being written is left alone by another writer") {
  const TempDir dir;
  const auto path = (dir.path / "sweep.h5").string();
  Hdf5SweepFile writer(path);
  writer.create(demo_info(), demo_plan(), false);
  writer.write_run(0, values_of(0));
  const auto before = bytes_of(path);
  Hdf5SweepFile other(path);
  CHECK_THROWS_AS(other.resume(demo_info(), demo_plan()), FileBusy);
  CHECK_THROWS_AS(other.create(demo_info(), demo_plan(), true), FileBusy);
  CHECK_THROWS_AS(other.create(demo_info(), demo_plan(), false), PathTaken);
  CHECK(bytes_of(path) == before);
  CHECK(dir.entries() == 1);  // the refused attempts removed their temporary files
  writer.end(false);
  // Once the writer is done, the file can be replaced on request.
  other.create(demo_info(), demo_plan(), true);
  other.end(false);
  CHECK(dir.entries() == 1);
}

TEST_CASE("a file that is not a sweep file of this layout is refused on resume") {
  const TempDir dir;
  const auto path = (dir.path / "sweep.h5").string();
  std::ofstream(path) << "not HDF5";
  Hdf5SweepFile garbage(path);
  CHECK_THROWS_WITH_AS(garbage.resume(demo_info(), demo_plan()),
                       doctest::Contains("cannot be read as HDF5"), ConfigError);
  CHECK(bytes_of(path) == std::vector<char>{'n', 'o', 't', ' ', 'H', 'D', 'F', '5'});
  const auto other = (dir.path / "other.h5").string();
  const hid_t file = H5Fcreate(other.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(file);
  Hdf5SweepFile empty(other);
  CHECK_THROWS_AS(empty.resume(demo_info(), demo_plan()), ConfigError);
}

TEST_CASE("contrasts and configs are laid out at creation; ending writes contrasts in place") {
  const TempDir dir;
  const auto path = (dir.path / "sweep.h5").string();
  auto plan = demo_plan();
  plan.design.arms = {"x", "y"};
  plan.design.seeds = 2;
  plan.config = [](std::size_t r) { return "seed = " + std::to_string(r + 1) + "\n"; };
  Hdf5SweepFile file(path);
  file.create(demo_info(), plan, false);
  for (std::size_t r = 0; r < 4; ++r) file.write_run(r, values_of(r));
  const auto written = bytes_of(path);
  file.end(true);
  std::vector<std::string> tables{"summary/runs", "summary/segment/runs"};
  for (const char* k : {"_mean", "_lo", "_hi"}) {
    for (const char* s : {"summary/a", "summary/b", "summary/segment/c"})
      tables.push_back(std::string(s) + k);
  }
  auto allowed = regions(path, tables, 0, 2);
  std::vector<std::string> contrast_tables;
  for (const char* k : {"_mean", "_lo", "_hi"}) {
    for (const char* s : {"contrasts/a", "contrasts/b", "contrasts/segment/c"})
      contrast_tables.push_back(std::string(s) + k);
  }
  const auto contrast = regions(path, contrast_tables, 0, 1);
  allowed.ranges.insert(allowed.ranges.end(), contrast.ranges.begin(), contrast.ranges.end());
  CHECK(changed_outside(written, bytes_of(path), allowed) <= 24);
  // y - x: runs 2 and 3 against runs 0 and 1, each 2 above, at every element.
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, "contrasts/segment/c_mean", H5P_DEFAULT);
  std::vector<double> mean(9);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, mean.data());
  for (const double m : mean) CHECK(m == doctest::Approx(2.0));
  const hid_t c = H5Dopen2(f, "runs/config", H5P_DEFAULT);
  const hid_t type = H5Dget_type(c);
  std::vector<char> text(4 * H5Tget_size(type));
  H5Dread(c, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data());
  const std::size_t width = H5Tget_size(type);  // the longest config; shorter ones padded
  CHECK(std::string(text.data() + 3 * width, width) == "seed = 4\n");
  H5Tclose(type), H5Dclose(c), H5Dclose(d), H5Fclose(f);
}
