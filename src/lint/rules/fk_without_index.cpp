#include "lint/rules/kit.hpp"

namespace migrate::lint {

using rules::get;
using rules::Node;

std::vector<ForeignKey> foreign_keys_added(const StatementContext& c) {
  std::vector<ForeignKey> out;
  auto from_constraint = [&](const std::string& table, const Node& con, const std::string& column) {
    if (con.value("contype", "") != "CONSTR_FOREIGN") return;
    auto cols = sql::strings(get(con, "fk_attrs"));
    if (cols.empty() && !column.empty()) cols = {column};
    if (!cols.empty()) out.push_back({table, cols});
  };
  if (c.kind == "CreateStmt") {
    const std::string t = sql::qualified(get(c.body, "relation"));
    for (const auto& elt : get(c.body, "tableElts")) {
      auto [k, b] = sql::unwrap(elt);
      if (k == "Constraint") from_constraint(t, *b, {});
      if (k == "ColumnDef") {
        for (const auto& con : get(*b, "constraints")) from_constraint(t, get(con, "Constraint"), b->value("colname", ""));
      }
    }
  }
  rules::each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
    const std::string t = rules::target_table(c);
    if (sub == "AT_AddConstraint" && dk == "Constraint") from_constraint(t, def, {});
    if (sub == "AT_AddColumn" && dk == "ColumnDef") {
      for (const auto& con : get(def, "constraints")) from_constraint(t, get(con, "Constraint"), def.value("colname", ""));
    }
  });
  return out;
}

namespace rules {

Rule fk_without_index() {
  return {"fk-without-index", Severity::warning, "a foreign key whose referencing columns lead no index",
          R"(Problem: a foreign key whose referencing columns are not the leading columns of any index (by the
end of the migration).
Why: every DELETE or key UPDATE on the referenced table must find the referencing rows, and without
an index that is a scan of the whole referencing table, under a lock, for every row deleted.
Instead of:
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
Use, with the foreign key:
    CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);)",
          false, nullptr};
}

} // namespace rules
} // namespace migrate::lint
