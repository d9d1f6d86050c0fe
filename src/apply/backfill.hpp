#pragma once
// A `-- migrate:backfill` statement run in key-range batches (SPEC §1, §4): the key's upper bound is
// taken when the backfill starts, each batch's range is found by keyset (ORDER BY key LIMIT n from
// the last key), the statement runs with $1/$2 bound, and the checkpoint is saved in the batch's own
// transaction, so a run killed at any moment resumes at the next batch, none done twice or skipped.
// With batch=auto the size follows `target` per batch, changing by at most 2x a step.
#include "apply/attempt.hpp"
#include "db/session.hpp"
#include "ledger/ledger.hpp"
#include "migration/model.hpp"

namespace migrate::apply {

struct BackfillResult {
  long long rows = 0;
  long long batches = 0;
};

// `e` and `index` name the checkpoint (the step's ledger row, the statement's place in its script).
BackfillResult run_backfill(db::Session& session, ledger::Ledger& ledger, const ledger::Entry& e, int index,
                            const migration::Statement& statement, const RetryPolicy& policy);

} // namespace migrate::apply
