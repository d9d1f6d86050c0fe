#pragma once
// -- migrate:check (docs/format.md): a read-only SELECT returning the rows that break an invariant; none
// returned means it holds. apply runs a section's checks after its statements (inside the section's
// transaction when it has one) and the checks of a migration's expand and migrate again right before
// its contract.
#include <optional>
#include <string>
#include <vector>

#include "apply/attempt.hpp"
#include "db/session.hpp"
#include "migration/model.hpp"
#include "util/duration.hpp"

namespace migrate::apply {

struct CheckFailure {
  const migration::Statement* check = nullptr;
  long long rows = 0;                // how many rows break it
  std::vector<std::string> samples;  // up to 5 of them, as PostgreSQL prints a row
  // "migrations/x/1_a.sql:12: check failed: 3 rows break it (SELECT ...); first: (4,foo), ..."
  [[nodiscard]] std::string sentence() const;
};

// "check at line 12 (SELECT id FROM ...)": how the ledger, plan and status name a check.
std::string check_label(const migration::Statement& check);

// Runs one check in the caller's transaction, in a savepoint rolled back after it: its failure, if any.
// An error running it names the check's file:line.
std::optional<CheckFailure> run_check(db::Session& session, const migration::Statement& check);

// Runs `checks` in order on the session as it is; the first that fails, if any.
std::optional<CheckFailure> run_checks(db::Session& session, const std::vector<migration::Statement>& checks);

// Runs `checks` in a transaction of their own, each attempt bounded by the policy's lock_timeout and
// retried like a section's (exit 4 when the locks never come): the first that fails.
std::optional<CheckFailure> run_checks_alone(db::Session& session, const std::vector<const migration::Statement*>& checks,
                                             const RetryPolicy& policy);

// The checks of the migration's sections before `phase`, as run_checks_alone runs them.
std::optional<CheckFailure> run_earlier_checks(db::Session& session, const migration::Migration& m, migration::Phase phase,
                                               const RetryPolicy& policy);

} // namespace migrate::apply
