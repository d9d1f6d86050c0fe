#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "migration/parse.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/metrics.hpp"
#include "util/signals.hpp"
#include "util/term.hpp"
#include "util/text.hpp"
#include "util/version.hpp"

namespace migrate::cli {

config::Config Globals::load_config(const config::Overrides& extra) const {
  config::Overrides o = extra;
  if (config_file) o.config_file = *config_file;
  if (database) o.flags["database.url"] = {*database, "--database"};
  if (pg_bin) o.flags["ephemeral.bin_dir"] = {*pg_bin, "--pg-bin"};
  config::Config cfg = config::load(o, config::process_env(), std::filesystem::current_path());
  // SQL for a server newer than libpg_query's grammar (15): statements it rejects are kept and run.
  // ${NAME} placeholders from [placeholders] and MIGRATE_PLACEHOLDER_NAME.
  auto shared = std::make_shared<const config::Config>(cfg);
  migration::set_default_parse_options({cfg.pg_version() > 15, false, [shared](std::string_view name) -> std::optional<std::string> {
                                          if (auto s = shared->placeholder(name)) return s->value;
                                          return std::nullopt;
                                        }});
  return cfg;
}

util::Duration Globals::db_wait() const {
  if (!wait_for_db) return util::Duration{0};
  auto d = util::parse_duration(*wait_for_db);
  if (!d) throw UsageError(fmt::format("--wait-for-db {}: not a duration", *wait_for_db), "write it like 30s, 500ms or 2min");
  return *d;
}

namespace {

// Options that take a value, so the first bare word after them is not mistaken for the command.
bool takes_value(std::string_view opt) {
  return opt == "-c" || opt == "--config" || opt == "-d" || opt == "--database" || opt == "--app" ||
         opt == "--log-format" || opt == "--color" || opt == "--wait-for-db" || opt == "--metrics-file";
}

// The first word of the command line that is not an option or an option's value (before any --).
std::optional<std::string_view> first_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") return std::nullopt;
    if (!a.starts_with("-")) return a;
    if (takes_value(a)) ++i;
  }
  return std::nullopt;
}

// The command of that name, hidden ones included.
std::optional<std::string_view> command_named(std::string_view word) {
  for (const auto& c : commands()) {
    if (c.name == word) return c.name;
  }
  return std::nullopt;
}

// The command the command line names, if its first word is one.
std::optional<std::string_view> named_command(int argc, char** argv) {
  auto word = first_word(argc, argv);
  return word ? command_named(*word) : std::nullopt;
}

// "migrate pln": say which command was meant, as ninja does.
std::optional<std::string> unknown_command(int argc, char** argv) {
  auto word = first_word(argc, argv);
  if (!word || command_named(*word)) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& c : commands()) {
    if (!c.hidden) names.emplace_back(c.name);
  }
  return fmt::format("unknown command \"{}\"{}", *word, util::did_you_mean(*word, names));
}

// " (did you mean --dry-run?)" for the first --option nobody knows, among the global options and
// those of the command given; "" when there is none or nothing is close.
std::string unknown_option(const CLI::App& app, int argc, char** argv) {
  const CLI::App* sub = nullptr;
  for (int i = 1; i < argc && !sub; ++i) {
    for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; })) {
      if (c->get_name() == argv[i]) sub = c;
    }
  }
  std::vector<std::string> known;
  for (const CLI::App* a : {&app, sub}) {
    if (!a) continue;
    for (const CLI::Option* opt : a->get_options()) {
      for (const auto& n : opt->get_lnames()) known.push_back("--" + n);
    }
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    if (!a.starts_with("--")) continue;
    const std::string name(a.substr(0, a.find('=')));
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    return util::did_you_mean(name, known);
  }
  return {};
}

