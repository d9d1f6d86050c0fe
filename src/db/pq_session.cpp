#include <libpq-fe.h>
#include <poll.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>

#include <fmt/format.h>

#include "db/session.hpp"
#include "db/server_version.hpp"
#include "db/conninfo.hpp"
#include "db/ephemeral.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/redact.hpp"
#include "util/signals.hpp"
#include "util/text.hpp"

namespace migrate::db {

namespace {

std::string clean(std::string_view message) {
  message = util::trim(message);
  if (message.starts_with("ERROR:")) message = util::trim(message.substr(6));
  return util::scrub(message);
}

// Server notices ("NOTICE: index ... does not exist, skipping") become log lines, so that they obey
// --log-format and -q instead of going straight to stderr.
class NoticeToLog final : public pqxx::errorhandler {
public:
  explicit NoticeToLog(pqxx::connection_base& c) : pqxx::errorhandler(c) {}
  bool operator()(const char msg[]) noexcept override {
    try {
      log::info("server: {}", util::trim(msg));
    } catch (...) {
    }
    return false;
  }
};

// The SQLSTATE of a failed statement. libpqxx 6.4 leaves it out of some of the exceptions it picks by
// SQLSTATE (result.cxx, ThrowSQLError): insufficient_privilege (42501) has an empty one, and the
// transaction_rollback family (a deadlock, a serialization failure) is no sql_error at all. Their
// type says which it was.
std::string sqlstate_of(const pqxx::failure& e) {
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e); sql && !sql->sqlstate().empty()) return sql->sqlstate();
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&e)) return "42501";
  if (dynamic_cast<const pqxx::deadlock_detected*>(&e)) return "40P01";
  if (dynamic_cast<const pqxx::serialization_failure*>(&e)) return "40001";
  if (dynamic_cast<const pqxx::statement_completion_unknown*>(&e)) return "40003";
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e)) return "40000";
  return {};
}

class PqSession final : public Session {
public:
  explicit PqSession(const std::string& conninfo) : conn_(conninfo), notices_(conn_) {
    // libpqxx 6 reconnects a broken connection on its own at the next statement, silently dropping
    // what lived in the session: the ledger's advisory run lock (another run could then start the
    // same steps), lock_timeout, the transaction in progress. A lost connection must be an error
    // (exit 3) that the next run recovers from, never a quiet new session.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    conn_.inhibit_reactivation(true);
#pragma GCC diagnostic pop
    // A killed migrate must not leave its statement running on the server (an ALTER holding its lock,
    // a CONCURRENTLY build): from PostgreSQL 14 the backend checks every second, while a query runs,
    // that the client is still there, and ends the query when it is not.
    // The backend's own pid, asked of the server: behind a pooler the one given at startup is the
    // pooler's (PgBouncer makes one up), and pg_locks knows nothing of it.
    const Result r = query(version().checks_client_connection()
                               ? "SELECT pg_backend_pid()::text, set_config('client_connection_check_interval', '1s', false)"
                               : "SELECT pg_backend_pid()::text",
                           {});
    backend_pid_ = std::stoi(r.rows.at(0).at(0).value_or("0"));
  }

  Result query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<const char*> raw;
    raw.reserve(params.size());
    for (const auto& p : params) raw.push_back(p ? p->c_str() : nullptr);
    return run([&](pqxx::nontransaction& tx) {
      return tx.exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(raw));
    });
  }

  Result exec(std::string_view sql) override {
    return run([&](pqxx::nontransaction& tx) { return tx.exec(std::string(sql)); });
  }

  int server_version() const override { return conn_.server_version(); }
  int backend_pid() const override { return backend_pid_; }
  bool through_pooler() const override { return conn_.backendpid() != backend_pid_; }

  void cancel() override {
    try {
      conn_.cancel_query();
    } catch (const std::exception&) { // nothing to cancel, or the connection is gone
    }
  }

