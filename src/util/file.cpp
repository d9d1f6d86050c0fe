#include "util/file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/signals.hpp"

namespace migrate::util {

namespace {

std::string errno_text(int err) {
  if (err == EACCES || err == EPERM) return "permission denied";
  if (err == ENOENT) return "no such file or directory";
  if (err == ELOOP) return "a symbolic link loop";
  return std::strerror(err);
}

std::optional<std::string> not_regular(mode_t mode) {
  if (S_ISREG(mode)) return std::nullopt;
  if (S_ISDIR(mode)) return "a directory, not a regular file";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe), not a regular file";
  if (S_ISSOCK(mode)) return "a socket, not a regular file";
  if (S_ISCHR(mode)) return "a character device, not a regular file";
  if (S_ISBLK(mode)) return "a block device, not a regular file";
  return "not a regular file";
}

class Fd {
public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }

private:
  int fd_;
};

} // namespace

std::optional<std::string> not_a_regular_file(const std::filesystem::path& path) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) return errno_text(errno);
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0) {
    const int err = errno;
    if (S_ISLNK(link.st_mode) && err == ENOENT) return "a dangling symbolic link (its target does not exist)";
    return errno_text(err);
  }
  if (auto why = not_regular(target.st_mode)) return why;
  if (::access(path.c_str(), R_OK) != 0) return errno_text(errno);
  return std::nullopt;
}

std::optional<std::string> read_regular_file(const std::filesystem::path& path, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::string> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  // One stat when all is well; the lstat and access of not_a_regular_file only to say what is wrong.
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0 || !S_ISREG(target.st_mode)) {
    if (auto bad = not_a_regular_file(path)) return fail(std::move(*bad));
  }
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) return fail(errno_text(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail(errno_text(errno));
  if (auto bad = not_regular(st.st_mode)) return fail(std::move(*bad));
  std::string out;
  out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno_text(errno));
    if (n == 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

std::string read_stream(int fd, const std::string& shown) {
  std::string out;
  char buf[65536];
  for (;;) {
    // The signal watcher's descriptor becomes readable on the first signal (-1, ignored by poll,
    // when no watcher runs).
    pollfd fds[2] = {{fd, POLLIN, 0}, {signals::interrupt_fd(), POLLIN, 0}};
    signals::check();
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw InputError(Location{shown, 0, 0}, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    if (fds[1].revents != 0) signals::check();
    if (fds[0].revents & POLLNVAL) throw InputError(Location{shown, 0, 0}, "cannot read: it is closed");
    if (fds[0].revents == 0) continue;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) throw InputError(Location{shown, 0, 0}, fmt::format("cannot read: {}", std::strerror(errno)));
    if (n == 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

} // namespace migrate::util
