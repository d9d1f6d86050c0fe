#pragma once
// Runs one step against the database with its ledger row (docs/format.md): a section in one transaction
// with its ledger row marked applied in that same transaction; or, when it must run statement by
// statement (CONCURRENTLY, no-transaction, backfills), each statement in its own transaction with the
// ledger's progress, so a rerun continues after the last statement done. Lock failures retry (see
// attempt.hpp); any other failure leaves the row failed with the error; SIGINT/SIGTERM cancel the
// running statement, record that and throw Interrupted.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "apply/attempt.hpp"
#include "apply/backfill.hpp"
#include "apply/state.hpp"
#include "db/session.hpp"
#include "ledger/ledger.hpp"
#include "migration/transactions.hpp"

namespace migrate::apply {

// Sees every statement of a file the executor sends (verify's lock trace), except backfill batches:
// on the executor's session just before the statement and right after it, inside its transaction when
// it runs in one; `failed` once the attempt's transaction is rolled back. Retries call it again.
class Watcher {
public:
  virtual ~Watcher() = default;
  virtual void watch(const migration::Statement& statement, bool in_transaction, Item::Stage stage) = 0;
};

struct Settings {
  RetryPolicy policy;                          // lock_timeout, retries, statement_timeout of the configuration
  std::optional<util::Duration> lock_timeout_bound; // --lock-timeout: no section directive goes above it
  int pg_version = 15;
  bool skip_lint = false;                      // recorded with each step
  bool skip_checks = false;                    // --skip-checks: no -- migrate:check runs; recorded likewise
  BackfillOptions backfill;
  Watcher* watcher = nullptr;                  // verify's lock trace; none when applying for real
  // Whether this run holds the ledger's run lock now (a backfill lets it go and takes it again, which
  // can fail); the ledger is only written while it does. None: always.
  std::function<bool()> holds_run_lock;
};

struct Outcome {
  int statements = 0;    // run by this call (a resumed step skips the ones done before)
  int skipped = 0;       // done by an earlier, interrupted run
  long long duration_ms = 0;
  long long rows = 0;    // backfilled, by every worker of every process
  std::map<int, long long> backfilled; // the same per backfill statement (its place in the section)
  bool finished_elsewhere = false; // another run finished the step (this one may have helped with its backfill)
  bool released_run_lock = false;  // a backfill let the run lock go: what was read before is stale
};

class Executor {
public:
  Executor(db::Session& session, ledger::Ledger& ledger, Settings settings);

  // Applies a pending step from its file. The step's ledger row is read afresh (the run lock is held),
  // or, with `row_current`, taken from `step.entry`, which the caller read under the run lock it still
  // holds without a break (no other run can have written it since; and every write below is
  // conditional on it anyway): applied meanwhile by another run, it is left alone (finished_elsewhere);
  // running in another process's backfill, this run joins the backfill as one more worker and then
  // reads the row again; otherwise this run takes the row as it read it (a conditional write) and goes
  // on from its progress. After every backfill that let the run lock go, the row is read again.
  Outcome apply(const StepState& step, bool row_current = false);
  // Undoes an applied step from the rollback SQL the ledger recorded.
  Outcome rollback(const StepState& step);

private:
  // Whether a process other than this one holds the step's backfill lock (its workers are running).
  bool backfilling_elsewhere(const ledger::Entry& row);
  // Joins another process's running backfill of `step` at the statement its row has reached.
  Outcome join(const StepState& step, const ledger::Entry& row);
  [[nodiscard]] bool may_write_ledger() const { return !settings_.holds_run_lock || settings_.holds_run_lock(); }

  db::Session& session_;
  ledger::Ledger& ledger_;
  Settings settings_;
};

// CONCURRENTLY, VALIDATE and backfill batches never get a statement_timeout.
bool exempt_from_statement_timeout(const migration::Statement& st);
// The statements between the file's own BEGIN and COMMIT of a unit (the tool sends its own); throws
// InputError for a unit that ends in ROLLBACK.
std::pair<std::size_t, std::size_t> explicit_body(const migration::Script& script, const migration::TransactionUnit& u);

// A ledger row for a section of a file, as apply records it.
ledger::Entry entry_for(const migration::Migration& m, const migration::Section& s, bool skip_lint, bool skip_checks = false);

// What a step that did not finish left committed, from its row: "statements 1 to 2 of 3 had committed:
// CREATE INDEX CONCURRENTLY a_idx ON t (a); ...".
std::string committed_statements(const ledger::Entry& e);

// The rollback SQL the ledger kept, parsed again; `label` names it in messages.
migration::Migration parse_recorded(const std::string& sql, const std::string& label, migration::Phase phase);

} // namespace migrate::apply
