#include "core/config/input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <vector>

namespace aiplus::core {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string mebibytes(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", bytes / (1 << 20));
  return text;
}

// Every file read as input, by device and inode (reads may come from several threads).
struct Inputs {
  std::mutex mutex;
  struct Entry {
    dev_t device;
    ino_t inode;
    InputRead read;
  };
  std::vector<Entry> entries;
};

Inputs& inputs() {
  static Inputs all;
  return all;
}

// The input that is the file of `status`; nullptr when none is. The caller holds the lock.
const InputRead* recorded(const Inputs& all, const struct stat& status) {
  for (const auto& e : all.entries)
    if (e.device == status.st_dev && e.inode == status.st_ino) return &e.read;
  return nullptr;
}

void record(const struct stat& status, const std::string& path, const std::string& what) {
  auto& all = inputs();
  const std::lock_guard lock(all.mutex);
  if (!recorded(all, status)) all.entries.push_back({status.st_dev, status.st_ino, {path, what}});
}

bool bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// A scan of TOML text that knows just enough of the syntax (strings, comments,
// brackets, dotted keys) to measure it; anything it does not understand is left
// for the parser to report.
class Scanner {
 public:
  Scanner(std::string_view text, const SourcePos& origin)
      : text_(text), line_(origin.line), column_(origin.column), source_(origin.source) {}

  void run() {
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '"' || c == '\'') {
        token_start();
        string(c);
        last_ = '"';
      } else if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') advance();
      } else if (c == '\n') {
        dots_ = 0, gap_ = false, last_ = '\n';
        advance();
      } else if (c == ' ' || c == '\t' || c == '\r') {
        gap_ = true;
        advance();
      } else if (bare_key_char(c)) {
        bare_word();
      } else if (c == '.') {
        if (last_ == 'a' || last_ == '"') {
          if (++dots_ >= kMaxTomlDepth) {
            fail(key_at_, "a key of more than " + std::to_string(kMaxTomlDepth) +
                              " dotted parts; expected at most " + std::to_string(kMaxTomlDepth));
          }
        }
        last_ = '.', gap_ = false;
        advance();
      } else {
        punctuation(c);
        last_ = c, gap_ = false;
        advance();
      }
    }
  }

 private:
  [[nodiscard]] SourcePos here() const { return {source_, line_, column_}; }
  [[noreturn]] void fail(const SourcePos& at, const std::string& message) const {
    throw ConfigError(at, message);
  }
  void advance() {
    const auto b = static_cast<unsigned char>(text_[i_++]);
    if (b == '\n') {
      ++line_, column_ = 1;
    } else if ((b & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not the bytes of UTF-8 sequences
    }
  }
  // A key or value token begins: a new dotted key unless it follows a dot.
  void token_start() {
    if (last_ != '.') dots_ = 0, key_at_ = here();
    gap_ = false;
  }
  void too_long(const SourcePos& at, std::size_t bytes) const {
    if (bytes > kMaxTomlString) {
      fail(at, "a string or key of more than " + std::to_string(kMaxTomlString) +
                   " bytes; expected at most " + std::to_string(kMaxTomlString));
    }
  }
  void bare_word() {
    if (!(last_ == 'a' && !gap_)) token_start();
    const SourcePos at = here();
    std::size_t bytes = 0;
    while (i_ < text_.size() && bare_key_char(text_[i_])) advance(), ++bytes;
    too_long(at, bytes);
    last_ = 'a';
  }
  // A basic or literal string, single- or multi-line; an unterminated one ends the scan.
  void string(char quote) {
    const SourcePos at = here();
    const bool multi = text_.substr(i_, 3) == std::string(3, quote);
    for (int k = 0; k < (multi ? 3 : 1); ++k) advance();
    std::size_t bytes = 0;
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (multi && text_.substr(i_, 3) == std::string(3, quote)) {
        for (int k = 0; k < 3; ++k) advance();
        break;
      }
      if (!multi && (c == quote || c == '\n')) {
        if (c == quote) advance();
        break;
      }
      if (c == '\\' && quote == '"' && i_ + 1 < text_.size()) advance(), ++bytes;
      advance(), ++bytes;
    }
    too_long(at, bytes);
  }
  void punctuation(char c) {
    dots_ = 0;
    if (c == '[' || c == '{') {
      open_.push_back({here(), 0});
      if (open_.size() > kMaxTomlDepth) {
        fail(here(), "arrays or inline tables nested more than " + std::to_string(kMaxTomlDepth) +
                         " levels deep; expected at most " + std::to_string(kMaxTomlDepth));
      }
    } else if ((c == ']' || c == '}') && !open_.empty()) {
      open_.pop_back();
    } else if (c == ',' && !open_.empty() && ++open_.back().items >= kMaxTomlItems) {
      fail(open_.back().at, "an array or inline table of more than " +
                                std::to_string(kMaxTomlItems) + " items; expected at most " +
                                std::to_string(kMaxTomlItems));
    }
  }

  struct Open {
    SourcePos at;
    std::size_t items;
  };
  std::string_view text_;
  std::size_t i_ = 0;
  std::uint32_t line_, column_;
  const std::string& source_;
  std::vector<Open> open_;
  std::size_t dots_ = 0;  ///< dots so far in the current dotted key
  SourcePos key_at_;      ///< where the current dotted key began
  bool gap_ = false;      ///< whitespace since the last token
  char last_ = '\n';      ///< 'a' after a bare word, '"' after a string, else the last character
};

}  // namespace

