#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule exclusion_constraint() {
  return {"exclusion-constraint", Severity::error, "ADD EXCLUDE on an existing table",
          R"(Problem: ADD CONSTRAINT ... EXCLUDE builds its index and checks every row under ACCESS EXCLUSIVE, and
unlike CHECK or FOREIGN KEY it cannot be added NOT VALID, nor attached from a concurrently built index.
Why: the table is unavailable for the whole build.
Instead of:
    ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
Use: a new table with the constraint, filled by dual writes and a backfill, then swapped; or accept
the downtime explicitly:
    -- migrate:allow exclusion-constraint reason="bookings is small; 2 s of downtime agreed")",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            if (!c.existing(t)) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
              if (sub == "AT_AddConstraint" && dk == "Constraint" && def.value("contype", "") == "CONSTR_EXCLUSION") {
                out.report(fmt::format("{}ADD EXCLUDE locks {} against reads and writes while it builds and checks every row",
                                       c.rows_note(t), shown(t)),
                           "there is no online form: use a new table, or allow it with a reason if the downtime is acceptable");
              }
            });
          }};
}

} // namespace migrate::lint::rules
