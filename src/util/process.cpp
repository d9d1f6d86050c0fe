#include "util/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

extern char** environ;

namespace migrate::util {

namespace {

// Everything the child needs is prepared before fork: between fork and exec only async-signal-safe
// calls are allowed, and this process has other threads (the signal watcher).
struct Prepared {
  std::vector<std::string> strings;
  std::vector<char*> argv;
  std::vector<std::string> env_strings;
  std::vector<char*> envp;
};

Prepared prepare(const std::vector<std::string>& argv, const SpawnOptions& options) {
  Prepared p;
  p.strings = argv;
  for (auto& s : p.strings) p.argv.push_back(s.data());
  p.argv.push_back(nullptr);
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto name = kv.substr(0, kv.find('='));
    bool overridden = false;
    for (const auto& [k, v] : options.env) overridden = overridden || k == name;
    if (!overridden) p.env_strings.emplace_back(kv);
  }
  for (const auto& [k, v] : options.env) p.env_strings.push_back(k + "=" + v);
  for (auto& s : p.env_strings) p.envp.push_back(s.data());
  p.envp.push_back(nullptr);
  return p;
}

} // namespace

std::optional<std::string> which(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/bin:/bin";
  while (!rest.empty()) {
    auto colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
  }
  return std::nullopt;
}

pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  if (argv.empty()) throw Error(Exit::input, "no command to run");
  auto exe = which(argv.front());
  if (!exe) throw Error(Exit::input, fmt::format("{}: command not found", argv.front()));
  Prepared p = prepare(argv, options);
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw Error(Exit::database, fmt::format("cannot start {}: {}", argv.front(), std::strerror(errno)));
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    if (options.new_session) ::setsid();
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
    if (options.output_fd >= 0) {
      ::dup2(options.output_fd, STDOUT_FILENO);
      ::dup2(options.output_fd, STDERR_FILENO);
      int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    }
    if (options.gid) {
      ::setgroups(0, nullptr);
      if (::setgid(*options.gid) != 0) ::_exit(126);
    }
    if (options.uid && ::setuid(*options.uid) != 0) ::_exit(126);
    // After setuid: a change of credentials clears the parent-death signal.
    if (options.parent_death_signal) {
      ::prctl(PR_SET_PDEATHSIG, options.parent_death_signal);
      if (::getppid() != parent) ::_exit(125); // we already lost the parent
    }
    ::execve(exe->c_str(), p.argv.data(), p.envp.data());
    ::_exit(127);
  }
  return pid;
}

std::optional<int> wait_for(pid_t pid, std::optional<std::chrono::milliseconds> timeout) {
  auto deadline = timeout ? std::chrono::steady_clock::now() + *timeout : std::chrono::steady_clock::time_point::max();
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, timeout ? WNOHANG : 0);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1; // not our child (any more)
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::optional<std::string> capture(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::nullopt;
  SpawnOptions options;
  options.output_fd = fds[1];
  pid_t pid = -1;
  try {
    pid = spawn(argv, options);
  } catch (const Error&) {
    ::close(fds[0]);
    ::close(fds[1]);
    return std::nullopt;
  }
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  auto status = wait_for(pid, std::nullopt);
  if (!status || *status != 0) return std::nullopt;
  return out;
}

} // namespace migrate::util
