// migrate plan: what apply would do. Against the database (when one is configured): the pending steps,
// the lock each statement takes and the row estimate of each table. Offline: every step of the files.
#include <fmt/format.h>

#include "apply/preflight.hpp"
#include "cli/workspace.hpp"
#include "ledger/run_lock.hpp"
#include "lint/effects.hpp"
#include "lint/live.hpp"
#include "migration/discover.hpp"
#include "plan/plan.hpp"
#include "plan/script.hpp"
#include "util/error.hpp"
#include "util/json_out.hpp"
#include "util/term.hpp"

namespace migrate::cli {

namespace {

struct Options {
  std::string phase = "all";
  std::string format = "text";
  bool offline = false;
};

void print(const std::vector<plan::Step>& steps, const Options& o, const config::Config& cfg, const std::string& database) {
  if (o.format == "json") {
    fmt::print("{}\n", util::json_document(plan::to_json(steps, database)));
  } else if (o.format == "sql") {
    plan::ScriptSettings s;
    s.lock_timeout = cfg.lock_timeout();
    s.lock_retries = cfg.lock_retries();
    s.statement_timeout = cfg.statement_timeout();
    s.database = database;
    fmt::print("{}", plan::to_sql(steps, s));
  } else {
    fmt::print("{}", plan::to_text(steps, util::color_stdout(), database));
  }
}

int plan_offline(const Options& o, const config::Config& cfg, const Globals& g) {
  auto dirs = cfg.app_dirs(g.app);
  if (dirs.empty()) throw UsageError("no apps: nothing to plan", "declare [apps.NAME] in migrate.toml or create migrations/NAME/");
  auto migrations = migration::load_apps(dirs);
  print(plan::offline(migrations, o.phase == "all" ? std::nullopt : migration::phase_from(o.phase)), o, cfg, {});
  return 0;
}

int plan_database(const Options& o, const Globals& g) {
  Workspace ws = open_workspace(g, {}, Access::read);
  apply::Selection sel;
  if (o.phase != "all") sel.phase = migration::phase_from(o.phase);
  std::vector<plan::Step> steps;
  int tx = 0;
  // Each app's pending steps, found once.
  std::vector<std::vector<const apply::StepState*>> pending;
  bool any = false;
  for (const auto& st : ws.states) {
    pending.push_back(apply::pending_steps(st, sel));
    any = any || !pending.back().empty();
  }
  // What apply would refuse before running anything, plan refuses the same way (exit 2).
  std::vector<InputError> problems;
  for (const auto& steps_of_app : pending) {
    for (auto& p : apply::preflight(ws.session(), steps_of_app)) problems.push_back(std::move(p));
  }
  if (!problems.empty()) throw InputErrors(std::move(problems));
  // The live catalog, replayed through the pending steps in order, says what each statement locks. It
  // is read only when a step is pending (with 10,000 tables, reading it was half of plan's time).
  lint::Catalog catalog = any ? lint::read_live_catalog(ws.session()) : lint::Catalog{};
  const int pg_version = ws.session().version().lint_version();
  for (const auto& steps_of_app : pending) {
    for (const auto* s : steps_of_app) {
      plan::Step step{s->migration, s->section, migration::plan_transactions(s->section->forward),
                      migration::plan_transactions(s->section->undo), s->status(step_running(ws, *s)), {}};
      for (const auto& u : step.transactions.units) {
        ++tx;
        for (std::size_t i = u.first; i < u.first + u.count; ++i) {
          const auto& statement = s->section->forward.statements[i];
          std::vector<plan::Touch> touches;
          for (const auto& fx : lint::effects(statement.node, catalog, pg_version)) {
            if (fx.lock == lint::Lock::none) continue;
            const lint::Table* t = catalog.table(fx.table);
            std::optional<double> rows, bytes;
            if (t && t->created_in.empty()) {
              rows = t->rows;
              bytes = t->bytes;
            }
            // A backfill runs in key-range batches: it never reads the whole table at once.
            touches.push_back({fx.table, std::string(lint::lock_name(fx)), rows, bytes, fx.rewrite, fx.scan && !statement.backfill});
          }
          step.touches.push_back(std::move(touches));
          catalog.apply(statement.node, {s->migration->id(), tx});
        }
      }
      steps.push_back(std::move(step));
    }
  }
  print(steps, o, ws.cfg, ws.conn.description);
  return 0;
}

} // namespace

Command cmd_plan() {
  return {"plan", "Show what apply would do: steps, locks, row estimates, transactions, rollbacks",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--phase", o->phase, "Only this phase")->check(CLI::IsMember({"expand", "migrate", "contract", "all"}));
            sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "sql"}));
            sub.add_flag("--offline", o->offline, "Plan from the files only, without asking the database");
            sub.add_option("--app", g.app, "Only this app");
            return [o, &g] {
              config::Config cfg = g.load_config();
              // A database is asked when one is configured, by URL or by libpq's PG* variables.
              const bool database = !cfg.database_url().empty() || !config::libpq_environment(config::process_env()).empty();
              return o->offline || !database ? plan_offline(*o, cfg, g) : plan_database(*o, g);
            };
          }};
}

} // namespace migrate::cli
