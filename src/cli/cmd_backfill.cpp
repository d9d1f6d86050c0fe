// migrate backfill pause|resume|cancel VERSION: a state in the ledger that running workers obey
// between batches. It takes no run lock, so it works while a backfill runs.
#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "util/log.hpp"

namespace migrate::cli {

namespace {

struct Change {
  const char* status;
  std::vector<std::string> from;
  const char* done; // what it did, for the message
  const char* then;
};

Change change_for(const std::string& action) {
  if (action == "pause") return {"paused", {"running"}, "paused", "workers stop after their current batch; `migrate backfill resume` and apply go on"};
  if (action == "resume") return {"running", {"paused"}, "resumed", "`migrate apply` (any number of processes) continues it"};
  return {"cancelled", {"running", "paused"}, "cancelled",
          "workers stop after their current batch; `migrate rollback --phase migrate` then undoes what it did, and apply runs it "
          "afresh"};
}

int run_backfill_command(const std::string& action, const std::string& version, const Globals& g) {
  Workspace ws = open_workspace(g, {}, Access::read);
  const apply::AppState& state = one_app(ws, "backfill");
  check_version(ws, version, "backfill");
  const Change c = change_for(action);
  const int n = ws.ledger_exists ? ws.ledger->set_backfill_status(state.app, version, c.status, c.from) : 0;
  if (n == 0) {
    std::string states;
    if (ws.ledger_exists) {
      for (const auto& [v, b] : ws.ledger->backfills(state.app)) {
        if (v == version) states += (states.empty() ? "" : ", ") + b.table + " is " + b.status;
      }
    }
    throw Error(Exit::refused,
                fmt::format("no backfill of {} {} can be {}{}", state.app, version, c.done, states.empty() ? " (none has started)" : ": " + states),
                "migrate status shows the backfills");
  }
  for (const auto& s : state.steps) {
    if (s.version == version && s.entry && s.phase == migration::Phase::migrate) {
      ws.ledger->record(*s.entry, std::string("backfill_") + c.done);
    }
  }
  fmt::print("{} {} backfill{} of {} {}: {}.\n", c.done, n, n == 1 ? "" : "s", state.app, version, c.then);
  return 0;
}

} // namespace

Command cmd_backfill() {
  return {"backfill", "Pause, resume or cancel a running backfill (workers obey between batches)",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto action = std::make_shared<std::string>();
            auto version = std::make_shared<std::string>();
            sub.add_option("action", *action, "pause | resume | cancel")->required()->check(CLI::IsMember({"pause", "resume", "cancel"}));
            sub.add_option("version", *version, "The migration whose backfills it is")->required();
            sub.add_option("--app", g.app, "The app (needed when there are several)");
            return [action, version, &g] { return run_backfill_command(*action, *version, g); };
          }};
}

} // namespace migrate::cli
