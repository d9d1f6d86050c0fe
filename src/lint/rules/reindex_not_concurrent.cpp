#include "lint/rules/kit.hpp"
#include "sql/parser.hpp"

namespace migrate::lint::rules {

Rule reindex_not_concurrent() {
  return {"reindex-not-concurrent", Severity::error, "REINDEX without CONCURRENTLY",
          R"(Problem: REINDEX takes a SHARE lock on the table and ACCESS EXCLUSIVE on the index.
Why: writes stop for the whole rebuild, and queries that would use the index wait too.
Instead of:
    REINDEX INDEX users_email_idx;
Use (PostgreSQL 12 and later):
    REINDEX INDEX CONCURRENTLY users_email_idx;
Before 12: CREATE INDEX CONCURRENTLY a new index, then DROP INDEX CONCURRENTLY the old one.
Versions: REINDEX ... CONCURRENTLY from PostgreSQL 12; the option-list form REINDEX (CONCURRENTLY)
from 14 (13 rejects it as a syntax error).)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "ReindexStmt" || sql::reindex_concurrently(c.body)) return;
            const std::string what = c.body.value("kind", "");
            if (what == "REINDEX_OBJECT_SYSTEM") {
              out.report("REINDEX SYSTEM rebuilds every system catalog index, blocking writes to each catalog while it does",
                         "CONCURRENTLY is impossible on system catalogs: run it by hand in a maintenance window, not in a migration");
              return;
            }
            if (what == "REINDEX_OBJECT_DATABASE" || what == "REINDEX_OBJECT_SCHEMA") {
              out.report(fmt::format("REINDEX {} blocks writes to each table while its indexes are rebuilt",
                                     what == "REINDEX_OBJECT_DATABASE" ? "DATABASE" : "SCHEMA"),
                         c.pg_version >= 12 ? "use REINDEX ... CONCURRENTLY (it skips the system catalogs, which cannot be reindexed "
                                              "concurrently), or reindex the indexes that need it one by one"
                                            : "reindex the indexes that need it one by one: build each anew CONCURRENTLY and drop the old one");
              return;
            }
            out.report("REINDEX without CONCURRENTLY blocks writes for the whole rebuild",
                       c.pg_version >= 12 ? "use REINDEX ... CONCURRENTLY"
                                          : "PostgreSQL 11 has no REINDEX CONCURRENTLY: build a new index CONCURRENTLY and drop the old one");
          }};
}

} // namespace migrate::lint::rules
