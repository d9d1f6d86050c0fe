// migrate verify: on a throwaway database, every step is applied, rolled back, compared with the catalog
// before it and applied again, and each statement's real locks are set beside the linter's.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "apply/checks.hpp"
#include "cli/workspace.hpp"
#include "db/session.hpp"
#include "lint/live.hpp"
#include "migration/discover.hpp"
#include "migration/filename.hpp"
#include "sql/quote.hpp"
#include "util/duration.hpp"
#include "util/file.hpp"
#include "util/json_out.hpp"
#include "util/log.hpp"
#include "util/term.hpp"
#include "util/text.hpp"
#include "verify/convergence.hpp"
#include "verify/report.hpp"
#include "verify/snapshot.hpp"
#include "verify/trace.hpp"
#include "verify/window.hpp"

namespace migrate::cli {

namespace {

constexpr std::string_view kVerifyLedger = "migrate_verify_ledger";

struct Options {
  bool no_window = false;
  std::vector<std::string> seeds;
  std::optional<std::string> to;
  std::string format = "text";
};

// --seed FILE (before the first migration) or --seed VERSION=FILE (right after that migration's first
// phase is verified, so that its rows meet the phases and migrations after it).
struct Seed {
  std::optional<std::string> after;
  std::string path;  // as given, for messages
  std::string file;  // where it is read from
  std::string sql;
};

// The --seed arguments, or else [verify] seed (its file relative to migrate.toml).
std::vector<Seed> read_seeds(const std::vector<std::string>& flags, const config::Config& cfg) {
  std::vector<std::string> args = flags;
  const auto& configured = cfg.get("verify.seed");
  const bool from_config = args.empty() && !configured.value.empty();
  // [verify] seed may name several, separated by commas.
  if (from_config) {
    std::string_view rest = configured.value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (auto t = util::trim(rest.substr(0, comma)); !t.empty()) args.emplace_back(t);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  std::vector<Seed> out;
  for (const auto& arg : args) {
    Seed s;
    s.path = arg;
    if (auto eq = arg.find('='); eq != std::string::npos && eq > 0 &&
                                 arg.find_first_not_of("0123456789") == eq) {
      s.after = arg.substr(0, eq);
      s.path = arg.substr(eq + 1);
    }
    s.file = s.path;
    if (from_config && std::filesystem::path(s.path).is_relative()) s.file = (cfg.base / s.path).lexically_normal().string();
    std::string why; // a FIFO or a device is refused, not read: it could hang
    auto text = util::read_regular_file(s.file, &why);
    if (!text) throw UsageError(fmt::format("{} {}: cannot read {}: {}", from_config ? "[verify] seed =" : "--seed", arg, s.file, why));
    s.sql = std::move(*text);
    out.push_back(std::move(s));
  }
  return out;
}

void load_seed(db::Session& session, const Seed& seed) {
  log::info("loading the seed {}", seed.path);
  try {
    session.exec(seed.sql);
  } catch (const DatabaseError& e) {
    throw DatabaseError(fmt::format("seed {}: {}", seed.path, e.what()), e.sqlstate(), "nothing of the seed was loaded; fix it and run verify again");
  }
}

// A database of verify's own on the server --database names, dropped when verify ends.
class ScratchDatabase {
public:
  explicit ScratchDatabase(std::string url) : url_(std::move(url)), admin_(db::connect(url_)) {
    name_ = fmt::format("migrate_verify_{}_{:06x}", ::getpid(), std::random_device{}() & 0xffffff);
    try {
      admin_->exec("CREATE DATABASE " + sql::quote_ident(name_));
    } catch (const DatabaseError& e) {
      throw DatabaseError(fmt::format("verify could not create its scratch database on {}: {}", db::describe(url_), e.what()), e.sqlstate(),
                          "the role needs CREATEDB there; or leave out --database, and verify starts a throwaway server");
    }
    log::info("created the scratch database {} on {}", name_, db::describe(url_));
  }
  ~ScratchDatabase() {
    try {
      // WITH (FORCE) (every supported server has it): backfill workers may still be leaving.
      admin_->exec("DROP DATABASE IF EXISTS " + sql::quote_ident(name_) + " WITH (FORCE)");
      log::info("dropped the scratch database {}", name_);
    } catch (const std::exception& e) {
      log::warn("could not drop the scratch database {}: {}; drop it by hand", name_, e.what());
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  [[nodiscard]] std::string conninfo() const { return db::with_database(url_, name_); }
  [[nodiscard]] std::string description() const { return fmt::format("the scratch database {} on {}", name_, db::describe(url_)); }

private:
  std::string url_;
  std::unique_ptr<db::Session> admin_;
  std::string name_;
};

class Verifier {
public:
  Verifier(Workspace& ws, apply::Executor& executor, verify::Tracer& tracer)
      : ws_(ws), executor_(executor), tracer_(tracer), skip_{ws.cfg.ledger_schema()},
        pg_version_(ws.session().version().lint_version()) {}

  // Steps to go, for the progress lines.
  int total = 0;
  // Write as the old release would between a migration's phases (--no-window: off).
  bool window = true;

  verify::StepReport step(const migration::Migration& m, const migration::Section& s) {
    verify::StepReport rep;
    rep.migration = &m;
    rep.phase = s.phase;
    ++done_;
    const nlohmann::json fields = {{"event", "verify_step"}, {"app", m.app},   {"version", m.version},
                                   {"phase", migration::to_string(s.phase)}, {"step", done_}, {"steps", total}};
    log::emit(log::Level::info, fmt::format("verifying {} {} ({}), step {} of {}", m.app, m.id(), migration::to_string(s.phase), done_, total),
              &fields);
    const auto started = std::chrono::steady_clock::now();
    // The columns the old release knows: the tables this migration changes, as they are before it.
    if (window && &s == &m.sections.front() && m.sections.size() > 1) {
      old_columns_[&m] = verify::columns_now(ws_.session(), verify::tables_changed(m));
      auto& rehearsal = rehearsals_[&m];
      for (auto& w : verify::write_as_old_release(ws_.session(), old_columns_[&m], ++pass_, true)) rehearsal[w.table] = std::move(w);
    }
    // Before contract: what the earlier phases promised about the data, once more.
    if (s.phase == migration::Phase::contract) data_checks(m, s.phase, "before contract", rep);
    round_trip(m, s, rep);
    if (rep.result != verify::Result::apply_failed && rep.result != verify::Result::reapply_failed && s.phase != migration::Phase::contract) {
      data_checks(m, migration::Phase(static_cast<int>(s.phase) + 1), fmt::format("after {}", migration::to_string(s.phase)), rep, s.phase);
      if (window && &s != &m.sections.back()) old_release_writes(m, s, rep);
    }
    rep.duration_ms = util::elapsed_ms(started);
    return rep;
  }

  // The exit code of the first step that failed to apply, if one did.
  [[nodiscard]] std::optional<Exit> failure() const { return failure_; }

private:
  // Apply, snapshot, roll back, compare, apply again, compare; what happened goes into `rep`.
  void round_trip(const migration::Migration& m, const migration::Section& s, verify::StepReport& rep) {
    const std::string label = fmt::format("{} ({})", m.id(), migration::to_string(s.phase));
    const verify::Snapshot before = verify::take(ws_.session(), skip_);
    expect(m, s, rep);

    tracer_.traces.clear();
    tracer_.on = true;
    auto failed = part([&] { rep.rows = executor_.apply(state(m, s.phase)).rows; });
    tracer_.on = false;
    attach_traces(rep);
    if (failed) {
      rep.result = verify::Result::apply_failed;
      rep.error = failed->what();
      if (!failure_) failure_ = failed->code();
      return;
    }
    const verify::Snapshot applied = verify::take(ws_.session(), skip_);
    if (s.rollback != migration::Rollback::present) {
      rep.result = s.rollback == migration::Rollback::irreversible ? verify::Result::irreversible : verify::Result::no_rollback;
      return;
    }
    if ((failed = part([&] { executor_.rollback(state(m, s.phase)); }))) {
      rep.result = verify::Result::rollback_failed;
      rep.error = fmt::format("the rollback of {} failed: {}", label, failed->what());
      return;
    }
    for (const auto& d : verify::compare(before, verify::take(ws_.session(), skip_))) {
      rep.differences.push_back(d.sentence("after rolling back " + label, true));
    }
    if ((failed = part([&] { executor_.apply(state(m, s.phase)); }))) {
      rep.result = verify::Result::reapply_failed;
      rep.error = fmt::format("applying {} again after its rollback failed: {}", label, failed->what());
      return;
    }
    for (const auto& d : verify::compare(applied, verify::take(ws_.session(), skip_))) {
      rep.differences.push_back(d.sentence(fmt::format("after applying {} again", label), false));
    }
    rep.result = rep.differences.empty() ? verify::Result::round_trip : verify::Result::different;
  }

  // The convergence of every backfill, and every -- migrate:check, of m's sections before `upto` (only
  // those of `only` when given), into rep.data.
  void data_checks(const migration::Migration& m, migration::Phase upto, const std::string& when, verify::StepReport& rep,
                   std::optional<migration::Phase> only = std::nullopt) {
    for (const auto& sec : m.sections) {
      if (sec.phase >= upto || (only && sec.phase != *only)) continue;
      for (const auto& st : sec.forward.statements) {
        if (!st.backfill) continue;
        auto plan = verify::convergence_plan(st);
        // Several backfills of one column split the rows between them by their predicates: each one's
        // count over the whole table would blame it for the others' rows.
        for (const auto& other_sec : m.sections) {
          for (const auto& other : other_sec.forward.statements) {
            if (!other.backfill || &other == &st || !plan.skip.empty()) continue;
            const auto o = verify::convergence_plan(other);
            if (o.table != plan.table) continue;
            for (const auto& [c, e] : o.sets) {
              if (std::any_of(plan.sets.begin(), plan.sets.end(), [&](const auto& mine) { return mine.first == c; })) {
                plan.skip = fmt::format("the backfill at line {} sets {} too (they split the rows between them)", other.where.line, c);
              }
            }
          }
        }
        verify::DataCheck d;
        d.what = fmt::format("convergence of {} (line {})", plan.what(), st.where.line);
        d.when = when;
        try {
          auto r = verify::count_divergent(ws_.session(), plan);
          if (!r.skipped.empty()) {
            d.skipped = true;
            d.detail = "not counted: " + r.skipped;
          } else if (r.rows == 0) {
            d.detail = "every row has the value the backfill sets";
          } else {
            d.failed = true;
            d.detail = fmt::format("{} row{} differ{} from what the backfill sets (keys {}{}); likely cause: {}", r.rows, r.rows == 1 ? "" : "s",
                                   r.rows == 1 ? "s" : "", fmt::join(r.samples, ", "), r.rows > static_cast<long long>(r.samples.size()) ? ", ..." : "",
                                   r.cause);
          }
        } catch (const DatabaseError& e) {
          d.failed = true;
          d.detail = fmt::format("the count failed: {}", util::one_line(e.what(), 200));
        }
        rep.data.push_back(std::move(d));
      }
      for (const auto& c : sec.forward.checks) {
        verify::DataCheck d;
        d.what = apply::check_label(c);
        d.when = when;
        try {
          apply::RetryPolicy policy;
          policy.lock_timeout = util::Duration{10000};
          policy.retries = 0;
          if (auto f = apply::run_checks_alone(ws_.session(), {&c}, policy)) {
            d.failed = true;
            d.detail = fmt::format("{} row{} break{} it; first: {}", f->rows, f->rows == 1 ? "" : "s", f->rows == 1 ? "s" : "",
                                   fmt::join(f->samples, ", "));
          } else {
            d.detail = "no row breaks it";
          }
        } catch (const DatabaseError& e) {
          d.failed = true;
          d.detail = fmt::format("the check failed to run: {}", util::one_line(e.what(), 200));
        }
        rep.data.push_back(std::move(d));
      }
    }
  }

  // Between this phase and the next, the old release keeps writing: as it would, with the columns it
  // knows; a write that fails would fail in production too.
  void old_release_writes(const migration::Migration& m, const migration::Section& s, verify::StepReport& rep) {
    auto it = old_columns_.find(&m);
    if (it == old_columns_.end() || it->second.empty()) return;
    for (auto& w : verify::write_as_old_release(ws_.session(), it->second, ++pass_, false, &rehearsals_[&m])) {
      verify::DataCheck d;
      d.what = fmt::format("window: the old release writes {}", w.shown);
      d.when = fmt::format("after {}", migration::to_string(s.phase));
      if (!w.error.empty()) {
        d.failed = true;
        d.detail = w.error;
      } else {
        d.detail = fmt::format("{} row{} inserted and {} changed, with only the columns it knows{}", w.inserted, w.inserted == 1 ? "" : "s",
                               w.updated, w.note.empty() ? "" : "; " + w.note);
        d.skipped = w.inserted == 0 && w.updated == 0;
      }
      rep.data.push_back(std::move(d));
    }
  }

  // Runs one part of a round trip: the error it stopped with, if it did (an interruption goes on up).
  static std::optional<Error> part(const std::function<void()>& run) {
    try {
      run();
      return std::nullopt;
    } catch (const Interrupted&) {
      throw;
    } catch (const Error& e) {
      return Error(e.code(), e.what());
    }
  }

  // The step as the ledger has it now.
  apply::StepState state(const migration::Migration& m, migration::Phase phase) {
    auto st = apply::app_state(m.app, ws_.migrations, ws_.ledger->entries(m.app));
    for (auto& s : st.steps) {
      if (s.version == m.version && s.phase == phase) return s;
    }
    throw Error(Exit::input, fmt::format("{}: no {} step", m.path, migration::to_string(phase)));
  }

  // What the linter expects of each statement: the live catalog, replayed through the section.
  void expect(const migration::Migration& m, const migration::Section& s, verify::StepReport& rep) {
    lint::Catalog catalog = lint::read_live_catalog(ws_.session());
    int tx = 0;
    for (const auto& st : s.forward.statements) {
      verify::StatementReport r;
      r.statement = &st;
      r.expected = lint::run_effects(st.node, catalog, pg_version_);
      catalog.apply(st.node, {m.id(), ++tx});
      rep.statements.push_back(std::move(r));
    }
  }

  void attach_traces(verify::StepReport& rep) {
    for (auto& r : rep.statements) {
      auto it = tracer_.traces.find(r.statement);
      if (it == tracer_.traces.end()) continue;
      r.trace = it->second;
      const std::string& kind = r.statement->kind;
      r.disagreements = verify::disagreements(*r.trace, r.expected, kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt");
      // Of the locks held earlier in its transaction, the ones on tables it is expected to lock matter.
      std::erase_if(r.trace->held, [&](const verify::RelationLock& l) {
        return std::none_of(r.expected.begin(), r.expected.end(), [&](const lint::Effect& e) { return e.table == l.relation; });
      });
    }
  }

  Workspace& ws_;
  apply::Executor& executor_;
  verify::Tracer& tracer_;
  std::set<std::string> skip_;
  int pg_version_;
  std::optional<Exit> failure_;
  int done_ = 0;
  std::map<const migration::Migration*, std::map<std::string, std::vector<std::string>>> old_columns_;
  std::map<const migration::Migration*, std::map<std::string, verify::WindowWrites>> rehearsals_; // before the expand
  int pass_ = 0;
};

int run_verify(const Options& o, const Globals& g) {
  const auto started = std::chrono::steady_clock::now();
  const config::Config cfg = g.load_config();
  const auto seeds = read_seeds(o.seeds, cfg);
  Globals target = g;
  std::optional<ScratchDatabase> scratch;
  if (!g.database || *g.database == config::kEphemeral) {
    target.database = std::string(config::kEphemeral);
  } else {
    // The files first: bad input stops verify before it creates anything on the server.
    migration::load_apps(cfg.app_dirs(g.app));
    scratch.emplace(*g.database);
    target.database = scratch->conninfo();
  }
  // The ledger of the scratch database lives in a schema of its own, apart from anything a migration
  // makes (even with [ledger] schema = "public"), so that snapshots leave out just the ledger.
  config::Overrides ledger;
  ledger.flags["ledger.schema"] = {std::string(kVerifyLedger), "verify"};
  Workspace ws = open_workspace(target, ledger, Access::write);
  const auto to = check_version(ws, o.to, "--to");
  for (const auto& s : seeds) check_version(ws, s.after, "--seed");

  verify::Report report;
  report.database = scratch ? scratch->description() : "a throwaway PostgreSQL";
  report.server_version = std::string(util::trim(ws.session().exec("SHOW server_version").rows.at(0).at(0).value_or("?")));
  report.server_version = report.server_version.substr(0, report.server_version.find(' '));

  apply::Settings settings = executor_settings(ws, false, false);
  settings.skip_checks = true; // verify runs them itself, and reports them with the convergence counts
  verify::Tracer tracer(ws.session(), settings.backfill.connect, {ws.cfg.ledger_schema()});
  settings.watcher = &tracer;
  apply::Executor executor(ws.session(), *ws.ledger, settings);
  Verifier verifier(ws, executor, tracer);
  verifier.window = !o.no_window;

  for (const auto& s : seeds) {
    if (s.after) continue;
    load_seed(ws.session(), s);
    report.seeds.push_back(s.path + ", before the first migration");
  }
  // The steps in the order apply runs them (app by app, each app's by version and phase): the order
  // they will meet each other in production, computed where apply computes it.
  apply::Selection all;
  all.to = to;
  const std::vector<const apply::StepState*> order = apply::run_order(ws.states, all);
  verifier.total = static_cast<int>(order.size());
  std::map<std::string, std::pair<std::string, int>> stopped; // app -> (why, steps left out)
  for (const auto* st : order) {
    const auto& m = *st->migration;
    if (auto it = stopped.find(m.app); it != stopped.end()) {
      ++it->second.second;
      continue;
    }
    auto rep = verifier.step(m, *st->section);
    const bool stop = rep.result == verify::Result::apply_failed || rep.result == verify::Result::reapply_failed;
    const std::string label = fmt::format("{} ({})", m.id(), migration::to_string(st->phase));
    report.steps.push_back(std::move(rep));
    if (stop) {
      stopped[m.app] = {label, 0};
      continue;
    }
    if (st->section == &m.sections.front()) {
      for (const auto& s : seeds) {
        if (!s.after || *s.after != m.version) continue;
        load_seed(ws.session(), s);
        report.seeds.push_back(fmt::format("{}, after {}", s.path, label));
      }
    }
  }
  for (const auto& [app, why] : stopped) {
    if (why.second > 0) {
      report.not_verified.push_back(fmt::format("{}: {} step{} after {}, which failed", app, why.second, why.second == 1 ? "" : "s", why.first));
    }
  }
  report.duration_ms = util::elapsed_ms(started);

  if (o.format == "json") fmt::print("{}\n", util::json_document(verify::to_json(report)));
  else fmt::print("{}", verify::to_text(report, util::color_stdout()));
  std::fflush(stdout);
  if (verifier.failure()) return static_cast<int>(*verifier.failure());
  return report.failures() > 0 ? static_cast<int>(Exit::findings) : 0;
}

} // namespace

Command cmd_verify() {
  return {"verify", "Apply, roll back and re-apply every step on a throwaway database; trace each statement's locks",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--seed", o->seeds,
                           "SQL to load first, or VERSION=FILE to load right after that migration's first phase "
                           "(repeatable; default: [verify] seed)");
            sub.add_option("--to", o->to, "Up to and including this version");
            sub.add_option("--app", g.app, "Only this app");
            sub.add_flag("--no-window", o->no_window, "Do not write as the old release would between a migration's phases");
            sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
            sub.footer("Runs on a throwaway PostgreSQL unless --database URL is given; then on a scratch database it creates "
                       "on that server and drops afterwards. Exit 1 when a rollback does not restore the catalog.");
            return [o, &g] { return run_verify(*o, g); };
          }};
}

} // namespace migrate::cli
