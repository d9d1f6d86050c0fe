#pragma once
// Where each step of an app stands: its file's section next to its ledger row. From this come the
// pending steps of apply, the applied ones of rollback, the gates (docs/format.md) and status.
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.hpp"
#include "migration/model.hpp"

namespace migrate::apply {

struct StepState {
  const migration::Migration* migration = nullptr; // null: a ledger row whose file is gone
  const migration::Section* section = nullptr;     // null likewise
  std::optional<ledger::Entry> entry;
  std::string version;
  std::string name;
  migration::Phase phase = migration::Phase::expand;
  bool backfilled = false; // a backfill of the step has checkpoints with rows done (from migrate.backfill)

  // The ledger's status is one migrate writes (running, applied, failed, rolled_back, forced).
  [[nodiscard]] bool known() const;
  // Failed or interrupted after some of it committed: statements of a statement-by-statement section,
  // or batches of a backfill. Rollback can undo it; a rerun goes on from where it stopped.
  [[nodiscard]] bool partial() const;
  // The ledger says applied (or baseline).
  [[nodiscard]] bool applied() const { return entry && entry->status == "applied"; }
  // Rolled back with --force without being undone: its changes are in the database; apply refuses it
  // until `migrate repair --force` clears it.
  [[nodiscard]] bool forced() const { return entry && entry->status == "forced"; }
  // Applied, and its file (or the section) is gone: drift, which apply refuses until repair or rollback.
  [[nodiscard]] bool file_missing() const { return applied() && !section; }
  // Not applied: no row, or failed, interrupted (running with nobody running it), rolled back or forced.
  [[nodiscard]] bool pending() const { return section && !applied(); }
  // Applied, and the file's section is not what was applied.
  [[nodiscard]] bool drifted() const { return applied() && section && !entry->baseline && entry->checksum != section->checksum; }
  // One word: pending, applied, failed, running, interrupted (running with no runner), rolled_back,
  // file_missing (applied, file gone).
  [[nodiscard]] std::string status(bool runner_active) const;
  // "20251107120000_email_verified expand"
  [[nodiscard]] std::string label() const;
};

struct AppState {
  std::string app;
  std::vector<StepState> steps; // version order; expand, migrate, contract within a version
};

// `migrations` are the app's, in version order; `entries` its ledger rows.
AppState app_state(const std::string& app, const std::vector<migration::Migration>& migrations, std::vector<ledger::Entry> entries);

struct Selection {
  std::optional<migration::Phase> phase; // nullopt: all (but see `contract`)
  std::optional<std::string> to;         // apply: up to and including; rollback: down to, excluded
  std::optional<int> steps;              // rollback: how many
  bool contract = true;                  // with no phase: false leaves contract steps out (apply's default)
};

// The pending steps apply would run, in order.
std::vector<const StepState*> pending_steps(const AppState& state, const Selection& selection);
// The pending steps of every app in the order apply runs them: app by app (in the configuration's
// order), each app's as pending_steps gives them. verify runs its steps in this order too.
std::vector<const StepState*> run_order(const std::vector<AppState>& apps, const Selection& selection);
// The applied (and partially applied) steps rollback would undo, newest first (default: one).
std::vector<const StepState*> applied_steps(const AppState& state, const Selection& selection);

// Refusals of docs/format.md "Gates" for running `selected` in order, each naming the step and what is
// missing: drift anywhere in the app, phase order, out-of-order versions. Empty: go ahead.
std::vector<std::string> apply_refusals(const AppState& state, const std::vector<const StepState*>& selected, bool allow_out_of_order);
// Rolling back a phase while a later phase of the same migration stays applied, or partially applied,
// is refused; so is anything while a ledger row of the app has a status migrate does not know.
std::vector<std::string> rollback_refusals(const AppState& state, const std::vector<const StepState*>& selected);

} // namespace migrate::apply
