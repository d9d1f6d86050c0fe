#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule lock_timeout_disabled() {
  return {"lock-timeout-disabled", Severity::error, "SET lock_timeout = 0 / DEFAULT, or statement_timeout changes in a migration",
          R"(Problem: the migration switches off the lock timeout (or changes statement_timeout) itself.
Why: migrate bounds every attempt with lock_timeout so that a statement waiting for a lock gives up
and retries instead of queueing every other query behind it. Without the bound, one long transaction
elsewhere turns an ALTER TABLE into an outage.
Instead of:
    SET lock_timeout = 0;
Use the directives, which migrate honours on every attempt:
    -- migrate:lock-timeout=5s
    -- migrate:statement-timeout=10min)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "VariableSetStmt") return;
            const std::string name = c.body.value("name", "");
            const std::string kind = c.body.value("kind", "");
            if (name == "statement_timeout") {
              out.report("changing statement_timeout inside a migration", "use -- migrate:statement-timeout=DURATION on the section");
              return;
            }
            if (name != "lock_timeout") return;
            bool off = kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET";
            for (const auto& a : get(c.body, "args")) {
              const auto& k = get(a, "A_Const");
              if (k.contains("ival") && k["ival"].value("ival", 0) == 0) off = true;
              if (k.contains("sval") && (k["sval"].value("sval", "") == "0" || k["sval"].value("sval", "").starts_with("0 "))) off = true;
            }
            if (off) {
              out.report("this switches the lock timeout off: a blocked statement would queue every query on the table behind it",
                         "use -- migrate:lock-timeout=DURATION instead");
            } else {
              out.report("setting lock_timeout in SQL overrides migrate's bounded attempts", "use -- migrate:lock-timeout=DURATION instead");
            }
          }};
}

} // namespace migrate::lint::rules
