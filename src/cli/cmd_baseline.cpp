// migrate baseline VERSION --app A: adopt a database that already has the app's schema up to VERSION.
// migrate baseline --from-ledger TOOL --app A: the same, up to what another tool's history table says
// is applied there (read, never written).
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "migration/discover.hpp"
#include "migration/filename.hpp"
#include "migration/import.hpp"
#include "util/log.hpp"
#include "util/text.hpp"

namespace migrate::cli {

namespace {

struct FromLedger {
  std::string tool;
  std::optional<std::string> table;
  std::optional<std::string> django_app;
};

// What the other tool's table says, as the newest migration of the app that is applied there.
struct Decision {
  std::optional<std::string> upto; // a migrate version; none: nothing is applied there
  std::string what;                // "version 2", "0002_add_email", ...
};

void refuse_history(const apply::AppState& state) {
  for (const auto& s : state.steps) {
    if (s.entry) {
      throw Error(Exit::refused, fmt::format("{} has a history in the ledger already ({} is {})", state.app, s.label(), s.entry->status),
                  "baseline adopts a database migrate has never run on; see migrate status");
    }
  }
}

int adopt_up_to(Workspace& ws, const apply::AppState& state, const std::string& version, const std::string& detail) {
  int adopted = 0;
  for (const auto& s : state.steps) {
    if (migration::compare_versions(s.version, version) > 0) break;
    auto e = apply::entry_for(*s.migration, *s.section, false);
    ws.ledger->adopt(e);
    ws.ledger->record(e, "baseline", std::nullopt, detail);
    ++adopted;
  }
  return adopted;
}

int run_baseline(const std::string& version, const RunOptions& run, const Globals& g) {
  Workspace ws = open_workspace(g, run.overrides(), Access::write);
  const apply::AppState& state = one_app(ws, "baseline");
  check_version(ws, version, "baseline");
  refuse_history(state);
  const int adopted = adopt_up_to(ws, state, version, fmt::format("adopted by baseline {}", version));
  fmt::print("{}: {} step{} up to {} recorded as applied (baseline); nothing was run.\n", state.app, adopted, adopted == 1 ? "" : "s",
             version);
  return 0;
}

const std::string& default_table(const std::string& tool) {
  static const std::map<std::string, std::string> tables = {{"flyway", "flyway_schema_history"},
                                                            {"dbmate", "schema_migrations"},
                                                            {"golang-migrate", "schema_migrations"},
                                                            {"django", "django_migrations"},
                                                            {"alembic", "alembic_version"}};
  return tables.at(tool);
}

// The table as the server names it (quoted where needed), or exit 2 naming what was looked for.
std::string find_table(db::Session& s, const std::string& name, const std::string& tool, bool given) {
  std::optional<std::string> found;
  try {
    found = s.query("SELECT to_regclass($1)::text", {name}).rows.at(0).at(0);
  } catch (const DatabaseError& e) {
    throw UsageError(fmt::format("--table {}: {}", name, e.what()), "--table [SCHEMA.]NAME");
  }
  if (!found) {
    throw UsageError(fmt::format("no table {} in the database: it is where {} records what it applied{}", name, tool,
                                 given ? "" : " by default"),
                     given ? "check the name and the schema: --table SCHEMA.NAME"
                           : fmt::format("give --table [SCHEMA.]NAME when {} was configured with another table", tool));
  }
  return *found;
}

db::Result read_table(db::Session& s, const std::string& sql, const std::vector<db::Value>& params, const std::string& table,
                      const std::string& tool) {
  try {
    return s.query(sql, params);
  } catch (const DatabaseError& e) {
    if (e.sqlstate().starts_with("42")) {
      throw UsageError(fmt::format("{} does not look like {}'s history table: {}", table, tool, e.what()),
                       "--table names the table the tool writes");
    }
    throw;
  }
}

// Applied there, by migration in migrate's order: the applied ones must come first.
Decision prefix(const std::vector<const migration::Migration*>& migrations, const std::vector<bool>& applied, const std::string& table,
                std::string what) {
  Decision d;
  d.what = std::move(what);
  bool gap = false;
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (!applied[i]) {
      gap = true;
    } else if (gap) {
      throw UsageError(fmt::format("{} says {} is applied but not the migration{} before it: baseline cannot tell which steps to record",
                                   table, migrations[i]->id(), i == 1 ? "" : "s"),
                       "baseline VERSION records every step up to VERSION: give the version yourself");
    } else {
      d.upto = migrations[i]->version;
    }
  }
  return d;
}

// Versions compared as the tool does, applied when not newer than the newest the table has (which must
// be one of the app's migrations). Older migrations the table does not list are reported, and recorded.
Decision numeric(const std::vector<const migration::Migration*>& migrations, const std::vector<std::string>& their,
                 const std::vector<std::string>& listed, const std::optional<std::string>& newest, const std::string& table,
                 const std::string& tool, const std::function<int(const std::string&, const std::string&)>& compare,
                 bool newest_may_be_unknown = false) {
  std::vector<bool> applied(migrations.size(), false);
  if (!newest) return prefix(migrations, applied, table, "nothing applied");
  bool known = false;
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (compare(their[i], *newest) > 0) continue;
    applied[i] = true;
    if (compare(their[i], *newest) == 0) known = true;
    const bool in_table = std::any_of(listed.begin(), listed.end(), [&](const std::string& v) { return compare(v, their[i]) == 0; });
    if (!in_table && !newest_may_be_unknown) {
      log::warn(fmt::format("{} is not in {} but older than its newest version ({}): recorded as applied too; check that its "
                            "changes are in the database",
                            migrations[i]->id(), table, *newest));
    }
  }
  if (!known && !newest_may_be_unknown) {
    throw UsageError(fmt::format("{}'s newest applied version {} is none of the app's migrations", table, *newest),
                     fmt::format("import the {} migrations first (migrate import --from {}), or give the version: baseline VERSION", tool, tool));
  }
  return prefix(migrations, applied, table, fmt::format("version {}", *newest));
}

