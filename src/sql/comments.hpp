#pragma once
// Where the comments of SQL text are, without the cost of a full scan: PostgreSQL's lexical rules for
// the only things that can hide a comment marker (quoted strings of every kind, quoted identifiers,
// dollar quotes) and for comments themselves (--, nested /* */). Checked against pg_query_scan, the
// real lexer, in tests/unit/test_sql_comments.cpp. Statements are still split and parsed by libpg_query.
#include <cstddef>
#include <string_view>
#include <vector>

namespace migrate::sql {

struct Span {
  std::size_t start; // byte offsets, [start, end)
  std::size_t end;   // a -- comment ends before its line break
};

// The comments of the text, in order. Throws SyntaxError for an unterminated string, quoted identifier,
// dollar quote or /* comment, at its start.
std::vector<Span> comments(std::string_view text);

} // namespace migrate::sql
