// migrate ephemeral [-- COMMAND...]: a throwaway PostgreSQL for as long as COMMAND runs (or until
// Ctrl-C), with DATABASE_URL and the PG* variables pointing at it; removed afterwards, always.
#include <csignal>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "db/ephemeral.hpp"
#include "db/session.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/process.hpp"
#include "util/signals.hpp"

namespace migrate::cli {

namespace {

int run_ephemeral(const std::vector<std::string>& command, const Globals& g) {
  db::Connection db = db::open(std::string(config::kEphemeral), util::Duration{0}, g.load_config().server_bin());
  const auto& server = db.server;
  auto version = db.session->exec("SHOW server_version").rows.at(0).at(0).value_or("?");
  log::info("throwaway PostgreSQL {} ready (pid {}, {})", version, server->pid(), server->dir().string());
  db.session.reset(); // the server is for the command now
  if (command.empty()) {
    fmt::print("{}\n", server->url());
    std::fflush(stdout);
    log::info("press Ctrl-C to stop it and remove it");
    util::signals::wait();
    return static_cast<int>(Exit::interrupted);
  }
  util::SpawnOptions options;
  options.env = {{"DATABASE_URL", server->url()},     {"MIGRATE_DATABASE_URL", server->url()},
                 {"PGHOST", server->dir().string()}, {"PGPORT", std::to_string(server->port())},
                 {"PGUSER", "postgres"},             {"PGDATABASE", "postgres"}};
  pid_t child = util::spawn(command, options);
  // A terminal's Ctrl-C reaches the command by itself; a SIGTERM sent to us alone is passed on.
  util::signals::Hook forward(util::signals::Hook::When::interrupt, [child] { ::kill(child, SIGTERM); });
  auto status = util::wait_for(child, std::nullopt);
  if (util::signals::interrupted()) return static_cast<int>(Exit::interrupted);
  return status.value_or(static_cast<int>(Exit::database));
}

} // namespace

Command cmd_ephemeral() {
  return {"ephemeral", "Run a command against a throwaway PostgreSQL, then remove it",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto command = std::make_shared<std::vector<std::string>>();
            sub.add_option("command", *command, "Command to run with DATABASE_URL and PG* set (after --)");
            sub.footer("Without a command, prints the server's URL and keeps it until Ctrl-C.");
            return [command, &g] { return run_ephemeral(*command, g); };
          }};
}

} // namespace migrate::cli
