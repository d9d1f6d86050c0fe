#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule unique_constraint_build() {
  return {"unique-constraint-build", Severity::error, "ADD UNIQUE or PRIMARY KEY without USING INDEX on an existing table",
          R"(Problem: ADD CONSTRAINT ... UNIQUE or PRIMARY KEY builds the index under ACCESS EXCLUSIVE (and a primary
key also scans for NULLs). A UNIQUE constraint cannot be NOT VALID.
Why: no reads or writes while the index builds.
Instead of:
    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
Use:
    -- migrate:expand
    CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
    -- migrate:migrate
    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;)",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            auto report = [&](const std::string& what) {
              out.report(fmt::format("{}{} builds its index on {} under ACCESS EXCLUSIVE", c.rows_note(t), what, shown(t)),
                         "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX (NOT VALID is not possible here)");
            };
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
              if (sub == "AT_AddConstraint" && dk == "Constraint") {
                const std::string ct = def.value("contype", "");
                if ((ct == "CONSTR_UNIQUE" || ct == "CONSTR_PRIMARY") && !def.contains("indexname")) {
                  report(ct == "CONSTR_UNIQUE" ? "ADD UNIQUE" : "ADD PRIMARY KEY");
                }
              } else if (sub == "AT_AddColumn" && dk == "ColumnDef") {
                for (const auto& con : get(def, "constraints")) {
                  const std::string ct = get(con, "Constraint").value("contype", "");
                  if (ct == "CONSTR_UNIQUE" || ct == "CONSTR_PRIMARY") report("ADD COLUMN ... " + std::string(ct == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY"));
                }
              }
            });
          }};
}

} // namespace migrate::lint::rules
