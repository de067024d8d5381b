#include "cli/common/writing.hpp"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/config/input.hpp"
#include "core/io/output_file.hpp"

namespace aiplus::cli {
namespace {

std::atomic<bool> stop_flag{false};

extern "C" void on_stop_signal(int signal) {
  stop_flag.store(true);
  std::signal(signal, SIG_DFL);  // a second signal stops at once
}

// Claims the path to replace (see core::claim_replacement): "" when this process has it.
std::string claim(const std::string& path) {
  try {
    core::claim_replacement(path);
  } catch (const core::FileBusy& e) {
    return std::string(e.what()) + "; expected a file no other process is replacing or writing";
  } catch (const core::WriteError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

std::string default_output(const std::string& input_path, const std::string& fallback) {
  if (input_path.empty()) return fallback;
  return std::filesystem::path(input_path).stem().string() + ".h5";
}

std::string output_problem(const std::string& path, bool force) {
  if (path.empty()) return "an empty path; expected a file path";
  const auto slash = path.find_last_of('/');
  const std::string folder =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string shown = core::excerpt(folder, 200);
  struct stat status {};
  if (::stat(folder.c_str(), &status) != 0) {
    if (errno == ENOENT) return "folder " + shown + " does not exist; expected an existing folder";
    return "folder " + shown + ": " + std::strerror(errno) + "; expected a folder you can write to";
  }
  if (!S_ISDIR(status.st_mode)) return shown + " is not a folder; expected a file path in a folder";
  if (name.empty() || name == "." || name == "..") return "is a folder; expected a file path";
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return "folder " + shown + " is not writable (" + std::strerror(errno) +
           "); expected a folder you can write to";
  }
  if (const long most = ::pathconf(folder.c_str(), _PC_NAME_MAX);
      most > 0 && name.size() > static_cast<std::size_t>(most)) {
    return "the file name is " + std::to_string(name.size()) + " bytes long; expected at most " +
           std::to_string(most);
  }
  if (::lstat(path.c_str(), &status) != 0) {
    if (errno != ENOENT)
      return std::string(std::strerror(errno)) + "; expected a path that can be written";
    if (force) return claim(path);  // nothing there now: nothing may appear unnoticed
    return "";
  }
  if (auto problem = input_problem(path); !problem.empty()) return problem;
  // Only a regular file is ever replaced: a link, folder, device or FIFO is left alone.
  if (S_ISLNK(status.st_mode))
    return "is a symbolic link; expected a regular file or a new path (give the path it points to)";
  if (S_ISDIR(status.st_mode)) return "is a folder; expected a file path";
  if (!S_ISREG(status.st_mode))
    return "is a device, FIFO or socket, not a regular file; expected a regular file or a new path";
  if (!force) return "file exists; pass --force to replace it";
  if (core::being_written(path)) {
    return "is being written by another process (an aiplus run, sweep or calibration still "
           "running?); --force never "
           "replaces a file in use";
  }
  return claim(path);
}

std::string input_problem(const std::string& path) {
  const auto input = core::input_at(path);
  if (!input) return "";
  return "is the " + input->what + " " + core::excerpt(input->path, 200) +
         " that this command reads; expected an output path that is none of its inputs";
}

std::string space_problem(const std::string& path, double bytes) {
  const auto slash = path.find_last_of('/');
  const std::string folder =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const auto megabytes = [](double b) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", b / 1e6);
    return std::string(text);
  };
  const std::string needs = "the file needs " + megabytes(bytes) + ", more than ";
  struct statvfs space {};
  if (::statvfs(folder.c_str(), &space) == 0) {
    const double free = static_cast<double>(space.f_bavail) * static_cast<double>(space.f_frsize);
    if (bytes > free) {
      return needs + "the " + megabytes(free) + " free in " + core::excerpt(folder, 200) +
             "; expected more free space, or fewer runs or steps";
    }
  }
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      bytes > static_cast<double>(limit.rlim_cur)) {
    return needs + "the file size limit of " + megabytes(static_cast<double>(limit.rlim_cur)) +
           " (ulimit -f); expected a higher limit, or fewer runs or steps";
  }
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
