// migrate baseline VERSION --app A: adopt a database that already has the app's schema up to VERSION.
#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "migration/filename.hpp"
#include "util/log.hpp"

namespace migrate::cli {

namespace {

int run_baseline(const std::string& version, const RunOptions& run, const Globals& g) {
  Workspace ws = open_workspace(g, run.overrides(), Access::write);
  const apply::AppState& state = one_app(ws, "baseline");
  check_version(ws, version, "baseline");
  for (const auto& s : state.steps) {
    if (s.entry) {
      throw Error(Exit::refused, fmt::format("{} has a history in the ledger already ({} is {})", state.app, s.label(), s.entry->status),
                  "baseline adopts a database migrate has never run on; see migrate status");
    }
  }
  int adopted = 0;
  for (const auto& s : state.steps) {
    if (migration::compare_versions(s.version, version) > 0) break;
    auto e = apply::entry_for(*s.migration, *s.section, false);
    ws.ledger->adopt(e);
    ws.ledger->record(e, "baseline", std::nullopt, fmt::format("adopted by baseline {}", version));
    ++adopted;
  }
  fmt::print("{}: {} step{} up to {} recorded as applied (baseline); nothing was run.\n", state.app, adopted, adopted == 1 ? "" : "s",
             version);
  return 0;
}

} // namespace

Command cmd_baseline() {
  return {"baseline", "Adopt an existing database: record an app's steps up to VERSION as applied",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto version = std::make_shared<std::string>();
            auto run = std::make_shared<RunOptions>();
            sub.add_option("version", *version, "The newest migration the database already has")->required();
            sub.add_option("--app", g.app, "The app (needed when there are several)");
            sub.add_option("--wait", run->wait, "How long to wait for another run's ledger lock (default 10min)");
            return [version, run, &g] { return run_baseline(*version, *run, g); };
          }};
}

} // namespace migrate::cli
