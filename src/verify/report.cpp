#include "verify/report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sql/ast.hpp"
#include "util/term.hpp"
#include "util/text.hpp"

namespace migrate::verify {

using json = nlohmann::ordered_json;

std::string_view to_string(Result r) {
  switch (r) {
  case Result::round_trip: return "ok";
  case Result::different: return "different";
  case Result::rollback_failed: return "rollback_failed";
  case Result::reapply_failed: return "reapply_failed";
  case Result::apply_failed: return "apply_failed";
  case Result::irreversible: return "irreversible";
  case Result::no_rollback: return "no_rollback";
  }
  return "?";
}

bool StepReport::failed() const {
  return result == Result::different || result == Result::rollback_failed || result == Result::reapply_failed ||
         result == Result::apply_failed || std::any_of(data.begin(), data.end(), [](const DataCheck& d) { return d.failed; });
}

int Report::data_failures() const {
  int n = 0;
  for (const auto& s : steps) n += static_cast<int>(std::count_if(s.data.begin(), s.data.end(), [](const DataCheck& d) { return d.failed; }));
  return n;
}

int Report::round_trips() const {
  return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const StepReport& s) { return s.result == Result::round_trip; }));
}

int Report::not_rolled_back() const {
  return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const StepReport& s) {
    return s.result == Result::irreversible || s.result == Result::no_rollback;
  }));
}

int Report::failures() const {
  return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const StepReport& s) { return s.failed(); }));
}

int Report::disagreements() const {
  int n = 0;
  for (const auto& s : steps) {
    for (const auto& st : s.statements) n += static_cast<int>(st.disagreements.size());
  }
  return n;
}

int Report::traced() const {
  int n = 0;
  for (const auto& s : steps) {
    for (const auto& st : s.statements) n += st.trace && st.trace->error.empty() ? 1 : 0;
  }
  return n;
}