Decision decide(Workspace& ws, const std::vector<const migration::Migration*>& migrations, const migration::AppDir& dir,
                const FromLedger& from, const std::string& table, const std::string& app) {
  db::Session& s = ws.session();
  const std::string& tool = from.tool;
  std::vector<std::string> versions;
  for (const auto* m : migrations) versions.push_back(m->version);
  if (tool == "flyway") {
    // Flyway's own version of each migration: the one `migrate import` kept on the first line, else its version.
    std::vector<std::string> theirs;
    for (const auto* m : migrations) {
      const auto path = dir.dir / (m->id() + ".sql");
      theirs.push_back(migration::imported_flyway_version(migration::read_file(path, m->path)).value_or(m->version));
    }
    auto rows = read_table(s, fmt::format("SELECT installed_rank::text, version, type, CASE WHEN success THEN 't' ELSE 'f' END FROM {} "
                                       "ORDER BY installed_rank", table),
                           {}, table, tool).rows;
    std::vector<std::string> applied;
    std::optional<std::string> baseline;
    for (const auto& r : rows) {
      if (!r[1]) continue; // repeatable migrations have no version
      const std::string version = *r[1];
      const std::string type = r[2].value_or("");
      if (type == "SCHEMA") continue;
      if (r[3] != "t") {
        throw Error(Exit::refused, fmt::format("{} records a failed migration (version {}, installed_rank {}): the database is between two versions",
                                               table, version, r[0].value_or("?")),
                    "fix the database and run Flyway's repair first");
      }
      auto erase = [&] { std::erase_if(applied, [&](const std::string& v) { return migration::compare_flyway_versions(v, version) == 0; }); };
      if (type == "BASELINE") {
        if (!baseline || migration::compare_flyway_versions(version, *baseline) > 0) baseline = version;
      } else if (type.starts_with("UNDO") || type == "DELETE") {
        erase();
      } else {
        erase();
        applied.push_back(version);
      }
    }
    std::optional<std::string> newest = baseline;
    for (const auto& v : applied) {
      if (!newest || migration::compare_flyway_versions(v, *newest) > 0) newest = v;
    }
    // A BASELINE row means everything up to its version, whether or not a migration has it.
    const bool at_baseline = newest && baseline && migration::compare_flyway_versions(*newest, *baseline) == 0;
    if (at_baseline) {
      std::vector<bool> up(migrations.size());
      for (std::size_t i = 0; i < migrations.size(); ++i) up[i] = migration::compare_flyway_versions(theirs[i], *newest) <= 0;
      return prefix(migrations, up, table, fmt::format("baseline version {}", *newest));
    }
    // Below a BASELINE row, Flyway lists nothing: those count as listed.
    auto listed = applied;
    for (const auto& v : theirs) {
      if (baseline && migration::compare_flyway_versions(v, *baseline) <= 0) listed.push_back(v);
    }
    return numeric(migrations, theirs, listed, newest, table, tool,
                   [](const std::string& a, const std::string& b) { return migration::compare_flyway_versions(a, b); });
  }
  if (tool == "dbmate") {
    auto dirty = s.query("SELECT count(*)::text FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'dirty' AND NOT attisdropped",
                         {table});
    if (dirty.rows.at(0).at(0) != "0") {
      throw UsageError(fmt::format("{} has a dirty column: it is golang-migrate's history table, not dbmate's", table),
                       "migrate baseline --from-ledger golang-migrate");
    }
    std::vector<std::string> listed;
    for (const auto& r : read_table(s, fmt::format("SELECT version::text FROM {}", table), {}, table, tool).rows) {
      if (r[0]) listed.push_back(std::string(util::trim(*r[0])));
    }
    std::optional<std::string> newest;
    for (const auto& v : listed) {
      if (!newest || migration::compare_versions(v, *newest) > 0) newest = v;
    }
    return numeric(migrations, versions, listed, newest, table, tool,
                   [](const std::string& a, const std::string& b) { return migration::compare_versions(a, b); });
  }
  if (tool == "golang-migrate") {
    auto rows = read_table(s, fmt::format("SELECT version::text, CASE WHEN dirty THEN 't' ELSE 'f' END FROM {}", table), {}, table, tool).rows;
    if (rows.size() > 1) throw UsageError(fmt::format("{} has {} rows; golang-migrate keeps one (the current version)", table, rows.size()));
    if (rows.empty() || !rows[0][0]) return prefix(migrations, std::vector<bool>(migrations.size(), false), table, "nothing applied");
    const std::string version = *rows[0][0];
    if (rows[0][1] == "t") {
      throw Error(Exit::refused, fmt::format("{} says version {} is dirty: golang-migrate failed in the middle of it", table, version),
                  "fix the database by hand, then golang-migrate's force VERSION, before adopting it");
    }
    // golang-migrate lists only the current version: everything before it was applied on the way.
    std::vector<std::string> listed;
    for (const auto& v : versions) {
      if (migration::compare_versions(v, version) <= 0) listed.push_back(v);
    }
    return numeric(migrations, versions, listed, version, table, tool,
                   [](const std::string& a, const std::string& b) { return migration::compare_versions(a, b); });
  }
  if (tool == "django") {
    // A migrate migration is Django's migration of the same name: 0002_add_email.sql is 0002_add_email.
    const std::string label = from.django_app.value_or(app);
    std::set<std::string> names;
    for (const auto& r : read_table(s, fmt::format("SELECT name FROM {} WHERE app = $1", table), {label}, table, tool).rows) {
      if (r[0]) names.insert(*r[0]);
    }
    if (names.empty()) {
      throw UsageError(fmt::format("{} has no migrations of the Django app \"{}\"", table, label),
                       "--django-app LABEL names the Django app whose migrations these are");
    }
    std::vector<bool> applied(migrations.size(), false);
    std::optional<std::size_t> newest;
    for (std::size_t i = 0; i < migrations.size(); ++i) {
      if (names.count(migrations[i]->id()) != 0U) newest = i;
    }
    if (!newest) {
      throw UsageError(fmt::format("none of app {}'s migrations is named like a migration {} lists for \"{}\" (like {})", app, table, label,
                                   *names.rbegin()),
                       "name each migrate file after the Django migration it stands for (0002_add_email.sql for 0002_add_email)");
    }
    for (std::size_t i = 0; i <= *newest; ++i) {
      applied[i] = true;
      if (names.count(migrations[i]->id()) == 0U) {
        log::warn(fmt::format("{} is not in {} for \"{}\" but older than {}: recorded as applied too; check that its changes are in "
                              "the database",
                              migrations[i]->id(), table, label, migrations[*newest]->id()));
      }
    }
    return prefix(migrations, applied, table, migrations[*newest]->id());
  }
  // alembic: the one current revision, found as a word of a migration's name (0002_1975ea83b712_add_email).
  std::vector<std::string> heads;
  for (const auto& r : read_table(s, fmt::format("SELECT version_num FROM {}", table), {}, table, tool).rows) {
    if (r[0]) heads.push_back(*r[0]);
  }
  if (heads.empty()) return prefix(migrations, std::vector<bool>(migrations.size(), false), table, "nothing applied");
  if (heads.size() > 1) {
    throw UsageError(fmt::format("{} has {} heads ({}): baseline cannot tell which migrations they stand for", table, heads.size(),
                                 fmt::join(heads, ", ")),
                     "merge the branches with alembic first, or give the version: baseline VERSION");
  }
  const std::string revision = util::to_lower(heads.front());
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const std::string name = "_" + migrations[i]->name + "_";
    if (name.find("_" + revision + "_") != std::string::npos) matches.push_back(i);
  }
  if (matches.size() != 1) {
    throw UsageError(fmt::format("{} migrations of app {} have the alembic revision {} in their name; baseline needs exactly one",
                                 matches.size(), app, revision),
                     fmt::format("name the migration like {}_{}_what_it_does.sql, or give the version: baseline VERSION",
                                 migrations.empty() ? "0001" : migrations.front()->version, revision));
  }
  std::vector<bool> applied(migrations.size(), false);
  for (std::size_t i = 0; i <= matches.front(); ++i) applied[i] = true;
  return prefix(migrations, applied, table, fmt::format("revision {}", revision));
}