private:
  static DatabaseError lost(const std::string& message) {
    return DatabaseError(message, "08006", "what was committed is in the ledger; run the command again to go on from there");
  }

  template <typename F> Result run(F&& f) {
    // Once lost, the connection stays lost (no reactivation): later statements say only that.
    if (lost_) throw lost("the connection to the database was lost");
    try {
      // nontransaction sends statements as they are: the caller decides about BEGIN/COMMIT.
      pqxx::nontransaction tx(conn_);
      pqxx::result r = f(tx);
      Result out;
      for (pqxx::row::size_type c = 0; c < r.columns(); ++c) out.columns.emplace_back(r.column_name(c));
      out.rows.reserve(r.size());
      for (const auto& row : r) {
        Row values;
        values.reserve(row.size());
        for (const auto& field : row) {
          values.push_back(field.is_null() ? Value{} : Value{std::string(field.c_str(), field.size())});
        }
        out.rows.push_back(std::move(values));
      }
      out.affected = r.affected_rows();
      return out;
    } catch (const pqxx::sql_error& e) {
      throw DatabaseError(clean(e.what()), sqlstate_of(e));
    } catch (const pqxx::broken_connection& e) {
      lost_ = true;
      throw lost(fmt::format("the connection to the database was lost: {}", clean(e.what())));
    } catch (const pqxx::failure& e) {
      throw DatabaseError(clean(e.what()), sqlstate_of(e));
    }
  }

  pqxx::connection conn_;
  NoticeToLog notices_;
  bool lost_ = false;
  int backend_pid_ = 0;
  // For the session's lifetime the first SIGINT/SIGTERM cancels its running query, whoever sent it: a
  // query waiting for a lock on the server ends at once (exit 130), not when the lock is freed. Declared
  // after conn_, so it goes first, waiting for a cancel that is running.
  util::signals::Hook cancel_on_signal_{util::signals::Hook::When::interrupt, [this] { cancel(); }};
};

} // namespace

namespace {

// Whether any of libpq's variables that choose the server, database or user is set.
bool libpq_variables_set() {
  for (const char* v : {"PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSERVICEFILE"}) {
    if (const char* value = std::getenv(v); value && *value) return true;
  }
  return false;
}

} // namespace

std::unique_ptr<Session> connect(const std::string& conninfo) {
  register_password(conninfo);
  const char* env_timeout = std::getenv("PGCONNECT_TIMEOUT");
  // libpq reads the string (a URL or key=value) and we hand it back as key=value with the fallbacks
  // added as keywords: never text glued onto the user's string.
  const std::string target = connect_string(conninfo, env_timeout && *env_timeout);
  std::unique_ptr<Session> session;
  try {
    session = std::make_unique<PqSession>(target);
  } catch (const std::exception& e) {
    if (conninfo.empty() && !libpq_variables_set()) {
      // Nothing was configured: libpq tried its defaults (the local socket, the user's name).
      throw DatabaseError(fmt::format("no database is configured, and libpq's defaults (the local socket) did not connect: {}", clean(e.what())),
                          "08001",
                          "migrate looks at --database, MIGRATE_DATABASE_URL, DATABASE_URL, [database] url in migrate.toml, then libpq's "
                          "PG* variables (PGHOST, PGDATABASE, ...); none is set. Set one, or try `--database ephemeral` for a throwaway server");
    }
    const std::string why = clean(e.what());
    throw DatabaseError(fmt::format("cannot connect to {}: {}", describe(conninfo), why), "08001", tls_hint(why));
  }
  // Refused here, before anything runs on it, rather than by a statement that fails halfway.
  const ServerVersion version{session->server_version()};
  require_supported(version, fmt::format("the database at {}", describe(conninfo)));
  if (!version.tested()) {
    static std::once_flag told;
    std::call_once(told, [&] {
      log::warn("the database is PostgreSQL {}, newer than any migrate was tested on ({} to {}); lint predicts locks as for {}",
                version.str(), ServerVersion::kOldest, ServerVersion::kNewest, version.lint_version());
    });
  }
  return session;
}

namespace {

// A connection of libpq's own whose questions are bounded in time: a pooler in session mode whose
// pool is full makes a new client wait for a server (until its query_wait_timeout), and that wait
// says only that the pooler keeps sessions. After a question that did not come back, it asks no more.
class SideConnection {
public:
  explicit SideConnection(const std::string& conninfo) : c_(PQconnectdb(connect_string(conninfo, false).c_str())) {
    PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
    usable_ = PQstatus(c_) == CONNECTION_OK;
  }
  SideConnection(const SideConnection&) = delete;
  SideConnection& operator=(const SideConnection&) = delete;
  ~SideConnection() { PQfinish(c_); }

