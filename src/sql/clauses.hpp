#pragma once
// The clauses of an UPDATE as text, for queries built from the author's own expressions (verify's
// convergence count): each SET item's column and expression, and the WHERE clause. The statement has
// been parsed by libpg_query already; this only finds where its top-level keywords and commas are,
// skipping strings, quoted identifiers, dollar quotes, comments and parentheses.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::sql {

struct UpdateText {
  struct Item {
    std::string target;     // the text before "=", trimmed ("email_verified", "\"Weird\"", "(a, b)")
    std::string expression; // after it, trimmed
  };
  std::vector<Item> set;
  std::string where;        // "" when there is none
  bool from = false;        // UPDATE ... FROM other tables
};

// nullopt when the text is not an UPDATE with a SET this can read.
std::optional<UpdateText> update_text(std::string_view sql);

// The identifiers of SQL text as written (before PostgreSQL truncates them to 63 bytes, which the
// parse tree already has): bare words, and quoted identifiers without their quotes (a doubled quote
// kept doubled). String constants, dollar-quoted bodies and comments are skipped.
std::vector<std::string_view> identifiers(std::string_view sql);

// Where each subcommand of an ALTER TABLE text starts (byte offsets, in order): the first after the
// table's name, the others after each comma outside parentheses. Empty when the text is not an
// ALTER TABLE this can read.
std::vector<std::size_t> alter_table_clauses(std::string_view sql);

} // namespace migrate::sql
