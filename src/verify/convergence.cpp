#include "verify/convergence.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "migration/backfill_bounds.hpp"
#include "sql/ast.hpp"
#include "sql/clauses.hpp"
#include "sql/quote.hpp"
#include "util/text.hpp"

namespace migrate::verify {

namespace {

using sql::get;
using sql::Node;

// Functions that give another value on every call (VOLATILE), or in every transaction (the clock).
bool changes_every_run(std::string_view name) {
  return sql::volatile_function(name) || name == "now" || name == "statement_timestamp" || name == "transaction_timestamp";
}

std::string last_name(const Node& list) {
  auto names = sql::strings(list);
  return names.empty() ? std::string() : names.back();
}

// Column names an expression reads, and the functions it calls; whether it reads the clock.
void walk(const Node& n, std::vector<std::string>& columns, std::vector<std::string>& functions, bool& clock) {
  if (n.is_object()) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string_view k = n.key(i);
      if (k == "ColumnRef") columns.push_back(last_name(get(n[i], "fields")));
      if (k == "FuncCall") functions.push_back(last_name(get(n[i], "funcname")));
      if (k == "SQLValueFunction") clock = true;
      walk(n[i], columns, functions, clock);
    }
  } else if (n.is_array()) {
    for (const auto& c : n) walk(c, columns, functions, clock);
  }
}

std::string unquoted(std::string_view target) {
  if (target.size() >= 2 && target.front() == '"' && target.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < target.size(); ++i) {
      out += target[i];
      if (target[i] == '"') ++i;
    }
    return out;
  }
  return util::to_lower(target);
}

} // namespace

std::string ConvergencePlan::what() const {
  std::string cols;
  for (const auto& [c, e] : sets) cols += (cols.empty() ? "" : ", ") + c;
  if (sets.size() > 1) cols = "(" + cols + ")";
  return fmt::format("{}.{}", table, cols.empty() ? "?" : cols);
}

ConvergencePlan convergence_plan(const migration::Statement& st) {
  ConvergencePlan p;
  p.statement = &st;
  if (st.backfill) {
    p.table = st.backfill->table;
    p.key = st.backfill->key;
  }
  if (st.kind != "UpdateStmt") {
    p.skip = "a DELETE leaves no value to compare";
    return p;
  }
  const Node& body = st.node->at(st.kind);
  if (!get(body, "fromClause").empty()) {
    p.skip = "it reads other tables through FROM";
    return p;
  }
  const Node& rel = get(body, "relation");
  const std::string alias = get(rel, "alias").value("aliasname", "");
  const std::string relname = rel.value("relname", "");
  p.ref = sql::quote_ident(alias.empty() ? relname : alias);
  // The directive's name, quoted part by part: "Acct" stays Acct.
  const auto dot = p.table.find('.');
  p.quoted_table = dot == std::string::npos ? sql::quote_ident(p.table) : sql::quote_ident(p.table.substr(0, dot)) + "." + sql::quote_ident(p.table.substr(dot + 1));
  p.from = alias.empty() ? fmt::format("{} AS {}", p.quoted_table, p.ref) : fmt::format("{} AS {}", p.quoted_table, sql::quote_ident(alias));
  auto text = sql::update_text(st.sql);
  std::vector<std::string> targets;
  for (const auto& item : get(body, "targetList")) {
    const Node& rt = get(item, "ResTarget");
    if (get(rt, "val").contains("SetToDefault")) {
      p.skip = "it sets a column to its DEFAULT, which the count cannot compare";
      return p;
    }
    if (!get(rt, "indirection").empty() || get(rt, "val").contains("MultiAssignRef")) {
      p.skip = "it assigns part of a column, or several columns from one row";
      return p;
    }
    targets.emplace_back(rt.value("name", ""));
  }
  if (!text || text->set.size() != targets.size()) {
    p.skip = "its SET list could not be read";
    return p;
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (unquoted(text->set[i].target) != targets[i]) {
      p.skip = "its SET list could not be read";
      return p;
    }
    p.sets.emplace_back(text->set[i].target, text->set[i].expression);
  }
  // An expression that reads what it sets, or a value that changes on every run, has no fixed point.
  std::vector<std::string> columns;
  bool clock = false;
  for (const auto& item : get(body, "targetList")) walk(get(get(item, "ResTarget"), "val"), columns, p.functions, clock);
  for (const auto& c : columns) {
    if (std::find(targets.begin(), targets.end(), c) != targets.end()) {
      p.skip = fmt::format("it reads the column it sets ({}), so a second pass would change it again", c);
      return p;
    }
  }
  for (const auto& f : p.functions) {
    if (changes_every_run(f)) {
      p.skip = fmt::format("it calls {}(), which gives another value on every run", f);
      return p;
    }
  }
  if (clock) {
    p.skip = "it reads the clock (CURRENT_TIMESTAMP and the like), which gives another value on every run";
    return p;
  }
  for (const Node* part : sql::conjuncts(get(body, "whereClause"))) {
    const auto col = sql::is_null_column(*part);
    if (col && std::find(targets.begin(), targets.end(), *col) != targets.end()) p.null_tested.push_back(*col);
  }
  try {
    if (auto inclusive = sql::update_text(migration::inclusive_lower(st))) p.where_inclusive = inclusive->where;
  } catch (const std::exception&) { // a statement whose bounds were not proven: no cause, still a count
  }
  return p;
}