int run_from_ledger(const FromLedger& from, const RunOptions& run, const Globals& g) {
  Workspace ws = open_workspace(g, run.overrides(), Access::write);
  const apply::AppState& state = one_app(ws, "baseline");
  refuse_history(state);
  const std::string table = find_table(ws.session(), from.table.value_or(default_table(from.tool)), from.tool, from.table.has_value());
  std::vector<const migration::Migration*> migrations;
  for (const auto& s : state.steps) {
    if (s.migration && (migrations.empty() || migrations.back() != s.migration)) migrations.push_back(s.migration);
  }
  const auto dir = std::find_if(ws.dirs.begin(), ws.dirs.end(), [&](const auto& d) { return d.name == state.app; });
  const Decision d = decide(ws, migrations, *dir, from, table, state.app);
  if (!d.upto) {
    fmt::print("{}: {} has nothing applied ({}); nothing recorded; {} was only read.\n", state.app, table, d.what, table);
    return 0;
  }
  const int adopted = adopt_up_to(ws, state, *d.upto,
                                  fmt::format("adopted by baseline --from-ledger {} ({}: {})", from.tool, table, d.what));
  fmt::print("{}: {} step{} up to {} recorded as applied (baseline from {}: {}); nothing was run; {} was only read.\n", state.app, adopted,
             adopted == 1 ? "" : "s", *d.upto, table, d.what, table);
  return 0;
}

} // namespace

