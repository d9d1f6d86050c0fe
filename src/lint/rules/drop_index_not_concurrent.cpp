#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule drop_index_not_concurrent() {
  return {"drop-index-not-concurrent", Severity::error, "DROP INDEX without CONCURRENTLY",
          R"(Problem: DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table.
Why: while it waits for the lock, every later query on the table queues behind it, reads included.
Instead of:
    DROP INDEX users_email_idx;
Use:
    DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "DropStmt" || c.body.value("removeType", "") != "OBJECT_INDEX" || c.body.value("concurrent", false)) return;
            for (const auto& obj : get(c.body, "objects")) {
              auto parts = sql::strings(get(obj, "List").value("items", Node::empty_array()));
              if (parts.empty()) continue;
              std::string key = sql::qualified_name(parts);
              auto table = c.catalog.index_table(key);
              if (table && !c.existing(*table)) continue;
              out.report(fmt::format("DROP INDEX {} without CONCURRENTLY locks {} against reads and writes",
                                     parts.back(), table ? shown(*table) : std::string("its table")),
                         "use DROP INDEX CONCURRENTLY");
            }
          }};
}

} // namespace migrate::lint::rules
