#pragma once
// -- migrate:check (SPEC §1): a read-only SELECT returning the rows that break an invariant; none
// returned means it holds. apply runs a section's checks after its statements (inside the section's
// transaction when it has one) and the checks of a migration's expand and migrate again right before
// its contract.
#include <optional>
#include <string>
#include <vector>

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

// Runs one check on the session as it is (in the caller's transaction, if any): its failure, if any.
std::optional<CheckFailure> run_check(db::Session& session, const migration::Statement& check);

// Runs `checks` in order on the session as it is; the first that fails, if any.
std::optional<CheckFailure> run_checks(db::Session& session, const std::vector<migration::Statement>& checks);

// Runs `checks` in a read-only transaction of their own with `lock_timeout`: the first that fails.
std::optional<CheckFailure> run_checks_alone(db::Session& session, const std::vector<const migration::Statement*>& checks,
                                             util::Duration lock_timeout);

// The checks of the migration's sections before `phase`, in a read-only transaction of their own
// with `lock_timeout`: the first that fails, if any.
std::optional<CheckFailure> run_earlier_checks(db::Session& session, const migration::Migration& m, migration::Phase phase,
                                               util::Duration lock_timeout);

} // namespace migrate::apply
