#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

namespace {

// The objects_created kind of a DROP's removeType, for the ones this rule is about.
const char* dropped_kind(const std::string& type) {
  if (type == "OBJECT_TABLE") return "table";
  if (type == "OBJECT_VIEW") return "view";
  if (type == "OBJECT_MATVIEW") return "matview";
  if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") return "type";
  if (type == "OBJECT_SCHEMA") return "schema";
  return nullptr;
}

} // namespace

Rule destructive_outside_contract() {
  return {"destructive-outside-contract", Severity::error,
          "DROP TABLE/COLUMN/VIEW/TYPE/SCHEMA, DROP of a primary key, TRUNCATE in expand or migrate",
          R"(Problem: removing something in the expand or migrate phase, which run before and during the deploy.
Why: the servers still running the old code use what is being removed: their queries fail the moment
the column, table, view or type is gone.
Instead of:
    -- migrate:expand
    ALTER TABLE users DROP COLUMN legacy_status;
Use the contract phase, which runs after the deploy, when no running code uses it:
    -- migrate:contract
    ALTER TABLE users DROP COLUMN legacy_status;
Not removals, and fine in any phase: relaxations (DROP NOT NULL, dropping a CHECK, UNIQUE or foreign
key), dropping what the same migration created, a view, type or function dropped and created again
later in the same transaction, and a primary key swapped in one transaction
(DROP CONSTRAINT t_pkey, ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX ...).)",
          true, [](const StatementContext& c, Sink& out) {
            if (c.phase == migration::Phase::contract) return;
            const std::string phase(migration::to_string(c.phase));
            auto report = [&](const std::string& what) {
              out.report(fmt::format("{} in the {} phase breaks servers still running the old code", what, phase),
                         "move it to the contract phase, which runs after the deploy");
            };
            if (c.kind == "DropStmt") {
              const std::string type = c.body.value("removeType", "");
              const char* kind = dropped_kind(type);
              if (!kind) return;
              const bool cascade = c.body.value("behavior", "") == "DROP_CASCADE";
              for (const auto& obj : get(c.body, "objects")) {
                const auto parts = sql::drop_object_name(obj);
                if (parts.empty()) continue;
                const std::string key = type == "OBJECT_SCHEMA" ? parts.back() : sql::qualified_name(parts);
                const std::string object = std::string(kind) + ":" + key;
                if ((type == "OBJECT_TABLE" || type == "OBJECT_MATVIEW") && !c.existing(key)) continue;
                // Created again later does not bring back what CASCADE took with it (columns of a type, views on a view).
                if (c.catalog.created_by(object, c.origin.migration) || (c.created_later(object) && !cascade)) continue;
                std::string what = type.substr(7);
                std::replace(what.begin(), what.end(), '_', ' ');
                if (type == "OBJECT_MATVIEW") what = "MATERIALIZED VIEW";
                report(fmt::format("DROP {} {}{}", what, parts.back(), cascade ? " CASCADE (and everything that depends on it)" : ""));
              }
              return;
            }
            if (c.kind == "TruncateStmt") {
              for (const auto& r : get(c.body, "relations")) {
                const std::string t = sql::qualified(get(r, "RangeVar"));
                if (c.existing(t)) return report(fmt::format("TRUNCATE {}", shown(t)));
              }
              return;
            }
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string&, const Node&) {
              const std::string name = cmd.value("name", "");
              if (sub == "AT_DropColumn") report(fmt::format("DROP COLUMN {}.\"{}\"", shown(t), name));
              if (sub != "AT_DropConstraint") return;
              // Dropping a CHECK, UNIQUE, foreign key or exclusion constraint relaxes: the old code's
              // writes still succeed. A primary key is what the old code's ON CONFLICT and lookups use.
              const Constraint* k = c.catalog.table_or_unknown(t).constraint(name);
              const bool primary = k ? k->kind == "primary" : name.ends_with("_pkey");
              if (cmd.value("behavior", "") == "DROP_CASCADE") {
                // CASCADE also drops the foreign keys (of other tables) that depend on its index.
                return report(fmt::format("DROP CONSTRAINT {} CASCADE (and every foreign key that depends on it)", name));
              }
              if (!primary || c.created_later("primary:" + t)) return;
              report(fmt::format("DROP CONSTRAINT {} (the primary key of {})", name, shown(t)));
            });
          }};
}

} // namespace migrate::lint::rules
