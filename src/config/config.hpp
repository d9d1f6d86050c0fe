#pragma once
// migrate.toml (SPEC §2): one table of keys, each with its environment variables and default, so that
// `config show` can say where every value came from. Precedence: flag > environment > file > default.
#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migration/discover.hpp"
#include "util/error.hpp"
#include "util/duration.hpp"
#include "util/size.hpp"

namespace migrate::config {

// bytes: a size with PostgreSQL's units ("64MB", "1GB"; a plain number is bytes), "0" or "off" for none
// (normalised to "off").
enum class Kind { url, identifier, duration, count, pg_version, boolean, text, phases, bytes };

struct Key {
  std::string_view name;                // "defaults.lock_timeout"
  Kind kind;
  std::string_view fallback;            // the default, as text
  std::array<std::string_view, 2> env;  // environment variables, strongest first ("" = none)
  std::string_view help;
};
std::span<const Key> keys();

enum class Source { fallback, file, environment, flag };
std::string_view to_string(Source source);

struct Origin {
  Source source = Source::fallback;
  std::string detail; // "migrate.toml:7", "MIGRATE_DATABASE_URL", "--database"
  Location where;     // in the file, for messages about a value that is only wrong beside another
  [[nodiscard]] std::string str() const;
};

struct Setting {
  std::string value; // normalised text: "1s", "10", "true"
  Origin origin;
};

struct App {
  std::string name;
  std::string dir_shown;          // as written (relative to the config file's directory)
  std::filesystem::path dir;      // resolved
  std::vector<std::string> owns;  // "public.auth_*"
  Origin origin;
};

// [lint] disable = ["rule", ...] and [lint.severity] rule = "warning"|"error": rule ids are checked by
// the linter, which knows them; each keeps its place for the message.
struct LintRuleSetting {
  std::string rule;
  std::string value; // "off" for disable, else the severity
  Location where;
};

inline constexpr std::string_view kEphemeral = "ephemeral";

struct Config {
  std::optional<std::filesystem::path> file; // the file that was read
  std::filesystem::path base;                // relative paths are resolved from here
  std::map<std::string, Setting, std::less<>> settings;
  std::vector<App> apps;
  Origin apps_origin;
  std::vector<LintRuleSetting> lint_rules;
  // [placeholders] NAME = "value"; the environment's MIGRATE_PLACEHOLDER_NAME wins (placeholder()).
  std::map<std::string, Setting, std::less<>> placeholders;
  std::function<std::optional<std::string>(std::string_view)> env; // the environment load() read

  // The value of ${NAME}: MIGRATE_PLACEHOLDER_<NAME in capitals> (or as written), else the file's.
  [[nodiscard]] std::optional<Setting> placeholder(std::string_view name) const;

  [[nodiscard]] const Setting& get(std::string_view key) const;
  [[nodiscard]] std::string database_url() const;   // "" = libpq's PG* variables and defaults
  // What commands that change the database connect with: [database] migration_url when set, unless
  // --database names the database for this run; url otherwise.
  [[nodiscard]] std::string migration_url() const;
  [[nodiscard]] bool uses_migration_url() const; // whether migration_url() is [database] migration_url
  [[nodiscard]] bool ephemeral() const { return database_url() == kEphemeral; }
  // [ephemeral] bin_dir (--pg-bin, MIGRATE_PG_BIN): the server binaries a throwaway server starts
  // from, a relative one in the file resolved from the file's directory; "" = the installed server.
  [[nodiscard]] std::string server_bin() const;
  [[nodiscard]] std::string ledger_schema() const;
  [[nodiscard]] util::Duration lock_timeout() const;
  [[nodiscard]] int lock_retries() const;
  [[nodiscard]] util::Duration statement_timeout() const;
  [[nodiscard]] int pg_version() const;
  [[nodiscard]] bool allow_out_of_order() const;
  // [defaults] phases = "all": apply with no --phase runs contract too.
  [[nodiscard]] bool apply_all_phases() const;
  [[nodiscard]] util::Duration ledger_wait() const;
  [[nodiscard]] int count(std::string_view key) const;              // a Kind::count key
  [[nodiscard]] util::Duration duration(std::string_view key) const; // a Kind::duration key
  [[nodiscard]] std::int64_t bytes(std::string_view key) const;      // a Kind::bytes key; 0 = off

  // Throws UsageError (with "did you mean") for an unknown app.
  [[nodiscard]] const App& app(std::string_view name) const;
  // The apps a command works on: one by name, or all.
  [[nodiscard]] std::vector<migration::AppDir> app_dirs(const std::optional<std::string>& only) const;
};

struct Overrides {
  std::optional<std::filesystem::path> config_file; // -c
  // key -> (value, flag name); e.g. "database.url" -> ("postgres://...", "--database")
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> flags;
};

using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
EnvLookup process_env();

// Throws InputError/InputErrors (file:line and "did you mean") for unknown keys and bad values.
Config load(const Overrides& overrides, const EnvLookup& env, const std::filesystem::path& cwd);

// Parses and normalises one value of a kind; nullopt with `why` when malformed.
std::optional<std::string> normalise(Kind kind, std::string_view text, std::string* why);

// libpq's own variables that are set (PGHOST=..., PGPASSWORD=***), for `config show`.
std::vector<std::pair<std::string, std::string>> libpq_environment(const EnvLookup& env);

} // namespace migrate::config
