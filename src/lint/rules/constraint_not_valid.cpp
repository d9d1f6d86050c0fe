#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule constraint_not_valid() {
  return {"constraint-not-valid", Severity::error, "ADD CHECK or FOREIGN KEY on an existing table without NOT VALID",
          R"(Problem: adding a CHECK or FOREIGN KEY constraint checks every existing row while holding the lock
(ACCESS EXCLUSIVE for CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign key).
Why: the table, and for a foreign key the referenced table too, cannot be written for the whole scan.
Instead of:
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
Use, NOT VALID now (instant) and VALIDATE in a later transaction (SHARE UPDATE EXCLUSIVE: no blocking):
    -- migrate:expand
    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
    -- migrate:migrate
    ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;)",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
              if (sub == "AT_AddConstraint" && dk == "Constraint") {
                const std::string ct = def.value("contype", "");
                if ((ct != "CONSTR_CHECK" && ct != "CONSTR_FOREIGN") || def.value("skip_validation", false)) return;
                bool fk = ct == "CONSTR_FOREIGN";
                out.report(fmt::format("{}adding a {} scans {} while {}", c.rows_note(t), fk ? "FOREIGN KEY" : "CHECK constraint",
                                       fk ? "both tables" : shown(t), fk ? "blocking writes to both" : "blocking reads and writes"),
                           "add it NOT VALID, then VALIDATE CONSTRAINT in a later transaction (the migrate phase)");
              } else if (sub == "AT_AddColumn" && dk == "ColumnDef") {
                for (const auto& con : get(def, "constraints")) {
                  if (get(con, "Constraint").value("contype", "") == "CONSTR_CHECK") {
                    out.report(fmt::format("{}a CHECK on the new column is checked against every row of {} under ACCESS EXCLUSIVE",
                                           c.rows_note(t), shown(t)),
                               "add the column, then ADD CONSTRAINT ... CHECK (...) NOT VALID and VALIDATE it later");
                  }
                }
              }
            });
          }};
}

} // namespace migrate::lint::rules
