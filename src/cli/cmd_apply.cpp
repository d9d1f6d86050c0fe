// migrate apply: the pending steps, phase by phase, without a lock queue or a half-done step.
#include <fmt/format.h>

#include "apply/preflight.hpp"
#include "cli/workspace.hpp"
#include "util/log.hpp"
#include "util/term.hpp"

namespace migrate::cli {

namespace {

struct Options {
  std::string phase; // empty: [defaults] phases (expand and migrate unless it says all)
  std::optional<std::string> to;
  bool dry_run = false;
  RunOptions run;
};

std::string seconds(long long ms) { return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0); }

std::string what_ran(const apply::Outcome& o) {
  std::string out = fmt::format("{} statement{}", o.statements, o.statements == 1 ? "" : "s");
  if (o.skipped) out += fmt::format(" ({} done before)", o.skipped);
  if (o.rows) out += fmt::format(", {} rows backfilled", o.rows);
  return out + " in " + seconds(o.duration_ms);
}

int run_apply(const Options& o, const Globals& g) {
  Workspace ws = open_workspace(g, o.run.overrides(), o.dry_run ? Access::read : Access::write);
  const auto to = check_version(ws, o.to, "--to");
  apply::Selection sel;
  const std::string phase = !o.phase.empty() ? o.phase : ws.cfg.apply_all_phases() ? "all" : "";
  if (phase != "all" && !phase.empty()) sel.phase = migration::phase_from(phase);
  sel.contract = phase == "all";
  sel.to = to;
  std::vector<std::string> refusals;
  for (const auto& st : ws.states) {
    for (auto& r : apply::apply_refusals(st, apply::pending_steps(st, sel), ws.cfg.allow_out_of_order())) refusals.push_back(st.app + ": " + r);
  }
  const std::vector<const apply::StepState*> all = apply::run_order(ws.states, sel);
  refuse(refusals, fmt::format("apply refused: {} problem{}; nothing was applied", refusals.size(), refusals.size() == 1 ? "" : "s"),
         "see the lines above");
  if (!o.run.skip_lint) {
    lint_gate(ws, all, false);
  } else if (!all.empty()) {
    log::warn("--skip-lint: the lint gate is off for this run, and the ledger records it");
  }
  // Backfills that could skip or repeat rows: refused before anything runs (exit 2).
  if (auto problems = apply::preflight(ws.session(), all); !problems.empty()) throw InputErrors(std::move(problems));
  const bool color = util::color_stdout();
  // Contract steps left for after the deploy, when the run did not ask for them.
  auto contract_waits = [&] {
    if (!phase.empty()) return;
    apply::Selection contract = sel;
    contract.phase = migration::Phase::contract;
    std::size_t n = 0;
    for (const auto& st : ws.states) n += apply::pending_steps(st, contract).size();
    if (n == 0) return;
    fmt::print("{} contract step{} wait{}: run `migrate apply --phase contract` after the deploy.\n", n, n == 1 ? "" : "s", n == 1 ? "s" : "");
  };
  if (all.empty()) {
    fmt::print("Nothing to apply{}.\n", phase == "all" ? "" : phase.empty() ? " in phases expand and migrate" : fmt::format(" in phase {}", phase));
    contract_waits();
    return 0;
  }
  if (o.dry_run) {
    for (const auto* s : all) {
      fmt::print("would apply  {} {} {}\n", util::styled(s->migration->app, util::Style::cyan, color),
                 util::styled(s->migration->id(), util::Style::bold, color), migration::to_string(s->phase));
    }
    fmt::print("{} step{} would be applied (dry run: nothing was changed).\n", all.size(), all.size() == 1 ? "" : "s");
    contract_waits();
    return 0;
  }
  apply::Settings settings = executor_settings(ws, o.run.lock_timeout.has_value(), o.run.skip_lint, o.run.workers);
  settings.skip_checks = o.run.skip_checks;
  if (o.run.skip_checks) log::warn("--skip-checks: no -- migrate:check runs in this run, and the ledger records it for each step that has one");
  apply::Executor executor(ws.session(), *ws.ledger, settings);
  // The steps by name: what `ws.states` says about them is read again whenever the run lock was let go
  // (a backfill does) and taken again, since another run may have applied, failed or rolled back steps
  // meanwhile. Every decision is made on what the ledger says under the lock.
  struct Todo {
    std::string app, version;
    migration::Phase phase;
  };
  std::vector<Todo> todo;
  for (const auto* s : all) todo.push_back({s->migration->app, s->version, s->phase});
  const int first_generation = ws.lock_generation;
  int applied = 0;
  for (const auto& t : todo) {
    // Once the lock has been let go, the states are read again before every step (this run's own
    // steps since the last read are in them then too), and the gates asked again.
    const bool reread = ws.lock_generation != first_generation;
    if (reread) reload_states(ws);
    const apply::StepState* s = find_step(ws, t.app, t.version, t.phase);
    const std::string name = fmt::format("{} {}_{} {}", t.app, t.version, s ? s->name : "?", migration::to_string(t.phase));
    if (!s || !s->pending()) {
      log::info("{}: applied by another run meanwhile; nothing to do here", name);
      continue;
    }
    for (const auto& st : ws.states) {
      if (!reread || st.app != t.app) continue;
      refuse(apply::apply_refusals(st, {s}, ws.cfg.allow_out_of_order()),
             fmt::format("apply stopped before {}: the ledger changed while this run waited for its lock; {} step{} applied by this run",
                         name, applied, applied == 1 ? " was" : "s were"),
             "see the lines above; `migrate status` shows where each step stands");
    }
    log::Field app("app", t.app), version("version", t.version), phase_field("phase", std::string(migration::to_string(t.phase)));
    log::info("applying {} {} {}", t.app, s->migration->id(), migration::to_string(t.phase));
    // The states were read under the run lock as it is held now (read again above after any break).
    auto outcome = executor.apply(*s, true);
    if (outcome.finished_elsewhere) {
      if (outcome.rows > 0) {
        fmt::print("joined   {} {} {}  helped with its backfill ({} rows in all); another run finished the step\n",
                   util::styled(t.app, util::Style::cyan, color), util::styled(s->migration->id(), util::Style::bold, color),
                   migration::to_string(t.phase), outcome.rows);
      } else {
        log::info("{}: applied by another run meanwhile; nothing to do here", name);
      }
      continue;
    }
    ++applied;
    fmt::print("applied  {} {} {}  {}\n", util::styled(t.app, util::Style::cyan, color),
               util::styled(s->migration->id(), util::Style::bold, color), migration::to_string(t.phase),
               s->section->forward.statements.empty() ? "nothing to do (an empty section; lint: empty-section)" : what_ran(outcome));
    std::fflush(stdout);
  }
  fmt::print("{} step{} applied.\n", applied, applied == 1 ? "" : "s");
  contract_waits();
  return 0;
}

} // namespace

Command cmd_apply() {
  return {"apply", "Apply pending steps (phases, lock-safe retries, resumable)",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--phase", o->phase, "Only this phase, or all (default: expand and migrate; [defaults] phases)")
                ->check(CLI::IsMember({"expand", "migrate", "contract", "all"}));
            sub.add_option("--app", g.app, "Only this app");
            sub.add_option("--to", o->to, "Up to and including this version");
            sub.add_flag("--dry-run", o->dry_run, "Check the gates and show what would be applied; change nothing");
            add_run_options(sub, o->run, true);
            sub.add_flag("--skip-checks", o->run.skip_checks, "Run without the -- migrate:check queries (the ledger records it)");
            sub.add_option("--workers", o->run.workers, "Backfill workers in this process (default 1)")->check(CLI::Range(1, 64));
            return [o, &g] { return run_apply(*o, g); };
          }};
}

} // namespace migrate::cli
