#include "apply/checks.hpp"

#include <fmt/format.h>

#include "db/transaction.hpp"
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
  // The window count is of every row, taken before the LIMIT; the newlines keep a trailing comment
  // of the check from swallowing the closing parenthesis.
  auto r = session.exec(fmt::format("SELECT count(*) OVER ()::text, c::text FROM (\n{}\n) AS c LIMIT 5", check.sql));
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
                                             util::Duration lock_timeout) {
  if (checks.empty()) return std::nullopt;
  return db::in_transaction(
      session,
      [&]() -> std::optional<CheckFailure> {
        session.exec(fmt::format("SET LOCAL lock_timeout = '{}ms'", lock_timeout.count()));
        for (const auto* c : checks) {
          if (auto failed = run_check(session, *c)) return failed;
        }
        return std::nullopt;
      },
      "BEGIN READ ONLY");
}

std::optional<CheckFailure> run_earlier_checks(db::Session& session, const migration::Migration& m, migration::Phase phase,
                                               util::Duration lock_timeout) {
  std::vector<const migration::Statement*> checks;
  for (const auto& s : m.sections) {
    if (s.phase >= phase) continue;
    for (const auto& c : s.forward.checks) checks.push_back(&c);
  }
  return run_checks_alone(session, checks, lock_timeout);
}

} // namespace migrate::apply
