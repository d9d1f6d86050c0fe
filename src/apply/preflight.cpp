#include "apply/preflight.hpp"

#include <algorithm>
#include <cctype>

#include "apply/backfill.hpp"
#include "sql/ast.hpp"

namespace migrate::apply {

namespace {

using Lack = KeyProblem::Kind;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Whether a RangeVar names the backfill's table: the same name, and the same schema when both say one.
bool names(const sql::Node& rv, const migration::Backfill& b) {
  const auto dot = b.table.find('.');
  const std::string name = dot == std::string::npos ? b.table : b.table.substr(dot + 1);
  if (rv.value("relname", "") != name && rv.value("relname", "") != lower(name)) return false;
  const std::string schema = rv.value("schemaname", "");
  return dot == std::string::npos || schema.empty() || schema == b.table.substr(0, dot);
}

// Whether `st` may make the backfill's check pass that fails now: it creates the table, adds or
// renames the key column, or changes the table's indexes, constraints, columns or rows.
bool may_fix(const migration::Statement& st, const migration::Backfill& b, Lack lack) {
  const sql::Node& body = (*st.node).value(st.kind, sql::Node::empty_object());
  if (st.kind == "CreateStmt") return names(sql::get(body, "relation"), b);
  if (st.kind == "CreateTableAsStmt") return names(sql::get(sql::get(body, "into"), "rel"), b);
  if (st.kind == "RenameStmt") {
    const std::string to = body.value("newname", "");
    if (body.value("renameType", "") == "OBJECT_TABLE") return to == b.table || b.table.ends_with("." + to);
    return lack != Lack::table && names(sql::get(body, "relation"), b);
  }
  if (lack == Lack::table) return false;
  if (st.kind == "AlterTableStmt" || st.kind == "IndexStmt") return names(sql::get(body, "relation"), b);
  if (lack == Lack::other && (st.kind == "UpdateStmt" || st.kind == "DeleteStmt")) return names(sql::get(body, "relation"), b);
  return false;
}

} // namespace

std::vector<InputError> preflight(db::Session& session, const std::vector<const StepState*>& steps) {
  std::vector<InputError> out;
  for (const auto* step : steps) {
    if (!step->section) continue;
    for (const auto& st : step->section->forward.statements) {
      // Outside a transaction its progress is written after it commits: killed in between, the next
      // run must recognise the index as built, which it can only do by its name.
      if (st.kind == "IndexStmt" && (*st.node).at(st.kind).value("concurrent", false) && (*st.node).at(st.kind).value("idxname", "").empty()) {
        out.emplace_back(st.where, "CREATE INDEX CONCURRENTLY needs a name here: interrupted once the index is built, a rerun could not "
                                   "tell it is there and would build a second one",
                         "name it: CREATE INDEX CONCURRENTLY table_column_idx ON ...");
      }
    }
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const StepState& step = *steps[i];
    // A backfill under way was checked when it started; rows the application wrote since are its own.
    if (!step.section || step.backfilled) continue;
    for (const auto& st : step.section->forward.statements) {
      if (!st.backfill) continue;
      const auto problem = backfill_key_problem(session, *st.backfill);
      if (problem) {
        const Lack lack = problem->kind;
        bool deferred = false;
        for (std::size_t j = 0; j < i && !deferred; ++j) {
          if (!steps[j]->section) continue;
          for (const auto& earlier : steps[j]->section->forward.statements) deferred = deferred || may_fix(earlier, *st.backfill, lack);
        }
        // Statements of the same section before the backfill run first too.
        for (const auto& earlier : step.section->forward.statements) {
          if (&earlier == &st) break;
          deferred = deferred || may_fix(earlier, *st.backfill, lack);
        }
        if (!deferred) out.push_back(problem->error);
      }
    }
  }
  return out;
}

} // namespace migrate::apply
