#pragma once
// The only code that includes pg_query.h: PostgreSQL's own lexer and parser (libpg_query 15).
// Parse trees are libpg_query's JSON form, read into sql::Node arenas (JSON measured against protobuf-c in
// tests/bench/parse_tree.cpp: as fast or faster end to end, and walkable by field name).
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sql/node.hpp"

namespace migrate::sql {

// The lexer or parser rejected the text; offset is a byte offset into it.
class SyntaxError : public std::runtime_error {
public:
  SyntaxError(std::size_t offset, const std::string& message) : std::runtime_error(message), offset_(offset) {}
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }

private:
  std::size_t offset_;
};

struct Token {
  std::size_t start; // byte offsets, [start, end)
  std::size_t end;
  bool comment;      // -- or /* */
};

// Every token of the text, comments included, as PostgreSQL's lexer sees them (pg_query_scan: exact
// but slow, with a protobuf round trip; the tests use it to check sql::comments).
std::vector<Token> scan(std::string_view text);

struct Statement {
  std::size_t begin; // first byte of the statement's first token
  std::size_t end;   // one past its last token (the terminating semicolon is not included)
  sql::Tree node; // {"AlterTableStmt": {...}}
};

struct Span;

// Splits and parses the text into statements. Throws SyntaxError. `comments`, when the caller has
// them already (sql::comments, offsets relative to `text`, in order), saves finding them again.
std::vector<Statement> parse(std::string_view text, const std::vector<Span>* comments = nullptr);

// "AlterTableStmt", "IndexStmt", ...
std::string node_kind(const sql::Node& node);

// True when the tree contains the positional parameter $number anywhere.
bool uses_param(const sql::Node& node, int number);

enum class TransactionControl { none, begin, commit, rollback, other };
TransactionControl transaction_control(const sql::Node& node);

// Statements PostgreSQL refuses inside a transaction block: CREATE/DROP INDEX CONCURRENTLY,
// REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM, CREATE/DROP DATABASE, ...
// Returns a short reason ("CREATE INDEX CONCURRENTLY") or "" when the statement may run in one.
std::string needs_own_transaction(const sql::Node& node);

// The SQL statements a PL/pgSQL body runs (libpg_query's PL/pgSQL parser): plain statements, and
// EXECUTE of a string literal (its text). `line` counts from 1 at the body's first line. An EXECUTE of
// anything else (format(...), a variable) is `dynamic`, with the expression as `sql`. nullopt when the
// PL/pgSQL parser rejects the body.
struct Embedded {
  int line;
  std::string sql;
  bool dynamic = false;
};
std::optional<std::vector<Embedded>> plpgsql_statements(std::string_view body);

// The code and language of a DO block (DoStmt) or of a function (CreateFunctionStmt), given the
// statement's body; the language PostgreSQL assumes when none is written (plpgsql, sql).
struct RoutineCode {
  std::string code;
  std::string language;
};
RoutineCode routine_code(const sql::Node& body, bool function);

// Whether a ReindexStmt body asks for CONCURRENTLY (REINDEX (CONCURRENTLY false) does not).
bool reindex_concurrently(const sql::Node& reindex);

} // namespace migrate::sql