std::string read_input_file(const std::string& path, const SourcePos& asked_from,
                            const char* what) {
  const std::string named = std::string(what) + " " + excerpt(path, 200);
  const auto fail = [&](const std::string& problem, const char* expected) {
    throw ConfigError(asked_from, problem + "; expected " + expected);
  };
  const auto unreadable = [&](int error) {
    fail("cannot open the " + named + ": " + std::strerror(error), "a readable TOML file");
  };
  if (path.empty())
    throw ConfigError(asked_from, std::string("an empty path; expected the path of a ") + what);
  // Only a regular file is opened: opening a device or FIFO can block or have effects.
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) unreadable(errno);
  if (!S_ISREG(status.st_mode))
    fail("the " + named + " is " + kind_of(status.st_mode), "a TOML file");
  const auto too_big = [&](double bytes) {
    fail("the " + named + " holds " + mebibytes(bytes), "at most 16 MiB of TOML");
  };
  if (static_cast<std::uint64_t>(status.st_size) > kMaxInputBytes)
    too_big(static_cast<double>(status.st_size));
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) unreadable(errno);
  std::string text;
  int error = 0;
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    error = EINVAL;
  } else {
    char buffer[1 << 16];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error = errno;
      if (n <= 0 || text.size() > kMaxInputBytes) break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  if (error == 0) record(status, path, what);
  if (error == EINVAL) fail("the " + named + " changed while it was read", "a regular file");
  if (error != 0) unreadable(error);
  if (text.size() > kMaxInputBytes) too_big(static_cast<double>(text.size()));
  return text;
}

void note_input(const std::string& path, const std::string& what) {
  struct stat status {};
  if (::stat(path.c_str(), &status) == 0) record(status, path, what);
}

void forget_inputs() {
  auto& all = inputs();
  const std::lock_guard lock(all.mutex);
  all.entries.clear();
}

std::optional<InputRead> input_at(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  auto& all = inputs();
  const std::lock_guard lock(all.mutex);
  if (const auto* read = recorded(all, status)) return *read;
  return std::nullopt;
}

void check_toml_limits(std::string_view text, const SourcePos& origin) {
  Scanner(text, origin).run();
}

std::string excerpt(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t shown = 0;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool starts_character = (b & 0xC0) != 0x80;
    if (starts_character && shown == width) {
      out += "...";
      break;
    }
    if (starts_character) ++shown;
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (b < 0x20 || b == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", b);
      out += escape;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace aiplus::core
