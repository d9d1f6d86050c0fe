#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule breaking_rename() {
  return {"breaking-rename", Severity::error, "RENAME of a table, column or schema",
          R"(Problem: renaming a table, column or schema in any phase.
Why: there is no moment when both the old and the new code work: before the deploy the new code
fails, after it the old code fails, and during a rolling deploy both run.
Instead of:
    ALTER TABLE users RENAME COLUMN name TO full_name;
Use expand / migrate / contract:
    -- migrate:expand     add full_name, and a trigger that copies name into it on write
    -- migrate:migrate    backfill full_name in batches
    -- migrate:contract   drop the trigger and name (after the code reads full_name)
or, for a table, rename it and leave a view with the old name behind for one release.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "RenameStmt") return;
            const std::string type = c.body.value("renameType", "");
            if (type != "OBJECT_TABLE" && type != "OBJECT_COLUMN" && type != "OBJECT_SCHEMA") return;
            if (c.body.contains("relation") && !c.existing(sql::qualified(get(c.body, "relation")))) return;
            std::string what = type == "OBJECT_COLUMN" ? "column " + c.body.value("subname", "")
                               : type == "OBJECT_SCHEMA" ? "schema " + c.body.value("subname", "")
                                                         : "table " + shown(target_table(c));
            out.report(fmt::format("renaming {} to {} breaks every running server that uses the old name", what, c.body.value("newname", "")),
                       "add the new name next to the old one, dual-write, backfill, and drop the old one in contract");
          }};
}

} // namespace migrate::lint::rules
