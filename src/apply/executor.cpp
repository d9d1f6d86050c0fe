#include "apply/executor.hpp"

#include <chrono>

#include <fmt/format.h>

#include "apply/backfill.hpp"
#include "lint/effects.hpp"
#include "lint/engine.hpp"
#include "migration/transactions.hpp"
#include "sql/ast.hpp"
#include "sql/parser.hpp"
#include "sql/quote.hpp"
#include "util/duration.hpp"
#include "util/fault.hpp"
#include "util/log.hpp"
#include "util/metrics.hpp"
#include "util/signals.hpp"
#include "util/text.hpp"
#include "util/version.hpp"

namespace migrate::apply {

using migration::Script;
using migration::Statement;
using migration::TransactionPlan;

namespace {

// CONCURRENTLY, VALIDATE and backfill batches never get a statement_timeout.
bool exempt_from_statement_timeout(const Statement& st) {
  if (st.backfill || !sql::needs_own_transaction(st.node).empty()) return true;
  if (st.kind != "AlterTableStmt") return false;
  for (const auto& cmd : sql::get(st.node->at(st.kind), "cmds")) {
    if (sql::get(cmd, "AlterTableCmd").value("subtype", "") == "AT_ValidateConstraint") return true;
  }
  return false;
}

// The tables a statement locks, to name who holds them when an attempt times out.
std::vector<std::string> touched(const Statement& st, int pg_version) {
  std::vector<std::string> out;
  for (const auto& fx : lint::effects(st.node, lint::Catalog{}, pg_version)) {
    if (std::find(out.begin(), out.end(), fx.table) == out.end()) out.push_back(fx.table);
  }
  return out;
}

// CREATE INDEX CONCURRENTLY name ON [schema.]table: the index's name as to_regclass reads it.
std::optional<std::string> concurrent_index(const Statement& st) {
  if (st.kind != "IndexStmt") return std::nullopt;
  const auto& body = st.node->at(st.kind);
  if (!body.value("concurrent", false) || body.value("idxname", "").empty()) return std::nullopt;
  const std::string schema = sql::get(body, "relation").value("schemaname", "");
  const std::string name = sql::quote_ident(body.value("idxname", ""));
  return schema.empty() ? name : sql::quote_ident(schema) + "." + name;
}

// nullopt: no such index; else whether it is valid.
std::optional<bool> index_valid(db::Session& s, const std::string& index) {
  auto r = s.query("SELECT i.indisvalid::text FROM pg_index i WHERE i.indexrelid = to_regclass($1)", {index});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0][0] == "true";
}

RetryPolicy policy_for(const Settings& settings, const Script& script) {
  RetryPolicy p = settings.policy;
  if (script.lock_timeout) p.lock_timeout = *script.lock_timeout;
  if (settings.lock_timeout_bound) p.lock_timeout = std::min(p.lock_timeout, *settings.lock_timeout_bound);
  if (script.statement_timeout) p.statement_timeout = *script.statement_timeout;
  if (p.statement_timeout && p.statement_timeout->count() == 0) p.statement_timeout.reset();
  return p;
}

// The file's BEGIN ... COMMIT as a unit of the statements between them (the tool sends its own).
std::pair<std::size_t, std::size_t> inner(const Script& script, const migration::TransactionUnit& u) {
  std::size_t first = u.first;
  std::size_t last = u.first + u.count; // exclusive
  if (first < last && sql::transaction_control(script.statements[first].node) == sql::TransactionControl::begin) ++first;
  if (last > first) {
    const auto c = sql::transaction_control(script.statements[last - 1].node);
    if (c == sql::TransactionControl::rollback) {
      throw InputError(script.statements[last - 1].where, "a transaction that ends in ROLLBACK does nothing; migrate cannot apply it",
                       "end it with COMMIT, or remove it");
    }
    if (c == sql::TransactionControl::commit) --last;
  }
  return {first, last};
}

// Runs `script` for the ledger row `e` from statement `from` on. `finish` records the end: inside the
// transaction of a script that runs as one, right after the last statement otherwise.
struct ScriptRun {
  db::Session& session;
  ledger::Ledger& ledger;
  const Settings& settings;
  const ledger::Entry& e;    // whose progress is recorded
  const ledger::Entry& keys; // whose backfill checkpoints are used
  bool resumed;              // an earlier run of this step got somewhere
  bool record_progress;      // rollbacks do not track statements done

