#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

namespace {

// timestamp <-> timestamptz: free on 12+ when the session TimeZone is UTC (docs/locks.md), which lint cannot see.
bool timestamp_pair(const std::string& from, const std::string& to) {
  const std::string f = sql::type_base(from), t = sql::type_base(to);
  return (f == "timestamp" && t == "timestamptz") || (f == "timestamptz" && t == "timestamp");
}

} // namespace

Rule column_type_rewrite() {
  return {"column-type-rewrite", Severity::error, "ALTER COLUMN TYPE that is not binary-coercible",
          R"(Problem: ALTER COLUMN ... TYPE rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE unless
the old and new types are binary-coercible (varchar(n) to a larger varchar or to text, numeric(p,s) to
a larger precision at the same scale). integer to bigint is not.
Why: no reads or writes for the whole rewrite.
Instead of:
    ALTER TABLE orders ALTER COLUMN id TYPE bigint;
Use a new column, filled by a dual-write trigger and a backfill, then swapped:
    -- migrate:expand
    ALTER TABLE orders ADD COLUMN id_new bigint;
    CREATE FUNCTION orders_id_dual() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN NEW.id_new := NEW.id; RETURN NEW; END $$;
    CREATE TRIGGER orders_id_dual BEFORE INSERT OR UPDATE ON orders
      FOR EACH ROW EXECUTE FUNCTION orders_id_dual();
    -- migrate:migrate
    -- migrate:backfill table=orders key=id
    UPDATE orders SET id_new = id WHERE id > $1 AND id <= $2 AND id_new IS NULL;
    -- migrate:contract
    (swap the columns, drop the trigger and the old column)
Versions: timestamp to timestamptz keeps the stored bytes from PostgreSQL 12 when the session
TimeZone is UTC (a warning says so); before 12 it always rewrites.)",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string& dk, const Node& def) {
              if (sub != "AT_AlterColumnType" || dk != "ColumnDef") return;
              const std::string col = cmd.value("name", "");
              const std::string to = sql::type_display(sql::type_text(get(def, "typeName")));
              const Column* from = c.catalog.table_or_unknown(t).column(col);
              std::string rows = c.rows_note(t);
              if (def.contains("raw_default")) {
                out.report(fmt::format("{}ALTER COLUMN {} TYPE {} USING ... rewrites {} under ACCESS EXCLUSIVE", rows, col, to, shown(t)),
                           "add a new column, dual-write, backfill, then swap");
              } else if (!from || from->type.empty()) {
                out.warn(fmt::format("ALTER COLUMN \"{}\" TYPE {}: the current type of {}.\"{}\" is unknown here, so whether "
                                     "this rewrites the table cannot be decided",
                                     col, to, shown(t), col),
                         "decide it with the real type: lint with --database URL, or lint the whole directory so that the "
                         "migration that made the column is replayed first");
              } else if (timestamp_pair(from->type, sql::type_text(get(def, "typeName")))) {
                out.warn(fmt::format("{}ALTER COLUMN \"{}\" TYPE {} from {} rewrites {} unless the session TimeZone is UTC",
                                     rows, col, to, sql::type_display(from->type), shown(t)),
                         c.pg_version >= 12 ? "on PostgreSQL 12 and later it is free when the session's TimeZone is UTC: "
                                              "SET LOCAL timezone = 'UTC' before it; otherwise use a new column and a backfill"
                                            : "before PostgreSQL 12 it always rewrites: use a new column, dual-write, backfill, then swap");
              } else if (!binary_coercible(from->type, to)) {
                out.report(fmt::format("{}ALTER COLUMN {} TYPE {} from {} rewrites {} under ACCESS EXCLUSIVE", rows, col, to, sql::type_display(from->type), shown(t)),
                           "add a new column, dual-write, backfill, then swap");
              }
            });
          }};
}

} // namespace migrate::lint::rules
