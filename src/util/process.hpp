#pragma once
// Child processes: the throwaway PostgreSQL server and the command `migrate ephemeral -- CMD` runs.
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace migrate::util {

struct SpawnOptions {
  std::optional<uid_t> uid;   // run as this user (when we are root)
  std::optional<gid_t> gid;
  int output_fd = -1;         // stdout and stderr go here; -1 inherits ours
  std::string cwd;            // change to this directory first ("": stay)
  bool new_session = false;   // setsid: a terminal's Ctrl-C does not reach it
  int parent_death_signal = 0;// sent to the child if we die, even by kill -9 (Linux)
  std::vector<std::pair<std::string, std::string>> env; // set on top of our environment
};

// Starts argv[0] (searched in PATH). Throws Error when it cannot be started.
pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options = {});

// The exit status (128+signal when killed), waiting at most `timeout` (nullopt: still running).
std::optional<int> wait_for(pid_t pid, std::optional<std::chrono::milliseconds> timeout);

// Runs a command and returns its standard output, or nullopt when it cannot run or fails.
std::optional<std::string> capture(const std::vector<std::string>& argv);

// The full path of a program found in PATH.
std::optional<std::string> which(const std::string& program);

} // namespace migrate::util
