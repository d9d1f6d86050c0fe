#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule set_not_null_scan() {
  return {"set-not-null-scan", Severity::error, "SET NOT NULL with no validated CHECK (col IS NOT NULL) before it",
          R"(Problem: ALTER COLUMN ... SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to prove there
is no NULL.
Why: reads and writes stop for the scan. Since PostgreSQL 12 the scan is skipped when a validated
CHECK (col IS NOT NULL) constraint on that same column already proves it.
Instead of:
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
Use:
    -- migrate:expand
    ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
    -- migrate:migrate
    ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    ALTER TABLE users DROP CONSTRAINT users_email_not_null;
Versions: the recipe holds from PostgreSQL 12, the first to trust a validated CHECK (for 11 the rule
fires even after it). PostgreSQL 18 can also add NOT NULL itself NOT VALID (ADD CONSTRAINT name NOT
NULL col NOT VALID, then VALIDATE CONSTRAINT); the linter's grammar (PostgreSQL 15's) does not read
that form, so it is reported as not-understood and checked by hand.)",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string&, const Node&) {
              if (sub != "AT_SetNotNull") return;
              const std::string col = cmd.value("name", "");
              const Table& table = c.catalog.table_or_unknown(t);
              bool proven = false;
              for (const auto& k : table.constraints) proven = proven || (k.validated && k.not_null_of == col);
              if (proven && c.pg_version >= 12) return;
              if (proven) {
                out.report(fmt::format("SET NOT NULL on {}.{} scans the table: PostgreSQL {} does not use the validated CHECK",
                                       shown(t), col, c.pg_version),
                           "PostgreSQL 12 and later skip the scan; on 11 this blocks reads and writes for the scan");
                return;
              }
              out.report(fmt::format("{}SET NOT NULL on {}.{} scans the whole table under ACCESS EXCLUSIVE", c.rows_note(t), shown(t), col),
                         fmt::format("first ADD CONSTRAINT ... CHECK ({} IS NOT NULL) NOT VALID, VALIDATE it in a later "
                                     "transaction, then SET NOT NULL (and drop the CHECK)", col));
            });
          }};
}

} // namespace migrate::lint::rules
