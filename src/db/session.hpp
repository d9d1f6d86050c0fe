#pragma once
// The database behind a small interface, so unit tests can fake it; db/ is the only code that
// includes pqxx. Errors keep their SQLSTATE (a lock timeout is 55P03).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/duration.hpp"
#include "db/conninfo.hpp"
#include "db/server_version.hpp" // describe() and with_database() for messages and more connections

namespace migrate::db {

using Value = std::optional<std::string>; // NULL is nullopt
using Row = std::vector<Value>;

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  long long affected = 0; // rows affected by INSERT/UPDATE/DELETE
};

class Session {
public:
  virtual ~Session() = default;
  // One statement, with $1.. bound as text parameters (extended protocol).
  virtual Result query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // One statement as written (simple protocol): what migration statements are sent as.
  virtual Result exec(std::string_view sql) = 0;
  virtual int server_version() const = 0; // 150018
  [[nodiscard]] ServerVersion version() const { return ServerVersion{server_version()}; }
  virtual int backend_pid() const = 0; // the server's: what pg_stat_activity and pg_locks show
  // Whether something between us and the server answers for it (a pooler such as PgBouncer): the
  // process id the connection was given at startup is not the server backend's.
  virtual bool through_pooler() const { return false; }
  // Asks the server to cancel the running statement; safe from another thread.
  virtual void cancel() = 0;
};

// Connects with a URL or key=value string; "" uses libpq's PG* variables and defaults. Throws
// UsageError (exit 2) when libpq cannot read the string, DatabaseError (exit 3) naming the target
// with its password as *** when the connection fails. Registers the password with util::scrub.
std::unique_ptr<Session> connect(const std::string& conninfo);

// Through a pooler, whether it hands this session's server connection to other clients between
// transactions (PgBouncer's transaction and statement modes), where what lives in a session (an
// advisory lock, SET) does not stay with it. Tells by a second connection of the same conninfo and a
// setting this session makes; returns what it saw when the server connection is shared, nullopt when
// it is kept (session mode) or there is no pooler.
std::optional<std::string> pooler_shares_sessions(Session& session, const std::string& conninfo);

class EphemeralServer;

// A session, and the throwaway server behind it when the URL is "ephemeral" (it lives, and is removed,
// with the Connection). Open it from the main thread.
struct Connection {
  std::unique_ptr<EphemeralServer> server;
  std::unique_ptr<Session> session;
  std::string description; // for messages, password replaced by ***
  std::string conninfo;    // what it connected with, for more connections to the same server

  Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();
};
// `wait_for_db`: how long to keep trying the first connection, with backoff, while the server is not
// there yet (a container starting beside this one); zero: one try. `server_bin`: for "ephemeral", the
// directory of the server binaries to start (--pg-bin; empty: the installed server).
Connection open(const std::string& url, util::Duration wait_for_db = util::Duration{0}, const std::string& server_bin = {});

} // namespace migrate::db
