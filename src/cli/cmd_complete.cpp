// migrate __complete commands|options CMD|apps|migrations: words for the shell completions.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "lint/rule.hpp"
#include "migration/discover.hpp"

namespace migrate::cli {

Command cmd_complete() {
  return {"__complete", "Words for shell completion (commands, apps, migrations)",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto what = std::make_shared<std::vector<std::string>>();
            sub.add_option("what", *what, "commands | rules | apps | migrations")->required();
            return [what, &g] {
              const std::string kind = what->front();
              if (kind == "commands") {
                for (const auto& c : commands()) {
                  if (!c.hidden) fmt::print("{}\n", c.name);
                }
                return 0;
              }
              if (kind == "rules") {
                for (const auto& r : lint::catalogue()) fmt::print("{}\n", r.id);
                return 0;
              }
              // Completion must never fail loudly: a broken config simply completes nothing.
              try {
                auto cfg = g.load_config();
                if (kind == "apps") {
                  for (const auto& a : cfg.apps) fmt::print("{}\n", a.name);
                } else if (kind == "migrations") {
                  for (const auto& m : migration::load_apps(cfg.app_dirs(g.app))) fmt::print("{}\n", m.version);
                }
              } catch (const std::exception&) {
              }
              return 0;
            };
          },
          true};
}

} // namespace migrate::cli