void report(const Error& e, int code, const Location* where, std::string_view message) {
  nlohmann::json fields = {{"exit_code", code}};
  if (where && !where->file.empty()) {
    fields["location"] = where->str();
    fields["file"] = where->file;
    if (where->line > 0) fields["line"] = where->line;
    if (where->column > 0) fields["column"] = where->column;
  }
  if (!e.hint().empty()) fields["hint"] = e.hint();
  if (auto* db = dynamic_cast<const DatabaseError*>(&e); db && !db->sqlstate().empty()) fields["sqlstate"] = db->sqlstate();
  log::emit(log::Level::error, message, &fields);
}

// --metrics-file: the run's own gauges next to what the commands counted; written whatever the
// outcome, and a failure to write it does not change the exit status.
void write_metrics(const std::string& path, const std::string& command, int code, std::chrono::steady_clock::time_point started) {
  namespace m = util::metrics;
  m::set("migrate_run_info", {{"run_id", log::run_id()}, {"command", command}, {"version", kVersion}}, 1, "The run: its id, command and migrate version");
  m::set("migrate_run_exit_code", {{"command", command}}, code, "Exit status of the run (0 ok; see migrate(1))");
  m::set("migrate_run_duration_seconds", {{"command", command}},
         std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), "How long the run took");
  m::set("migrate_run_timestamp_seconds", {{"command", command}},
         std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(), "When the run ended (Unix time)");
  try {
    m::write(path);
  } catch (const Error& e) {
    log::warn("{}", e.what());
  }
}

// Once SIGINT or SIGTERM has arrived the run was interrupted, whatever the interruption surfaced as
// (a cancelled query is a DatabaseError, a worker's end any exception): exit 130.
int run_guarded(const Runner& runner) {
  const auto exit_code = [](Exit code) {
    return static_cast<int>(util::signals::interrupted() ? Exit::interrupted : code);
  };
  const auto message = [](const std::exception& e) {
    if (!util::signals::interrupted() || dynamic_cast<const Interrupted*>(&e)) return std::string(e.what());
    return fmt::format("interrupted: {}", e.what());
  };
  try {
    return runner();
  } catch (const InputErrors& e) {
    const int code = exit_code(Exit::input);
    for (const auto& one : e.errors()) report(one, code, &one.where(), one.bare_message());
    if (e.errors().size() > 1) log::emit(log::Level::error, fmt::format("{} input errors; nothing was applied", e.errors().size()));
    return code;
  } catch (const InputError& e) {
    const int code = exit_code(Exit::input);
    report(e, code, &e.where(), e.bare_message());
    return code;
  } catch (const Error& e) {
    const int code = exit_code(e.code());
    report(e, code, nullptr, message(e));
    return code;
  } catch (const std::exception& e) {
    if (util::signals::interrupted()) {
      log::emit(log::Level::error, message(e));
      return static_cast<int>(Exit::interrupted);
    }
    log::emit(log::Level::error, fmt::format("internal error: {}", e.what()));
    return static_cast<int>(Exit::database);
  }
}

} // namespace

