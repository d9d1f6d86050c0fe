#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {


Rule backfill_skips_default() {
  return {"backfill-skips-default", Severity::error, "a backfill that only fills rows where a column with a DEFAULT IS NULL",
          R"(Problem: a backfill sets a column WHERE that column IS NULL, and the column has a non-null
DEFAULT (ADD COLUMN ... DEFAULT, or SET DEFAULT in an earlier phase).
Why: between expand and the backfill the old release keeps inserting rows. They get the DEFAULT, not
NULL, so the backfill's predicate skips them and they keep a value nobody computed: every customer
the old release wrote in the window is "not verified", and contract then drops the column the truth
was in. verify shows the skipped rows.
Instead of:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN email_verified boolean DEFAULT false;
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET email_verified = (legacy_status = 'verified')
     WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
Use: add the column without a default, backfill, and set the default after the backfill (a trigger
keeps rows the old release writes meanwhile in step):
    -- migrate:expand
    ALTER TABLE users ADD COLUMN email_verified boolean;
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET email_verified = (legacy_status = 'verified') WHERE id > $1 AND id <= $2;
    -- migrate:contract
    ALTER TABLE users ALTER COLUMN email_verified SET DEFAULT false;
or keep the default and make the predicate the convergence condition:
     WHERE id > $1 AND id <= $2
       AND email_verified IS DISTINCT FROM (legacy_status = 'verified');)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "UpdateStmt" || !c.statement.backfill || c.rollback) return;
            const std::string t = target_table(c);
            const Table* table = c.catalog.table(t);
            if (!table) return;
            std::vector<std::string> targets;
            for (const auto& item : get(c.body, "targetList")) targets.emplace_back(get(item, "ResTarget").value("name", ""));
            for (const Node* part : sql::conjuncts(get(c.body, "whereClause"))) {
              const std::string col = sql::is_null_column(*part).value_or("");
              if (col.empty() || std::find(targets.begin(), targets.end(), col) == targets.end()) continue;
              const Column* column = table->column(col);
              if (!column || !column->has_default) continue;
              out.report(fmt::format("the backfill of {}.{} only fills rows where it IS NULL, but {} has a DEFAULT: rows the old "
                                     "release inserts before the backfill get the default and are skipped",
                                     shown(t), col, col),
                         fmt::format("set the DEFAULT after the backfill, or write the predicate as `{} IS DISTINCT FROM <the "
                                     "value it sets>` (migrate lint --explain backfill-skips-default)",
                                     col));
            }
          }};
}

} // namespace migrate::lint::rules
