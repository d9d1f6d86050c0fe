#include <cctype>

#include "lint/rules/kit.hpp"
#include "sql/clauses.hpp"

namespace migrate::lint::rules {


Rule identifier_too_long() {
  return {"identifier-too-long", Severity::warning, "an identifier longer than 63 bytes, which PostgreSQL truncates",
          R"(Problem: a table, column, index or constraint name longer than 63 bytes (NAMEDATALEN - 1).
Why: PostgreSQL truncates it silently (with a NOTICE) to its first 63 bytes. Two long names that
share their first 63 bytes become the same name, and a later statement, a rollback or the framework
that generated the name refers to a name the catalog does not have. ORMs generate such index and
constraint names from long table and column names.
Instead of:
    CREATE INDEX subscription_invoice_line_item_external_reference_created_at_idx ON ... ;
Use a name of at most 63 bytes, chosen by you:
    CREATE INDEX sub_invoice_line_ext_ref_created_idx ON ... ;)",
          false, [](const StatementContext& c, Sink& out) {
            // From the text: the parse tree has the names truncated already. Most statements have no
            // run of 64 name characters and no quoted name at all: nothing to tokenise then.
            const std::string& text = c.statement.sql;
            if (text.size() <= 63) return;
            std::size_t run = 0, longest = 0;
            bool quoted = false;
            for (const char ch : text) {
              const auto u = static_cast<unsigned char>(ch);
              quoted = quoted || ch == '"';
              run = (std::isalnum(u) || ch == '_' || ch == '$' || u >= 0x80) ? run + 1 : 0;
              longest = std::max(longest, run);
            }
            if (longest <= 63 && !quoted) return;
            for (auto written : sql::identifiers(text)) {
              std::string name(written);
              for (std::size_t q = name.find("\"\""); q != std::string::npos; q = name.find("\"\"", q + 1)) name.erase(q, 1);
              if (name.size() <= 63) continue;
              // Truncation keeps whole UTF-8 characters.
              std::size_t keep = 63;
              while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
              out.report(fmt::format("identifier \"{}\" is {} bytes: PostgreSQL truncates it to \"{}\"", name, name.size(), std::string_view(name).substr(0, keep)),
                         "give it a name of at most 63 bytes");
            }
          }};
}

Rule drop_database() {
  return {"drop-database", Severity::error, "DROP DATABASE in a migration",
          R"(Problem: a migration drops a database.
Why: a migration changes the schema of the database it runs in; dropping a whole database (with every
row in it, and every session connected to it) is not a schema change that can be rolled back, and it
cannot run inside a transaction, so nothing undoes it if a later statement fails.
Instead of:
    DROP DATABASE IF EXISTS legacy_stats;
Use: drop databases by hand, after a backup, outside the migrations.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "DropdbStmt") return;
            out.report(fmt::format("DROP DATABASE {} removes a whole database, and nothing can roll it back", c.body.value("dbname", "")),
                       "drop databases by hand, after a backup, not in a migration");
          }};
}

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
