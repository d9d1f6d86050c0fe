#include "migration/transactions.hpp"

#include <regex>

#include "util/text.hpp"

#include <fmt/format.h>

#include "sql/parser.hpp"

namespace migrate::migration {

std::string_view to_string(TransactionPlan::Mode mode) {
  switch (mode) {
  case TransactionPlan::Mode::single: return "single";
  case TransactionPlan::Mode::each: return "each";
  case TransactionPlan::Mode::explicit_: return "explicit";
  }
  return "single";
}

std::string newer_needs_own_transaction(std::string_view sql) {
  static const std::regex concurrently(R"(\bconcurrently\b)", std::regex::icase);
  static const std::regex own(R"(^\s*(vacuum|create\s+database|drop\s+database|reindex\s+(system|database|schema)|alter\s+system)\b)", std::regex::icase);
  const std::string text(sql);
  std::smatch m;
  if (std::regex_search(text, m, own)) return util::to_lower(m[1].str());
  if (std::regex_search(text, concurrently)) return "CONCURRENTLY";
  return {};
}

TransactionPlan plan_transactions(const Script& script) {
  TransactionPlan plan;
  const auto& stmts = script.statements;
  bool explicit_control = false;
  std::string own;
  for (const auto& s : stmts) {
    if (sql::transaction_control(s.node) != sql::TransactionControl::none) explicit_control = true;
    if (own.empty()) {
      if (auto why = sql::needs_own_transaction(s.node); !why.empty()) own = fmt::format("{} at line {}", why, s.where.line);
      // A statement the grammar did not understand: what its words say (CONCURRENTLY, VACUUM, ...).
      if (!s.not_understood.empty()) {
        if (auto why = newer_needs_own_transaction(s.sql); !why.empty()) own = fmt::format("{} at line {}", why, s.where.line);
      }
      if (s.backfill) own = fmt::format("backfill at line {}, in batches", s.where.line);
    }
  }
  if (explicit_control) {
    // The file's own BEGIN/COMMIT decide; statements outside them run on their own.
    plan.mode = TransactionPlan::Mode::explicit_;
    plan.reason = "BEGIN/COMMIT in the file";
    for (std::size_t i = 0; i < stmts.size(); ++i) {
      if (sql::transaction_control(stmts[i].node) == sql::TransactionControl::begin) {
        std::size_t j = i;
        while (j < stmts.size()) {
          auto c = sql::transaction_control(stmts[j].node);
          if (c == sql::TransactionControl::commit || c == sql::TransactionControl::rollback) break;
          ++j;
        }
        plan.units.push_back({true, i, std::min(j, stmts.size() - 1) - i + 1});
        i = j;
      } else {
        plan.units.push_back({false, i, 1});
      }
    }
    return plan;
  }
  if (script.no_transaction || !own.empty()) {
    plan.mode = TransactionPlan::Mode::each;
    plan.reason = script.no_transaction ? "no-transaction directive" : own;
    for (std::size_t i = 0; i < stmts.size(); ++i) plan.units.push_back({false, i, 1});
    return plan;
  }
  if (!stmts.empty()) plan.units.push_back({true, 0, stmts.size()});
  return plan;
}

} // namespace migrate::migration
