#include "lint/rules/kit.hpp"
#include "sql/parser.hpp"

namespace migrate::lint::rules {

Rule concurrently_in_transaction() {
  return {"concurrently-in-transaction", Severity::error, "CONCURRENTLY inside a transaction block",
          R"(Problem: CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY and
VACUUM cannot run inside a transaction block; PostgreSQL refuses them (SQLSTATE 25001).
Why: the statement fails at apply time, after everything before it in the transaction was done.
Instead of:
    BEGIN;
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
    COMMIT;
Use: drop the BEGIN/COMMIT; migrate runs a section with a CONCURRENTLY statement outside a
transaction, one statement at a time.)",
          false, [](const StatementContext& c, Sink& out) {
            if (!c.in_transaction) return;
            auto what = sql::needs_own_transaction(c.statement.node);
            if (what.empty()) return;
            if (c.in_transaction && !c.explicit_block && !c.forced_transaction) {
              // Only a DO block puts it in a transaction here (the section itself runs outside one).
              out.report(fmt::format("{} cannot run inside a DO block: the block is one transaction", what),
                         "take it out of the DO block: migrate runs it on its own, outside a transaction");
              return;
            }
            out.report(fmt::format("{} cannot run inside a transaction block", what),
                       "remove the BEGIN/COMMIT around it; migrate runs such a section statement by statement");
          }};
}

} // namespace migrate::lint::rules
