#include "apply/executor.hpp"

#include <chrono>

#include <fmt/format.h>

#include "apply/backfill.hpp"
#include "apply/checks.hpp"
#include "ledger/run_lock.hpp"
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

// CONCURRENTLY, VALIDATE and backfill batches never get a statement_timeout.
bool exempt_from_statement_timeout(const Statement& st) {
  if (st.backfill || !sql::needs_own_transaction(st.node).empty()) return true;
  if (st.kind != "AlterTableStmt") return false;
  for (const auto& cmd : sql::get(st.node->at(st.kind), "cmds")) {
    if (sql::get(cmd, "AlterTableCmd").value("subtype", "") == "AT_ValidateConstraint") return true;
  }
  return false;
}

// The file's BEGIN ... COMMIT as a unit of the statements between them (the tool sends its own).
std::pair<std::size_t, std::size_t> explicit_body(const Script& script, const migration::TransactionUnit& u) {
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

namespace {

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

// A statement that runs outside any transaction commits before its progress can be written: killed
// between the two, the ledger says it did not run. When the next run finds it already done, it says
// so here rather than run it again: "" when it may not have run.
std::string done_already(db::Session& s, const Statement& st) {
  if (st.kind.empty()) return {}; // not understood by libpg_query's grammar: nothing known of it
  const auto& body = st.node->at(st.kind);
  if (st.kind == "DropStmt" && body.value("concurrent", false) && body.value("removeType", "") == "OBJECT_INDEX" &&
      !body.value("missing_ok", false)) {
    for (const auto& object : sql::get(body, "objects")) {
      std::vector<std::string> parts;
      for (const auto& p : sql::get(object, "List").value("items", sql::Node::empty_array())) parts.emplace_back(sql::get(p, "String").value("sval", ""));
      std::string name;
      for (const auto& p : parts) name += (name.empty() ? "" : ".") + sql::quote_ident(p);
      if (name.empty() || s.query("SELECT to_regclass($1) IS NULL", {name}).rows.at(0).at(0) != "t") return {};
    }
    return "the index is not there: an interrupted run dropped it (or it never was)";
  }
  if (st.kind == "AlterTableStmt") {
    for (const auto& item : sql::get(body, "cmds")) {
      const auto& cmd = sql::get(item, "AlterTableCmd");
      if (cmd.value("subtype", "") != "AT_DetachPartition") continue;
      const auto& part = sql::get(sql::get(cmd, "def"), "PartitionCmd");
      if (!part.value("concurrent", false)) continue;
      const std::string parent = sql::qualified(sql::get(body, "relation"));
      const std::string child = sql::qualified(sql::get(part, "name"));
      auto r = s.query("SELECT count(*)::text FROM pg_inherits WHERE inhrelid = to_regclass($1) AND inhparent = to_regclass($2)", {child, parent});
      if (r.rows.at(0).at(0) == "0") return "the partition is not attached: an interrupted run detached it (or it never was)";
    }
  }
  return {};
}

RetryPolicy policy_for(const Settings& settings, const Script& script) {
  RetryPolicy p = settings.policy;
  if (script.lock_timeout) p.lock_timeout = *script.lock_timeout;
  if (settings.lock_timeout_bound) p.lock_timeout = std::min(p.lock_timeout, *settings.lock_timeout_bound);
  if (script.statement_timeout) p.statement_timeout = *script.statement_timeout;
  if (p.statement_timeout && p.statement_timeout->count() == 0) p.statement_timeout.reset();
  return p;
}

// Runs `script` for the ledger row `e` from statement `from` on. `finish` records the end: inside the
// transaction of a script that runs as one (its argument true), right after the last statement otherwise.
struct ScriptRun {
  db::Session& session;
  ledger::Ledger& ledger;
  const Settings& settings;
  const ledger::Entry& e;    // whose progress is recorded
  const ledger::Entry& keys; // whose backfill checkpoints are used
  bool resumed;              // an earlier run of this step got somewhere
  bool record_progress;      // rollbacks do not track statements done
  int in_flight = -1;        // the statement an interrupted run may have committed without its progress

  Outcome run(const Script& script, int from, const std::function<void(bool)>& finish) {
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
      unit.before_commit = [&](long long) { finish(true); };
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
        out.backfilled[static_cast<int>(u.first)] = r.rows;
        if (r.released_run_lock) {
          // Other runs may have acted while the batches ran: nothing read before is trusted. The
          // caller reads the ledger again and goes on from what it says (the backfill is finished, so
          // this statement then takes no time).
          out.released_run_lock = true;
          return out;
        }
        ++out.statements;
        progress(0);
        continue;
      }
      Unit unit{{}, true};
      if (u.transaction) {
        auto [first, last] = explicit_body(script, u);
        for (std::size_t i = first; i < last; ++i) unit.statements.push_back(item(script.statements[i], true));
      } else {
        // Statements PostgreSQL refuses in a transaction block go on their own, progress after them;
        // any other gets a transaction of its own with its progress inside.
        unit.transaction = sql::needs_own_transaction(st.node).empty();
        unit.statements.push_back(item(st, unit.transaction));
        if (!unit.transaction && static_cast<int>(u.first) == in_flight) {
          if (auto why = done_already(session, st); !why.empty()) {
            log::info("{}: {}; going on", st.where.str(), why);
            progress(0);
            ++out.skipped;
            continue;
          }
        }
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
      try {
        run_unit(session, unit, policy, tables_of(u.first, end), {});
      } catch (const Error& err) {
        if (err.code() != Exit::lock || u.first == 0 || !record_progress) throw;
        // The statements before this one committed on their own and stay: say so, not "nothing".
        throw Error(Exit::lock,
                    fmt::format("{}; statement{} 1{} of this step had committed before it and stay (the ledger records them)", err.what(),
                                u.first == 1 ? "" : "s", u.first == 1 ? "" : fmt::format(" to {}", u.first)),
                    fmt::format("{}; a rerun goes on from statement {}", err.hint(), u.first + 1));
      }
      out.statements += static_cast<int>(unit.statements.size());
    }
    finish(false);
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

ledger::Entry entry_for(const migration::Migration& m, const migration::Section& s, bool skip_lint, bool skip_checks) {
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
  // Skipped: its own checks, or for contract those of expand and migrate that would run before it.
  bool any = !s.forward.checks.empty();
  for (const auto& other : m.sections) any |= s.phase == migration::Phase::contract && other.phase < s.phase && !other.forward.checks.empty();
  e.skip_checks = skip_checks && any;
  return e;
}

migration::Migration parse_recorded(const std::string& sql, const std::string& label, migration::Phase phase) {
  return lint::parse_sectionless(sql, label, phase);
}

std::string committed_statements(const ledger::Entry& e) {
  std::vector<std::string> texts;
  try {
    auto m = parse_recorded(e.sql, fmt::format("{} {} {}", e.app, e.version, e.phase), migration::phase_from(e.phase).value_or(migration::Phase::expand));
    for (const auto& st : m.sections.at(0).forward.statements) texts.push_back(util::one_line(st.sql, 70));
  } catch (const Error&) { // the recorded SQL no longer parses: say how many
  }
  const int done = e.statements_done;
  if (done <= 0) return "none of its statements had committed";
  std::string out = fmt::format("{} of {} had committed", done == 1 ? "statement 1" : fmt::format("statements 1 to {}", done),
                                texts.empty() ? std::string("?") : std::to_string(texts.size()));
  for (int i = 0; i < done && i < static_cast<int>(texts.size()); ++i) out += fmt::format("{} {}", i == 0 ? ":" : ";", texts[static_cast<std::size_t>(i)]);
  return out;
}

Executor::Executor(db::Session& session, ledger::Ledger& ledger, Settings settings)
    : session_(session), ledger_(ledger), settings_(std::move(settings)) {}

namespace {

bool known_status(const std::string& status) {
  return status == "running" || status == "applied" || status == "failed" || status == "rolled_back" || status == "forced";
}

// `again`: a later pass over the same step in this run, whose "done before" were done by this run.
void add(Outcome& total, const Outcome& part, bool again) {
  total.statements += part.statements;
  if (!again) total.skipped += part.skipped;
  // A backfill met again after the run lock came back reports its total again: count it once.
  for (const auto& [index, rows] : part.backfilled) total.backfilled[index] = rows;
  total.rows = 0;
  for (const auto& [index, rows] : total.backfilled) total.rows += rows;
}

} // namespace

bool Executor::backfilling_elsewhere(const ledger::Entry& row) {
  return !ledger::describe_holder(session_, step_lock_key(settings_.backfill.ledger_schema, row), true).empty();
}

Outcome Executor::join(const StepState& step, const ledger::Entry& row) {
  const auto& s = *step.section;
  if (row.checksum != s.checksum) {
    throw Error(Exit::refused,
                fmt::format("{}: {} is being applied by another run (run {}) from a different version of this file", step.migration->path,
                            step.label(), row.run_id),
                "this run's file is not the one being applied: wait for that run, then `migrate status`");
  }
  const auto index = static_cast<std::size_t>(row.statements_done);
  if (index >= s.forward.statements.size() || !s.forward.statements[index].backfill) {
    throw Error(Exit::refused, fmt::format("{} is being applied by another run (run {}) at statement {}", step.label(), row.run_id, index + 1),
                "wait for it (migrate status shows it), then apply again");
  }
  const Statement& st = s.forward.statements[index];
  log::info("{}: another run (run {}) is backfilling {}; joining it", step.label(), row.run_id, st.backfill->table);
  const RetryPolicy policy = policy_for(settings_, s.forward);
  auto r = run_backfill(session_, ledger_, row, static_cast<int>(index), st, policy, settings_.backfill);
  Outcome out;
  out.backfilled[static_cast<int>(index)] = r.rows;
  out.released_run_lock = r.released_run_lock;
  if (!r.released_run_lock) {
    // Nothing ran beside it (the lock stayed, so the other run cannot have gone on): the row will be
    // read again, and a backfill that is over no longer counts as running elsewhere.
    util::signals::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

Outcome Executor::apply(const StepState& step, bool row_current) {
  const auto& m = *step.migration;
  const auto& s = *step.section;
  ledger::Entry e = entry_for(m, s, settings_.skip_lint, settings_.skip_checks);
  log::Field app("app", m.app), version("version", m.version), phase("phase", e.phase);
  const util::metrics::Labels labels = {{"app", m.app}, {"phase", e.phase}};
  const auto started = std::chrono::steady_clock::now();
  CancelOnSignal cancel(session_);
  Outcome total;
  int passes = 0; // over the step in this run: after a backfill let the run lock go, it is read again
  for (;;) {
    // The row as it is now, under the run lock: nothing read before the lock was last taken is trusted.
    const std::optional<ledger::Entry> seen = passes == 0 && row_current ? step.entry : ledger_.find(e.app, e.version, e.phase);
    if (seen && !known_status(seen->status)) {
      throw Error(Exit::refused, fmt::format("{}: the ledger row says \"{}\", which migrate does not know", step.label(), seen->status),
                  "`migrate repair` after a look at the database and at the row");
    }
    if (seen && seen->status == "applied") {
      total.finished_elsewhere = true;
      break;
    }
    if (seen && seen->status == "forced") {
      throw Error(Exit::refused, fmt::format("{} was rolled back with --force without being undone; apply will not run it again", step.label()),
                  "undo what it did by hand, then `migrate repair --force` clears it");
    }
    if (s.phase == migration::Phase::contract && passes == 0) {
      // The data the migration's earlier phases promised, checked again now that the old release is gone.
      if (settings_.skip_checks) {
        log::info("{}: --skip-checks: the checks of its expand and migrate do not run before it", step.label());
      } else if (auto f = run_earlier_checks(session_, m, s.phase, policy_for(settings_, s.forward))) {
        throw Error(Exit::refused, fmt::format("{} refused: {}", step.label(), f->sentence()),
                    "contract waits until the data is right: fix the rows (or the check) and apply again; nothing of the contract ran");
      }
    }
    const bool ours = seen && seen->status == "running" && seen->run_id == log::run_id();
    if (seen && seen->status == "running" && !ours && backfilling_elsewhere(*seen)) {
      add(total, join(step, *seen), true);
      passes = 1;
      continue;
    }
    // Where the row says this step got to (a failed or interrupted run, or this run before a backfill).
    int from = 0;
    if (seen && seen->status != "rolled_back") from = seen->statements_done;
    if (seen && seen->status != "rolled_back" && seen->checksum != s.checksum) {
      // The file was fixed after a failure: the statements already done must be the same ones, and so
      // must a backfill that had begun (its checkpoint speaks of rows the old statement changed).
      int upto = from;
      const auto& now = s.forward.statements;
      if (from < static_cast<int>(now.size()) && now[static_cast<std::size_t>(from)].backfill) {
        if (auto bf = ledger_.backfill(e, from); bf && bf->batches_done > 0) upto = from + 1;
      }
      if (upto > 0) {
        auto before = parse_recorded(seen->sql, m.path, s.phase);
        const auto& old = before.sections.at(0).forward.statements;
        for (int i = 0; i < upto; ++i) {
          if (i >= static_cast<int>(old.size()) || i >= static_cast<int>(now.size()) || old[i].sql != now[i].sql) {
            throw Error(Exit::refused,
                        fmt::format("{}: {} changed in its first {} statement{}, which an earlier run applied already{}", m.path,
                                    step.label(), upto, upto == 1 ? "" : "s",
                                    upto > from ? fmt::format(" (statement {} is a backfill it had begun)", upto) : ""),
                        fmt::format("restore them; or `migrate rollback --phase {}` undoes what ran (from the rollback SQL the ledger "
                                    "kept), or undo it by hand and `migrate repair --force` to start the step afresh",
                                    e.phase));
          }
        }
      }
    }
    if (!ours) {
      ledger_.start(e, seen);
      if (from > 0) {
        ledger_.progress(e, from);
        log::info("{}: continuing after statement {} of {}", step.label(), from, s.forward.statements.size());
      }
    }
    try {
      ScriptRun run{session_, ledger_, settings_, e, e, seen.has_value(), true};
      if (seen && (seen->status == "failed" || seen->status == "running")) run.in_flight = from;
      Outcome out = run.run(s.forward, from, [&](bool in_transaction) {
        if (!settings_.skip_checks && !s.forward.checks.empty()) {
          std::optional<CheckFailure> f;
          if (in_transaction) {
            f = run_checks(session_, s.forward.checks);
          } else {
            std::vector<const Statement*> checks;
            for (const auto& c : s.forward.checks) checks.push_back(&c);
            f = run_checks_alone(session_, checks, policy_for(settings_, s.forward));
          }
          if (f) {
            throw DatabaseError(f->sentence(), "",
                                in_transaction ? "the section's transaction was rolled back: nothing of it was applied; fix the data (or the check) and apply again"
                                               : "what ran before it stays committed (the ledger records it); fix the data (or the check) and apply "
                                                 "again: the check runs again");
          }
        }
        std::string skipped;
        if (settings_.skip_lint) skipped = "lint skipped";
        if (e.skip_checks) skipped += std::string(skipped.empty() ? "" : "; ") + "checks skipped";
        const auto took = ledger_.finish(e, "applied", std::nullopt, skipped.empty() ? std::nullopt : std::optional<std::string>(skipped));
        if (!took) {
          // Never while every run keeps to the run lock; if it happens, the section's transaction (when
          // it has one) is rolled back with this.
          throw Error(Exit::refused, fmt::format("{}: the ledger row changed while this run was applying it; nothing was overwritten",
                                                 step.label()),
                      "run again: the next run goes on from what the ledger says");
        }
      });
      add(total, out, passes++ > 0);
      if (out.released_run_lock) continue;
      break;
    } catch (const Error& err) {
      util::metrics::add("migrate_steps_failed_total", labels, 1, "Steps that failed or were interrupted in this run");
      const bool interrupted = util::signals::interrupted();
      const std::string why = failure_text(err);
      if (!may_write_ledger()) {
        log::warn("{}: this run no longer holds the run lock; the ledger row is left running, and the next run goes on from it",
                  step.label());
      } else {
        try {
          if (!ledger_.finish(e, "failed", why, why)) {
            log::warn("{}: another run changed the ledger row meanwhile; it is left as that run wrote it", step.label());
          }
        } catch (const std::exception& again) {
          log::error("could not record the failure of {} in the ledger: {}", step.label(), again.what());
        }
      }
      if (interrupted) throw Interrupted();
      throw;
    }
  }
  total.duration_ms = util::elapsed_ms(started);
  if (!total.finished_elsewhere) util::metrics::add("migrate_steps_applied_total", labels, 1, "Steps applied by this run");
  util::metrics::set("migrate_step_duration_seconds", {{"app", m.app}, {"version", m.version}, {"phase", e.phase}},
                     static_cast<double>(total.duration_ms) / 1000.0, "How long each step this run applied took");
  return total;
}

Outcome Executor::rollback(const StepState& step) {
  const ledger::Entry& e = *step.entry;
  log::Field app("app", e.app), version("version", e.version), phase("phase", e.phase);
  Outcome out;
  const auto started = std::chrono::steady_clock::now();
  ledger::Entry keys = e;
  keys.phase += ":rollback";
  // The step's backfills start afresh when it is applied again, and so do those of the migration's
  // later phases: their checkpoints speak of rows this rollback may have changed back.
  auto done = [&] {
    ledger_.rolled_back(e);
    ledger_.forget_backfills(e);
    ledger_.forget_backfills(keys);
    for (auto later : migration::kPhases) {
      if (later <= step.phase) continue;
      ledger::Entry other = e;
      other.phase = std::string(migration::to_string(later));
      ledger_.forget_backfills(other);
    }
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
  // A rollback's backfill keeps the run lock: no other run acts on the ledger while it runs.
  Settings settings = settings_;
  settings.backfill.release_run_lock = nullptr;
  settings.backfill.reacquire_run_lock = nullptr;
  try {
    ScriptRun run{session_, ledger_, settings, e, keys, false, false};
    out = run.run(script, 0, [&](bool) { done(); });
  } catch (const Error& err) {
    try {
      ledger_.record(e, "rollback_failed", util::elapsed_ms(started), failure_text(err));
    } catch (const std::exception& again) {
      log::error("could not record the failure of {}'s rollback in the ledger: {}", step.label(), again.what());
    }
    if (util::signals::interrupted()) throw Interrupted();
    if (e.status != "applied") {
      // What is left is known exactly: say it, rather than leave the reader to guess.
      throw Error(err.code(), fmt::format("{} was partially applied ({}); its rollback failed: {}", step.label(), committed_statements(e), err.what()),
                  "undo by hand what is left of it, then `migrate repair --force` clears the record");
    }
    throw;
  }
  out.duration_ms = util::elapsed_ms(started);
  return out;
}

} // namespace migrate::apply
