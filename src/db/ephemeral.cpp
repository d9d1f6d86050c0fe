#include "db/ephemeral.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <pwd.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "db/server_version.hpp"
#include "db/session.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/process.hpp"
#include "util/text.hpp"

namespace migrate::db {

namespace fs = std::filesystem;

namespace {

bool has_server(const fs::path& bin) {
  std::error_code ec;
  return fs::exists(bin / "initdb", ec) && fs::exists(bin / "postgres", ec);
}

std::string tail(const fs::path& file, std::size_t lines) {
  std::ifstream in(file);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::size_t from = all.size() > lines ? all.size() - lines : 0;
  std::string out;
  for (std::size_t i = from; i < all.size(); ++i) out += "\n  " + all[i];
  return out;
}

// The base directory: short enough for a unix socket path (108 bytes), reachable by the postgres user.
fs::path temp_base() {
  const char* tmpdir = std::getenv("TMPDIR");
  if (::geteuid() != 0 && tmpdir && *tmpdir && std::string_view(tmpdir).size() < 60) return tmpdir;
  return "/tmp";
}

bool process_alive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

} // namespace

fs::path find_server_bindir(const fs::path& chosen) {
  if (!chosen.empty()) {
    if (has_server(chosen)) return chosen;
    throw DatabaseError(fmt::format("no PostgreSQL server (initdb and postgres) in {}, the directory --pg-bin, MIGRATE_PG_BIN or "
                                    "[ephemeral] bin_dir names",
                                    chosen.string()),
                        "",
                        "name the directory that holds initdb, pg_ctl and postgres (pg_config --bindir prints it for an installed server)");
  }
  if (auto out = util::capture({"pg_config", "--bindir"})) {
    fs::path bin(std::string(util::trim(*out)));
    if (has_server(bin)) return bin;
  }
  std::error_code ec;
  std::vector<std::pair<int, fs::path>> versions;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto name = entry.path().filename().string();
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit) && has_server(entry.path() / "bin")) {
      versions.emplace_back(std::stoi(name), entry.path() / "bin");
    }
  }
  if (!versions.empty()) return std::max_element(versions.begin(), versions.end())->second;
  if (auto initdb = util::which("initdb")) {
    fs::path bin = fs::canonical(*initdb, ec).parent_path();
    if (!ec && has_server(bin)) return bin;
  }
  throw DatabaseError("--database ephemeral: no PostgreSQL server binaries (initdb, postgres) found",
                      "", "install the server (apt-get install postgresql) or give --database URL");
}

void sweep_stale_ephemeral_dirs(const fs::path& base) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    if (!entry.path().filename().string().starts_with("migrate-pg-")) continue;
    std::ifstream owner(entry.path() / "owner.pid");
    pid_t pid = 0;
    if (!(owner >> pid) || process_alive(pid)) continue;
    std::ifstream postmaster(entry.path() / "data" / "postmaster.pid");
    pid_t server = 0;
    if (postmaster >> server && process_alive(server)) continue;
    fs::remove_all(entry.path(), ec);
  }
}

