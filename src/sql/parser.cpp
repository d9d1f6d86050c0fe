#include "sql/parser.hpp"

#include "sql/ast.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <memory>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "sql/comments.hpp"
#include "util/utf8.hpp"

namespace migrate::sql {

namespace {

// libpg_query reports the error position in characters (1-based) of the input.
std::size_t error_offset(std::string_view text, const PgQueryError& error) {
  if (error.cursorpos <= 0) return text.size();
  return util::utf8_byte_offset(text, static_cast<std::size_t>(error.cursorpos - 1));
}

std::string error_message(const PgQueryError& error) {
  return error.message ? error.message : "syntax error";
}

} // namespace

std::vector<Token> scan(std::string_view text) {
  const std::string input(text);
  PgQueryScanResult result = pg_query_scan(input.c_str());
  std::unique_ptr<PgQueryScanResult, void (*)(PgQueryScanResult*)> guard(
      &result, [](PgQueryScanResult* r) { pg_query_free_scan_result(*r); });
  if (result.error) throw SyntaxError(error_offset(text, *result.error), error_message(*result.error));

  PgQuery__ScanResult* scanned = pg_query__scan_result__unpack(
      nullptr, result.pbuf.len, reinterpret_cast<const std::uint8_t*>(result.pbuf.data));
  if (!scanned) throw SyntaxError(0, "could not read the lexer's output");
  std::vector<Token> tokens;
  tokens.reserve(scanned->n_tokens);
  for (std::size_t i = 0; i < scanned->n_tokens; ++i) {
    const auto* t = scanned->tokens[i];
    bool comment = t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT;
    tokens.push_back({static_cast<std::size_t>(t->start), static_cast<std::size_t>(t->end), comment});
  }
  pg_query__scan_result__free_unpacked(scanned, nullptr);
  return tokens;
}

std::vector<Statement> parse(std::string_view text, const std::vector<Span>* known_comments) {
  const std::string input(text);
  PgQueryParseResult result = pg_query_parse(input.c_str());
  std::unique_ptr<PgQueryParseResult, void (*)(PgQueryParseResult*)> guard(
      &result, [](PgQueryParseResult* r) { pg_query_free_parse_result(*r); });
  if (result.error) throw SyntaxError(error_offset(text, *result.error), error_message(*result.error));

  const Tree tree = parse_json(result.parse_tree);
  const std::vector<Span> found = known_comments ? std::vector<Span>{} : comments(text);
  const std::vector<Span>& spans = known_comments ? *known_comments : found;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  // The comment that starts at, or ends at, an offset.
  auto starting_at = [&](std::size_t at) {
    auto it = std::lower_bound(spans.begin(), spans.end(), at, [](const Span& c, std::size_t o) { return c.start < o; });
    return it != spans.end() && it->start == at ? &*it : nullptr;
  };
  auto ending_at = [&](std::size_t at) {
    auto it = std::lower_bound(spans.begin(), spans.end(), at, [](const Span& c, std::size_t o) { return c.end < o; });
    return it != spans.end() && it->end == at ? &*it : nullptr;
  };
  std::vector<Statement> out;
  for (const auto& raw : tree->at("stmts")) {
    const auto location = raw.value("stmt_location", std::size_t{0});
    const auto length = raw.value("stmt_len", std::size_t{0});
    // Between statements there are only white space and comments: skip them forward from the
    // statement's location, and back from its end.
    std::size_t begin = location;
    std::size_t end = length == 0 ? text.size() : location + length;
    while (begin < end) {
      if (space(text[begin])) ++begin;
      else if (const Span* c = starting_at(begin)) begin = c->end;
      else break;
    }
    while (end > begin) {
      if (space(text[end - 1])) --end;
      else if (const Span* c = ending_at(end)) end = c->start;
      else break;
    }
    if (begin >= end) continue;
    out.push_back({begin, end, tree.sub(raw.at("stmt"))});
  }
  return out;
}

std::string node_kind(const sql::Node& node) {
  if (node.is_object() && node.size() == 1) return std::string(node.key(0));
  return {};
}

bool uses_param(const sql::Node& node, int number) {
  if (const Node* p = node.find("ParamRef"); p && p->value("number", 0) == number) return true;
  for (const auto& value : node) {
    if (uses_param(value, number)) return true;
  }
  return false;
}

TransactionControl transaction_control(const sql::Node& node) {
  const Node* it = node.find("TransactionStmt");
  if (!it) return TransactionControl::none;
  const std::string kind = it->value("kind", "");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") return TransactionControl::begin;
  if (kind == "TRANS_STMT_COMMIT") return TransactionControl::commit;
  if (kind == "TRANS_STMT_ROLLBACK") return TransactionControl::rollback;
  return TransactionControl::other;
}

namespace {

// A single-quoted SQL string literal and nothing else: its value ('' unescaped), or nullopt.
std::optional<std::string> string_literal(std::string_view expr) {
  while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.front()))) expr.remove_prefix(1);
  while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.back()))) expr.remove_suffix(1);
  if (expr.size() < 2 || expr.front() != '\'' || expr.back() != '\'') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < expr.size(); ++i) {
    if (expr[i] == '\'') {
      if (i + 2 < expr.size() && expr[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      return std::nullopt; // 'a' || 'b': more than one literal
    }
    out += expr[i];
  }
  return out;
}

void embedded(const Node& node, std::vector<Embedded>& out) {
  if (node.is_object()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string_view key = node.key(i);
      const Node& body = node[i];
      if (key == "PLpgSQL_stmt_execsql") {
        out.push_back({body.value("lineno", 0), get(get(body, "sqlstmt"), "PLpgSQL_expr").value("query", ""), false});
      } else if (key == "PLpgSQL_stmt_perform") {
        // PERFORM f(): the function runs (and is read when this migration created it).
        out.push_back({body.value("lineno", 0), get(get(body, "expr"), "PLpgSQL_expr").value("query", ""), false});
      } else if (key == "PLpgSQL_stmt_dynexecute") {
        const std::string query = get(get(body, "query"), "PLpgSQL_expr").value("query", "");
        if (auto literal = string_literal(query)) out.push_back({body.value("lineno", 0), *literal, false});
        else out.push_back({body.value("lineno", 0), query, true});
      }
      embedded(body, out);
    }
  } else if (node.is_array()) {
    for (const auto& child : node) embedded(child, out);
  }
}

} // namespace

