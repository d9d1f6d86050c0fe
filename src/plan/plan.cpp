#include "plan/plan.hpp"

#include <fmt/format.h>

#include "sql/ast.hpp"
#include "verify/convergence.hpp"
#include "util/term.hpp"
#include "util/text.hpp"

namespace migrate::plan {

using migration::Rollback;
using migration::Script;
using migration::TransactionPlan;

std::vector<Step> offline(const std::vector<migration::Migration>& migrations, std::optional<migration::Phase> phase) {
  std::vector<Step> steps;
  for (const auto& m : migrations) {
    for (const auto& s : m.sections) {
      if (phase && s.phase != *phase) continue;
      steps.push_back({&m, &s, migration::plan_transactions(s.forward), migration::plan_transactions(s.undo), "pending", {}});
    }
  }
  return steps;
}

namespace {

nlohmann::ordered_json backfill_json(const migration::Backfill& b) {
  return {{"table", b.table},
          {"key", b.key},
          {"batch", b.batch ? nlohmann::ordered_json(*b.batch) : nlohmann::ordered_json("auto")},
          {"sleep_ms", b.sleep.count()},
          {"target_ms", b.target.count()}};
}

nlohmann::ordered_json transactions_json(const TransactionPlan& tx) {
  nlohmann::ordered_json units = nlohmann::ordered_json::array();
  for (const auto& u : tx.units) units.push_back({{"transaction", u.transaction}, {"first", u.first}, {"count", u.count}});
  return {{"mode", migration::to_string(tx.mode)}, {"reason", tx.reason}, {"units", units}};
}

nlohmann::ordered_json touches_json(const std::vector<Touch>& touches) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& t : touches) {
    out.push_back({{"table", t.table},
                   {"lock", t.lock},
                   {"rows_estimate", t.rows ? nlohmann::ordered_json(static_cast<long long>(*t.rows)) : nlohmann::ordered_json(nullptr)},
                   {"never_analysed", t.bytes.has_value()},
                   {"bytes", t.bytes ? nlohmann::ordered_json(static_cast<long long>(*t.bytes)) : nlohmann::ordered_json(nullptr)},
                   {"rewrite", t.rewrite},
                   {"scan", t.scan}});
  }
  return out;
}

nlohmann::ordered_json script_json(const Script& script, const TransactionPlan& tx, const std::vector<std::vector<Touch>>* touches = nullptr) {
  nlohmann::ordered_json stmts = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < script.statements.size(); ++i) {
    const auto& st = script.statements[i];
    nlohmann::ordered_json j = {{"line", st.where.line}, {"column", st.where.column}, {"kind", st.kind}, {"sql", st.sql}};
    if (touches && i < touches->size()) j["locks"] = touches_json((*touches)[i]);
    j["backfill"] = st.backfill ? backfill_json(*st.backfill) : nlohmann::ordered_json(nullptr);
    if (st.backfill) {
      const auto conv = verify::convergence_plan(st);
      nlohmann::ordered_json c = {{"checked", conv.skip.empty()}};
      if (!conv.skip.empty()) c["why_not"] = conv.skip;
      j["backfill"]["convergence"] = c;
    }
    nlohmann::ordered_json allows = nlohmann::ordered_json::array();
    for (const auto& a : st.allows) allows.push_back({{"rule", a.rule}, {"reason", a.reason}, {"line", a.where.line}});
    j["allow"] = allows;
    stmts.push_back(std::move(j));
  }
  auto ms = [](const std::optional<util::Duration>& d) { return d ? nlohmann::ordered_json(d->count()) : nlohmann::ordered_json(nullptr); };
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const auto& c : script.checks) checks.push_back({{"line", c.where.line}, {"sql", c.sql}});
  return {{"line", script.where.line},
          {"statements", stmts},
          {"checks", checks},
          {"transactions", transactions_json(tx)},
          {"lock_timeout_ms", ms(script.lock_timeout)},
          {"statement_timeout_ms", ms(script.statement_timeout)}};
}

