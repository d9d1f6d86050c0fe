#pragma once
// What the commands that work on a database share (apply, rollback, status, history, baseline,
// repair, plan): the configuration, the apps' migrations, the connection, the ledger and where each
// step stands; the lint gate; and how runs serialise.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apply/executor.hpp"
#include "apply/state.hpp"
#include "cli/command.hpp"
#include "db/session.hpp"
#include "ledger/ledger.hpp"
#include "ledger/run_lock.hpp"
#include "lint/engine.hpp"

namespace migrate::cli {

struct Workspace {
  config::Config cfg;
  std::vector<migration::AppDir> dirs;
  std::vector<migration::Migration> migrations; // every selected app's, in version order per app
  db::Connection conn;
  std::unique_ptr<ledger::Ledger> ledger;
  std::optional<ledger::RunLock> lock;
  bool ledger_exists = false;
  std::vector<apply::AppState> states; // one per selected app, in configuration order
  // How many times this run has taken the run lock: when it changes, another run may have written the
  // ledger meanwhile, and `states` is stale (reload_states).
  int lock_generation = 0;

  [[nodiscard]] db::Session& session() const { return *conn.session; }

  Workspace() = default;
  Workspace(Workspace&&) = default;
  Workspace& operator=(Workspace&&) = default;
  // Closes the connection (and lets the run lock go); the parsed files and the steps' states are left
  // for the process's end to take back (util::keep_until_exit).
  ~Workspace();
};

enum class Access {
  read,  // no ledger is created; an older one is upgraded
  write, // the ledger is created or upgraded, and the run lock taken before reading it
};

// Loads the configuration and the migrations (input errors first: nothing touches the database
// before the files are known good), connects, and reads the ledger.
Workspace open_workspace(const Globals& g, const config::Overrides& extra, Access access);

// Takes the ledger's run lock (waiting up to [ledger] wait) unless this run holds it already.
void take_run_lock(Workspace& ws);

// Reads every selected app's ledger rows again (after the run lock was let go and taken again).
void reload_states(Workspace& ws);

// The step named by app, version and phase in `ws.states`; null when there is none.
const apply::StepState* find_step(const Workspace& ws, const std::string& app, const std::string& version, migration::Phase phase);

// Who, other than this run, is running a backfill of the step `row` (its workers hold the step's
// lock): "pid 4242 (user app, ...)"; "" when nobody is.
std::string backfill_holder(const Workspace& ws, const ledger::Entry& row);

// Whether a run is working on a step the ledger says is running: the run named in the row is alive,
// or another process backfills the step. Otherwise the run that started it is gone: it was interrupted.
bool step_running(const Workspace& ws, const apply::StepState& step);

// Who, other than this run, works on the step of `row` whatever its status says: "backfilling: pid
// 4242 (...)" while a process runs its backfill, "run abc: pid ..." while the run the row names is
// alive (waiting for the run lock after its batches, say); "" when nobody does.
std::string step_worker(const Workspace& ws, const ledger::Entry& row);

// The lint options of the configuration ([lint] disable and severity, owns), checked.
lint::Options lint_options(const config::Config& cfg);

// The lint gate (docs/format.md, "Gates"): lints every migration of the apps in order and refuses (exit 5, each
// finding logged with its place) when what is about to run (the forward part of `steps`, or their
// rollback part) has an error-severity finding that no allow covers.
void lint_gate(const Workspace& ws, const std::vector<const apply::StepState*>& steps, bool rollback);

// Throws Error(refused) listing `refusals` (each also logged), unless there are none.
void refuse(const std::vector<std::string>& refusals, const std::string& summary, const std::string& hint);

// The executor settings from the configuration; --lock-timeout (when given) bounds every attempt.
// Backfill workers get connections of their own; the run lock is let go while they run.
apply::Settings executor_settings(Workspace& ws, bool lock_timeout_flag, bool skip_lint, int workers = 1);

// --to VERSION must name a migration of one of the apps (with "did you mean").
// The version a --to (or another option) means: one a migration has, or a unique prefix of one; 0 too
// when `zero` (before the first migration). Throws UsageError otherwise.
std::optional<std::string> check_version(const Workspace& ws, const std::optional<std::string>& version, const char* option,
                                         bool zero = false);

// The single app a command works on: the one --app names, or the only one there is.
const apply::AppState& one_app(const Workspace& ws, const char* command);

// --lock-wait (and its old name --wait, hidden, with a warning) into `wait`.
void add_lock_wait(CLI::App& sub, std::optional<std::string>& wait);
// Options every command that runs SQL has: --lock-timeout, --lock-retries, --lock-wait, --skip-lint.
struct RunOptions {
  std::optional<std::string> lock_timeout;
  std::optional<std::string> lock_retries;
  std::optional<std::string> wait;
  bool skip_lint = false;
  bool skip_checks = false; // apply only
  int workers = 1;
  [[nodiscard]] config::Overrides overrides() const;
};
void add_run_options(CLI::App& sub, RunOptions& o, bool lint);

} // namespace migrate::cli