namespace {
// A DO body as a function whose body starts on the wrapper's first line, so line numbers match.
std::string as_function(std::string_view body) {
  std::string tag = "$migrate_do$";
  while (body.find(tag) != std::string_view::npos) tag.insert(1, "x");
  return "CREATE FUNCTION pg_temp.migrate_do() RETURNS void LANGUAGE plpgsql AS " + tag + std::string(body) + tag;
}
} // namespace

RoutineCode routine_code(const Node& body, bool function) {
  RoutineCode out{"", function ? "sql" : "plpgsql"};
  for (const auto& a : get(body, function ? "options" : "args")) {
    const auto& def = get(a, "DefElem");
    const auto& arg = get(def, "arg");
    // DO '...': a String; CREATE FUNCTION ... AS '...': a List of one String (two for C functions).
    const std::string value = arg.contains("List") ? strings(get(get(arg, "List"), "items")).front() : get(arg, "String").value("sval", "");
    if (def.value("defname", "") == "as") out.code = value;
    if (def.value("defname", "") == "language") out.language = value;
  }
  return out;
}

std::optional<std::vector<Embedded>> plpgsql_statements(std::string_view body) {
  const std::string source = as_function(body);
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(source.c_str());
  std::unique_ptr<PgQueryPlpgsqlParseResult, void (*)(PgQueryPlpgsqlParseResult*)> owner(
      &result, [](PgQueryPlpgsqlParseResult* r) { pg_query_free_plpgsql_parse_result(*r); });
  if (result.error || !result.plpgsql_funcs) return std::nullopt;
  std::vector<Embedded> out;
  try {
    embedded(*parse_json(result.plpgsql_funcs), out);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
  std::stable_sort(out.begin(), out.end(), [](const Embedded& a, const Embedded& b) { return a.line < b.line; });
  return out;
}

bool reindex_concurrently(const sql::Node& reindex) {
  for (const auto& p : sql::get(reindex, "params")) {
    const auto& def = sql::get(p, "DefElem");
    if (def.value("defname", "") == "concurrently") return sql::option_on(def);
  }
  return false;
}

std::string needs_own_transaction(const sql::Node& node) {
  const std::string kind = node_kind(node);
  if (kind.empty()) return {};
  const auto& body = node.at(kind);
  if (kind == "IndexStmt" && body.value("concurrent", false)) return "CREATE INDEX CONCURRENTLY";
  if (kind == "DropStmt" && body.value("concurrent", false)) return "DROP INDEX CONCURRENTLY";
  if (kind == "ReindexStmt") {
    // REINDEX SCHEMA, DATABASE and SYSTEM reindex table after table, each in a transaction of its own.
    const std::string what = body.value("kind", "");
    if (what == "REINDEX_OBJECT_SYSTEM") return "REINDEX SYSTEM";
    if (what == "REINDEX_OBJECT_DATABASE") return "REINDEX DATABASE";
    if (what == "REINDEX_OBJECT_SCHEMA") return "REINDEX SCHEMA";
    if (reindex_concurrently(body)) return "REINDEX CONCURRENTLY";
  }
  if (kind == "AlterTableStmt") {
    for (const auto& cmd : body.value("cmds", sql::Node::empty_array())) {
      const auto& c = cmd.value("AlterTableCmd", sql::Node::empty_object());
      if (c.value("subtype", "") == "AT_DetachPartition" && c.contains("def") &&
          c["def"].value("PartitionCmd", sql::Node::empty_object()).value("concurrent", false)) {
        return "DETACH PARTITION CONCURRENTLY";
      }
    }
  }
  if (kind == "VacuumStmt") return body.value("is_vacuumcmd", false) ? "VACUUM" : "";
  if (kind == "CreatedbStmt") return "CREATE DATABASE";
  if (kind == "DropdbStmt") return "DROP DATABASE";
  if (kind == "CreateTableSpaceStmt") return "CREATE TABLESPACE";
  if (kind == "DropTableSpaceStmt") return "DROP TABLESPACE";
  if (kind == "AlterSystemStmt") return "ALTER SYSTEM";
  return {};
}

} // namespace migrate::sql