  Outcome run(const Script& script, int from, const std::function<void()>& finish) {
    Outcome out;
    const RetryPolicy policy = policy_for(settings, script);
    const TransactionPlan tx = migration::plan_transactions(script);
    bool has_backfill = false;
    for (const auto& st : script.statements) has_backfill |= st.backfill.has_value();
    auto item = [&](const Statement& st, bool in_transaction) {
      Item it(st.sql);
      it.no_statement_timeout = exempt_from_statement_timeout(st);
      it.where = st.where.str();
      it.index = static_cast<int>(&st - script.statements.data()) + 1;
      if (Watcher* w = settings.watcher) it.watch = [w, &st, in_transaction](Item::Stage stage) { w->watch(st, in_transaction, stage); };
      return it;
    };
    auto tables_of = [&](std::size_t first, std::size_t last) {
      std::vector<std::string> t;
      for (std::size_t i = first; i < last; ++i) {
        for (auto& name : touched(script.statements[i], settings.pg_version)) t.push_back(std::move(name));
      }
      return t;
    };

    if (tx.mode == TransactionPlan::Mode::single && !has_backfill) {
      Unit unit{{}, true};
      for (const auto& st : script.statements) unit.statements.push_back(item(st, true));
      unit.before_commit = [&](long long) { finish(); };
      run_unit(session, unit, policy, tables_of(0, script.statements.size()), {});
      out.statements = static_cast<int>(script.statements.size());
      return out;
    }

    for (const auto& u : tx.units) {
      const std::size_t end = u.first + u.count;
      if (static_cast<int>(end) <= from) {
        out.skipped += static_cast<int>(u.count);
        continue;
      }
      auto progress = [&, end](long long) {
        if (record_progress) ledger.progress(e, static_cast<int>(end));
      };
      const Statement& st = script.statements[u.first];
      if (st.backfill) {
        auto r = run_backfill(session, ledger, keys, static_cast<int>(u.first), st, policy, settings.backfill);
        out.rows += r.rows;
        ++out.statements;
        if (record_progress) {
          // The run lock was let go during the batches: another process that joined the backfill may
          // have gone on with the step, or finished it.
          auto now = ledger.find(e.app, e.version, e.phase);
          if (now && now->status == "applied") {
            out.finished_elsewhere = true;
            return out;
          }
          if (now && now->statements_done > static_cast<int>(end)) {
            from = now->statements_done;
            continue;
          }
        }
        progress(0);
        continue;
      }
      Unit unit{{}, true};
      if (u.transaction) {
        auto [first, last] = inner(script, u);
        for (std::size_t i = first; i < last; ++i) unit.statements.push_back(item(script.statements[i], true));
      } else {
        // Statements PostgreSQL refuses in a transaction block go on their own, progress after them;
        // any other gets a transaction of its own with its progress inside.
        unit.transaction = sql::needs_own_transaction(st.node).empty();
        unit.statements.push_back(item(st, unit.transaction));
        if (auto index = concurrent_index(st)) {
          if (resumed && index_valid(session, *index) == std::optional<bool>(true)) {
            log::info("index {} is there and valid: an interrupted run built it; going on", *index);
            progress(0);
            ++out.skipped;
            continue;
          }
          unit.before_attempt = [this, index, &policy] {
            util::fault::during("cic");
            if (index_valid(session, *index) != std::optional<bool>(false)) return;
            log::warn("dropping the INVALID index {} that a failed CREATE INDEX CONCURRENTLY left behind", *index);
            session.exec("SET lock_timeout = " + ms_setting(policy.lock_timeout));
            session.exec("DROP INDEX CONCURRENTLY IF EXISTS " + *index);
            session.exec("RESET lock_timeout");
          };
        }
      }
      unit.before_commit = progress;
      run_unit(session, unit, policy, tables_of(u.first, end), {});
      out.statements += static_cast<int>(unit.statements.size());
    }
    finish();
    return out;
  }
};

// Cancels the running statement on SIGINT/SIGTERM: it is rolled back, and the caller records that.
class CancelOnSignal {
public:
  explicit CancelOnSignal(db::Session& s) : hook_(util::signals::Hook::When::interrupt, [&s] { s.cancel(); }) {}

private:
  util::signals::Hook hook_;
};

// A failure of a step, as the ledger keeps it.
std::string failure_text(const std::exception& e) {
  if (util::signals::interrupted()) return "interrupted by a signal; the running statement was rolled back";
  return util::one_line(e.what(), 2000);
}

} // namespace

ledger::Entry entry_for(const migration::Migration& m, const migration::Section& s, bool skip_lint) {
  ledger::Entry e;
  e.app = m.app;
  e.version = m.version;
  e.phase = std::string(migration::to_string(s.phase));
  e.name = m.name;
  e.checksum = s.checksum;
  e.sql = s.forward.text;
  if (s.rollback == migration::Rollback::present) e.rollback_sql = s.undo.text;
  e.rollback = std::string(migration::to_string(s.rollback));
  e.tool_version = std::string(kVersion);
  e.skip_lint = skip_lint;
  return e;
}

migration::Migration parse_recorded(const std::string& sql, const std::string& label, migration::Phase phase) {
  return lint::parse_sectionless(sql, label, phase);
}

