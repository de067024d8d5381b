// Output files that never destroy what aiplus did not create. A file is written
// under a temporary name beside its target, `.NAME.XXXXXX.tmp`, created
// exclusively, and renamed to the target only when aiplus owns a result: where
// nothing is, or (when asked to replace) over a regular file that no process is
// writing and that this process claimed. A failure removes only the temporary file.
// A file being written holds an advisory write lock (flock) for as long as it is
// open, so that another aiplus can tell that it is in use and leave it alone; a file
// about to be replaced holds a record lock (fcntl), so that two processes never both
// replace it.
#pragma once

#include <string>

#include "core/io/hdf5_sink.hpp"

namespace aiplus::core {

/// The file is being written by another process: it holds the write lock.
class FileBusy : public WriteError {
 public:
  using WriteError::WriteError;
};

/// The target path cannot take the file: something appeared there, or it is not a
/// regular file any more. The file was left where it was.
class PathTaken : public WriteError {
 public:
  using WriteError::WriteError;
};

/// Whether another process holds the write lock of the regular file at `path`
/// (false when there is no regular file there).
[[nodiscard]] bool being_written(const std::string& path);

/// Claims `path` for this process to replace (--force): the regular file there now,
/// by device and inode, or the fact that nothing is there. An existing file is opened
/// for writing (never changed) and holds a write record lock until it is replaced, so
/// that of two processes replacing one file only the first gets it; readers (which
/// take flock locks) are not disturbed. Throws FileBusy when another process holds the
/// claim, and WriteError when this user may not write the file.
void claim_replacement(const std::string& path);

/// Gives up every claim this process still holds (a command that ended without
/// replacing its file): a process that runs several commands calls it after each.
void release_claims();

/// One output file and its open descriptor, which holds its lock and makes it durable.
class OutputFile {
 public:
  /// A new, empty temporary file beside `target` (mode 0666 less the umask). Throws
  /// WriteError naming the folder when it cannot be created.
  [[nodiscard]] static OutputFile beside(const std::string& target);
  /// An existing regular file, opened for writing in place (never truncated). Throws
  /// WriteError when it cannot be opened or is not a regular file.
  [[nodiscard]] static OutputFile existing(const std::string& path);

  /// No file.
  OutputFile() = default;
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  /// Closes the file; a temporary file never placed or kept is removed.
  ~OutputFile();

  /// Where the file is now.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// True while the file still has its temporary name.
  [[nodiscard]] bool temporary() const noexcept { return temporary_; }

  /// Takes the write lock, held until the file is closed. Throws FileBusy when another
  /// process writes the file, naming the kind of holder.
  void lock();
  /// Makes everything written to the file so far durable (fsync). Throws WriteError.
  void sync();
  /// Makes the file durable and renames it to `target`: only where nothing is, or,
  /// with `replace`, over the very file claim_replacement claimed (claimed now if it was
  /// not), which no process may be writing. Throws PathTaken (another file is there
  /// now) or FileBusy (the file keeps its temporary name), or WriteError.
  void place(const std::string& target, bool replace);
  /// Leaves a temporary file in place when this object goes (it holds a result).
  void keep() noexcept { kept_ = true; }

 private:
  OutputFile(std::string path, int fd, bool temporary)
      : path_(std::move(path)), fd_(fd), temporary_(temporary) {}
  /// Closes the file, removing a temporary file never placed or kept.
  void release() noexcept;
  std::string path_;
  int fd_ = -1;
  bool temporary_ = false;
  bool kept_ = false;
};

}  // namespace aiplus::core
