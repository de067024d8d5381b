#include "cli/common.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace aiplus::cli {
namespace {

std::atomic<bool> stop_flag{false};

extern "C" void on_stop_signal(int signal) {
  stop_flag.store(true);
  std::signal(signal, SIG_DFL);  // a second signal stops at once
}

}  // namespace

std::string default_output(const std::string& input_path, const std::string& fallback) {
  if (input_path.empty()) return fallback;
  return std::filesystem::path(input_path).stem().string() + ".h5";
}

std::string output_problem(const std::string& path, bool force) {
  namespace fs = std::filesystem;
  const fs::path folder =
      fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  if (!fs::is_directory(folder))
    return "folder " + folder.string() + " does not exist; expected an existing folder";
  if (::access(folder.c_str(), W_OK) != 0) return "folder " + folder.string() + " is not writable";
  if (fs::is_directory(path)) return "is a folder; expected a file path";
  if (fs::exists(path) && !force) return "file exists; pass --force to replace it";
  return "";
}

std::string fingerprint(const std::vector<std::string>& texts) {
  std::uint64_t h = 14695981039346656037ull;
  for (const auto& text : texts) {
    for (const char c : text + "\n") h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

void install_stop_handlers() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGXFSZ, SIG_IGN);  // past a file size limit, writes fail with an error we report
}

std::atomic<bool>& stop_requested() {
  return stop_flag;
}

}  // namespace aiplus::cli
