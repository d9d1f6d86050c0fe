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

} // namespace migrate::lint::rules
