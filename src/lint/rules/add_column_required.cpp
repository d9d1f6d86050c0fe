#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule add_column_required() {
  return {"add-column-required", Severity::error, "ADD COLUMN NOT NULL without a default on an existing table",
          R"(Problem: ALTER TABLE ... ADD COLUMN ... NOT NULL with no DEFAULT on an existing table.
Why: it fails on a table with rows, and where it succeeds (an empty table today) every INSERT from the
running application, which does not know the column, fails afterwards.
Instead of:
    ALTER TABLE users ADD COLUMN plan text NOT NULL;
Use: a nullable column, written by the new code and backfilled, then the NOT NULL recipe:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN plan text;
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;
    (then CHECK (plan IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL))",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
              if (sub != "AT_AddColumn" || dk != "ColumnDef") return;
              bool not_null = false, has_default = false;
              for (const auto& con : get(def, "constraints")) {
                const std::string ct = get(con, "Constraint").value("contype", "");
                not_null = not_null || ct == "CONSTR_NOTNULL" || ct == "CONSTR_PRIMARY";
                has_default = has_default || ct == "CONSTR_DEFAULT" || ct == "CONSTR_IDENTITY" || ct == "CONSTR_GENERATED";
              }
              auto base = sql::type_base(sql::type_text(get(def, "typeName")));
              has_default = has_default || base.find("serial") != std::string::npos;
              if (!not_null || has_default) return;
              out.report(fmt::format("ADD COLUMN {} NOT NULL without a default fails on a table with rows, and breaks "
                                     "inserts from code that does not know the column",
                                     def.value("colname", "")),
                         "add it nullable, backfill it, then use CHECK ... NOT VALID, VALIDATE and SET NOT NULL");
            });
          }};
}

} // namespace migrate::lint::rules
