#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

namespace {

// The column a `c IS NULL` test is on ("" when it is another test or expression).
std::string is_null_column(const Node& expr) {
  const Node* test = expr.find("NullTest");
  if (!test || test->value("nulltesttype", "") != "IS_NULL") return {};
  const Node* ref = get(*test, "arg").find("ColumnRef");
  if (!ref) return {};
  const auto& fields = get(*ref, "fields");
  if (fields.empty()) return {};
  return std::string(get(fields[fields.size() - 1], "String").value("sval", ""));
}

// The WHERE's conjuncts: the parts joined by AND at its top.
void conjuncts(const Node& expr, std::vector<const Node*>& out) {
  if (const Node* b = expr.find("BoolExpr"); b && b->value("boolop", "") == "AND_EXPR") {
    for (const auto& arg : get(*b, "args")) conjuncts(arg, out);
    return;
  }
  out.push_back(&expr);
}

} // namespace

Rule backfill_skips_default() {
  return {"backfill-skips-default", Severity::error, "a backfill that only fills rows where a column with a DEFAULT IS NULL",
          R"(Problem: a backfill sets a column WHERE that column IS NULL, and the column has a non-null
DEFAULT (ADD COLUMN ... DEFAULT, or SET DEFAULT in an earlier phase).
Why: between expand and the backfill the old release keeps inserting rows. They get the DEFAULT, not
NULL, so the backfill's predicate skips them and they keep a value nobody computed: every customer
the old release wrote in the window is "not verified", and contract then drops the column the truth
was in. verify shows the skipped rows.
Instead of:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN email_verified boolean DEFAULT false;
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET email_verified = (legacy_status = 'verified')
     WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
Use: add the column without a default, backfill, and set the default after the backfill (a trigger
keeps rows the old release writes meanwhile in step):
    -- migrate:expand
    ALTER TABLE users ADD COLUMN email_verified boolean;
    -- migrate:migrate
    -- migrate:backfill table=users key=id
    UPDATE users SET email_verified = (legacy_status = 'verified') WHERE id > $1 AND id <= $2;
    -- migrate:contract
    ALTER TABLE users ALTER COLUMN email_verified SET DEFAULT false;
or keep the default and make the predicate the convergence condition:
     WHERE id > $1 AND id <= $2
       AND email_verified IS DISTINCT FROM (legacy_status = 'verified');)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "UpdateStmt" || !c.statement.backfill || c.rollback) return;
            const std::string t = target_table(c);
            const Table* table = c.catalog.table(t);
            if (!table) return;
            std::vector<std::string> targets;
            for (const auto& item : get(c.body, "targetList")) targets.emplace_back(get(item, "ResTarget").value("name", ""));
            std::vector<const Node*> parts;
            conjuncts(get(c.body, "whereClause"), parts);
            for (const Node* part : parts) {
              const std::string col = is_null_column(*part);
              if (col.empty() || std::find(targets.begin(), targets.end(), col) == targets.end()) continue;
              const Column* column = table->column(col);
              if (!column || !column->has_default) continue;
              out.report(fmt::format("the backfill of {}.{} only fills rows where it IS NULL, but {} has a DEFAULT: rows the old "
                                     "release inserts before the backfill get the default and are skipped",
                                     shown(t), col, col),
                         fmt::format("set the DEFAULT after the backfill, or write the predicate as `{} IS DISTINCT FROM <the "
                                     "value it sets>` (migrate lint --explain backfill-skips-default)",
                                     col));
            }
          }};
}

} // namespace migrate::lint::rules