  // The one row `sql` returns, or nullopt when it failed or did not come within `limit`.
  std::optional<Row> ask(const char* sql, std::chrono::milliseconds limit) {
    if (!usable_ || PQsendQuery(c_, sql) != 1) return std::nullopt;
    usable_ = false;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (PQconsumeInput(c_) == 1) {
      if (PQisBusy(c_) == 0) {
        std::optional<Row> out;
        PGresult* r = PQgetResult(c_);
        if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
          Row row;
          for (int i = 0; i < PQnfields(r); ++i) row.push_back(PQgetisnull(r, 0, i) ? Value{} : Value{PQgetvalue(r, 0, i)});
          out = std::move(row);
        }
        PQclear(r);
        while ((r = PQgetResult(c_)) != nullptr) PQclear(r);
        usable_ = out.has_value();
        return out;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{PQsocket(c_), POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
      util::signals::check();
    }
    return std::nullopt;
  }

private:
  PGconn* c_;
  bool usable_ = false;
};

} // namespace

std::optional<std::string> pooler_shares_sessions(Session& session, const std::string& conninfo) {
  if (!session.through_pooler()) return std::nullopt;
  // A setting only this session makes, and the server backend it ran on. Then, turn about, another
  // client of the same pooler and this session ask which backend they are on. In transaction mode the
  // pooler gives a client the server connection last let go (or, round robin, the next of several),
  // so within a few turns the other client lands on our backend or we land on another, even while
  // other clients keep the pool busy. In session mode neither ever happens.
  std::random_device random;
  const std::string mark = fmt::format("{:08x}{:08x}", random(), random());
  const Result first = session.query("SELECT pg_backend_pid()::text, set_config('migrate.session_probe', $1, false)", {mark});
  const std::string pid = first.rows.at(0).at(0).value_or("");
  SideConnection other(conninfo);
  constexpr const char* kWhere = "SELECT pg_backend_pid()::text, current_setting('migrate.session_probe', true)";
  for (int turn = 0; turn < 16; ++turn) {
    if (auto seen = other.ask(kWhere, std::chrono::milliseconds(turn == 0 ? 5000 : 1000))) {
      if (seen->at(0) == pid || seen->at(1) == mark) {
        return fmt::format("another connection was given server backend {}, the one this session had just used", pid);
      }
    }
    const Result again = session.query(kWhere);
    const std::string now = again.rows.at(0).at(0).value_or("");
    if (now != pid || again.rows.at(0).at(1) != mark) {
      return fmt::format("this session's statements ran on server backend {}, then on {}", pid, now);
    }
  }
  log::debug("connected through a pooler that keeps the session (server backend {})", pid);
  return std::nullopt;
}

Connection open(const std::string& url, util::Duration wait_for_db, const std::string& server_bin) {
  Connection c;
  if (url == "ephemeral") {
    c.server = EphemeralServer::start(server_bin);
    c.conninfo = c.server->conninfo();
    c.session = connect(c.conninfo);
    c.description = fmt::format("a throwaway PostgreSQL in {}", c.server->dir().string());
  } else {
    c.conninfo = url;
    // --wait-for-db: tries again with backoff (0.1 s doubling to 2 s) until the time is up.
    const auto deadline = std::chrono::steady_clock::now() + wait_for_db;
    auto pause = std::chrono::milliseconds(100);
    for (bool told = false;;) {
      try {
        c.session = connect(url);
        break;
      } catch (const DatabaseError& e) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) throw;
        if (!told) {
          log::info("waiting up to {} for the database: {}", util::format_duration(wait_for_db), e.what());
          told = true;
        }
        util::signals::sleep_for(std::chrono::duration_cast<std::chrono::milliseconds>(
            std::min<std::chrono::steady_clock::duration>(pause, deadline - now)));
        util::signals::check();
        pause = std::min(pause * 2, std::chrono::milliseconds(2000));
      }
    }
    c.description = describe(url);
  }
  return c;
}

} // namespace migrate::db