namespace {

// `only`: set up the options of that command alone (the others are there by name and summary), as
// most of start-up was CLI11 building every command's options. Returns nullopt when the command
// parsed is not that one, or when parsing ends in help, a version or an error: run() then parses
// again with every command set up, so what is printed is always what the whole command line gives.
std::optional<int> run_commands(int argc, char** argv, std::optional<std::string_view> only) {
  Globals g;
  CLI::App app{"migrate: PostgreSQL schema changes from pull request to production without downtime", "migrate"};
  app.set_version_flag("--version", fmt::format("migrate {}", kVersion), "Print the version and exit");
  app.require_subcommand(1, 1);
  app.fallthrough();
  app.footer("Exit status: 0 ok, 1 findings, 2 usage or input error, 3 database error, 4 lock timeout, "
             "5 refused, 130 interrupted.\nSee migrate(1).");
  app.add_option("-c,--config", g.config_file, "Configuration file (default: migrate.toml here or in a parent)");
  app.add_option("-d,--database", g.database, "Database URL, or \"ephemeral\" for a throwaway server");
  app.add_option("--app", g.app, "Work on this app only");
  app.add_flag("-v,--verbose", g.verbose, "More detail in logs (repeat for more)");
  app.add_flag("-q,--quiet", g.quiet, "Only errors on standard error");
  app.add_option("--log-format", g.log_format, "Log format on standard error")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--wait-for-db", g.wait_for_db,
                 "Keep trying the first connection this long, with backoff (e.g. 30s): for a database still starting");
  app.add_option("--pg-bin", g.pg_bin,
                 "Server binaries (initdb, pg_ctl, postgres) for --database ephemeral and verify: another PostgreSQL major");
  app.add_option("--metrics-file", g.metrics_file, "Write Prometheus text-format metrics of the run here (node-exporter textfile)");
  app.add_option("--color", g.color, "Colour: auto (terminal only, not with NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::map<const CLI::App*, Runner> runners;
  // Each command's --help ends with the global options, which work before or after the command.
  std::string globals = "Global options (before or after the command; see migrate --help):";
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_lnames().empty() || opt->get_lnames().front() == "help" || opt->get_lnames().front() == "version") continue;
    globals += " --" + opt->get_lnames().front();
  }
  for (const auto& c : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.summary));
    if (c.hidden) sub->group("");
    if (only && c.name != *only) continue;
    runners[sub] = c.setup(*sub, g);
    sub->footer(globals + "\nExit status: 0 ok, 1 findings, 2 usage or input error, 3 database error, 4 lock timeout, 5 refused, 130 "
                          "interrupted. See migrate(1).");
    // What a value is, where TEXT would say nothing.
    for (CLI::Option* opt : sub->get_options()) {
      if (opt->get_lnames().empty()) continue;
      const std::string& name = opt->get_lnames().front();
      if (name == "lock-timeout" || name == "lock-wait" || name == "wait") opt->type_name("DURATION");
      else if (name == "lock-retries" || name == "workers" || name == "steps" || name == "limit" || name == "pg-version") opt->type_name("N");
      else if (name == "to" && c.name != "new") opt->type_name("VERSION");
    }
  }
  for (CLI::Option* opt : app.get_options()) {
    if (!opt->get_lnames().empty() && opt->get_lnames().front() == "wait-for-db") opt->type_name("DURATION");
  }

  if (only) {
    try {
      app.parse(argc, argv);
    } catch (const CLI::Error&) {
      return std::nullopt;
    }
    const auto parsed = app.get_subcommands();
    if (parsed.size() != 1 || parsed.front()->get_name() != *only) return std::nullopt;
  } else {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e, std::cout, std::cerr);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e, std::cout, std::cerr);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e, std::cout, std::cerr);
    } catch (const CLI::ParseError& e) {
      log::init(log::Format::text, 0);
      util::set_color_mode(util::ColorMode::auto_);
      auto message = unknown_command(argc, argv).value_or(e.what() + unknown_option(app, argc, argv));
      log::emit(log::Level::error, message);
      std::fprintf(stderr, "Run 'migrate --help' for the commands and options.\n");
      return static_cast<int>(Exit::input);
    }
  }

  util::set_color_mode(g.color == "always" ? util::ColorMode::always
                       : g.color == "never" ? util::ColorMode::never
                                            : util::ColorMode::auto_);
  log::init(g.log_format == "json" ? log::Format::json : log::Format::text, g.quiet ? -1 : g.verbose);
  for (const auto* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it == runners.end()) continue;
    const auto started = std::chrono::steady_clock::now();
    const int code = run_guarded(it->second);
    if (g.metrics_file) write_metrics(*g.metrics_file, sub->get_name(), code, started);
    return code;
  }
  return static_cast<int>(Exit::input);
}

} // namespace

int run(int argc, char** argv) {
  if (auto named = named_command(argc, argv)) {
    if (auto code = run_commands(argc, argv, named)) return *code;
  }
  return *run_commands(argc, argv, std::nullopt);
}

} // namespace migrate::cli
