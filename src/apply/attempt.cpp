#include "apply/attempt.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cmath>
#include <optional>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "sql/quote.hpp"
#include "util/text.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"
#include "util/log.hpp"
#include "util/metrics.hpp"
#include "util/signals.hpp"

namespace migrate::apply {

namespace {

// The columns add_holder() reads, from pg_stat_activity `a`: pid, state, seconds in its transaction, query,
// user, and whether pg_stat_activity hides the rest from this role. A role sees the state and query of
// its own sessions (and of roles it is a member of) only, unless it has pg_read_all_stats (or
// pg_monitor, or is a superuser): other users' rows say "<insufficient privilege>" with no state.
constexpr const char* kHolderColumns =
    "a.pid::text, CASE WHEN a.backend_type = 'autovacuum worker' THEN 'autovacuum' ELSE coalesce(a.state, '?') END, "
    "coalesce(extract(epoch FROM now() - a.xact_start)::bigint::text, '?'), left(coalesce(a.query, ''), 200), "
    "coalesce(a.usename, '?'), (a.state IS NULL AND a.query = '<insufficient privilege>')::text";

// How add_holder() ends the description of a holder this role may not see, which tell_hidden_once()
// looks for; and whether this run has said why already.
constexpr std::string_view kHidden = "hidden from this role)";
std::atomic<bool> g_told_hidden{false};

// "pid 123 (user app, idle in transaction, in its transaction for 4 s): LOCK items" appended to a "; "
// list, from a row of kHolderColumns; the query without its own trailing semicolon. A row this role may
// not see in full is named by its pid and user only.
void add_holder(std::string& out, const db::Row& row) {
  const std::string sep = out.empty() ? "" : "; ";
  const std::string pid = row[0].value_or("?");
  const std::string state = row[1].value_or("?");
  const std::string user = row.size() > 4 && row[4] && *row[4] != "?" ? *row[4] : "";
  if (row.size() > 5 && row[5] == "true") {
    out += user.empty() ? fmt::format("{}pid {} (its user, state and query are {}", sep, pid, kHidden)
                        : fmt::format("{}pid {} (user {}; its state and query are {}", sep, pid, user, kHidden);
    return;
  }
  const std::string text = row[3].value_or("");
  std::string_view query = util::trim(text);
  while (query.ends_with(';')) query = util::trim(query.substr(0, query.size() - 1));
  // An autovacuum is named as such (autovacuum_hint looks for "(autovacuum"); a session by its user.
  out += fmt::format("{}pid {} ({}{}, in its transaction for {} s): {}", sep, pid, user.empty() || state == "autovacuum" ? "" : "user " + user + ", ",
                     state, row[2].value_or("?"), util::one_line(query, 200));
}

// Once a run: a lock holder of another role was described without its query (in `blockers`), because
// this role may not see it. Says what is missing and which grant gives it.
void tell_hidden_once(const std::string& blockers) {
  if (blockers.find(kHidden) == std::string::npos || g_told_hidden.exchange(true)) return;
  log::warn("cannot see other users' queries (role lacks pg_read_all_stats): lock holders of other roles are named by pid and user "
            "only; GRANT pg_read_all_stats TO the role migrate runs as to see their state and query");
}

bool lock_failure(const std::string& sqlstate) { return sqlstate == "55P03" || sqlstate == "40P01"; }

// An autovacuum is cancelled by the deadlock check of a waiter that has waited deadlock_timeout; an
// attempt shorter than that (with a margin) gives up first and never cancels it.
void autovacuum_hint(db::Session& session, util::Duration lock_timeout) {
  try {
    auto r = session.exec("SELECT setting::bigint FROM pg_settings WHERE name = 'deadlock_timeout'");
    const long long deadlock_ms = std::stoll(r.rows.at(0).at(0).value_or("1000"));
    if (lock_timeout.count() * 2 < deadlock_ms * 3) {
      log::warn("an autovacuum holds the table; it is cancelled only when a waiter waits longer than deadlock_timeout ({} ms), "
                "and each attempt gives up after {}: use --lock-timeout {}ms or more, or VACUUM the table first",
                deadlock_ms, util::format_duration(lock_timeout), deadlock_ms * 3 / 2);
    }
  } catch (const DatabaseError&) {
  }
}

// Watches one attempt from a second connection: shortly before the attempt's lock_timeout runs out it
// asks pg_blocking_pids who the attempt waits for, with their state, transaction age and query.
class Observer {
public:
  Observer(const std::function<std::unique_ptr<db::Session>()>& connect, int pid) : connect_(connect), pid_(pid) {}
  ~Observer() { stop(); }

