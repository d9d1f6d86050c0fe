#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule index_not_concurrent() {
  return {"index-not-concurrent", Severity::error, "CREATE INDEX without CONCURRENTLY on an existing table",
          R"(Problem: CREATE INDEX without CONCURRENTLY takes a SHARE lock on the table for the whole build.
Why: SHARE blocks every INSERT, UPDATE and DELETE until the index is built, which on a large table is
minutes of failed or queued writes.
Instead of:
    CREATE INDEX users_email_idx ON users (email);
Use (the section then runs outside a transaction by itself):
    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
On a partitioned table CONCURRENTLY is impossible on the parent; build it per partition:
    CREATE INDEX orders_created_idx ON ONLY orders (created_at);
    CREATE INDEX CONCURRENTLY orders_2025_created_idx ON orders_2025 (created_at);
    ALTER INDEX orders_created_idx ATTACH PARTITION orders_2025_created_idx;
An index on a table created in the same migration needs none of this.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "IndexStmt" || c.body.value("concurrent", false)) return;
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            const Table* table = c.catalog.table(t);
            bool only = !get(c.body, "relation").value("inh", false); // libpg_query omits false: ONLY has no "inh"
            if (table && table->partitioned) {
              if (only) return; // ON ONLY parent: the safe recipe's first step
              out.report(fmt::format("{}CREATE INDEX on the partitioned table {} blocks writes to every partition while it builds",
                                     c.rows_note(t), shown(t)),
                         "CONCURRENTLY is impossible on a partitioned parent: CREATE INDEX ... ON ONLY the parent, "
                         "CREATE INDEX CONCURRENTLY on each partition, then ALTER INDEX ... ATTACH PARTITION");
              return;
            }
            out.report(fmt::format("{}CREATE INDEX without CONCURRENTLY blocks writes to {} for the whole build", c.rows_note(t), shown(t)),
                       "use CREATE INDEX CONCURRENTLY; the section then runs outside a transaction");
          }};
}

} // namespace migrate::lint::rules