std::unique_ptr<EphemeralServer> EphemeralServer::start(const fs::path& bin_dir) {
  const fs::path bin = find_server_bindir(bin_dir);
  // The server's version, from the binary itself: an unsupported one is refused before initdb (whose
  // flags here are ones every supported major has: --no-instructions, say, is 14 and later).
  const auto said = util::capture({(bin / "postgres").string(), "--version"});
  const auto version = said ? parse_server_version(*said) : std::nullopt;
  if (!version) {
    throw DatabaseError(fmt::format("--database ephemeral: {} does not say its version (postgres --version)", (bin / "postgres").string()));
  }
  require_supported(*version, fmt::format("the server in {}", bin.string()));
  util::SpawnOptions as;
  if (::geteuid() == 0) {
    // PostgreSQL refuses to run as root.
    const passwd* pw = ::getpwnam("postgres");
    if (!pw) {
      throw DatabaseError("--database ephemeral: running as root, and there is no postgres user to run the server as",
                          "", "create the user (useradd postgres) or run migrate as an ordinary user");
    }
    as.uid = pw->pw_uid;
    as.gid = pw->pw_gid;
  }
  const fs::path base = temp_base();
  sweep_stale_ephemeral_dirs(base);

  std::string pattern = (base / "migrate-pg-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    throw DatabaseError(fmt::format("--database ephemeral: cannot create a directory in {}: {}", base.string(), std::strerror(errno)));
  }
  std::unique_ptr<EphemeralServer> server(new EphemeralServer());
  server->dir_ = pattern;
  { std::ofstream(server->dir_ / "owner.pid") << ::getpid() << "\n"; }
  if (as.uid && ::chown(pattern.c_str(), *as.uid, *as.gid) != 0) {
    throw DatabaseError(fmt::format("--database ephemeral: cannot hand {} to the postgres user: {}", pattern, std::strerror(errno)));
  }
  server->abort_hook_.emplace(util::signals::Hook::When::abort, [s = server.get()] { s->stop(); });

  const fs::path log = server->dir_ / "server.log";
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw DatabaseError(fmt::format("--database ephemeral: cannot write {}", log.string()));
  if (as.uid && ::fchown(fd, *as.uid, *as.gid) != 0) {
    ::close(fd);
    throw DatabaseError("--database ephemeral: cannot hand the server log to the postgres user");
  }
  as.output_fd = fd;
  as.new_session = true;
  as.cwd = server->dir_.string(); // the postgres user may not enter our working directory
  const std::string data = (server->dir_ / "data").string();

  log::debug("ephemeral: initdb in {}", data);
  pid_t initdb = util::spawn({(bin / "initdb").string(), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                              "--locale=C", "--no-sync"},
                             as);
  auto status = util::wait_for(initdb, std::nullopt);
  if (!status || *status != 0) {
    ::close(fd);
    throw DatabaseError(fmt::format("--database ephemeral: initdb failed{}", tail(log, 15)));
  }

  // The server stops with us if we die without cleaning up (kill -9): SIGINT is a fast shutdown.
  as.parent_death_signal = SIGINT;
  server->pid_ = util::spawn({(bin / "postgres").string(), "-D", data, "-k", server->dir_.string(), "-p",
                              std::to_string(server->port_), "-c", "listen_addresses=", "-c", "fsync=off", "-c",
                              "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=40",
                              "-c", "shared_buffers=32MB", "-c", "log_min_messages=warning"},
                             as);
  ::close(fd);
  log::debug("ephemeral: server pid {} on {}", server->pid_, server->dir_.string());

  const std::string conninfo = server->conninfo();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    if (auto exited = util::wait_for(server->pid_, std::chrono::milliseconds(0))) {
      server->pid_ = -1;
      throw DatabaseError(fmt::format("--database ephemeral: the server exited at start (status {}){}", *exited,
                                      tail(log, 15)));
    }
    if (::PQping(conninfo.c_str()) == PQPING_OK) break;
    if (std::chrono::steady_clock::now() > deadline) {
      throw DatabaseError(fmt::format("--database ephemeral: the server did not accept connections within 60s{}",
                                      tail(log, 15)));
    }
    util::signals::check();
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return server;
}

EphemeralServer::~EphemeralServer() {
  abort_hook_.reset(); // waits for a running abort hook before we tear down
  stop();
}

void EphemeralServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (pid_ > 0) {
    // Fast shutdown, then immediate, then SIGKILL if it will not go.
    for (auto [sig, wait] : {std::pair{SIGINT, 20'000}, {SIGQUIT, 5'000}, {SIGKILL, 5'000}}) {
      ::kill(pid_, sig);
      if (util::wait_for(pid_, std::chrono::milliseconds(wait))) break;
    }
    pid_ = -1;
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string EphemeralServer::conninfo() const {
  return fmt::format("host={} port={} user=postgres dbname=postgres", dir_.string(), port_);
}

std::string EphemeralServer::url() const {
  std::string host;
  for (char c : dir_.string()) host += c == '/' ? std::string("%2F") : std::string(1, c);
  return fmt::format("postgresql://postgres@/postgres?host={}&port={}", host, port_);
}

// Defined here, where EphemeralServer is complete. The session closes before the server stops.
Connection::Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() { session.reset(); }

} // namespace migrate::db
