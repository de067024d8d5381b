// What the commands that write files share: output path checks and the stop signal.
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace aiplus::cli {

/// The default output file: the input's name with .h5, in the current folder.
[[nodiscard]] std::string default_output(const std::string& input_path,
                                         const std::string& fallback);

/// Why an output path cannot be used ("" when it can): its folder must exist and be
/// writable, the name must fit, the path must be none of the command's inputs, and it
/// must be new, or, with `force`, a regular file this user may write that no process is
/// writing or replacing; with `force` this process then claims it, so that a second
/// aiplus replacing the same file is refused. Checked before anything is built, so bad
/// input leaves no file.
[[nodiscard]] std::string output_problem(const std::string& path, bool force);

/// Why `path` cannot be an output because the command reads it ("" when it is none
/// of its inputs): the config, a file it extends, an experiment, calibration, targets
/// or posterior file, however it is named (links, `..`, hard links).
[[nodiscard]] std::string input_problem(const std::string& path);

/// Why a file of `bytes` cannot be written at `path` ("" when it can): more than the
/// space free on its file system, or than the process's file size limit.
[[nodiscard]] std::string space_problem(const std::string& path, double bytes);

/// A fingerprint of texts (FNV-1a over each text and a newline, 16 hex digits): what a
/// file that is resumed must have been written for.
[[nodiscard]] std::string fingerprint(const std::vector<std::string>& texts);

/// Makes SIGINT and SIGTERM set stop_requested(); a second signal stops at once.
void install_stop_handlers();
/// True once a stop signal arrived; the engine stops at the end of the current step.
[[nodiscard]] std::atomic<bool>& stop_requested();

}  // namespace aiplus::cli
