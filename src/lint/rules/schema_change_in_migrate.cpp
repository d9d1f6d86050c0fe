#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule schema_change_in_migrate() {
  return {"schema-change-in-migrate", Severity::warning, "DDL other than VALIDATE, SET NOT NULL and dropping a helper CHECK in migrate",
          R"(Problem: a schema change in the migrate phase.
Why: the migrate phase runs while both versions of the code run and is for moving data; additions
belong in expand (before the deploy), removals in contract (after it). VALIDATE CONSTRAINT, SET NOT
NULL and dropping the helper CHECK of the NOT NULL recipe are the exceptions: they finish what a
backfill made possible.
Instead of:
    -- migrate:migrate
    CREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);
Use:
    -- migrate:expand
    CREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);)",
          true, [](const StatementContext& c, Sink& out) {
            if (c.phase != migration::Phase::migrate || c.sectionless) return;
            static const std::vector<std::string> kNotDdl = {"UpdateStmt", "DeleteStmt", "InsertStmt", "SelectStmt", "VariableSetStmt",
                                                             "TransactionStmt", "VacuumStmt", "ExplainStmt", "DoStmt", "CallStmt",
                                                             "MergeStmt"};
            if (std::find(kNotDdl.begin(), kNotDdl.end(), c.kind) != kNotDdl.end()) return;
            // Not schema changes either: locks, TRUNCATE and REFRESH are about data, and a temporary
            // table (or one this migration made and drops again) is the migration's own scratch space.
            if (c.kind == "LockStmt" || c.kind == "TruncateStmt" || c.kind == "RefreshMatViewStmt") return;
            if (c.kind == "AlterDomainStmt" && c.body.value("subtype", "") == "V") return; // VALIDATE CONSTRAINT, as for tables
            if (c.kind == "CreateStmt" && get(c.body, "relation").value("relpersistence", "") == "t") return;
            if (c.kind == "CreateTableAsStmt" && get(get(c.body, "into"), "rel").value("relpersistence", "") == "t") return;
            if (c.kind == "DropStmt" && c.body.value("removeType", "") == "OBJECT_TABLE") {
              bool scratch = true;
              for (const auto& obj : get(c.body, "objects")) scratch = scratch && !c.existing(sql::qualified_name(sql::drop_object_name(obj)));
              if (scratch) return;
            }
            if (c.kind == "AlterTableStmt") {
              bool allowed = true;
              const std::string t = target_table(c);
              each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string&, const Node&) {
                if (sub == "AT_ValidateConstraint" || sub == "AT_SetNotNull") return;
                if (sub == "AT_DropConstraint") {
                  const Constraint* k = c.catalog.table_or_unknown(t).constraint(cmd.value("name", ""));
                  if (k && k->not_null_of) return;
                }
                allowed = false;
              });
              if (allowed) return;
            }
            out.report(fmt::format("a schema change ({}) in the migrate phase", c.kind.substr(0, c.kind.size() - 4)),
                       "additions go in expand, removals in contract; migrate is for data");
          }};
}

} // namespace migrate::lint::rules
