#pragma once
// SIGINT/SIGTERM handling without async-signal-safety traps: the signals are blocked in every thread
// and a watcher thread takes them with sigwait. The first one sets the interrupted flag (long work
// checks it between steps and exits 130 after cleaning up) and runs the interrupt callbacks (to
// cancel a running query, say). A second one runs the abort callbacks (remove a throwaway server)
// and exits 130 at once.
#include <chrono>
#include <functional>

namespace migrate::util::signals {

// Call once from main before any thread starts.
void install();

bool interrupted();
void check(); // throws Interrupted when a signal arrived
// Blocks until SIGINT or SIGTERM arrives (returns at once if one already did).
void wait();
// Sleeps, waking early when a signal arrives; false when it did.
bool sleep_for(std::chrono::milliseconds d);
// A descriptor that becomes readable when the first signal arrives (and stays so), for a wait in
// poll() beside the descriptor it waits on; -1 before install().
int interrupt_fd();

// RAII registration of a callback; the callback runs on the watcher thread.
class Hook {
public:
  enum class When { interrupt, abort };
  Hook(When when, std::function<void()> fn);
  ~Hook();
  Hook(const Hook&) = delete;
  Hook& operator=(const Hook&) = delete;

private:
  int id_;
};

// For a child process about to exec: restore the default signal mask and dispositions.
void reset_in_child();

} // namespace migrate::util::signals
