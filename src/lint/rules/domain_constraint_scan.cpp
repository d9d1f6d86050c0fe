#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule domain_constraint_scan() {
  return {"domain-constraint-scan", Severity::error, "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID",
          R"(Problem: ALTER DOMAIN ... ADD CONSTRAINT checks every column of that domain, in every table that
uses it, while it holds a lock that blocks writes to them.
Why: the domain may be used by large tables; all of them are scanned in one statement.
Instead of:
    ALTER DOMAIN positive_cents ADD CONSTRAINT positive_cents_check CHECK (VALUE > 0);
Use NOT VALID (new values are checked at once), then validate in a later transaction:
    -- migrate:expand
    ALTER DOMAIN positive_cents ADD CONSTRAINT positive_cents_check CHECK (VALUE > 0) NOT VALID;
    -- migrate:migrate
    ALTER DOMAIN positive_cents VALIDATE CONSTRAINT positive_cents_check;)",
          false, [](const StatementContext& c, Sink& out) {
            // C: ADD CONSTRAINT; O: SET NOT NULL, which checks every column of the domain too.
            const std::string sub = c.body.value("subtype", "");
            if (c.kind != "AlterDomainStmt" || (sub != "C" && sub != "O")) return;
            const auto& con = get(get(c.body, "def"), "Constraint");
            if (sub == "C" && con.value("skip_validation", false)) return;
            auto names = sql::strings(get(c.body, "typeName"));
            // A domain this migration made is used by no column that has rows yet.
            if (c.catalog.created_by("type:" + sql::qualified_name(names), c.origin.migration)) return;
            out.report(fmt::format("ALTER DOMAIN {} {} checks every column of the domain in every table using it",
                                   names.empty() ? std::string() : names.back(), sub == "C" ? "ADD CONSTRAINT" : "SET NOT NULL"),
                       sub == "C" ? "add it NOT VALID, and VALIDATE CONSTRAINT in a later transaction"
                                  : "add CHECK (VALUE IS NOT NULL) NOT VALID instead, and VALIDATE CONSTRAINT in a later transaction");
          }};
}

} // namespace migrate::lint::rules
