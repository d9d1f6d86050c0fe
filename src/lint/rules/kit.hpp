#pragma once
// What every rule file uses: the rule types and the tree helpers.
#include <algorithm>

#include <fmt/format.h>

#include "lint/rule.hpp"
#include "sql/ast.hpp"

namespace migrate::lint::rules {

using sql::get;
using sql::Node;

// The table an ALTER TABLE / CREATE INDEX / UPDATE ... acts on ("schema.name"), or "".
inline std::string target_table(const StatementContext& c) {
  if (c.body.contains("relation")) return sql::qualified(get(c.body, "relation"));
  return {};
}

// Calls fn(subtype, cmd body, def kind, def body) for each ALTER TABLE command.
template <typename F> void each_alter_cmd(const StatementContext& c, F&& fn) {
  if (c.kind != "AlterTableStmt" || c.body.value("objtype", "") != "OBJECT_TABLE") return;
  int i = 0;
  for (const auto& item : get(c.body, "cmds")) {
    const auto& cmd = get(item, "AlterTableCmd");
    auto [dk, def] = sql::unwrap(get(cmd, "def"));
    c.clause = i++;
    fn(cmd.value("subtype", ""), cmd, dk, *def);
  }
  c.clause = -1;
}

// Calls fn(column name, type_text, line-relevant def, is_key) for every column a statement defines:
// CREATE TABLE columns, ADD COLUMN, and ALTER COLUMN ... TYPE (the new type). Keys are primary-key and
// foreign-key columns and columns named id or *_id.
template <typename F> void each_defined_column(const StatementContext& c, F&& fn) {
  auto key_name = [](const std::string& n) { return n == "id" || n.ends_with("_id"); };
  auto column_is_key = [&](const Node& def) {
    for (const auto& con : get(def, "constraints")) {
      const std::string ct = get(con, "Constraint").value("contype", "");
      if (ct == "CONSTR_PRIMARY" || ct == "CONSTR_FOREIGN") return true;
    }
    return key_name(def.value("colname", ""));
  };
  if (c.kind == "CreateStmt") {
    std::vector<std::string> table_keys;
    for (const auto& elt : get(c.body, "tableElts")) {
      auto [k, b] = sql::unwrap(elt);
      if (k == "Constraint") {
        const std::string ct = b->value("contype", "");
        if (ct == "CONSTR_PRIMARY" || ct == "CONSTR_FOREIGN") {
          for (auto& col : sql::constraint_columns(*b)) table_keys.push_back(col);
        }
      }
    }
    for (const auto& elt : get(c.body, "tableElts")) {
      auto [k, b] = sql::unwrap(elt);
      if (k != "ColumnDef") continue;
      const std::string name = b->value("colname", "");
      bool key = column_is_key(*b) || std::find(table_keys.begin(), table_keys.end(), name) != table_keys.end();
      fn(name, sql::type_text(get(*b, "typeName")), key);
    }
    return;
  }
  each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string& dk, const Node& def) {
    if (dk != "ColumnDef") return;
    if (sub == "AT_AddColumn") fn(def.value("colname", ""), sql::type_text(get(def, "typeName")), column_is_key(def));
    if (sub == "AT_AlterColumnType") {
      const std::string name = cmd.value("name", "");
      fn(name, sql::type_text(get(def, "typeName")), key_name(name));
    }
  });
}

// The prefer-* rules differ only in which column types they flag and what they say: `flags` gets the
// type's base name, its full text and whether the column is a key; `message` formats the column name
// and the type as written.
inline Rule type_preference(std::string_view id, std::string_view summary, std::string_view explain,
                            bool (*flags)(const std::string& base, const std::string& type, bool is_key),
                            std::string_view message, std::string_view help) {
  return {id, Severity::warning, summary, explain, false, [=](const StatementContext& c, Sink& out) {
            if (!c.defined) {
              c.defined.emplace();
              each_defined_column(c, [&](const std::string& name, const std::string& type, bool is_key) {
                c.defined->push_back({name, type, is_key, c.clause});
              });
            }
            for (const auto& d : *c.defined) {
              if (!flags(sql::type_base(d.type), d.type, d.key)) continue;
              c.clause = d.clause;
              out.report(fmt::format(fmt::runtime(message), d.name, sql::type_display(d.type)), std::string(help));
            }
            c.clause = -1;
          }};
}

// Short display name of a table key: "public.users" -> "users".
inline std::string shown(const std::string& key) {
  return sql::short_name(key);
}

} // namespace migrate::lint::rules
