#include "plan/script.hpp"

#include <fmt/format.h>

#include "apply/attempt.hpp"
#include "apply/executor.hpp"
#include "migration/backfill_bounds.hpp"
#include "sql/parser.hpp"
#include "sql/quote.hpp"
#include "util/version.hpp"

namespace migrate::plan {

namespace {

using migration::Script;
using migration::Statement;

// A dollar-quote tag that does not occur in `body`.
std::string tag_for(std::string_view body, std::string_view base) {
  std::string tag = fmt::format("${}$", base);
  for (int n = 1; body.find(tag) != std::string_view::npos; ++n) tag = fmt::format("${}_{}$", base, n);
  return tag;
}

// A statement and its semicolon; on a line of its own when the statement ends in a line comment.
std::string terminated(std::string_view sql) {
  const auto nl = sql.rfind('\n');
  const std::string_view last = nl == std::string_view::npos ? sql : sql.substr(nl + 1);
  return fmt::format("{}{};\n", sql, last.find("--") != std::string_view::npos ? "\n" : "");
}

class Writer {
public:
  explicit Writer(const ScriptSettings& s) : s_(s) {}

  void step(const Step& step) {
    const auto& m = *step.migration;
    const auto& sec = *step.section;
    const Script& script = sec.forward;
    out_ += fmt::format("\n-- ===== {} {} {} ({}) =====\n", m.app, m.id(), migration::to_string(sec.phase), m.path);
    if (step.status != "pending") {
      out_ += fmt::format("-- The ledger says {}: apply goes on from the statement it got to; this script starts at the beginning.\n",
                          step.status);
    }
    const util::Duration lock_timeout = script.lock_timeout.value_or(s_.lock_timeout);
    std::optional<util::Duration> statement_timeout = script.statement_timeout ? script.statement_timeout : s_.statement_timeout;
    if (statement_timeout && statement_timeout->count() == 0) statement_timeout.reset();
    timeout_ = apply::ms_setting(statement_timeout.value_or(util::Duration{0}));
    lock_ = apply::ms_setting(lock_timeout);
    const auto& tx = step.transactions; // as plan computed it for this step
    bool has_backfill = false;
    for (const auto& st : script.statements) has_backfill |= st.backfill.has_value();
    if (script.statements.empty()) out_ += "-- (no statements)\n";

    if (tx.mode == migration::TransactionPlan::Mode::single && !has_backfill) {
      begin();
      for (const auto& st : script.statements) statement(st, true);
      checks(script, true);
      out_ += "COMMIT;\n";
      return;
    }
    out_ += fmt::format("-- Statement by statement: {}.\n", tx.reason.empty() ? "it has a backfill" : tx.reason);
    for (const auto& u : tx.units) {
      const Statement& st = script.statements[u.first];
      if (st.backfill) {
        backfill(st);
      } else if (u.transaction) {
        out_ += "-- The file's own transaction:\n";
        auto [first, last] = apply::explicit_body(script, u);
        begin();
        for (std::size_t i = first; i < last; ++i) statement(script.statements[i], true);
        out_ += "COMMIT;\n";
      } else if (!sql::needs_own_transaction(st.node).empty()) {
        out_ += fmt::format("SET lock_timeout = {};\n", lock_);
        current_.clear();
        statement(st, false);
        out_ += "RESET lock_timeout;\nRESET statement_timeout;\n";
      } else {
        begin();
        statement(st, true);
        out_ += "COMMIT;\n";
      }
    }
    checks(script, false);
  }

  std::string take() { return std::move(out_); }

private:
  void begin() {
    out_ += fmt::format("BEGIN;\nSET LOCAL lock_timeout = {};\n", lock_);
    current_.clear();
  }

  void statement(const Statement& st, bool in_transaction) {
    const std::string wanted = apply::exempt_from_statement_timeout(st) ? "'0ms'" : timeout_;
    if (wanted != current_) {
      out_ += fmt::format("SET {}statement_timeout = {};\n", in_transaction ? "LOCAL " : "", wanted);
      current_ = wanted;
    }
    out_ += fmt::format("-- {}\n", st.where.str());
    out_ += terminated(st.sql);
  }

