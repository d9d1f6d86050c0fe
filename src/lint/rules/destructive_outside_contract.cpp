#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule destructive_outside_contract() {
  return {"destructive-outside-contract", Severity::error,
          "DROP TABLE/COLUMN/SCHEMA/CONSTRAINT, TRUNCATE, DROP NOT NULL in expand or migrate",
          R"(Problem: removing something in the expand or migrate phase, which run before and during the deploy.
Why: the servers still running the old code use what is being removed: their queries fail the moment
the column, table or constraint is gone.
Instead of:
    -- migrate:expand
    ALTER TABLE users DROP COLUMN legacy_status;
Use the contract phase, which runs after the deploy, when no running code uses it:
    -- migrate:contract
    ALTER TABLE users DROP COLUMN legacy_status;
Dropping what the same migration created (a helper CHECK after SET NOT NULL, say) is fine anywhere.)",
          true, [](const StatementContext& c, Sink& out) {
            if (c.phase == migration::Phase::contract) return;
            const std::string phase(migration::to_string(c.phase));
            auto report = [&](const std::string& what) {
              out.report(fmt::format("{} in the {} phase breaks servers still running the old code", what, phase),
                         "move it to the contract phase, which runs after the deploy");
            };
            if (c.kind == "DropStmt") {
              const std::string type = c.body.value("removeType", "");
              if (type != "OBJECT_TABLE" && type != "OBJECT_SCHEMA" && type != "OBJECT_VIEW" && type != "OBJECT_TYPE") return;
              for (const auto& obj : get(c.body, "objects")) {
                auto parts = sql::strings(get(obj, "List").value("items", Node::empty_array()));
                if (parts.empty() && obj.contains("String")) parts = {get(obj, "String").value("sval", "")};
                std::string key = sql::qualified_name(parts);
                if (type == "OBJECT_TABLE" && !c.existing(key)) continue;
                report(fmt::format("DROP {} {}", type.substr(7), parts.empty() ? "" : parts.back()));
              }
              return;
            }
            if (c.kind == "TruncateStmt") {
              report("TRUNCATE");
              return;
            }
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string&, const Node&) {
              const std::string name = cmd.value("name", "");
              if (sub == "AT_DropColumn") report(fmt::format("DROP COLUMN {}.{}", shown(t), name));
              if (sub == "AT_DropNotNull") report(fmt::format("DROP NOT NULL on {}.{}", shown(t), name));
              if (sub == "AT_DropConstraint") {
                // A helper CHECK (col IS NOT NULL) whose column is NOT NULL now has done its job.
                const Constraint* k = c.catalog.table_or_unknown(t).constraint(name);
                if (k && k->not_null_of) {
                  const Column* col = c.catalog.table_or_unknown(t).column(*k->not_null_of);
                  if (col && col->not_null) return;
                }
                if (k && k->tx >= 0 && c.catalog.table(t) && k->tx >= c.catalog.table(t)->created_tx && !c.existing(t)) return;
                report(fmt::format("DROP CONSTRAINT {}", name));
              }
            });
          }};
}

} // namespace migrate::lint::rules
