#include "apply/checks.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace migrate::apply {

std::string check_label(const migration::Statement& check) {
  return fmt::format("check at line {} ({})", check.where.line, util::one_line(check.sql, 60));
}

std::string CheckFailure::sentence() const {
  std::string out = fmt::format("{}: check failed: {} row{} break{} it ({})", check->where.str(), rows, rows == 1 ? "" : "s",
                                rows == 1 ? "s" : "", util::one_line(check->sql, 80));
  for (std::size_t i = 0; i < samples.size(); ++i) out += fmt::format("{}{}", i == 0 ? "; first: " : ", ", util::one_line(samples[i], 80));
  return out;
}

std::optional<CheckFailure> run_check(db::Session& session, const migration::Statement& check) {
  // In a savepoint rolled back right after: whatever a function the check calls writes (or a setting
  // it changes) is undone, so a check only ever reads. The window count is of every row, taken
  // before the LIMIT; the newlines keep a trailing comment of the check from swallowing the ")".
  session.exec("SAVEPOINT migrate_check");
  db::Result r;
  try {
    r = session.exec(fmt::format("SELECT count(*) OVER ()::text, c::text FROM (\n{}\n) AS c LIMIT 5", check.sql));
    session.exec("ROLLBACK TO SAVEPOINT migrate_check");
    session.exec("RELEASE SAVEPOINT migrate_check");
  } catch (const DatabaseError& e) {
    // The sqlstate stays: a lock timeout is retried like any other attempt's.
    throw DatabaseError(fmt::format("{}: the check could not run: {}", check.where.str(), util::one_line(e.what(), 300)), e.sqlstate(),
                        "fix the check (its SELECT runs as written, inside SELECT ... FROM (check) AS c)");
  }
  if (r.rows.empty()) return std::nullopt;
  CheckFailure f;
  f.check = &check;
  f.rows = std::stoll(r.rows[0][0].value_or("0"));
  for (const auto& row : r.rows) f.samples.push_back(row[1].value_or("NULL"));
  return f;
}

std::optional<CheckFailure> run_checks(db::Session& session, const std::vector<migration::Statement>& checks) {
  for (const auto& c : checks) {
    if (auto f = run_check(session, c)) return f;
  }
  return std::nullopt;
}

std::optional<CheckFailure> run_checks_alone(db::Session& session, const std::vector<const migration::Statement*>& checks,
                                             const RetryPolicy& policy) {
  if (checks.empty()) return std::nullopt;
  // A transaction of their own, every attempt bounded by lock_timeout and retried like a section's.
  std::optional<CheckFailure> failed;
  Unit unit{{}, true};
  unit.before_commit = [&](long long) {
    failed.reset();
    for (const auto* c : checks) {
      if ((failed = run_check(session, *c))) return;
    }
  };
  run_unit(session, unit, policy);
  return failed;
}

std::optional<CheckFailure> run_earlier_checks(db::Session& session, const migration::Migration& m, migration::Phase phase,
                                               const RetryPolicy& policy) {
  std::vector<const migration::Statement*> checks;
  for (const auto& s : m.sections) {
    if (s.phase >= phase) continue;
    for (const auto& c : s.forward.checks) checks.push_back(&c);
  }
  return run_checks_alone(session, checks, policy);
}

} // namespace migrate::apply
