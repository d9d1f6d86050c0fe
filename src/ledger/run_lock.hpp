#pragma once
// Runners serialise on a session-level advisory lock (migrate(1)), taken with pg_try_advisory_lock and
// polled with backoff outside any transaction: a waiter blocked inside a transaction would deadlock
// with another runner's CREATE INDEX CONCURRENTLY, which waits for every older transaction.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "db/session.hpp"
#include "util/duration.hpp"

namespace migrate::ledger {

// A stable 64-bit key for a ledger schema and a purpose ("run", "ensure"): FNV-1a of both.
std::int64_t lock_key(std::string_view schema, std::string_view purpose);

// Who holds an advisory lock, as pg_stat_activity says: "pid 4242 (user app, application migrate,
// host 10.0.0.7, in its transaction for 3 min)"; "" when nobody does (`others`: nobody but this session).
std::string describe_holder(db::Session& session, std::int64_t key, bool others = false);

// Every run that may write the ledger holds, for as long as its connection lives, a lock of its own
// keyed by its run id: a row that says `running` for run X is being worked on while X's lock is held,
// and was left by a dead run otherwise.
void announce_run(db::Session& session, std::string_view schema, std::string_view run_id);
// Who holds the lock of run `run_id`, other than this session: "" when that run is gone.
std::string describe_run(db::Session& session, std::string_view schema, std::string_view run_id);

class RunLock {
public:
  // Takes the ledger's run lock, polling with backoff (100 ms doubling to 2 s) for at most `wait`;
  // calls `waiting` once with the holder's description when it has to wait. Throws Error (exit 5)
  // naming the holder when the wait runs out, Interrupted on SIGINT/SIGTERM.
  static RunLock acquire(db::Session& session, std::string_view schema, util::Duration wait,
                         const std::function<void(const std::string&)>& waiting = {});
  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  ~RunLock(); // releases it (the session ending releases it too)

private:
  RunLock(db::Session* session, std::int64_t key) : session_(session), key_(key) {}
  db::Session* session_;
  std::int64_t key_;
};

} // namespace migrate::ledger
