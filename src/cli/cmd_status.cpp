// migrate status: per app and phase, what is applied, pending, failed or interrupted; drift; backfills;
// and, read only, the bookkeeping of Django and Alembic when they share the database.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/workspace.hpp"
#include "ledger/run_lock.hpp"
#include "util/json_out.hpp"
#include "util/term.hpp"
#include "util/text.hpp"

namespace migrate::cli {

namespace {

using json = nlohmann::ordered_json;

struct Options {
  std::string format = "text";
  bool exit_code = false;
};

util::Style style_of(const std::string& w) {
  if (w == "applied") return util::Style::green;
  if (w == "failed" || w == "interrupted" || w == "file_missing" || w == "forced") return util::Style::red;
  if (w == "running") return util::Style::cyan;
  return util::Style::yellow;
}

json value_or_null(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// Django's and Alembic's own tables, when they are on the search_path: shown, never written.
json bookkeeping(db::Session& s) {
  json out = json::object();
  if (s.query("SELECT to_regclass('django_migrations') IS NOT NULL").rows[0][0] == "t") {
    auto r = s.exec("SELECT count(*)::text, max(applied)::text FROM django_migrations");
    out["django_migrations"] = {{"rows", std::stoll(r.rows[0][0].value_or("0"))}, {"last_applied", value_or_null(r.rows[0][1])}};
  } else {
    out["django_migrations"] = nullptr;
  }
  if (s.query("SELECT to_regclass('alembic_version') IS NOT NULL").rows[0][0] == "t") {
    json heads = json::array();
    for (const auto& row : s.exec("SELECT version_num FROM alembic_version ORDER BY 1").rows) heads.push_back(row[0].value_or(""));
    out["alembic_version"] = heads;
  } else {
    out["alembic_version"] = nullptr;
  }
  return out;
}

struct Counts {
  int pending = 0, drifted = 0, failed = 0, running = 0;
};

// What status says of an app, worked out once; the text and the JSON document are both written from
// it (the text without building the document: with 10,000 steps that took a quarter of the time).
struct StepView {
  const apply::StepState* s;
  std::string status; // pending, applied, running, ...
};
struct MigrationView {
  const apply::StepState* first;
  std::vector<StepView> steps;
};
struct BackfillView {
  std::string version;
  std::size_t row; // in AppView::rows
  std::string status;
};
struct AppView {
  std::string app;
  std::string dir;
  std::vector<MigrationView> migrations;
  std::vector<std::pair<std::string, ledger::Backfill>> rows; // the ledger's backfills
  std::vector<BackfillView> backfills;
  Counts c;
};

AppView app_view(Workspace& ws, const apply::AppState& st, Counts& total) {
  AppView v;
  v.app = st.app;
  Counts& c = v.c;
  for (std::size_t i = 0; i < st.steps.size();) {
    MigrationView m{&st.steps[i], {}};
    for (; i < st.steps.size() && st.steps[i].version == m.first->version; ++i) {
      const auto& s = st.steps[i];
      std::string w = s.status(step_running(ws, s));
      if (w != "applied" && w != "file_missing" && w != "running") ++c.pending;
      if (w == "failed" || w == "interrupted" || w == "forced") ++c.failed;
      if (w == "running") ++c.running;
      // A file gone after it was applied is drift too: apply refuses it until repair or rollback.
      if (s.drifted() || s.file_missing()) ++c.drifted;
      m.steps.push_back({&s, std::move(w)});
    }
    v.migrations.push_back(std::move(m));
  }
  if (ws.ledger_exists) {
    v.rows = ws.ledger->backfills(st.app);
    for (std::size_t r = 0; r < v.rows.size(); ++r) {
      const auto& [version, b] = v.rows[r];
      // One state with its step: a backfill whose step was interrupted or failed (nobody runs it now)
      // is interrupted, whatever its row last said.
      std::string status = b.status;
      if (status == "running") {
        for (const auto& s : st.steps) {
          if (s.version == version && migration::to_string(s.phase) == b.phase && s.status(step_running(ws, s)) != "running") status = "interrupted";
        }
      }
      v.backfills.push_back({version, r, std::move(status)});
    }
  }
  total.pending += c.pending;
  total.drifted += c.drifted;
  total.failed += c.failed;
  total.running += c.running;
  for (const auto& d : ws.dirs) {
    if (d.name == st.app) v.dir = d.shown_dir;
  }
  return v;
}

json app_json(const AppView& v) {
  json migrations = json::array();
  for (const auto& mv : v.migrations) {
    const auto& first = *mv.first;
    json m = {{"version", first.version}, {"name", first.name}, {"file", first.migration ? json(first.migration->path) : json(nullptr)},
              {"steps", json::array()}};
    for (const auto& [sp, w] : mv.steps) {
      const auto& s = *sp;
      json j = {{"phase", migration::to_string(s.phase)}, {"status", w}, {"drift", s.drifted()}};
      j["baseline"] = s.entry && s.entry->baseline;
      j["applied_at"] = s.entry && s.entry->status == "applied" ? value_or_null(s.entry->finished_at) : json(nullptr);
      j["duration_ms"] = s.entry && s.entry->duration_ms ? json(*s.entry->duration_ms) : json(nullptr);
      j["statements_done"] = s.entry ? s.entry->statements_done : 0;
      j["error"] = s.entry ? value_or_null(s.entry->error) : json(nullptr);
      j["rollback"] = s.entry ? json(s.entry->rollback) : s.section ? json(migration::to_string(s.section->rollback)) : json(nullptr);
      j["checks"] = s.section ? s.section->forward.checks.size() : 0;
      j["checks_skipped"] = s.entry && s.entry->status == "applied" && s.entry->skip_checks;
      m["steps"].push_back(std::move(j));
    }
    migrations.push_back(std::move(m));
  }
  json backfills = json::array();
  for (const auto& bv : v.backfills) {
    const auto& b = v.rows[bv.row].second;
    backfills.push_back({{"version", bv.version},      {"table", b.table},
                         {"key", b.key},               {"status", bv.status},
                         {"covered", b.covered},
                         {"rows_done", b.rows_done},   {"rows_estimate", b.rows_estimate},
                         {"batches_done", b.batches_done}, {"shards", b.shards},
                         {"shards_done", b.shards_done}, {"upper_key", value_or_null(b.upper_key)}});
  }
  return {{"app", v.app},           {"dir", v.dir},           {"migrations", migrations}, {"backfills", backfills},
          {"pending", v.c.pending}, {"drifted", v.c.drifted}, {"failed", v.c.failed}};
}

// On a terminal: each migration on one line with its three phases in columns, a symbol and a word
// each (a running backfill with its percent), so where a release stands is seen at a glance.
std::string glance(const AppView& app, bool color) {
  const bool utf8 = util::utf8_locale();
  struct Look {
    const char* symbol;
    const char* ascii;
    util::Style style;
  };
  auto look = [&](const std::string& w) -> Look {
    if (w == "applied") return {"\u2714", "+", util::Style::green};
    if (w == "running") return {"\u25b6", ">", util::Style::cyan};
    if (w == "failed" || w == "interrupted" || w == "file_missing" || w == "forced") return {"\u2718", "x", util::Style::red};
    if (w == "rolled_back") return {"\u21ba", "<", util::Style::yellow};
    return {"\u00b7", ".", util::Style::dim};
  };
  std::map<std::string, std::string> percent; // version -> "42%" of its running backfills
  for (const auto& b : app.backfills) {
    if (b.status == "finished") continue;
    // Of the key range: rows the statement's WHERE skips are covered too.
    percent[b.version] = fmt::format("{:.0f}%{}", 100.0 * app.rows[b.row].second.covered, b.status == "running" || b.status == "interrupted" ? "" : " " + b.status);
  }
  constexpr int kWidth = 18;
  std::string out = fmt::format("  {:<40}", "");
  for (auto p : migration::kPhases) out += fmt::format("  {:<{}}", migration::to_string(p), kWidth);
  out = util::styled(util::trim_right(out), util::Style::dim, color) + "\n";
  for (const auto& m : app.migrations) {
    const std::string& version = m.first->version;
    std::string line = fmt::format("  {:<40}", util::one_line(version + "_" + m.first->name, 40));
    for (auto p : migration::kPhases) {
      const StepView* step = nullptr;
      for (const auto& s : m.steps) {
        if (s.s->phase == p) step = &s;
      }
      if (!step) {
        line += fmt::format("  {:<{}}", "", kWidth);
        continue;
      }
      const std::string& w = step->status;
      std::string word = w == "rolled_back" ? "rolled back" : w == "file_missing" ? "file missing" : w;
      if (p == migration::Phase::migrate && w != "applied" && percent.count(version)) {
        word += " " + percent[version];
      }
      if (step->s->drifted()) word += " (changed)";
      const Look l = look(w);
      const std::string cell = fmt::format("{} {}", utf8 ? l.symbol : l.ascii, word);
      const int shown = static_cast<int>(word.size()) + 2;
      line += "  " + util::styled(cell, l.style, color) + std::string(static_cast<std::size_t>(std::max(0, kWidth - shown)), ' ');
    }
    out += std::string(util::trim_right(line)) + "\n";
  }
  return out;
}

std::string to_text(const std::vector<AppView>& apps, const json& b, bool color, bool terminal) {
  std::string out;
  for (const auto& app : apps) {
    out += fmt::format("{}  {}\n", util::styled(app.app, util::Style::cyan, color), util::styled(app.dir, util::Style::dim, color));
    if (app.migrations.empty()) out += "  (no migrations)\n";
    if (terminal) out += glance(app, color);
    std::vector<std::string> notes;
    for (const auto& m : app.migrations) {
      const std::string name = fmt::format("{}_{}", m.first->version, m.first->name);
      std::string line = fmt::format("  {:<40}", name);
      for (const auto& [sp, w] : m.steps) {
        const auto& s = *sp;
        const bool drift = s.drifted();
        std::string shown = w == "rolled_back" ? "rolled back" : w == "file_missing" ? "file missing" : w;
        if (drift) shown += " (changed)";
        line += fmt::format("  {} {}", migration::to_string(s.phase), util::styled(shown, style_of(w), color));
        const std::string label = fmt::format("{} {}", name, migration::to_string(s.phase));
        if (drift) notes.push_back(label + ": the file changed after it was applied (drift)");
        if (w == "failed") notes.push_back(label + ": failed: " + util::one_line(s.entry && s.entry->error ? *s.entry->error : "", 160));
        if (w == "interrupted") {
          notes.push_back(fmt::format("{}: interrupted after {} statements; apply continues it", label, s.entry ? s.entry->statements_done : 0));
        }
        if (w == "file_missing") {
          notes.push_back(label + ": applied, but its file is gone (drift): restore it, roll it back, or `migrate repair --forget-missing`");
        }
        if (w == "forced") {
          notes.push_back(label + ": rolled back with --force, not undone: apply refuses it until `migrate repair --force` (after undoing it by hand)");
        }
        if (s.entry && s.entry->status == "applied" && s.entry->skip_checks) notes.push_back(label + ": applied with --skip-checks: its checks never ran");
        const std::size_t checks = s.section ? s.section->forward.checks.size() : 0;
        if (checks && w != "applied") notes.push_back(fmt::format("{}: {} check{} run{} after it", label, checks, checks == 1 ? "" : "s", checks == 1 ? "s" : ""));
      }
      if (!terminal) out += line + "\n";
    }
    for (const auto& bv : app.backfills) {
      const auto& bf = app.rows[bv.row].second;
      notes.push_back(fmt::format("backfill {} ({}): {}, {:.0f}% of the key range, {} rows changed (of ~{}) in {} batches, {}/{} shards done",
                                  bf.table, bv.version, bv.status, 100.0 * bf.covered, bf.rows_done, bf.rows_estimate, bf.batches_done,
                                  bf.shards_done, bf.shards));
    }
    for (const auto& n : notes) out += "  " + n + "\n";
    out += fmt::format("  {} pending, {} drifted, {} failed or interrupted\n\n", app.c.pending, app.c.drifted, app.c.failed);
  }
  if (!b["django_migrations"].is_null()) {
    out += fmt::format("django_migrations: {} rows, last applied {} (read only)\n", b["django_migrations"]["rows"].get<long long>(),
                       b["django_migrations"]["last_applied"].is_null() ? "-" : b["django_migrations"]["last_applied"].get<std::string>());
  }
  if (!b["alembic_version"].is_null()) {
    std::string heads;
    for (const auto& h : b["alembic_version"]) heads += (heads.empty() ? "" : ", ") + h.get<std::string>();
    out += fmt::format("alembic_version: {} (read only)\n", heads.empty() ? "empty" : heads);
  }
  return out;
}

int run_status(const Options& o, const Globals& g) {
  Workspace ws = open_workspace(g, {}, Access::read);
  Counts total;
  std::vector<AppView> apps;
  for (const auto& st : ws.states) apps.push_back(app_view(ws, st, total));
  const json b = bookkeeping(ws.session());
  if (o.format == "json") {
    json doc = {{"version", 1}, {"ledger_schema", ws.cfg.ledger_schema()}, {"ledger_exists", ws.ledger_exists}, {"apps", json::array()}};
    for (const auto& v : apps) doc["apps"].push_back(app_json(v));
    doc["pending"] = total.pending;
    doc["drifted"] = total.drifted;
    doc["failed"] = total.failed;
    doc["bookkeeping"] = b;
    fmt::print("{}\n", util::json_document(doc));
  } else {
    fmt::print("{}", to_text(apps, b, util::color_stdout(), util::stdout_is_terminal()));
  }
  // A step another run is applying now is not applied yet.
  if (o.exit_code && (total.pending > 0 || total.drifted > 0 || total.running > 0)) return static_cast<int>(Exit::findings);
  return 0;
}

} // namespace

Command cmd_status() {
  return {"status", "Show each app's steps: applied, pending, failed, drifted; backfills",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
            sub.add_flag("--exit-code", o->exit_code, "Exit 1 when something is pending, running or drifted");
            sub.add_option("--app", g.app, "Only this app");
            return [o, &g] { return run_status(*o, g); };
          }};
}

} // namespace migrate::cli
