// The rule catalogue of docs/locks.md: one line per rule, one file per rule beside this one.
#include <array>

#include "lint/rules/kit.hpp"

namespace migrate::lint {

namespace rules {
Rule index_not_concurrent();
Rule drop_index_not_concurrent();
Rule reindex_not_concurrent();
Rule concurrently_in_transaction();
Rule constraint_not_valid();
Rule validate_in_same_transaction();
Rule set_not_null_scan();
Rule add_column_rewrite();
Rule add_column_required();
Rule column_type_rewrite();
Rule unique_constraint_build();
Rule exclusion_constraint();
Rule table_rewrite();
Rule refresh_mv_not_concurrent();
Rule detach_partition_not_concurrent();
Rule unbatched_dml();
Rule backfill_skips_default();
Rule lock_held_too_long();
Rule destructive_outside_contract();
Rule breaking_rename();
Rule enum_value_same_transaction();
Rule lock_timeout_disabled();
Rule cross_app_ownership();
Rule dml_outside_migrate();
Rule schema_change_in_migrate();
Rule fk_without_index();
Rule prefer_bigint();
Rule prefer_text();
Rule prefer_timestamptz();
Rule prefer_jsonb();
Rule prefer_identity();
Rule avoid_char();
Rule identifier_too_long();
Rule drop_database();
Rule domain_constraint_scan();

// Decided by the engine and the command, not per statement.
Rule missing_rollback() {
  return {"missing-rollback", Severity::error, "a section with no rollback and no rollback irreversible",
          R"(Problem: a section has neither -- migrate:rollback nor -- migrate:rollback irreversible.
Why: a rollback written during an incident is a rollback nobody reviewed or tried. migrate verify
applies and rolls back every phase in CI, but only if the rollback is there.
Instead of:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN plan text;
Use:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN plan text;
    -- migrate:rollback
    ALTER TABLE users DROP COLUMN IF EXISTS plan;
or, when it truly cannot be undone, say so: -- migrate:rollback irreversible
A section that only builds on tables an earlier phase of the same file created is exempt when that
phase has a rollback: rolling it back removes them.)",
          false, nullptr};
}
Rule empty_section() {
  return {"empty-section", Severity::warning, "a section header with no statements under it",
          R"(Problem: a -- migrate:expand, -- migrate:migrate or -- migrate:contract header with nothing under it
(what migrate new writes for every phase).
Why: apply records an empty step as applied, and status, plan and history list a step that does
nothing; a phase left empty by mistake (the SQL was put under the wrong header) goes unnoticed.
Use: write its statements, or delete the header: a file may leave out any phase.)",
          false, nullptr};
}
Rule unused_allow() {
  return {"unused-allow", Severity::warning, "an allow directive that suppresses nothing",
          R"(Problem: -- migrate:allow RULE reason="..." suppresses no finding (or names no rule).
Why: a stale suppression hides the next real finding of that rule on that statement, and a misspelt
rule id suppresses nothing while looking as if it did.
Use: remove it, or correct the rule id (migrate lint --list-rules).)",
          false, nullptr};
}
Rule not_understood() {
  return {"not-understood", Severity::warning, "a statement the linter cannot analyse: newer grammar, or dynamic SQL",
          R"(Problem: the linter could not read this statement, so it checked nothing in it: a statement in
grammar newer than libpg_query's (PostgreSQL 15), kept because --pg-version (or the server) is newer,
or dynamic SQL in a DO block built from variables (EXECUTE format(...)).
Why: a statement nobody checked can take any lock; it is reported so that someone looks at it.
Use: check its locks by hand; for dynamic SQL, write the statements out, or EXECUTE a literal string,
which is linted. With --pg-version 15 or older, newer grammar is a parse error instead (exit 2).
Versions: what is newer than the grammar depends on the server: a sub-SELECT without an alias (16),
virtual generated columns and NOT NULL ... NOT VALID (18), among others.)",
          false, nullptr};
}
Rule parse_error() {
  return {"parse-error", Severity::error, "SQL that PostgreSQL's parser rejects, or a malformed migration file",
          R"(Problem: the file does not parse: SQL that PostgreSQL's own parser (libpg_query) rejects, or a
malformed migration file (bad name, unknown directive, sections out of order, not UTF-8, ...).
Why: nothing of a file that does not parse is linted or applied; lint exits 2.
Use: fix the SQL or the file at the line and column given.)",
          false, nullptr};
}
} // namespace rules

std::span<const Rule> catalogue() {
  static const std::array<Rule, 40> table = {
      rules::index_not_concurrent(),        rules::drop_index_not_concurrent(),  rules::reindex_not_concurrent(),
      rules::concurrently_in_transaction(), rules::constraint_not_valid(),       rules::validate_in_same_transaction(),
      rules::set_not_null_scan(),           rules::add_column_rewrite(),         rules::add_column_required(),
      rules::column_type_rewrite(),         rules::unique_constraint_build(),    rules::exclusion_constraint(),
      rules::table_rewrite(),               rules::refresh_mv_not_concurrent(),  rules::detach_partition_not_concurrent(),
      rules::domain_constraint_scan(),      rules::unbatched_dml(),               rules::backfill_skips_default(),     rules::lock_held_too_long(),         rules::destructive_outside_contract(),
      rules::breaking_rename(),             rules::enum_value_same_transaction(), rules::lock_timeout_disabled(),
      rules::missing_rollback(),            rules::cross_app_ownership(),        rules::dml_outside_migrate(),
      rules::schema_change_in_migrate(),    rules::fk_without_index(),           rules::prefer_bigint(),              rules::prefer_text(),
      rules::prefer_timestamptz(),          rules::prefer_jsonb(),               rules::unused_allow(),
      rules::prefer_identity(),             rules::avoid_char(),                 rules::identifier_too_long(),
      rules::drop_database(),               rules::empty_section(),              rules::not_understood(),
      rules::parse_error()};
  return table;
}

const Rule* find_rule(std::string_view id) {
  for (const auto& r : catalogue()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

} // namespace migrate::lint
