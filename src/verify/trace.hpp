#pragma once
// The lock trace (issue 6): what each statement verify applies really did on the server, measured the
// way docs/locks.md's table was: the lock modes it took on each relation (pg_locks), whether a table's
// file changed (a rewrite: pg_class.relfilenode) and whether it read a whole table (a scan:
// pg_stat_xact_user_tables). Compared with what the linter expects of the statement, so that a
// linter that is wrong, or a server version that behaves differently, shows up.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apply/executor.hpp"
#include "db/session.hpp"
#include "lint/effects.hpp"

namespace migrate::verify {

struct RelationLock {
  std::string relation; // schema.name, as the linter names tables
  std::string kind;     // table, index, sequence, view, ...
  std::string mode;     // pg_locks.mode: AccessExclusiveLock, ...
};

struct Trace {
  bool in_transaction = true;
  // Taken by the statement on relations that existed before it (ones it creates are not listed).
  std::vector<RelationLock> locks;
  // Held already, by earlier statements of its transaction: taking one again does not show.
  std::vector<RelationLock> held;
  std::vector<std::string> rewrites; // tables whose file changed
  // Tables it read whole; none when that cannot be measured (a statement outside a transaction).
  std::optional<std::vector<std::string>> scans;
  std::string error; // why the trace is missing or partial; "" when complete
  std::set<std::string> existed; // the relations there before it, by name (not reported)
};

// The linter's lock class of a pg_locks mode: SHARE and SHARE ROW EXCLUSIVE and EXCLUSIVE block writes
// (Lock::share); ACCESS SHARE and ROW SHARE block nothing a migration cares about (Lock::none).
lint::Lock lock_class(const std::string& mode);
// "AccessExclusiveLock" -> "ACCESS EXCLUSIVE".
std::string mode_words(const std::string& mode);

// Where the trace and the linter's expectation for the statement disagree, one sentence each:
// a stronger or weaker lock on a table, a rewrite or a scan one of them missed. `dml`: an UPDATE,
// DELETE or INSERT, whose "scan" in the linter means it may touch every row, not a measured scan.
std::vector<std::string> disagreements(const Trace& trace, const std::vector<lint::Effect>& expected, bool dml);

// Traces every statement the executor sends while it is on. Statements in a transaction are measured
// inside it, before and after; one outside a transaction (CREATE INDEX CONCURRENTLY) is watched from a
// second connection that holds a snapshot the statement must wait for, so its locks are seen however
// fast it is.
class Tracer final : public apply::Watcher {
public:
  Tracer(db::Session& session, std::function<std::unique_ptr<db::Session>()> connect, std::set<std::string> skip_schemas);
  ~Tracer() override;
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  void watch(const migration::Statement& statement, bool in_transaction, apply::Item::Stage stage) override;

  bool on = false;
  // The traces of the statements seen while on; a statement not here was not sent (a backfill's
  // batches run on their own connections).
  std::map<const migration::Statement*, Trace> traces;

private:
  struct Relation {
    std::string name, quoted, relkind, filenode;
    long long scans = 0;
  };
  using Relations = std::map<std::string, Relation>; // by oid
  Relations relations(db::Session& s) const;
  std::vector<std::pair<std::string, std::string>> own_locks() const; // (oid, mode)
  void begin_watch();
  std::vector<std::pair<std::string, std::string>> end_watch();

  db::Session& session_;
  std::function<std::unique_ptr<db::Session>()> connect_;
  std::string skip_;
  Relations before_;
  std::vector<std::pair<std::string, std::string>> held_;
  struct Observer;
  std::unique_ptr<Observer> observer_;
};

} // namespace migrate::verify
