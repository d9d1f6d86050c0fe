#pragma once
// The command table: every command is one file (cmd_<name>.cpp) that fills in a Command. The table
// builds the CLI11 parser, the hidden `__complete commands`, and so the shell completions.
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "config/config.hpp"

namespace migrate::cli {

// The global options of migrate(1).
struct Globals {
  std::optional<std::string> config_file;
  std::optional<std::string> database;
  std::optional<std::string> app;
  int verbose = 0;
  bool quiet = false;
  std::string log_format = "text";
  std::string color = "auto";
  std::optional<std::string> metrics_file;
  std::optional<std::string> wait_for_db; // --wait-for-db: keep trying the first connection this long
  std::optional<std::string> pg_bin;      // --pg-bin: the server binaries of --database ephemeral and verify

  // --wait-for-db as a duration (zero without it); throws UsageError when malformed.
  [[nodiscard]] util::Duration db_wait() const;

  // The configuration with the global flags and these command flags (key -> (value, flag)) on top.
  [[nodiscard]] config::Config load_config(const config::Overrides& extra = {}) const;
};

using Runner = std::function<int()>;

struct Command {
  std::string_view name;
  std::string_view summary;
  // Adds the command's options to `sub` and returns what runs it once parsing succeeded.
  std::function<Runner(CLI::App& sub, Globals& globals)> setup;
  bool hidden = false;
};

std::span<const Command> commands();

// Entry point: parses, runs, maps exceptions to the exit codes of docs/format.md.
int run(int argc, char** argv);

// Where an app's new files go (new, import): the app --app names, or the only one; without [apps] in a
// file, migrations/APP. Throws UsageError (with `usage` as the hint) when it cannot tell.
struct AppTarget {
  std::string app;
  std::filesystem::path dir;
  std::string shown; // as configured, for messages
};
AppTarget app_target(const Globals& g, const config::Config& cfg, const char* usage);

// Registered per file.
Command cmd_new();
Command cmd_lint();
Command cmd_plan();
Command cmd_apply();
Command cmd_rollback();
Command cmd_status();
Command cmd_history();
Command cmd_verify();
Command cmd_baseline();
Command cmd_import();
Command cmd_repair();
Command cmd_backfill();
Command cmd_config();
Command cmd_ephemeral();
Command cmd_complete();
Command cmd_man();

} // namespace migrate::cli
