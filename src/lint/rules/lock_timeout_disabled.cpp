#include "lint/rules/kit.hpp"
#include "util/text.hpp"

namespace migrate::lint::rules {

Rule lock_timeout_disabled() {
  return {"lock-timeout-disabled", Severity::error, "SET lock_timeout or statement_timeout to 0 / DEFAULT in a migration",
          R"(Problem: the migration switches off the lock timeout (or the statement timeout) itself: SET [LOCAL]
lock_timeout = 0, DEFAULT or RESET. A positive value is a bound and is not reported.
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
            if (name != "lock_timeout" && name != "statement_timeout") return;
            // A positive value is a bound (migrate's directives are the better place for it, but it
            // queues nothing); 0, DEFAULT and RESET take the bound away.
            const std::string kind = c.body.value("kind", "");
            bool off = kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET";
            for (const auto& a : get(c.body, "args")) {
              const auto& k = get(a, "A_Const");
              if (k.contains("ival") && k["ival"].value("ival", 0) == 0) off = true;
              const std::string text(util::trim(k.contains("sval") ? k["sval"].value("sval", "") : std::string("x")));
              if (text == "0" || text.starts_with("0 ") || text == "0ms" || text == "0s") off = true;
            }
            if (!off) return;
            if (name == "lock_timeout") {
              out.report("this switches the lock timeout off: a blocked statement would queue every query on the table behind it",
                         "use -- migrate:lock-timeout=DURATION instead");
            } else {
              out.report("this switches the statement timeout off: a statement stuck behind a lock or a slow scan runs unbounded",
                         "use -- migrate:statement-timeout=DURATION on the section");
            }
          }};
}

} // namespace migrate::lint::rules
