// migrate rollback: undo applied steps, newest first, from the rollback SQL the ledger recorded.
#include <set>

#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "util/log.hpp"
#include "util/term.hpp"

namespace migrate::cli {

namespace {

struct Options {
  std::optional<std::string> phase;
  std::optional<std::string> to;
  std::optional<int> steps;
  bool dry_run = false;
  bool force = false;
  RunOptions run;
};

int run_rollback(const Options& o, const Globals& g) {
  if (o.to && o.steps) throw UsageError("--to and --steps: give one of them");
  Workspace ws = open_workspace(g, o.run.overrides(), o.dry_run ? Access::read : Access::write);
  const apply::AppState& state = one_app(ws, "rollback");
  const auto to = check_version(ws, o.to, "--to", true);
  apply::Selection sel;
  if (o.phase) sel.phase = migration::phase_from(*o.phase);
  sel.to = to;
  sel.steps = o.steps;
  auto steps = apply::applied_steps(state, sel);
  const bool color = util::color_stdout();
  // A row whose status migrate does not know may be anything: nothing is decided on top of it.
  refuse(apply::rollback_refusals(state, {}), "rollback refused: the ledger holds a status migrate does not know; nothing was rolled back",
         "see the lines above");
  if (steps.empty()) {
    fmt::print("Nothing to roll back in {}.\n", state.app);
    return 0;
  }
  auto refusals = apply::rollback_refusals(state, steps);
  // Another process working on a step of these migrations, whatever its row says (a run that failed
  // or was stopped may leave another process's workers going): rolling back would change, or drop,
  // what its batches are writing.
  std::set<std::string> versions;
  for (const auto* s : steps) versions.insert(s->version);
  for (const auto& other : state.steps) {
    if (!versions.count(other.version) || !other.entry) continue;
    if (auto holder = backfill_holder(ws, *other.entry); !holder.empty()) {
      refusals.push_back(fmt::format("{} is being backfilled by another process, {}: `migrate backfill cancel {}` stops it; roll back "
                                     "once it has stopped",
                                     other.label(), holder, other.version));
    } else if (auto worker = step_worker(ws, *other.entry); !worker.empty()) {
      refusals.push_back(fmt::format("{} is being applied by another run ({}); roll back once it has ended", other.label(), worker));
    }
  }
  for (const auto* s : steps) {
    if (s->entry->rollback != "present" && !o.force) {
      refusals.push_back(fmt::format("{} has {} rollback: it cannot be undone (--force marks it forced without undoing it)",
                                     s->label(), s->entry->rollback == "irreversible" ? "an irreversible" : "no"));
    }
  }
  refuse(refusals, fmt::format("rollback refused: {} problem{}; nothing was rolled back", refusals.size(), refusals.size() == 1 ? "" : "s"),
         "see the lines above");
  if (!o.run.skip_lint) lint_gate(ws, steps, true);
  if (o.dry_run) {
    for (const auto* s : steps) {
      fmt::print("would {}  {} {}{}\n", s->entry->rollback == "present" ? "roll back" : "force", util::styled(state.app, util::Style::cyan, color),
                 s->label(), s->applied() ? "" : " (partially applied)");
    }
    fmt::print("{} step{} (dry run: nothing was changed).\n", steps.size(), steps.size() == 1 ? "" : "s");
    return 0;
  }
  apply::Executor executor(ws.session(), *ws.ledger, executor_settings(ws, o.run.lock_timeout.has_value(), o.run.skip_lint));
  for (const auto* s : steps) {
    if (s->entry->rollback != "present") {
      // Not pending again: apply would run it over what it left in the database (a DROP TRIGGER that
      // fails, or worse, one that succeeds twice). apply refuses a forced step until repair clears it.
      ws.ledger->forced(*s->entry);
      ws.ledger->record(*s->entry, "forced", std::nullopt, "rollback --force: marked forced without undoing it");
      log::warn("{} marked forced without being undone (--force); what it did is still in the database, and apply refuses it until "
                "`migrate repair --force` clears it (after you undo it by hand)",
                s->label());
      fmt::print("forced   {} {}\n", util::styled(state.app, util::Style::cyan, color), s->label());
      continue;
    }
    const bool partial = !s->applied();
    if (partial) {
      log::info("rolling back {} {}, partially applied ({}{}), with its whole rollback", state.app, s->label(),
                apply::committed_statements(*s->entry), s->backfilled ? "; its backfill had begun" : "");
    } else {
      log::info("rolling back {} {}", state.app, s->label());
    }
    auto outcome = executor.rollback(*s);
    fmt::print("rolled back  {} {}  {} statement{} in {:.1f} s{}\n", util::styled(state.app, util::Style::cyan, color), s->label(),
               outcome.statements, outcome.statements == 1 ? "" : "s", static_cast<double>(outcome.duration_ms) / 1000.0,
               partial ? " (it was partially applied)" : "");
    std::fflush(stdout);
  }
  return 0;
}

} // namespace

Command cmd_rollback() {
  return {"rollback", "Undo applied steps, newest first, from the rollback SQL in the ledger",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--app", g.app, "The app to roll back (needed when there are several)");
            sub.add_option("--to", o->to, "Roll back every step newer than this version (0: all of the app; a unique prefix will do)");
            sub.add_option("--steps", o->steps, "How many steps (default 1)")->check(CLI::PositiveNumber);
            sub.add_option("--phase", o->phase, "Only steps of this phase")->check(CLI::IsMember({"expand", "migrate", "contract"}));
            sub.add_flag("--dry-run", o->dry_run, "Show what would be rolled back; change nothing");
            sub.add_flag("--force", o->force, "Mark irreversible steps forced without undoing them (apply then refuses them until repair)");
            add_run_options(sub, o->run, true);
            return [o, &g] { return run_rollback(*o, g); };
          }};
}

} // namespace migrate::cli
