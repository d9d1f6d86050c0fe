#pragma once
// A `-- migrate:backfill` statement run in key-range batches (docs/format.md: directives, the ledger). When it starts, the key's
// upper bound is taken (rows inserted later belong to the application's dual write) and the range is
// split into shards. Workers (threads here, and `migrate apply` processes elsewhere) claim a shard FOR
// UPDATE SKIP LOCKED for one batch at a time: in one transaction they find the batch's upper key by
// keyset (ORDER BY key LIMIT n from the shard's last key), run the statement with $1/$2 bound, and save
// the shard's last key. So PostgreSQL is the coordinator, a dead worker's shard goes to another, and a
// run killed at any moment resumes at the next batch with none done twice or skipped.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "apply/attempt.hpp"
#include "db/session.hpp"
#include "ledger/ledger.hpp"
#include "migration/model.hpp"

namespace migrate::apply {

struct BackfillOptions {
  int workers = 1;
  // Connections for the workers; none: one worker on the step's own session.
  std::function<std::unique_ptr<db::Session>()> connect;
  int min_batch = 10;
  int max_batch = 100000;
  util::Duration max_replication_lag{10000}; // pause while a standby lags more
  std::int64_t max_slot_lag = 0;             // pause while a replication slot retains more WAL (bytes); 0: no limit
  util::Duration autovacuum_patience{60000}; // pause while an autovacuum has worked on the table longer
  // The run lock is let go while the batches run (other runs and other workers may go on meanwhile)
  // and taken again after them; after that, everything read before is stale. None: it is kept.
  std::function<void()> release_run_lock;
  std::function<void()> reacquire_run_lock;
  std::string ledger_schema; // for the step's shared advisory lock, which says "a worker is running"
  bool progress_line = false; // a \r progress line on standard error (a terminal)
};

struct BackfillResult {
  long long rows = 0;    // by every worker of every process
  long long batches = 0;
  bool released_run_lock = false; // other runs may have acted meanwhile: read the ledger again
};

// `e` and `index` name the backfill (the step's ledger row, the statement's place in its script).
// Throws Error(refused) when it is paused or cancelled, or when its batches would scan the table.
BackfillResult run_backfill(db::Session& session, ledger::Ledger& ledger, const ledger::Entry& e, int index,
                            const migration::Statement& statement, const RetryPolicy& policy, const BackfillOptions& options);

// Refuses (InputError at the directive, exit 2) a backfill whose batches could skip or repeat rows: the
// table or the key column missing, a key that is not unique (primary key or a unique index of its own),
// rows whose key is NULL, a key type other than smallint, integer, bigint, uuid and text.
void check_backfill_key(db::Session& session, const migration::Backfill& backfill);
struct KeyProblem {
  enum class Kind { table, column, other } kind; // what is missing: the table, the key column, or something else
  InputError error;
};
std::optional<KeyProblem> backfill_key_problem(db::Session& session, const migration::Backfill& backfill);

// The advisory lock key a backfill's workers hold (shared) while they run.
std::int64_t step_lock_key(std::string_view ledger_schema, const ledger::Entry& e);

// The next batch size of batch=auto: aim for `target` from the recent time per row, change by at most
// 2x, stay within [min, max].
int next_batch_size(int current, double ms_per_row, util::Duration target, int min, int max);

} // namespace migrate::apply
