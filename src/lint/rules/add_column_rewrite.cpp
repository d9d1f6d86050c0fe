#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule add_column_rewrite() {
  return {"add-column-rewrite", Severity::error, "ADD COLUMN that rewrites the table",
          R"(Problem: a column whose value must be computed per row (a volatile default such as random() or
gen_random_uuid(), serial/bigserial, an identity, GENERATED ... STORED) makes ADD COLUMN rewrite the
whole table and its indexes under ACCESS EXCLUSIVE. Before PostgreSQL 11 any default does.
Why: nothing can read or write the table until the copy is done.
Instead of:
    ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
Use:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN token uuid;
    ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET token = gen_random_uuid() WHERE id > $1 AND id <= $2 AND token IS NULL;
Versions: the same on 13 to 18: from PostgreSQL 11 a non-volatile default (a constant, now()) is
stored once and rewrites nothing. gen_random_uuid() is built in from 13 (pgcrypto's before).)",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
              if (sub != "AT_AddColumn" || dk != "ColumnDef") return;
              auto why = add_column_rewrite_reason(def, c.pg_version, c.catalog);
              if (why.empty()) return;
              out.report(fmt::format("{}ADD COLUMN {} with {} rewrites {} under ACCESS EXCLUSIVE", c.rows_note(t),
                                     def.value("colname", ""), why, shown(t)),
                         "add the column without it, SET DEFAULT for new rows, and backfill the existing ones in batches");
            });
          }};
}

} // namespace migrate::lint::rules