  // A check fails the script (as it fails the step) when it returns a row.
  void checks(const Script& script, bool in_transaction) {
    for (const auto& c : script.checks) {
      const std::string message = fmt::format("migrate: the check at {} returned rows", c.where.str());
      const std::string tag = tag_for(c.sql, "migrate_check");
      out_ += fmt::format("-- check ({}): no rows may come back{}\n", c.where.str(), in_transaction ? "" : "; what ran before it stays");
      out_ += fmt::format("DO {0}\nBEGIN\n  IF EXISTS (\n{1}\n  ) THEN\n    RAISE EXCEPTION '%', {2};\n  END IF;\nEND\n{0};\n", tag, c.sql,
                          sql::quote_literal(message));
    }
  }

  // Batches of the key range, each committed: what apply does, without its checkpoints in the ledger
  // (a script killed half-way starts again from the first key), its adaptive size or its workers.
  void backfill(const Statement& st) {
    const auto& b = *st.backfill;
    const int batch = b.batch.value_or(s_.default_batch);
    const std::string key_type = fmt::format("{}.{}%TYPE", b.table, b.key);
    const std::string sql_tag = tag_for(st.sql, "migrate_sql");
    std::string body = fmt::format(
        "DECLARE\n"
        "  lo {0};\n"
        "  hi {0};\n"
        "  first_key {0};\n"
        "BEGIN\n"
        "  SELECT {2} INTO first_key FROM {1} ORDER BY {2} LIMIT 1;\n"
        "  LOOP\n"
        "    SELECT k INTO hi FROM (SELECT {2} AS k FROM {1} WHERE lo IS NULL OR {2} > lo ORDER BY {2} LIMIT {3}) b ORDER BY k DESC LIMIT 1;\n"
        "    EXIT WHEN hi IS NULL;\n"
        "    IF lo IS NULL THEN\n"
        "      EXECUTE {4}{5}{4} USING first_key, hi;\n"
        "    ELSE\n"
        "      EXECUTE {4}{6}{4} USING lo, hi;\n"
        "    END IF;\n"
        "    COMMIT;\n"
        "{7}"
        "    lo := hi;\n"
        "  END LOOP;\n"
        "END\n",
        key_type, b.table, b.key, batch, sql_tag, migration::inclusive_lower(st), st.sql,
        b.sleep.count() > 0 ? fmt::format("    PERFORM pg_sleep({});\n", static_cast<double>(b.sleep.count()) / 1000.0) : "");
    const std::string tag = tag_for(body, "migrate_backfill");
    out_ += fmt::format("-- {}: backfill of {} by {} in batches of {} keys{}, each committed. apply checkpoints every batch in the ledger "
                        "and resumes after a kill; a run of this script that stops half-way starts again from the first key.\n",
                        st.where.str(), b.table, b.key, batch, b.batch ? "" : " (batch=auto: apply sizes them to take about " +
                                                                                  util::format_duration(b.target) + ")");
    out_ += fmt::format("SET lock_timeout = {};\nSET statement_timeout = 0;\n", lock_);
    current_.clear();
    out_ += fmt::format("DO {0}\n{1}{0};\n", tag, body);
    out_ += "RESET lock_timeout;\nRESET statement_timeout;\n";
  }

  const ScriptSettings& s_;
  std::string out_;
  std::string lock_, timeout_, current_;
};

} // namespace

std::string to_sql(const std::vector<Step>& steps, const ScriptSettings& settings) {
  std::string out = fmt::format("-- migrate {}: the script `migrate apply` would run{}.\n", kVersion,
                                settings.database.empty() ? " (offline: every step of the files)" : " on " + settings.database);
  out += fmt::format(
      "-- For review, or for psql -v ON_ERROR_STOP=1 (autocommit on). Unlike apply, psql does not retry a statement that\n"
      "-- waits longer than its lock_timeout (apply tries {} more times with backoff), and nothing here writes\n"
      "-- migrate's ledger: after running it by hand, record the steps with `migrate baseline VERSION --app APP`.\n",
      settings.lock_retries);
  if (steps.empty()) out += "\n-- Nothing to apply.\n";
  Writer w(settings);
  for (const auto& s : steps) w.step(s);
  out += w.take();
  return out;
}

} // namespace migrate::plan