std::string count(std::size_t n, std::string_view what) {
  return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

std::string describe(const Script& script, const TransactionPlan& tx) {
  const auto n = script.statements.size();
  if (n == 0) return "no statements";
  std::string out = count(n, "statement");
  switch (tx.mode) {
  case TransactionPlan::Mode::single: out += n == 1 ? " in a transaction" : " in one transaction"; break;
  case TransactionPlan::Mode::each: out += fmt::format("{} on its own ({})", n == 1 ? "" : ", each", tx.reason); break;
  case TransactionPlan::Mode::explicit_: out += " in the transactions the file's BEGIN/COMMIT mark"; break;
  }
  if (script.lock_timeout) out += fmt::format(", lock_timeout {}", util::format_duration(*script.lock_timeout));
  if (script.statement_timeout) out += fmt::format(", statement_timeout {}", util::format_duration(*script.statement_timeout));
  return out;
}

std::string rows_text(double rows) {
  if (rows >= 1e6) return fmt::format("~{:.1f}M rows", rows / 1e6);
  if (rows >= 1e4) return fmt::format("~{:.0f}k rows", rows / 1e3);
  return fmt::format("~{:.0f} rows", std::max(rows, 0.0));
}

std::string bytes_text(double bytes) {
  if (bytes >= 1024.0 * 1024 * 1024) return fmt::format("{:.1f} GB", bytes / (1024.0 * 1024 * 1024));
  if (bytes >= 1024.0 * 1024) return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024));
  return fmt::format("{:.0f} kB", bytes / 1024.0);
}

// "(~12k rows)"; a table never analysed has no estimate: its size on disk; one the plan creates is new.
std::string size_text(const Touch& t) {
  if (t.rows) return " (" + rows_text(*t.rows) + ")";
  if (t.bytes) return fmt::format(" (size unknown: never analysed; {} on disk)", bytes_text(*t.bytes));
  return " (new table)";
}

void statements_text(std::string& out, const Script& script, const TransactionPlan& tx, bool color,
                     const std::vector<std::vector<Touch>>* touches = nullptr) {
  std::vector<char> marks(script.statements.size(), ' ');
  if (tx.mode == TransactionPlan::Mode::explicit_) {
    for (const auto& u : tx.units) {
      for (std::size_t i = u.first; i < u.first + u.count; ++i) marks[i] = u.transaction ? '|' : ' ';
    }
  }
  for (std::size_t i = 0; i < script.statements.size(); ++i) {
    const auto& st = script.statements[i];
    out += fmt::format("    {:>5} {} {}\n", util::styled(fmt::format("{}", st.where.line), util::Style::dim, color), marks[i],
                       util::one_line(st.sql, 96));
    if (st.backfill) {
      const auto& b = *st.backfill;
      out += fmt::format("            backfill {} by {}, batch {}{}{}\n", b.table, b.key,
                         b.batch ? std::to_string(*b.batch) : "auto",
                         b.batch ? "" : fmt::format(" (target {})", util::format_duration(b.target)),
                         b.sleep.count() ? fmt::format(", sleep {}", util::format_duration(b.sleep)) : "");
      const auto conv = verify::convergence_plan(st);
      out += fmt::format("            convergence: {}\n", conv.skip.empty() ? fmt::format("verify counts the rows where {} differs from what it sets", conv.what())
                                                                           : "not counted by verify: " + conv.skip);
    }
    for (const auto& a : st.allows) out += fmt::format("            allow {}: {}\n", a.rule, a.reason);
    if (!touches || i >= touches->size()) continue;
    for (const auto& t : (*touches)[i]) {
      const bool blocks_reads = t.lock == "ACCESS EXCLUSIVE";
      out += fmt::format("            {} on {}{}{}{}\n", util::styled(t.lock, blocks_reads ? util::Style::red : util::Style::dim, color),
                         sql::short_name(t.table), size_text(t), t.rewrite ? ", rewrites it" : "",
                         t.scan && !t.rewrite ? ", scans it" : "");
    }
  }
  for (const auto& c : script.checks) {
    out += fmt::format("    {:>5}   check: {}\n", util::styled(fmt::format("{}", c.where.line), util::Style::dim, color), util::one_line(c.sql, 90));
  }
}