  // Asks `after` into the attempt. The connection is made earlier, halfway there, so that a slow
  // connect (a loaded server) does not make the question come after the attempt has given up; an
  // attempt that ends before then costs no connection at all.
  void start(util::Duration after) {
    if (!connect_) return;
    done_ = false;
    seen_.clear();
    thread_ = std::thread([this, after] {
      const auto began = std::chrono::steady_clock::now();
      std::unique_lock lock(mutex_);
      if (cv_.wait_for(lock, after / 2, [this] { return done_; })) return;
      lock.unlock();
      std::string text;
      try {
        if (!session_) session_ = connect_();
        lock.lock();
        if (cv_.wait_until(lock, began + after, [this] { return done_; })) return;
        lock.unlock();
        auto r = session_->query(fmt::format("SELECT {} FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids($1::int)) "
                                             "ORDER BY a.xact_start, a.pid",
                                             kHolderColumns),
                                 {std::to_string(pid_)});
        for (const auto& row : r.rows) {
          add_holder(text, row);
        }
      } catch (const std::exception&) { // the observer is a nicety: the fallback names the holders
      }
      lock.lock();
      seen_ = std::move(text);
    });
  }

  // Ends the watch; what it saw ("" when the attempt ended first, or nobody blocked it).
  std::string stop() {
    if (!thread_.joinable()) return {};
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
    std::lock_guard lock(mutex_);
    return seen_;
  }

private:
  const std::function<std::unique_ptr<db::Session>()>& connect_;
  int pid_;
  std::unique_ptr<db::Session> session_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::string seen_;
};

} // namespace

std::string ms_setting(util::Duration d) { return fmt::format("'{}ms'", d.count()); }

void exec_quietly(db::Session& s, const char* sql) {
  try {
    s.exec(sql);
  } catch (...) { // the connection may be gone; the server rolls back on its own then
  }
}

util::Duration backoff(const RetryPolicy& policy, int n, double r) {
  double cap = static_cast<double>(policy.max_delay.count());
  double bound = std::min(cap, static_cast<double>(policy.base_delay.count()) * std::pow(2.0, std::min(n, 30)));
  return util::Duration{static_cast<util::Duration::rep>(bound * std::clamp(r, 0.0, 1.0))};
}

std::string describe_blockers(db::Session& session, const std::vector<std::string>& tables) {
  if (tables.empty()) return {};
  const std::string list = sql::text_array_literal(tables);
  auto r = session.query(fmt::format("SELECT DISTINCT {} FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                                     "WHERE l.granted AND l.pid <> pg_backend_pid() "
                                     "AND l.relation = ANY (SELECT to_regclass(x) FROM unnest($1::text[]) x)",
                                     kHolderColumns),
                         {list});
  std::string out;
  for (const auto& row : r.rows) {
    add_holder(out, row);
  }
  return out;
}

int run_unit(db::Session& session, const Unit& unit, const RetryPolicy& policy, const std::vector<std::string>& tables,
             const std::function<void(const LockWait&)>& on_wait) {
  // Seeded when a retry first needs it: most units never wait, and random_device costs a read of the kernel's pool.
  std::optional<std::mt19937_64> engine;
  auto draw = policy.random ? policy.random : [&engine] {
    if (!engine) engine.emplace(std::random_device{}());
    return std::uniform_real_distribution<double>(0, 1)(*engine);
  };
  auto pause = policy.sleep ? policy.sleep : [](util::Duration d) { util::signals::sleep_for(d); };
  const std::string timeout = ms_setting(policy.statement_timeout.value_or(util::Duration{0}));
  Observer observer(policy.observer, session.backend_pid());
  for (int attempt = 0;; ++attempt) {
    util::signals::check();
    const Item* running = nullptr;
    std::optional<log::Field> statement; // JSON log lines name the statement that runs
    const auto attempt_started = std::chrono::steady_clock::now();
    // Ask just before the attempt gives up (80% of lock_timeout into it).
    observer.start(util::Duration{std::max<util::Duration::rep>(policy.lock_timeout.count() * 4 / 5, 1)});
    try {
      if (unit.before_attempt) unit.before_attempt();
      const std::string scope = unit.transaction ? "SET LOCAL " : "SET ";
      // statement_timeout per statement: CONCURRENTLY, VALIDATE and backfill batches run without one.
      auto timeout_of = [&](const Item& item) { return item.no_statement_timeout ? std::string("'0ms'") : timeout; };
      // BEGIN and the settings for the first statement in one round trip.
      std::string current = unit.statements.empty() ? std::string() : timeout_of(unit.statements.front());
      session.exec(fmt::format("{}{}lock_timeout = {}{}", unit.transaction ? "BEGIN; " : "", scope, ms_setting(policy.lock_timeout),
                               current.empty() ? "" : fmt::format("; {}statement_timeout = {}", scope, current)));
      long long affected = 0;
      for (const auto& item : unit.statements) {
        const std::string wanted = timeout_of(item);
        if (wanted != current) {
          session.exec(scope + "statement_timeout = " + wanted);
          current = wanted;
        }
        running = &item;
        statement.reset();
        if (item.index > 0) statement.emplace("statement", item.index);
        if (item.watch) item.watch(Item::Stage::before);
        util::fault::hit("statement-before", &session);
        affected += (item.bound ? session.query(item.sql, item.params) : session.exec(item.sql)).affected;
        util::fault::hit("statement-after", &session);
        if (item.watch) item.watch(Item::Stage::after);
        running = nullptr;
      }
      observer.stop();
      if (unit.before_commit) unit.before_commit(affected);
      if (unit.transaction) {
        util::fault::hit("before-commit", &session);
        session.exec("COMMIT");
      } else {
        exec_quietly(session, "RESET lock_timeout");
        exec_quietly(session, "RESET statement_timeout");
      }
      return attempt + 1;
    } catch (const DatabaseError& e) {
      const std::string seen = observer.stop();
      exec_quietly(session, unit.transaction ? "ROLLBACK" : "RESET lock_timeout");
      if (!unit.transaction) exec_quietly(session, "RESET statement_timeout");
      if (running && running->watch) running->watch(Item::Stage::failed);
      if (!lock_failure(e.sqlstate())) {
        if (!running || running->where.empty()) throw;
        throw DatabaseError(fmt::format("{}: {}", running->where, e.what()), e.sqlstate(),
                            unit.transaction ? "its transaction was rolled back: nothing of it was applied" : "");
      }
      std::string blockers = seen;
      try {
        if (blockers.empty()) blockers = describe_blockers(session, tables);
      } catch (const DatabaseError&) {
      }
      tell_hidden_once(blockers);
      if (blockers.find("(autovacuum") != std::string::npos) autovacuum_hint(session, policy.lock_timeout);
      util::metrics::add("migrate_lock_timeouts_total", {}, 1, "Attempts that gave up waiting for a lock (lock_timeout or deadlock)");
      util::metrics::add("migrate_lock_wait_seconds_total", {},
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - attempt_started).count(),
                         "Seconds spent in attempts that then gave up waiting for a lock");
      const bool last = attempt >= policy.retries;
      if (!last) util::metrics::add("migrate_lock_retries_total", {}, 1, "Attempts made again after a lock timeout");
      const util::Duration delay = last ? util::Duration{0} : backoff(policy, attempt, draw());
      if (on_wait) on_wait({attempt + 1, e.sqlstate(), blockers, delay});
      log::warn("{} on attempt {} of {}{}{}", e.sqlstate() == "40P01" ? "deadlock" : fmt::format("lock not granted within {}", util::format_duration(policy.lock_timeout)),
                attempt + 1, policy.retries + 1, blockers.empty() ? "" : "; held by " + blockers,
                last ? "" : fmt::format("; trying again in {}", util::format_duration(delay)));
      if (last) {
        throw Error(Exit::lock,
                    fmt::format("could not take the locks it needs in {} attempts of {} each; nothing of it was applied",
                                policy.retries + 1, util::format_duration(policy.lock_timeout)),
                    blockers.empty() ? "safe to run again" : "held by " + blockers + "; safe to run again once it is done");
      }
      pause(delay);
    } catch (...) {
      // Anything else (a check that failed before the commit, an interruption, a ledger row changed
      // under us): the attempt's transaction is rolled back, never left open for the caller to commit.
      observer.stop();
      exec_quietly(session, unit.transaction ? "ROLLBACK" : "RESET lock_timeout");
      if (!unit.transaction) exec_quietly(session, "RESET statement_timeout");
      if (running && running->watch) running->watch(Item::Stage::failed);
      throw;
    }
  }
}

} // namespace migrate::apply