Executor::Executor(db::Session& session, ledger::Ledger& ledger, Settings settings)
    : session_(session), ledger_(ledger), settings_(std::move(settings)) {}

Outcome Executor::apply(const StepState& step) {
  const auto& m = *step.migration;
  const auto& s = *step.section;
  ledger::Entry e = entry_for(m, s, settings_.skip_lint);
  // Where an earlier, interrupted or failed run of this step got to.
  int from = 0;
  if (step.entry && step.entry->status != "rolled_back" && step.entry->statements_done > 0) {
    from = step.entry->statements_done;
    if (step.entry->checksum != s.checksum) {
      // The file was fixed after a failure: the statements already done must be the same ones.
      auto before = parse_recorded(step.entry->sql, m.path, s.phase);
      const auto& old = before.sections.at(0).forward.statements;
      const auto& now = s.forward.statements;
      for (int i = 0; i < from; ++i) {
        if (i >= static_cast<int>(old.size()) || i >= static_cast<int>(now.size()) || old[i].sql != now[i].sql) {
          throw Error(Exit::refused,
                      fmt::format("{}: {} changed in its first {} statements, which an earlier run applied already", m.path,
                                  step.label(), from),
                      "restore them, or look at the database and run `migrate repair` to start the step afresh");
        }
      }
    }
  }
  log::Field app("app", m.app), version("version", m.version), phase("phase", e.phase);
  const util::metrics::Labels labels = {{"app", m.app}, {"phase", e.phase}};
  ledger_.start(e);
  if (from > 0) {
    ledger_.progress(e, from);
    log::info("{}: continuing after statement {} of {}", step.label(), from, s.forward.statements.size());
  }
  const auto started = std::chrono::steady_clock::now();
  CancelOnSignal cancel(session_);
  try {
    ScriptRun run{session_, ledger_, settings_, e, e, from > 0 || step.entry.has_value(), true};
    Outcome out = run.run(s.forward, from, [&] {
      const long long took = ledger_.finish(e, "applied");
      ledger_.record(e, "applied", took, settings_.skip_lint ? std::optional<std::string>("lint skipped") : std::nullopt);
    });
    out.duration_ms = util::elapsed_ms(started);
    if (!out.finished_elsewhere) util::metrics::add("migrate_steps_applied_total", labels, 1, "Steps applied by this run");
    util::metrics::set("migrate_step_duration_seconds", {{"app", m.app}, {"version", m.version}, {"phase", e.phase}},
                       static_cast<double>(out.duration_ms) / 1000.0, "How long each step this run applied took");
    return out;
  } catch (const Error& err) {
    util::metrics::add("migrate_steps_failed_total", labels, 1, "Steps that failed or were interrupted in this run");
    const bool interrupted = util::signals::interrupted();
    const std::string why = failure_text(err);
    try {
      const long long took = ledger_.finish(e, "failed", why);
      ledger_.record(e, "failed", took, why);
    } catch (const std::exception& again) {
      log::error("could not record the failure of {} in the ledger: {}", step.label(), again.what());
    }
    if (interrupted) throw Interrupted();
    throw;
  }
}

Outcome Executor::rollback(const StepState& step) {
  const ledger::Entry& e = *step.entry;
  log::Field app("app", e.app), version("version", e.version), phase("phase", e.phase);
  Outcome out;
  const auto started = std::chrono::steady_clock::now();
  ledger::Entry keys = e;
  keys.phase += ":rollback";
  // The step's backfills start afresh when it is applied again.
  auto done = [&] {
    ledger_.rolled_back(e);
    ledger_.forget_backfills(e);
    ledger_.forget_backfills(keys);
    ledger_.record(e, "rolled_back", util::elapsed_ms(started));
    util::metrics::add("migrate_steps_rolled_back_total", {{"app", e.app}, {"phase", e.phase}}, 1, "Steps rolled back by this run");
  };
  if (!e.rollback_sql || e.rollback_sql->find_first_not_of(" \t\r\n") == std::string::npos) {
    done(); // nothing to undo
    out.duration_ms = util::elapsed_ms(started);
    return out;
  }
  auto undo = parse_recorded(*e.rollback_sql, fmt::format("{} ({} rollback, from the ledger)", step.label(), e.phase), step.phase);
  const Script& script = undo.sections.at(0).forward;
  CancelOnSignal cancel(session_);
  try {
    ScriptRun run{session_, ledger_, settings_, e, keys, false, false};
    out = run.run(script, 0, done);
  } catch (const Error& err) {
    try {
      ledger_.record(e, "rollback_failed", util::elapsed_ms(started), failure_text(err));
    } catch (const std::exception& again) {
      log::error("could not record the failure of {}'s rollback in the ledger: {}", step.label(), again.what());
    }
    if (util::signals::interrupted()) throw Interrupted();
    throw;
  }
  out.duration_ms = util::elapsed_ms(started);
  return out;
}

} // namespace migrate::apply
