#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule table_rewrite() {
  return {"table-rewrite", Severity::error, "SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD, VACUUM FULL, CLUSTER",
          R"(Problem: these write a new copy of the table (and its indexes) under ACCESS EXCLUSIVE.
Why: nothing can read or write the table until the copy is done.
Instead of:
    VACUUM FULL orders;
    CLUSTER orders USING orders_created_idx;
    ALTER TABLE orders SET TABLESPACE fast;
Use pg_repack (online), or a new table filled by dual writes and a backfill, then swapped.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind == "VacuumStmt") {
              for (const auto& o : get(c.body, "options")) {
                if (get(o, "DefElem").value("defname", "") == "full" && sql::option_on(get(o, "DefElem"))) {
                  out.report("VACUUM FULL rewrites the table under ACCESS EXCLUSIVE", "use pg_repack, or plain VACUUM");
                }
              }
              return;
            }
            if (c.kind == "ClusterStmt") {
              out.report("CLUSTER rewrites the table under ACCESS EXCLUSIVE", "use pg_repack");
              return;
            }
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string&, const Node&) {
              const char* what = sub == "AT_SetTableSpace"    ? "SET TABLESPACE"
                                 : sub == "AT_SetLogged"      ? "SET LOGGED"
                                 : sub == "AT_SetUnLogged"    ? "SET UNLOGGED"
                                 : sub == "AT_SetAccessMethod" ? "SET ACCESS METHOD"
                                                              : nullptr;
              if (what) {
                out.report(fmt::format("{}{} rewrites {} under ACCESS EXCLUSIVE", c.rows_note(t), what, shown(t)),
                           "use pg_repack, or a new table with dual writes and a backfill");
              }
            });
          }};
}

} // namespace migrate::lint::rules
