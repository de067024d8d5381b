#include "core/io/output_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <random>
#include <utility>
#include <vector>

namespace aiplus::core {
namespace {

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string system_error(const std::string& path, const char* doing, int error) {
  return path + ": cannot " + doing + ": " + std::strerror(error);
}

// Opens the regular file at `path` for reading without following a link or blocking;
// -1 when there is none (or something else is there).
int open_regular(const std::string& path, struct stat& status) {
  if (::lstat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) return -1;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  struct stat opened {};
  if (fd >= 0 && (::fstat(fd, &opened) != 0 || opened.st_ino != status.st_ino ||
                  opened.st_dev != status.st_dev)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Makes a rename in `folder` durable.
void sync_folder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// The paths this process claimed to replace, each with the file that was there.
struct Claim {
  std::string path;
  int fd = -1;  // holds the record lock; -1 when nothing was there
  dev_t device = 0;
  ino_t inode = 0;
};

struct Claims {
  std::mutex mutex;
  std::vector<Claim> list;
};

Claims& claims() {
  static Claims all;
  return all;
}

std::optional<Claim> claim_of(const std::string& path) {
  auto& all = claims();
  const std::lock_guard lock(all.mutex);
  for (const auto& c : all.list)
    if (c.path == path) return c;
  return std::nullopt;
}

// Gives up the claim on `path`: its file was replaced.
void drop_claim(const std::string& path) {
  auto& all = claims();
  const std::lock_guard lock(all.mutex);
  for (auto c = all.list.begin(); c != all.list.end(); ++c) {
    if (c->path != path) continue;
    if (c->fd >= 0) ::close(c->fd);
    all.list.erase(c);
    return;
  }
}

}  // namespace

void claim_replacement(const std::string& path) {
  if (claim_of(path)) return;
  Claim claim{path};
  struct stat status {};
  if (::lstat(path.c_str(), &status) == 0) {
    if (!S_ISREG(status.st_mode)) throw PathTaken(path + " is not a regular file");
    // Opening for writing asks the kernel whether this user may write the file.
    claim.fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (claim.fd < 0) {
      if (errno == EACCES || errno == EPERM)
        throw WriteError(path +
                         " is not writable by this user; --force replaces only a file "
                         "you may write");
      throw WriteError(system_error(path, "open it to replace it", errno));
    }
    struct stat opened {};
    struct flock whole {};
    whole.l_type = F_WRLCK;
    whole.l_whence = SEEK_SET;
    if (::fstat(claim.fd, &opened) != 0 || opened.st_ino != status.st_ino ||
        opened.st_dev != status.st_dev) {
      ::close(claim.fd);
      throw PathTaken(path + " changed while it was checked");
    }
    if (::fcntl(claim.fd, F_OFD_SETLK, &whole) != 0) {
      const int error = errno;
      ::close(claim.fd);
      if (error == EAGAIN || error == EACCES)
        throw FileBusy(path +
                       " is being replaced by another process (another aiplus with "
                       "--force)");
      throw WriteError(system_error(path, "lock it", error));
    }
    claim.device = status.st_dev, claim.inode = status.st_ino;
  } else if (errno != ENOENT) {
    throw WriteError(system_error(path, "look at it", errno));
  }
  auto& all = claims();
  const std::lock_guard lock(all.mutex);
  all.list.push_back(claim);
}

void release_claims() {
  auto& all = claims();
  const std::lock_guard lock(all.mutex);
  for (const auto& c : all.list)
    if (c.fd >= 0) ::close(c.fd);
  all.list.clear();
}

bool being_written(const std::string& path) {
  struct stat status {};
  const int fd = open_regular(path, status);
  if (fd < 0) return false;
  const bool busy = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return busy;
}

OutputFile OutputFile::beside(const std::string& target) {
  const std::string folder = folder_of(target);
  std::string name = target.substr(target.find_last_of('/') + 1);
  // The temporary name must fit where the target's does: shorten it, not the target.
  constexpr std::size_t kRoom = 255 - std::char_traits<char>::length("..XXXXXX.tmp");
  if (name.size() > kRoom) name.resize(kRoom);
  const std::string prefix = (folder == "." && target.find('/') == std::string::npos)
                                 ? "." + name
                                 : folder + (folder == "/" ? "" : "/") + "." + name;
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::mt19937_64 random(
      std::random_device{}() ^
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      static_cast<std::uint64_t>(::getpid()));
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string path = prefix + ".";
    for (int k = 0; k < 6; ++k) path += letters[random() % (sizeof letters - 1)];
    path += ".tmp";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) return OutputFile(path, fd, true);
    if (errno != EEXIST) throw WriteError(system_error(folder, "create a file there", errno));
  }
  throw WriteError(system_error(folder, "create a file there", EEXIST));
}

OutputFile OutputFile::existing(const std::string& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode))
    throw WriteError(path + ": not a regular file");
  const int fd = ::open(path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw WriteError(system_error(path, "open it for writing", errno));
  return OutputFile(path, fd, false);
}

