#include "cli/workspace.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "lint/rule.hpp"
#include "migration/discover.hpp"
#include "migration/filename.hpp"
#include "util/log.hpp"
#include "util/memory.hpp"
#include "util/text.hpp"

namespace migrate::cli {

lint::Options lint_options(const config::Config& cfg) {
  lint::Options options;
  options.pg_version = cfg.pg_version();
  std::vector<InputError> errors;
  for (const auto& setting : cfg.lint_rules) {
    if (!lint::find_rule(setting.rule)) {
      std::vector<std::string> ids;
      for (const auto& r : lint::catalogue()) ids.emplace_back(r.id);
      errors.emplace_back(setting.where, fmt::format("unknown rule \"{}\"{}", setting.rule, util::did_you_mean(setting.rule, ids)),
                          "migrate lint --list-rules");
    } else if (setting.value == "off") {
      options.disabled.insert(setting.rule);
    } else {
      options.severity[setting.rule] = setting.value == "error" ? lint::Severity::error : lint::Severity::warning;
    }
  }
  if (!errors.empty()) throw InputErrors(std::move(errors));
  for (const auto& a : cfg.apps) {
    for (const auto& pattern : a.owns) options.owners.push_back({a.name, pattern});
  }
  return options;
}

namespace {

// A run that changes the database needs one server session for all of it: the run lock is a
// session's advisory lock, lock_timeout is SET on the session, CREATE INDEX CONCURRENTLY and the
// ledger row that records it are separate statements. A pooler that hands the server connection to
// other clients between transactions breaks each of these without an error: refuse (exit 3) before
// the run lock.
void refuse_shared_sessions(const Workspace& ws) {
  if (ws.conn.server) return;
  auto seen = db::pooler_shares_sessions(ws.session(), ws.conn.conninfo);
  if (!seen) return;
  const bool own_url = ws.cfg.uses_migration_url();
  throw DatabaseError(
      fmt::format("{} goes through a connection pooler that does not keep a session's server connection (PgBouncer in transaction or "
                  "statement mode: {}); migrate's run lock, lock_timeout and CREATE INDEX CONCURRENTLY need one server session for the "
                  "whole run, and through this pooler they would silently not hold",
                  ws.conn.description, *seen),
      "",
      own_url ? "[database] migration_url must point at the PostgreSQL server itself or at a pooler port in session mode"
              : "set [database] migration_url (or MIGRATE_MIGRATION_URL) to the PostgreSQL server itself or to a pooler port in session "
                "mode; apply, rollback, repair and baseline connect with it, while status, history, plan and lint --database may "
                "keep using url through the pooler");
}

} // namespace

Workspace::~Workspace() {
  util::keep_until_exit(std::move(states));
  util::keep_until_exit(std::move(migrations));
}

Workspace open_workspace(const Globals& g, const config::Overrides& extra, Access access) {
  Workspace ws;
  ws.cfg = g.load_config(extra);
  ws.dirs = ws.cfg.app_dirs(g.app);
  if (ws.dirs.empty()) throw UsageError("no apps", "declare [apps.NAME] in migrate.toml or create migrations/NAME/");
  ws.migrations = migration::load_apps(ws.dirs);
  ws.conn = db::open(access == Access::write ? ws.cfg.migration_url() : ws.cfg.database_url(), g.db_wait(), ws.cfg.server_bin());
  if (access == Access::write) refuse_shared_sessions(ws);
  ws.ledger = std::make_unique<ledger::Ledger>(ws.session(), ws.cfg.ledger_schema());
  const int found = ws.ledger->schema_version();
  if (access == Access::write || found > 0) ws.ledger->ensure();
  ws.ledger_exists = access == Access::write || found > 0;
  if (access == Access::write) {
    ledger::announce_run(ws.session(), ws.cfg.ledger_schema(), log::run_id());
    take_run_lock(ws);
  }
  reload_states(ws);
  return ws;
}

void reload_states(Workspace& ws) {
  ws.states.clear();
  for (const auto& d : ws.dirs) {
    std::vector<ledger::Entry> entries;
    std::vector<std::pair<std::string, ledger::Backfill>> backfills;
    if (ws.ledger_exists) {
      entries = ws.ledger->entries(d.name);
      backfills = ws.ledger->backfills(d.name);
    }
    auto state = apply::app_state(d.name, ws.migrations, std::move(entries));
    for (auto& step : state.steps) {
      for (const auto& [version, b] : backfills) {
        if (version == step.version && b.phase == migration::to_string(step.phase) && (b.rows_done > 0 || b.batches_done > 0)) step.backfilled = true;
      }
    }
    ws.states.push_back(std::move(state));
  }
}

const apply::StepState* find_step(const Workspace& ws, const std::string& app, const std::string& version, migration::Phase phase) {
  for (const auto& st : ws.states) {
    if (st.app != app) continue;
    for (const auto& s : st.steps) {
      if (s.version == version && s.phase == phase) return &s;
    }
  }
  return nullptr;
}

std::string backfill_holder(const Workspace& ws, const ledger::Entry& row) {
  return ledger::describe_holder(ws.session(), apply::step_lock_key(ws.cfg.ledger_schema(), row), true);
}

void take_run_lock(Workspace& ws) {
  if (ws.lock) return;
  ws.lock.emplace(ledger::RunLock::acquire(ws.session(), ws.cfg.ledger_schema(), ws.cfg.ledger_wait(), [](const std::string& holder) {
    log::info("waiting for another migrate run to finish: {}", holder);
  }));
  ++ws.lock_generation;
}

bool step_running(const Workspace& ws, const apply::StepState& step) {
  if (!ws.ledger_exists || !step.entry || step.entry->status != "running") return false;
  return !step_worker(ws, *step.entry).empty();
}

std::string step_worker(const Workspace& ws, const ledger::Entry& row) {
  if (!ws.ledger_exists) return {};
  if (auto holder = backfill_holder(ws, row); !holder.empty()) return "backfilling: " + holder;
  if (row.status != "running" || row.run_id == log::run_id()) return {};
  if (auto holder = ledger::describe_run(ws.session(), ws.cfg.ledger_schema(), row.run_id); !holder.empty()) {
    return fmt::format("run {}: {}", row.run_id, holder);
  }
  return {};
}

void lint_gate(const Workspace& ws, const std::vector<const apply::StepState*>& steps, bool rollback) {
  lint::Options options = lint_options(ws.cfg);
  options.pg_version = ws.session().version().lint_version();
  lint::Engine engine(options);
  for (const auto& m : ws.migrations) engine.lint(m);
  std::vector<std::string> lines;
  for (const auto& f : engine.result().findings) {
    if (f.severity != lint::Severity::error || f.rollback != rollback) continue;
    for (const auto* s : steps) {
      if (s->migration && s->migration->path == f.where.file && f.phase == migration::to_string(s->phase)) {
        lines.push_back(fmt::format("{}: {} [{}] ({}{})", f.where.str(), f.message, f.rule, rollback ? "rollback of " : "", f.phase));
        break;
      }
    }
  }
  refuse(lines,
         fmt::format("{} refused: {} lint error{} in {}", rollback ? "rollback" : "apply", lines.size(), lines.size() == 1 ? "" : "s",
                     rollback ? "the rollback it would run" : "what it would run"),
         "fix them, add `-- migrate:allow RULE reason=\"...\"` where the risk is understood, or pass --skip-lint");
}

void refuse(const std::vector<std::string>& refusals, const std::string& summary, const std::string& hint) {
  if (refusals.empty()) return;
  for (const auto& r : refusals) log::error("{}", r);
  throw Error(Exit::refused, summary, hint);
}

apply::Settings executor_settings(Workspace& ws, bool lock_timeout_flag, bool skip_lint, int workers) {
  apply::Settings s;
  s.policy.lock_timeout = ws.cfg.lock_timeout();
  s.policy.retries = ws.cfg.lock_retries();
  if (ws.cfg.statement_timeout().count() > 0) s.policy.statement_timeout = ws.cfg.statement_timeout();
  if (lock_timeout_flag) s.lock_timeout_bound = ws.cfg.lock_timeout();
  s.pg_version = ws.session().version().lint_version();
  s.skip_lint = skip_lint;
  s.backfill.workers = workers;
  s.backfill.min_batch = std::max(1, ws.cfg.count("backfill.min_batch"));
  s.backfill.max_batch = std::max(s.backfill.min_batch, ws.cfg.count("backfill.max_batch"));
  s.backfill.max_replication_lag = ws.cfg.duration("backfill.max_replication_lag");
  s.backfill.max_slot_lag = ws.cfg.bytes("backfill.max_slot_lag");
  const std::string conninfo = ws.conn.conninfo;
  s.backfill.connect = [conninfo] { return db::connect(conninfo); };
  s.policy.observer = s.backfill.connect;
  s.backfill.ledger_schema = ws.cfg.ledger_schema();
  s.backfill.release_run_lock = [&ws] { ws.lock.reset(); };
  s.backfill.reacquire_run_lock = [&ws] { take_run_lock(ws); };
  s.holds_run_lock = [&ws] { return ws.lock.has_value(); };
  // A \r progress line on a terminal, with text logs at the default level or above.
  s.backfill.progress_line = ::isatty(STDERR_FILENO) && log::format() == log::Format::text && log::enabled(log::Level::info);
  return s;
}

std::optional<std::string> check_version(const Workspace& ws, const std::optional<std::string>& version, const char* option, bool zero) {
  if (!version) return std::nullopt;
  // 0: before the first migration (rollback --to 0 undoes all of an app, as `alembic downgrade base`).
  if (zero && !version->empty() && version->find_first_not_of('0') == std::string::npos) return version;
  std::vector<std::string> known;
  for (const auto& st : ws.states) {
    for (const auto& s : st.steps) {
      if (s.version == *version) return version;
      if (known.empty() || known.back() != s.version) known.push_back(s.version);
    }
  }
  // A unique prefix of a version: `--to 20251107` for 20251107120000.
  std::vector<std::string> matches;
  for (const auto& k : known) {
    if (!version->empty() && k.starts_with(*version) && std::find(matches.begin(), matches.end(), k) == matches.end()) matches.push_back(k);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.size() > 1) {
    throw UsageError(fmt::format("{} {}: several versions start with it ({})", option, *version, fmt::join(matches, ", ")),
                     "give more of the version");
  }
  throw UsageError(fmt::format("{} {}: no migration has that version{}", option, *version, util::did_you_mean(*version, known)),
                   zero ? "migrate status lists them; 0 means before the first" : "migrate status lists them");
}

const apply::AppState& one_app(const Workspace& ws, const char* command) {
  if (ws.states.size() == 1) return ws.states.front();
  std::string names;
  for (const auto& s : ws.states) names += (names.empty() ? "" : ", ") + s.app;
  throw UsageError(fmt::format("{} works on one app at a time", command), fmt::format("give --app ({})", names));
}

config::Overrides RunOptions::overrides() const {
  config::Overrides o;
  if (lock_timeout) o.flags["defaults.lock_timeout"] = {*lock_timeout, "--lock-timeout"};
  if (lock_retries) o.flags["defaults.lock_retries"] = {*lock_retries, "--lock-retries"};
  if (wait) o.flags["ledger.wait"] = {*wait, "--lock-wait"};
  return o;
}

void add_lock_wait(CLI::App& sub, std::optional<std::string>& wait) {
  sub.add_option("--lock-wait", wait, "How long to wait for another run's ledger lock (default 10min)");
  // The old name, which dbmate users read as "wait for the database" (that is --wait-for-db).
  sub.add_option("--wait", wait, "Old name of --lock-wait")->group("")->each([](const std::string&) {
    std::fprintf(stderr, "migrate: warning: --wait is now --lock-wait (the run lock; --wait-for-db waits for the database)\n");
  });
}

void add_run_options(CLI::App& sub, RunOptions& o, bool lint) {
  sub.add_option("--lock-timeout", o.lock_timeout, "Bound on every attempt's lock wait (e.g. 500ms)");
  sub.add_option("--lock-retries", o.lock_retries, "Attempts after a lock timeout, with backoff and jitter");
  add_lock_wait(sub, o.wait);
  if (lint) sub.add_flag("--skip-lint", o.skip_lint, "Run even with lint errors (the ledger records it)");
}

} // namespace migrate::cli
