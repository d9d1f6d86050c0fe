#include "util/signals.hpp"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>
#include <vector>
#include <fcntl.h>
#include <unistd.h>

#include "util/error.hpp"

namespace migrate::util::signals {

namespace {

std::atomic<bool> g_interrupted{false};
int g_pipe[2] = {-1, -1}; // written once, on the first signal: what interrupt_fd() reads
std::mutex g_mutex;
std::mutex g_running; // held while hooks run, so a Hook's destructor waits for its callback to finish
std::condition_variable g_cv;
int g_next_id = 0;
std::map<int, std::pair<Hook::When, std::function<void()>>>& hooks() {
  static std::map<int, std::pair<Hook::When, std::function<void()>>> h;
  return h;
}

sigset_t watched() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void run(Hook::When when) {
  std::lock_guard running(g_running);
  std::vector<std::function<void()>> todo;
  {
    std::lock_guard lock(g_mutex);
    for (auto& [id, hook] : hooks()) {
      if (hook.first == when) todo.push_back(hook.second);
    }
  }
  for (auto& fn : todo) {
    try {
      fn();
    } catch (...) { // a cleanup that fails must not stop the others
    }
  }
}

void watch() {
  sigset_t set = watched();
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (!g_interrupted.exchange(true)) {
      g_cv.notify_all();
      if (g_pipe[1] >= 0) (void)!::write(g_pipe[1], "!", 1);
      run(Hook::When::interrupt);
    } else {
      run(Hook::When::abort);
      _exit(static_cast<int>(Exit::interrupted));
    }
  }
}

} // namespace

void install() {
  sigset_t set = watched();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  // Above the standard descriptors: with standard input closed, the pipe would otherwise take fd 0.
  int p[2];
  if (::pipe(p) == 0) {
    for (int i = 0; i < 2; ++i) {
      g_pipe[i] = ::fcntl(p[i], F_DUPFD_CLOEXEC, 3);
      ::close(p[i]);
    }
  }
  std::thread(watch).detach();
}

bool interrupted() { return g_interrupted.load(); }

int interrupt_fd() { return g_pipe[0]; }

void check() {
  if (interrupted()) throw Interrupted();
}

void wait() {
  std::unique_lock lock(g_mutex);
  g_cv.wait(lock, [] { return g_interrupted.load(); });
}

bool sleep_for(std::chrono::milliseconds d) {
  std::unique_lock lock(g_mutex);
  return !g_cv.wait_for(lock, d, [] { return g_interrupted.load(); });
}

Hook::Hook(When when, std::function<void()> fn) {
  std::lock_guard lock(g_mutex);
  id_ = g_next_id++;
  hooks().emplace(id_, std::pair{when, std::move(fn)});
}

Hook::~Hook() {
  std::lock_guard running(g_running);
  std::lock_guard lock(g_mutex);
  hooks().erase(id_);
}

void reset_in_child() {
  sigset_t set = watched();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_DFL);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

} // namespace migrate::util::signals