OutputFile::OutputFile(OutputFile&& other) noexcept {
  *this = std::move(other);
}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    temporary_ = std::exchange(other.temporary_, false);
    kept_ = other.kept_;
  }
  return *this;
}

OutputFile::~OutputFile() {
  release();
}

void OutputFile::release() noexcept {
  if (fd_ < 0) return;
  if (temporary_ && !kept_) ::unlink(path_.c_str());  // only the file this process created
  ::close(fd_);
  fd_ = -1;
}

void OutputFile::lock() {
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
  if (errno != EWOULDBLOCK) throw WriteError(system_error(path_, "lock it", errno));
  // A shared lock is held by readers (HDF5 takes one while a file is open); an
  // exclusive one by a writer.
  const bool readers = ::flock(fd_, LOCK_SH | LOCK_NB) == 0;
  if (readers) ::flock(fd_, LOCK_UN);
  throw FileBusy(path_ + (readers ? " is open in another process (a reader such as h5py); close "
                                    "it first"
                                  : " is being written by another process (an aiplus sweep "
                                    "still running?)"));
}

void OutputFile::sync() {
  if (::fsync(fd_) != 0) throw WriteError(system_error(path_, "make it durable", errno));
}

void OutputFile::place(const std::string& target, bool replace) {
  sync();
  const std::string left = "; left it alone, this file is " + path_;
  if (replace) claim_replacement(target);  // claimed already when output_problem checked it
  const auto claim = replace ? claim_of(target) : std::nullopt;
  struct stat status {};
  if (claim && claim->fd >= 0 && ::lstat(target.c_str(), &status) == 0) {
    // Only the file claimed is replaced: another one there now belongs to someone else.
    if (status.st_dev != claim->device || status.st_ino != claim->inode)
      throw PathTaken(target + " was replaced by another process meanwhile" + left);
    const int old = open_regular(target, status);
    if (old < 0) throw PathTaken(target + " is not a regular file" + left);
    // A shared lock: readers may keep the old file open; a writer holds it exclusively.
    if (::flock(old, LOCK_SH | LOCK_NB) != 0) {
      ::close(old);
      throw FileBusy(target + " is being written by another process" + left);
    }
    const int renamed = ::rename(path_.c_str(), target.c_str());
    const int error = errno;
    ::close(old);
    if (renamed != 0) throw WriteError(system_error(target, "rename the file to it", error));
  } else if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) !=
             0) {
    int error = errno;
    if (error == EINVAL || error == ENOSYS) {  // no atomic rename without replacing here
      error = ::link(path_.c_str(), target.c_str()) == 0 ? 0 : errno;
      if (error == 0) ::unlink(path_.c_str());
    }
    if (error == EEXIST) {
      throw PathTaken(target +
                      (claim && claim->fd >= 0 ? " was removed and then created" : " was created") +
                      " by another process meanwhile" + left);
    }
    if (error != 0) throw WriteError(system_error(target, "rename the file to it", error));
  }
  if (claim) drop_claim(target);
  path_ = target;
  temporary_ = false;
  sync_folder(folder_of(target));
}

}  // namespace aiplus::core