Command cmd_baseline() {
  return {"baseline", "Adopt an existing database: record an app's steps up to VERSION, or up to what another tool applied, as applied",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto version = std::make_shared<std::string>();
            auto from = std::make_shared<FromLedger>();
            auto run = std::make_shared<RunOptions>();
            sub.add_option("version", *version, "The newest migration the database already has");
            sub.add_option("--from-ledger", from->tool,
                           "Read what is applied from this tool's history table instead (flyway, dbmate, golang-migrate: every migration up "
                           "to the newest version applied there; django: up to the newest migration named like a Django one; alembic: up "
                           "to the migration with the current revision as a word of its name); never writes it")
                ->check(CLI::IsMember({"flyway", "dbmate", "golang-migrate", "django", "alembic"}));
            sub.add_option("--table", from->table,
                           "--from-ledger: the history table, [SCHEMA.]NAME (default flyway_schema_history, schema_migrations, "
                           "django_migrations, alembic_version)");
            sub.add_option("--django-app", from->django_app, "--from-ledger django: the Django app label (default: the app's name)");
            sub.add_option("--app", g.app, "The app (needed when there are several)");
            add_lock_wait(sub, run->wait);
            return [version, from, run, &g] {
              if (from->tool.empty()) {
                if (version->empty()) throw UsageError("baseline needs a VERSION or --from-ledger TOOL", "migrate baseline --help");
                if (from->table || from->django_app) throw UsageError("--table and --django-app go with --from-ledger");
                return run_baseline(*version, *run, g);
              }
              if (!version->empty()) {
                throw UsageError(fmt::format("baseline takes a VERSION or --from-ledger, not both ({} and --from-ledger {})", *version, from->tool));
              }
              if (from->django_app && from->tool != "django") throw UsageError("--django-app goes with --from-ledger django");
              return run_from_ledger(*from, *run, g);
            };
          }};
}

} // namespace migrate::cli
