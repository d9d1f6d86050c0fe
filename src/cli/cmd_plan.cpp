// migrate plan: what apply would do. Offline today: the parsed steps per app and phase.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "migration/discover.hpp"
#include "plan/plan.hpp"
#include "util/error.hpp"
#include "util/term.hpp"

namespace migrate::cli {

Command cmd_plan() {
  return {"plan", "Show the steps apply would take: statements, transactions, backfills, rollbacks",
          [](CLI::App& sub, Globals& g) -> Runner {
            struct Options {
              std::string phase = "all";
              std::string format = "text";
            };
            auto o = std::make_shared<Options>();
            sub.add_option("--phase", o->phase, "Only this phase")->check(CLI::IsMember({"expand", "migrate", "contract", "all"}));
            sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
            sub.add_option("--app", g.app, "Only this app");
            return [o, &g] {
              config::Config cfg = g.load_config();
              if (!cfg.database_url().empty() && cfg.get("database.url").origin.source == config::Source::flag) {
                throw UsageError("plan against a database comes with apply; this version plans from the files only",
                                 "drop --database to see the offline plan");
              }
              auto dirs = cfg.app_dirs(g.app);
              if (dirs.empty()) {
                throw UsageError("no apps: nothing to plan", "declare [apps.NAME] in migrate.toml or create migrations/NAME/");
              }
              auto migrations = migration::load_apps(dirs);
              auto steps = plan::offline(migrations, o->phase == "all" ? std::nullopt : migration::phase_from(o->phase));
              if (o->format == "json") {
                fmt::print("{}\n", plan::to_json(steps).dump(2));
              } else {
                fmt::print("{}", plan::to_text(steps, util::color_stdout()));
              }
              return 0;
            };
          }};
}

} // namespace migrate::cli
