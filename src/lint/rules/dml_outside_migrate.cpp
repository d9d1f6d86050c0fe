#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule dml_outside_migrate() {
  return {"dml-outside-migrate", Severity::warning, "UPDATE, DELETE or INSERT ... SELECT on an existing table in expand or contract",
          R"(Problem: a data change in the expand or contract phase.
Why: expand should only add (quickly, before the deploy) and contract only remove (after it); data
changes belong to the migrate phase, where they run in batches while both versions of the code run,
with progress and checkpoints.
Instead of:
    -- migrate:expand
    UPDATE users SET plan = 'free' WHERE plan IS NULL;
Use:
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;)",
          true, [](const StatementContext& c, Sink& out) {
            if (c.phase == migration::Phase::migrate) return;
            bool dml = c.kind == "UpdateStmt" || c.kind == "DeleteStmt" || (c.kind == "InsertStmt" && c.body.contains("selectStmt") &&
                                                                           get(get(c.body, "selectStmt"), "SelectStmt").contains("fromClause"));
            if (!dml) return;
            const std::string t = target_table(c);
            if (!c.existing(t) || sql::system_table(t)) return;
            // An UPDATE or DELETE not run as a backfill is unbatched-dml, whose help says where it belongs.
            if (c.kind != "InsertStmt" && !c.statement.backfill && !few_rows(c.body, c.catalog)) return;
            out.report(fmt::format("a data change to {} in the {} phase", shown(t), migration::to_string(c.phase)),
                       "move it to the migrate phase, as a backfill");
          }};
}

} // namespace migrate::lint::rules
