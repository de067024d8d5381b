// The one header every test includes: doctest, plus helpers shared across modules.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "core/engine/parallel.hpp"

namespace aiplus::test {

/// Runs f with exactly `threads` worker threads.
using core::with_threads;

/// A new folder under /tmp, removed with what it holds at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char name[] = "/tmp/aiplus_test_XXXXXX";
    if (!::mkdtemp(name)) throw std::runtime_error("cannot make a folder under /tmp");
    path = name;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes a file in the folder; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
  /// How many entries the folder holds.
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path),
                                                  std::filesystem::directory_iterator()));
  }
};

}  // namespace aiplus::test