ConvergenceResult count_divergent(db::Session& session, const ConvergencePlan& p, long long chunk) {
  ConvergenceResult r;
  if (!p.skip.empty()) {
    r.skipped = p.skip;
    return r;
  }
  // Functions of the database's own that are VOLATILE (the default for a function) have no fixed point.
  if (!p.functions.empty()) {
    std::string names = "{";
    for (const auto& f : p.functions) names += (names.size() > 1 ? "," : "") + sql::quote_ident(f);
    names += "}";
    auto v = session.query("SELECT string_agg(DISTINCT proname, ', ') FROM pg_proc WHERE proname = ANY($1::text[]) AND provolatile = 'v'",
                           {names});
    if (!v.rows.empty() && v.rows[0][0]) {
      r.skipped = fmt::format("it calls {}(), which is VOLATILE", *v.rows[0][0]);
      return r;
    }
  }
  // Compared in the column's own type, as the UPDATE's assignment stores it (numeric into an integer
  // column is rounded, an integer into text is text).
  std::string differs;
  for (const auto& [c, e] : p.sets) {
    auto type = session.query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2",
                              {p.quoted_table, unquoted(c)});
    const std::string cast = type.rows.empty() || !type.rows[0][0] ? std::string() : *type.rows[0][0];
    differs += fmt::format("{}{}.{} IS DISTINCT FROM {}({}\n){}", differs.empty() ? "" : " OR ", p.ref, c, cast.empty() ? "" : "CAST(", e,
                           cast.empty() ? "" : " AS " + cast + ")");
  }
  const std::string key = fmt::format("{}.{}", p.ref, sql::quote_ident(p.key));
  const std::string inner = fmt::format("SELECT {0} AS k, ({1}) AS d FROM {2} {{}} ORDER BY {0} LIMIT {3}", key, differs, p.from, chunk);
  const std::string outer = "SELECT count(*) FILTER (WHERE d)::text, count(*)::text, (array_agg(k ORDER BY k DESC))[1]::text FROM ({}) s";
  std::optional<std::string> after;
  for (;;) {
    const std::string q = fmt::format(fmt::runtime(outer), fmt::format(fmt::runtime(inner), after ? fmt::format("WHERE {} > $1", key) : ""));
    auto res = after ? session.query(q, {*after}) : session.exec(q);
    const auto& row = res.rows.at(0);
    r.rows += std::stoll(row[0].value_or("0"));
    if (std::stoll(row[1].value_or("0")) < chunk || !row[2]) break;
    after = *row[2];
  }
  if (r.rows == 0) return r;
  for (const auto& row : session.exec(fmt::format("SELECT {0}::text FROM {1} WHERE {2} ORDER BY {0} LIMIT 5", key, p.from, differs)).rows) {
    r.samples.push_back(row[0].value_or("NULL"));
  }
  // Would the backfill change the first of them now? No: its predicate leaves it out. Yes: it was
  // written or changed after the backfill had passed it.
  std::optional<bool> reached;
  if (!p.where_inclusive.empty() && !r.samples.empty()) {
    try {
      auto c = session.query(fmt::format("SELECT count(*)::text FROM {} WHERE {}", p.from, p.where_inclusive), {r.samples[0], r.samples[0]});
      reached = c.rows.at(0).at(0) == "1";
    } catch (const DatabaseError&) {
    }
  }
  if (reached == std::optional<bool>(false)) {
    for (const auto& col : p.null_tested) {
      auto d = session.query("SELECT count(*)::text FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND atthasdef",
                             {p.table, col});
      if (d.rows.at(0).at(0) == "1") {
        r.cause = fmt::format("the predicate `{} IS NULL` skips rows that received the column's default", col);
        return r;
      }
    }
    r.cause = "the backfill's predicate leaves these rows out, so they never get the value it sets";
    return r;
  }
  auto t = session.query("SELECT count(*)::text FROM pg_trigger WHERE tgrelid = to_regclass($1) AND NOT tgisinternal", {p.quoted_table});
  r.cause = t.rows.at(0).at(0) == "0"
                ? "rows written by the old release after the backfill are not kept in sync: no dual-write trigger"
                : "rows written after the backfill are not kept in sync: the table's triggers do not derive the column from what the old release writes";
  return r;
}

} // namespace migrate::verify
