// migrate apply: the pending steps, phase by phase, without a lock queue or a half-done step.
#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "util/log.hpp"
#include "util/term.hpp"

namespace migrate::cli {

namespace {

struct Options {
  std::string phase = "all";
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
  check_version(ws, o.to, "--to");
  apply::Selection sel;
  if (o.phase != "all") sel.phase = migration::phase_from(o.phase);
  sel.to = o.to;
  std::vector<std::pair<const apply::AppState*, std::vector<const apply::StepState*>>> work;
  std::vector<std::string> refusals;
  std::vector<const apply::StepState*> all;
  for (const auto& st : ws.states) {
    auto steps = apply::pending_steps(st, sel);
    for (auto& r : apply::apply_refusals(st, steps, ws.cfg.allow_out_of_order())) refusals.push_back(st.app + ": " + r);
    all.insert(all.end(), steps.begin(), steps.end());
    work.emplace_back(&st, std::move(steps));
  }
  refuse(refusals, fmt::format("apply refused: {} problem{}; nothing was applied", refusals.size(), refusals.size() == 1 ? "" : "s"),
         "see the lines above");
  if (!o.run.skip_lint) {
    lint_gate(ws, all, false);
  } else if (!all.empty()) {
    log::warn("--skip-lint: the lint gate is off for this run, and the ledger records it");
  }
  const bool color = util::color_stdout();
  if (all.empty()) {
    fmt::print("Nothing to apply{}.\n", o.phase == "all" ? "" : fmt::format(" in phase {}", o.phase));
    return 0;
  }
  if (o.dry_run) {
    for (const auto* s : all) {
      fmt::print("would apply  {} {} {}\n", util::styled(s->migration->app, util::Style::cyan, color),
                 util::styled(s->migration->id(), util::Style::bold, color), migration::to_string(s->phase));
    }
    fmt::print("{} step{} would be applied (dry run: nothing was changed).\n", all.size(), all.size() == 1 ? "" : "s");
    return 0;
  }
  apply::Executor executor(ws.session(), *ws.ledger, executor_settings(ws, o.run.lock_timeout.has_value(), o.run.skip_lint, o.run.workers));
  int applied = 0;
  for (const auto& [state, steps] : work) {
    for (const auto* s : steps) {
      log::Field app("app", state->app), version("version", s->version), phase("phase", std::string(migration::to_string(s->phase)));
      log::info("applying {} {} {}", state->app, s->migration->id(), migration::to_string(s->phase));
      auto outcome = executor.apply(*s);
      if (outcome.finished_elsewhere) {
        fmt::print("joined   {} {} {}  {} rows backfilled here; another process finished the step\n",
                   util::styled(state->app, util::Style::cyan, color), util::styled(s->migration->id(), util::Style::bold, color),
                   migration::to_string(s->phase), outcome.rows);
        continue;
      }
      ++applied;
      fmt::print("applied  {} {} {}  {}\n", util::styled(state->app, util::Style::cyan, color),
                 util::styled(s->migration->id(), util::Style::bold, color), migration::to_string(s->phase), what_ran(outcome));
      std::fflush(stdout);
    }
  }
  fmt::print("{} step{} applied.\n", applied, applied == 1 ? "" : "s");
  return 0;
}

} // namespace

Command cmd_apply() {
  return {"apply", "Apply pending steps (phases, lock-safe retries, resumable)",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--phase", o->phase, "Only this phase (default: all)")
                ->check(CLI::IsMember({"expand", "migrate", "contract", "all"}));
            sub.add_option("--app", g.app, "Only this app");
            sub.add_option("--to", o->to, "Up to and including this version");
            sub.add_flag("--dry-run", o->dry_run, "Check the gates and show what would be applied; change nothing");
            add_run_options(sub, o->run, true);
            sub.add_option("--workers", o->run.workers, "Backfill workers in this process (default 1)")->check(CLI::Range(1, 64));
            return [o, &g] { return run_apply(*o, g); };
          }};
}

} // namespace migrate::cli
