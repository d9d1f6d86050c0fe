#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule drop_database() {
  return {"drop-database", Severity::error, "DROP DATABASE in a migration",
          R"(Problem: a migration drops a database.
Why: a migration changes the schema of the database it runs in; dropping a whole database (with every
row in it, and every session connected to it) is not a schema change that can be rolled back, and it
cannot run inside a transaction, so nothing undoes it if a later statement fails.
Instead of:
    DROP DATABASE IF EXISTS legacy_stats;
Use: drop databases by hand, after a backup, outside the migrations.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "DropdbStmt") return;
            out.report(fmt::format("DROP DATABASE {} removes a whole database, and nothing can roll it back", c.body.value("dbname", "")),
                       "drop databases by hand, after a backup, not in a migration");
          }};
}

} // namespace migrate::lint::rules
