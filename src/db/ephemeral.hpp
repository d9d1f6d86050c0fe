#pragma once
// --database ephemeral: a throwaway PostgreSQL from the installed server binaries, on a private unix
// socket in a temporary directory, run as the current user (as the postgres system user when we are
// root). Always removed: on success, on error, on SIGINT/SIGTERM; if migrate is killed outright the
// server stops with it (parent-death signal) and the next start sweeps the directory away.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>

#include "util/signals.hpp"

namespace migrate::db {

// Where initdb and postgres live: `chosen` when given (--pg-bin, MIGRATE_PG_BIN, [ephemeral] bin_dir),
// else pg_config --bindir, /usr/lib/postgresql/<newest>/bin, or PATH. Throws DatabaseError when there
// is no server there (or installed).
std::filesystem::path find_server_bindir(const std::filesystem::path& chosen = {});

class EphemeralServer {
public:
  // Starts a server from the binaries in `bin_dir` (find_server_bindir's choice when empty) and waits
  // until it accepts connections. A server older than the oldest supported one is refused before
  // initdb (exit 3). Call from the main thread.
  static std::unique_ptr<EphemeralServer> start(const std::filesystem::path& bin_dir = {});
  ~EphemeralServer();
  EphemeralServer(const EphemeralServer&) = delete;
  EphemeralServer& operator=(const EphemeralServer&) = delete;

  [[nodiscard]] std::string conninfo() const; // key=value form for libpq
  [[nodiscard]] std::string url() const;      // postgresql://postgres@/postgres?host=...
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] int port() const { return port_; }

  void stop(); // idempotent: stop the server, remove the directory

private:
  EphemeralServer() = default;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 5432;
  bool stopped_ = false;
  std::optional<util::signals::Hook> abort_hook_;
};

// Removes directories of earlier throwaway servers whose migrate process and server are both gone.
void sweep_stale_ephemeral_dirs(const std::filesystem::path& base);

} // namespace migrate::db
