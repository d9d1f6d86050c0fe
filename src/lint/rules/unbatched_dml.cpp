#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule unbatched_dml() {
  return {"unbatched-dml", Severity::error, "UPDATE or DELETE on an existing table without a backfill directive",
          R"(Problem: one UPDATE or DELETE over a large table locks every row it touches until it commits and
writes all of its WAL at once.
Why: concurrent writes to those rows wait for the whole statement; replicas fall behind; a failure
rolls all of it back.
Instead of:
    UPDATE users SET email_verified = false WHERE email_verified IS NULL;
Use key-range batches, checkpointed and resumable:
    -- migrate:migrate
    -- migrate:backfill table=users key=id batch=auto
    UPDATE users SET email_verified = false
     WHERE id > $1 AND id <= $2 AND email_verified IS NULL;)",
          false, [](const StatementContext& c, Sink& out) {
            if ((c.kind != "UpdateStmt" && c.kind != "DeleteStmt") || c.statement.backfill) return;
            const std::string t = target_table(c);
            if (!c.existing(t) || sql::system_table(t) || few_rows(c.body, c.catalog)) return;
            out.report(fmt::format("{}{} on {} in one statement holds every row lock it takes until it commits", c.rows_note(t),
                                   c.kind == "UpdateStmt" ? "UPDATE" : "DELETE", shown(t)),
                       c.phase == migration::Phase::migrate
                           ? "run it in key-range batches with -- migrate:backfill table=... key=... (and $1/$2 bounds)"
                           : fmt::format("run it in key-range batches with -- migrate:backfill table=... key=... (and $1/$2 bounds), "
                                         "in the migrate phase: a data change in {} is also dml-outside-migrate",
                                         migration::to_string(c.phase)));
          }};
}

} // namespace migrate::lint::rules