// The checks of a migration's phases before `phase`: they run again right before it (contract).
std::size_t earlier_checks(const migration::Migration& m, migration::Phase phase) {
  std::size_t n = 0;
  for (const auto& s : m.sections) n += s.phase < phase ? s.forward.checks.size() : 0;
  return n;
}

} // namespace

nlohmann::ordered_json to_json(const std::vector<Step>& steps, const std::string& database) {
  nlohmann::ordered_json out = {{"version", 1}, {"offline", database.empty()}};
  if (!database.empty()) out["database"] = database;
  out["steps"] = nlohmann::ordered_json::array();
  for (const auto& step : steps) {
    const auto& m = *step.migration;
    const auto& s = *step.section;
    nlohmann::ordered_json j = {{"app", m.app},
                        {"version", m.version},
                        {"name", m.name},
                        {"file", m.path},
                        {"phase", migration::to_string(s.phase)},
                        {"status", step.status},
                        {"checksum", s.checksum}};
    j["forward"] = script_json(s.forward, step.transactions, database.empty() ? nullptr : &step.touches);
    j["checks_before"] = s.phase == migration::Phase::contract ? earlier_checks(m, s.phase) : 0;
    j["rollback"] = {{"kind", migration::to_string(s.rollback)}};
    if (s.rollback == Rollback::present) j["rollback"].update(script_json(s.undo, step.rollback_transactions));
    out["steps"].push_back(std::move(j));
  }
  return out;
}

std::string to_text(const std::vector<Step>& steps, bool color, const std::string& database) {
  std::string out;
  if (steps.empty()) return database.empty() ? "Nothing to do: no migration steps found.\n" : "Nothing to do: every step is applied.\n";
  out += util::styled(database.empty() ? "Plan (offline: no database was asked, so every step is shown as pending)"
                                       : fmt::format("Plan against {}: the pending steps", database),
                      util::Style::dim, color);
  out += "\n";
  const migration::Migration* last = nullptr;
  std::size_t migrations = 0;
  std::vector<std::string> apps;
  for (const auto& step : steps) {
    const auto& m = *step.migration;
    const auto& s = *step.section;
    if (last != &m) {
      ++migrations;
      if (std::find(apps.begin(), apps.end(), m.app) == apps.end()) apps.push_back(m.app);
      out += fmt::format("\n{} {}  {}\n", util::styled(m.app, util::Style::cyan, color),
                         util::styled(m.id(), util::Style::bold, color), util::styled(m.path, util::Style::dim, color));
      last = &m;
    }
    out += fmt::format("  {:<8} {}{}\n", migration::to_string(s.phase), describe(s.forward, step.transactions),
                       step.status == "pending" ? "" : util::styled(fmt::format(" [{}]", step.status), util::Style::yellow, color));
    if (s.phase == migration::Phase::contract) {
      if (auto n = earlier_checks(m, s.phase)) out += fmt::format("  {:<8} before it: {} of expand and migrate run again\n", "", count(n, "check"));
    }
    statements_text(out, s.forward, step.transactions, color, database.empty() ? nullptr : &step.touches);
    switch (s.rollback) {
    case Rollback::missing:
      out += fmt::format("  {:<8} {}\n", "", util::styled("rollback: missing", util::Style::yellow, color));
      break;
    case Rollback::irreversible:
      out += fmt::format("  {:<8} rollback: irreversible\n", "");
      break;
    case Rollback::present:
      out += fmt::format("  {:<8} rollback: {}\n", "", s.undo.statements.empty() ? "nothing to undo" : describe(s.undo, step.rollback_transactions));
      statements_text(out, s.undo, step.rollback_transactions, color);
      break;
    }
  }
  out += fmt::format("\n{} in {} of {}\n", count(steps.size(), "step"), count(migrations, "migration"), count(apps.size(), "app"));
  return out;
}

} // namespace migrate::plan
