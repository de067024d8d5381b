// Bounds on what aiplus reads. Config and experiment files must be regular files of
// at most kMaxInputBytes; their TOML is scanned before it is parsed, so that a key
// of thousands of dotted parts or an array of millions of items is refused with a
// located message instead of exhausting the stack or memory. Messages quote input
// only through excerpt(): short, with control characters escaped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.hpp"

namespace aiplus::core {

/// Largest config or experiment file read.
inline constexpr std::size_t kMaxInputBytes = std::size_t{16} << 20;
/// Most dotted parts of one key, and most nested arrays and inline tables.
inline constexpr std::size_t kMaxTomlDepth = 64;
/// Longest string, quoted key or bare word, in bytes.
inline constexpr std::size_t kMaxTomlString = std::size_t{64} << 10;
/// Most items of one array or inline table.
inline constexpr std::size_t kMaxTomlItems = 100'000;
/// Most problems listed for one input; the rest are counted.
inline constexpr std::size_t kMaxDiagnostics = 20;

/// The text of a config or experiment file (`what` names it in messages, e.g.
/// "config file"). Throws ConfigError at `asked_from` when the path is empty, names
/// something other than a regular file (a folder, FIFO or device), cannot be read,
/// or holds more than kMaxInputBytes. Nothing but a regular file is ever opened.
[[nodiscard]] std::string read_input_file(const std::string& path, const SourcePos& asked_from,
                                          const char* what);

/// A file this process read as input, and what it was read as ("config file", ...).
struct InputRead {
  std::string path;
  std::string what;
};

/// Records the file at `path` as an input of this process, by device and inode, so
/// that no output replaces it; read_input_file records every file it reads.
void note_input(const std::string& path, const std::string& what);

/// Forgets every input recorded so far: a process that runs several commands (the
/// Python module) starts each with none.
void forget_inputs();

/// The input that `path` is, through symbolic links, `.`/`..` or a hard link (the same
/// device and inode); nothing when it is none of them or does not exist.
[[nodiscard]] std::optional<InputRead> input_at(const std::string& path);

/// Throws ConfigError, located in `text` as if it began at `origin`, when a key has
/// more than kMaxTomlDepth dotted parts, arrays and inline tables nest deeper than
/// kMaxTomlDepth, a string or bare word is longer than kMaxTomlString bytes, or an
/// array or inline table has more than kMaxTomlItems items. Syntax is left to the parser.
void check_toml_limits(std::string_view text, const SourcePos& origin);

/// At most `width` characters of `text` for a message, "..." when cut, with control
/// characters written as escapes (\n, \t, \x1b, ...).
[[nodiscard]] std::string excerpt(std::string_view text, std::size_t width = 60);

}  // namespace aiplus::core