namespace {

json strings(const std::vector<std::string>& v) {
  json out = json::array();
  for (const auto& s : v) out.push_back(s);
  return out;
}

json locks_json(const std::vector<RelationLock>& locks) {
  json out = json::array();
  for (const auto& l : locks) out.push_back({{"relation", l.relation}, {"kind", l.kind}, {"mode", l.mode}});
  return out;
}

json statement_json(const StatementReport& s) {
  const auto& st = *s.statement;
  json j = {{"line", st.where.line}, {"column", st.where.column}, {"kind", st.kind}, {"sql", st.sql}};
  j["traced"] = s.trace.has_value();
  if (s.trace) {
    const Trace& t = *s.trace;
    j["in_transaction"] = t.in_transaction;
    j["locks"] = locks_json(t.locks);
    j["held_before"] = locks_json(t.held);
    j["rewrites"] = strings(t.rewrites);
    j["scans"] = t.scans ? strings(*t.scans) : json(nullptr);
    j["error"] = t.error.empty() ? json(nullptr) : json(t.error);
  } else {
    j["not_traced"] = st.backfill ? "a backfill runs in key-range batches on connections of its own" : "not sent";
  }
  json expected = json::array();
  for (const auto& e : s.expected) {
    expected.push_back({{"table", e.table}, {"lock", lint::to_string(e.lock)}, {"rewrite", e.rewrite}, {"scan", e.scan}});
  }
  j["expected"] = std::move(expected);
  j["disagreements"] = strings(s.disagreements);
  return j;
}

// "ACCESS EXCLUSIVE on users, SHARE ROW EXCLUSIVE on orders; rewrites users; reads all of users"
std::string trace_words(const StatementReport& s) {
  const Trace& t = *s.trace;
  std::vector<std::string> parts;
  std::string locks;
  // The JSON has every lock; here only the ones that block writes, on tables.
  auto shown = [](const RelationLock& l) {
    return lock_class(l.mode) != lint::Lock::none && (l.kind == "table" || l.kind == "materialized view");
  };
  for (const auto& l : t.locks) {
    if (shown(l)) locks += fmt::format("{}{} on {}", locks.empty() ? "" : ", ", mode_words(l.mode), sql::short_name(l.relation));
  }
  // The strongest lock its transaction held already on a table, when the statement took none as strong.
  std::map<std::string, const RelationLock*> held;
  for (const auto& l : t.held) {
    auto& best = held[l.relation];
    if (shown(l) && (!best || lock_class(l.mode) > lock_class(best->mode))) best = &l;
  }
  for (const auto& entry : held) {
    const std::string& table = entry.first; // not a structured binding: clang 14 cannot capture one
    const RelationLock* l = entry.second;
    const bool covered = !l || std::any_of(t.locks.begin(), t.locks.end(), [&](const RelationLock& n) {
      return n.relation == table && lock_class(n.mode) >= lock_class(l->mode);
    });
    if (!covered) locks += fmt::format("{}{} on {} (held already)", locks.empty() ? "" : ", ", mode_words(l->mode), sql::short_name(table));
  }
  parts.push_back(locks.empty() ? "no lock that blocks writes" : locks);
  for (const auto& r : t.rewrites) parts.push_back("rewrites " + sql::short_name(r));
  if (t.scans) {
    for (const auto& table : *t.scans) parts.push_back("reads all of " + sql::short_name(table));
  }
  if (!t.error.empty()) parts.push_back("trace incomplete: " + t.error);
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string what_happened(const StepReport& s) {
  const std::string rows = s.rows ? fmt::format(", {} rows backfilled", s.rows) : "";
  switch (s.result) {
  case Result::round_trip: return "applied, rolled back, applied again" + rows;
  case Result::different: return fmt::format("applied, rolled back, applied again: {} difference{}", s.differences.size(), s.differences.size() == 1 ? "" : "s");
  case Result::rollback_failed: return "applied; the rollback failed";
  case Result::reapply_failed: return "applied, rolled back; applying it again failed";
  case Result::apply_failed: return "the step failed";
  case Result::irreversible: return "applied" + rows + "; not rolled back: its rollback is irreversible";
  case Result::no_rollback: return "applied" + rows + "; not rolled back: it has no rollback";
  }
  return {};
}

} // namespace

namespace {
json data_json(const std::vector<DataCheck>& data) {
  json out = json::array();
  for (const auto& d : data) {
    out.push_back({{"what", d.what}, {"when", d.when}, {"result", d.failed ? "failed" : d.skipped ? "skipped" : "ok"}, {"detail", d.detail}});
  }
  return out;
}
} // namespace

json to_json(const Report& r) {
  json steps = json::array();
  for (const auto& s : r.steps) {
    json statements = json::array();
    for (const auto& st : s.statements) statements.push_back(statement_json(st));
    steps.push_back({{"app", s.migration->app},
                     {"version", s.migration->version},
                     {"name", s.migration->name},
                     {"file", s.migration->path},
                     {"phase", migration::to_string(s.phase)},
                     {"result", to_string(s.result)},
                     {"differences", strings(s.differences)},
                     {"error", s.error.empty() ? json(nullptr) : json(s.error)},
                     {"rows_backfilled", s.rows},
                     {"data", data_json(s.data)},
                     {"duration_ms", s.duration_ms},
                     {"statements", std::move(statements)}});
  }
  return {{"version", 1},
          {"ok", r.failures() == 0},
          {"database", r.database},
          {"server_version", r.server_version},
          {"seeds", strings(r.seeds)},
          {"steps", std::move(steps)},
          {"not_verified", strings(r.not_verified)},
          {"summary",
           {{"steps", r.steps.size()},
            {"round_trips", r.round_trips()},
            {"irreversible", r.not_rolled_back()},
            {"failed", r.failures()},
            {"data_checks_failed", r.data_failures()},
            {"statements_traced", r.traced()},
            {"disagreements", r.disagreements()}}},
          {"duration_ms", r.duration_ms}};
}

std::string to_text(const Report& r, bool color) {
  using util::Style;
  using util::styled;
  std::string out = fmt::format("Verified on {} (PostgreSQL {})\n", r.database, r.server_version);
  for (const auto& s : r.seeds) out += fmt::format("seed: {}\n", s);
  const migration::Migration* last = nullptr;
  for (const auto& s : r.steps) {
    if (s.migration != last) {
      out += fmt::format("\n{} {}\n", styled(s.migration->app, Style::cyan, color), styled(s.migration->id(), Style::bold, color));
      last = s.migration;
    }
    const Style style = s.failed() ? Style::red : s.result == Result::round_trip ? Style::green : Style::yellow;
    const std::string word(s.failed() ? "FAILED" : s.result == Result::round_trip ? "ok" : "not rolled back");
    out += fmt::format("  {:<9} {}{}  {}\n", migration::to_string(s.phase), styled(word, style, color),
                       std::string(15 - word.size(), ' '), what_happened(s));
    for (const auto& d : s.differences) out += fmt::format("    {} {}\n", styled("-", Style::red, color), d);
    if (!s.error.empty()) out += fmt::format("    {} {}\n", styled("-", Style::red, color), s.error);
    for (const auto& d : s.data) {
      const std::string mark = d.failed ? styled("-", Style::red, color) : d.skipped ? styled("~", Style::yellow, color) : styled("+", Style::green, color);
      out += fmt::format("    {} {} {}: {}\n", mark, d.what, d.when, d.detail);
    }
    for (const auto& st : s.statements) {
      const auto& stmt = *st.statement;
      const std::string where = fmt::format("{}:{}", stmt.where.line, stmt.where.column);
      const std::string what = st.trace ? trace_words(st) : "backfill: runs in batches, not traced";
      out += fmt::format("      {:<7} {:<48} {}\n", where, util::one_line(stmt.sql, 48),
                         styled(what, Style::dim, color && st.disagreements.empty()));
      for (const auto& d : st.disagreements) out += fmt::format("      {:<7} {} {}\n", "", styled("?", Style::yellow, color), d);
    }
  }
  for (const auto& n : r.not_verified) out += fmt::format("\nnot verified: {}\n", n);
  out += fmt::format("\n{} step{}: {} round-tripped, {} not rolled back, {} failed{}; {} statement{} traced, {} disagreement{} with the linter ({:.1f} s)\n",
                     r.steps.size(), r.steps.size() == 1 ? "" : "s", r.round_trips(), r.not_rolled_back(), r.failures(),
                     r.data_failures() ? fmt::format(" ({} data check{} failed)", r.data_failures(), r.data_failures() == 1 ? "" : "s") : "", r.traced(),
                     r.traced() == 1 ? "" : "s", r.disagreements(), r.disagreements() == 1 ? "" : "s",
                     static_cast<double>(r.duration_ms) / 1000.0);
  return out;
}

} // namespace migrate::verify
