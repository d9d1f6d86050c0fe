#pragma once
// Running SQL without causing a lock queue (issue 4, exit 4 of docs/format.md): every attempt is bounded by
// lock_timeout, so a statement that cannot get its lock gives up instead of making every later query
// on the table wait behind it; the whole unit is rolled back and tried again after an exponential
// backoff with full jitter; after the last retry, exit 4 with nothing of the unit applied.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/session.hpp"
#include "util/duration.hpp"

namespace migrate::apply {

struct RetryPolicy {
  util::Duration lock_timeout{1000};                // the bound of every attempt
  int retries = 10;                                 // attempts after the first
  util::Duration base_delay{200};                   // backoff: random in [0, min(max, base * 2^n)]
  util::Duration max_delay{30000};
  std::optional<util::Duration> statement_timeout;  // none for CONCURRENTLY, VALIDATE and backfill batches
  std::function<double()> random;                   // [0, 1); tests make it predictable
  std::function<void(util::Duration)> sleep;        // tests make it instant
  // A second connection to the same server: while an attempt waits, it asks pg_blocking_pids who
  // blocks it. None: the blockers are guessed afterwards from the locks held on the tables.
  std::function<std::unique_ptr<db::Session>()> observer;
};

// One attempt's failure to get its locks, as reported to the caller's log.
struct LockWait {
  int attempt;                // 1-based
  std::string sqlstate;       // 55P03 lock timeout, 40P01 deadlock
  std::string blockers;       // "pid 77 (idle in transaction for 12 s): UPDATE users ..." or ""
  util::Duration next_delay;  // 0 when it gives up
};

// One statement of a unit: sent as written (simple protocol), or with $1.. bound (a backfill batch).
struct Item {
  Item(std::string text) : sql(std::move(text)) {} // NOLINT: a plain statement converts implicitly
  Item(const char* text) : sql(text) {}             // NOLINT
  Item(std::string text, std::vector<db::Value> values) : sql(std::move(text)), params(std::move(values)), bound(true) {}
  std::string sql;
  std::vector<db::Value> params;
  bool bound = false;
  bool no_statement_timeout = false; // CONCURRENTLY, VALIDATE, backfill batches
  std::string where;                 // "file:line:col", prefixed to its errors
  int index = 0;                     // 1-based place in its script, for JSON log lines; 0: none
  // Sees the statement run (verify's lock trace): called on the unit's session just before it is sent
  // and right after it returned, inside the unit's transaction when it has one; `failed` after an
  // error, once its transaction is rolled back. Called again on every attempt.
  enum class Stage { before, after, failed };
  std::function<void(Stage)> watch = {};
};

struct Unit {
  std::vector<Item> statements;
  bool transaction = true; // false: one statement sent on its own (CONCURRENTLY, VACUUM, no-transaction)
  // Runs before every attempt, outside any transaction: to drop the INVALID index a failed CREATE INDEX
  // CONCURRENTLY left behind, say.
  std::function<void()> before_attempt = {};
  // Runs after the unit's statements with the rows they affected: inside its transaction, so the
  // ledger's record of the unit commits with it or not at all; right after the statement otherwise.
  std::function<void(long long affected)> before_commit = {};
};

// Runs the unit with the policy. `tables` (schema-qualified) are the ones it touches, to name who
// holds locks on them when an attempt times out. Returns the number of attempts it took. Throws Error
// (exit 4) when the locks never came, DatabaseError (exit 3) for any other failure; in both cases the
// unit's transaction was rolled back.
int run_unit(db::Session& session, const Unit& unit, const RetryPolicy& policy, const std::vector<std::string>& tables = {},
             const std::function<void(const LockWait&)>& on_wait = {});

// Sessions other than ours holding locks on these tables, with their user, state, age and query; a
// session of another role is named by pid and user only when this role lacks pg_read_all_stats (and
// run_unit then warns once that it cannot see other users' queries).
std::string describe_blockers(db::Session& session, const std::vector<std::string>& tables);

// A duration as a setting's value: '1500ms'.
std::string ms_setting(util::Duration d);
// Runs a statement, ignoring any error: for ROLLBACK and RESET after a failure (if the connection is
// gone, the server rolls back on its own).
void exec_quietly(db::Session& session, const char* sql);

// The delay before retry n (0-based) for a random draw r in [0, 1): full jitter over the exponential bound.
util::Duration backoff(const RetryPolicy& policy, int n, double r);

} // namespace migrate::apply
