#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule reindex_not_concurrent() {
  return {"reindex-not-concurrent", Severity::error, "REINDEX without CONCURRENTLY",
          R"(Problem: REINDEX takes a SHARE lock on the table and ACCESS EXCLUSIVE on the index.
Why: writes stop for the whole rebuild, and queries that would use the index wait too.
Instead of:
    REINDEX INDEX users_email_idx;
Use (PostgreSQL 12 and later):
    REINDEX INDEX CONCURRENTLY users_email_idx;
Before 12: CREATE INDEX CONCURRENTLY a new index, then DROP INDEX CONCURRENTLY the old one.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "ReindexStmt") return;
            for (const auto& p : get(c.body, "params")) {
              if (get(p, "DefElem").value("defname", "") == "concurrently") return;
            }
            out.report("REINDEX without CONCURRENTLY blocks writes for the whole rebuild",
                       c.pg_version >= 12 ? "use REINDEX ... CONCURRENTLY"
                                          : "PostgreSQL 11 has no REINDEX CONCURRENTLY: build a new index CONCURRENTLY and drop the old one");
          }};
}

} // namespace migrate::lint::rules
