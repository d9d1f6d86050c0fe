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

json app_json(Workspace& ws, const apply::AppState& st, Counts& total) {
  json migrations = json::array();
  Counts c;
  for (std::size_t i = 0; i < st.steps.size();) {
    const auto& first = st.steps[i];
    json m = {{"version", first.version}, {"name", first.name}, {"file", first.migration ? json(first.migration->path) : json(nullptr)},
              {"steps", json::array()}};
    for (; i < st.steps.size() && st.steps[i].version == first.version; ++i) {
      const auto& s = st.steps[i];
      const std::string w = s.status(step_running(ws, s));
      if (w != "applied" && w != "file_missing" && w != "running") ++c.pending;
      if (w == "failed" || w == "interrupted" || w == "forced") ++c.failed;
      if (w == "running") ++c.running;
      // A file gone after it was applied is drift too: apply refuses it until repair or rollback.
      if (s.drifted() || s.file_missing()) ++c.drifted;
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
  if (ws.ledger_exists) {
    for (const auto& [version, b] : ws.ledger->backfills(st.app)) {
      // One state with its step: a backfill whose step was interrupted or failed (nobody runs it now)
      // is interrupted, whatever its row last said.
      std::string status = b.status;
      if (status == "running") {
        for (const auto& s : st.steps) {
          if (s.version == version && migration::to_string(s.phase) == b.phase && s.status(step_running(ws, s)) != "running") status = "interrupted";
        }
      }
      backfills.push_back({{"version", version},         {"table", b.table},
                           {"key", b.key},               {"status", status},
                           {"covered", b.covered},
                           {"rows_done", b.rows_done},   {"rows_estimate", b.rows_estimate},
                           {"batches_done", b.batches_done}, {"shards", b.shards},
                           {"shards_done", b.shards_done}, {"upper_key", value_or_null(b.upper_key)}});
    }
  }
  total.pending += c.pending;
  total.drifted += c.drifted;
  total.failed += c.failed;
  total.running += c.running;
  std::string dir;
  for (const auto& d : ws.dirs) {
    if (d.name == st.app) dir = d.shown_dir;
  }
  return {{"app", st.app},        {"dir", dir},           {"migrations", migrations}, {"backfills", backfills},
          {"pending", c.pending}, {"drifted", c.drifted}, {"failed", c.failed}};
}

// On a terminal: each migration on one line with its three phases in columns, a symbol and a word
// each (a running backfill with its percent), so where a release stands is seen at a glance.
std::string glance(const json& app, bool color) {
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
  for (const auto& b : app["backfills"]) {
    if (b["status"] == "finished") continue;
    // Of the key range: rows the statement's WHERE skips are covered too.
    percent[b["version"].get<std::string>()] = fmt::format("{:.0f}%{}", 100.0 * b["covered"].get<double>(),
                                                          b["status"] == "running" || b["status"] == "interrupted" ? "" : " " + b["status"].get<std::string>());
  }
  constexpr int kWidth = 18;
  std::string out = fmt::format("  {:<40}", "");
  for (auto p : migration::kPhases) out += fmt::format("  {:<{}}", migration::to_string(p), kWidth);
  out = util::styled(util::trim_right(out), util::Style::dim, color) + "\n";
  for (const auto& m : app["migrations"]) {
    const std::string version = m["version"].get<std::string>();
    std::string line = fmt::format("  {:<40}", util::one_line(version + "_" + m["name"].get<std::string>(), 40));
    for (auto p : migration::kPhases) {
      const json* step = nullptr;
      for (const auto& s : m["steps"]) {
        if (s["phase"] == migration::to_string(p)) step = &s;
      }
      if (!step) {
        line += fmt::format("  {:<{}}", "", kWidth);
        continue;
      }
      const std::string w = (*step)["status"].get<std::string>();
      std::string word = w == "rolled_back" ? "rolled back" : w == "file_missing" ? "file missing" : w;
      if (p == migration::Phase::migrate && w != "applied" && percent.count(version)) {
        word += " " + percent[version];
      }
      if ((*step)["drift"].get<bool>()) word += " (changed)";
      const Look l = look(w);
      const std::string cell = fmt::format("{} {}", utf8 ? l.symbol : l.ascii, word);
      const int shown = static_cast<int>(word.size()) + 2;
      line += "  " + util::styled(cell, l.style, color) + std::string(static_cast<std::size_t>(std::max(0, kWidth - shown)), ' ');
    }
    out += std::string(util::trim_right(line)) + "\n";
  }
  return out;
}

std::string to_text(const json& doc, bool color, bool terminal) {
  std::string out;
  for (const auto& app : doc["apps"]) {
    out += fmt::format("{}  {}\n", util::styled(app["app"].get<std::string>(), util::Style::cyan, color),
                       util::styled(app["dir"].get<std::string>(), util::Style::dim, color));
    if (app["migrations"].empty()) out += "  (no migrations)\n";
    if (terminal) out += glance(app, color);
    std::vector<std::string> notes;
    for (const auto& m : app["migrations"]) {
      std::string line = fmt::format("  {:<40}", fmt::format("{}_{}", m["version"].get<std::string>(), m["name"].get<std::string>()));
      for (const auto& s : m["steps"]) {
        std::string w = s["status"].get<std::string>();
        std::string shown = w == "rolled_back" ? "rolled back" : w == "file_missing" ? "file missing" : w;
        if (s["drift"].get<bool>()) shown += " (changed)";
        line += fmt::format("  {} {}", s["phase"].get<std::string>(), util::styled(shown, style_of(w), color));
        const std::string label = fmt::format("{}_{} {}", m["version"].get<std::string>(), m["name"].get<std::string>(),
                                              s["phase"].get<std::string>());
        if (s["drift"].get<bool>()) notes.push_back(label + ": the file changed after it was applied (drift)");
        if (w == "failed") notes.push_back(label + ": failed: " + util::one_line(s["error"].is_null() ? "" : s["error"].get<std::string>(), 160));
        if (w == "interrupted") {
          notes.push_back(fmt::format("{}: interrupted after {} statements; apply continues it", label, s["statements_done"].get<int>()));
        }
        if (w == "file_missing") {
          notes.push_back(label + ": applied, but its file is gone (drift): restore it, roll it back, or `migrate repair --forget-missing`");
        }
        if (w == "forced") {
          notes.push_back(label + ": rolled back with --force, not undone: apply refuses it until `migrate repair --force` (after undoing it by hand)");
        }
        if (s["checks_skipped"].get<bool>()) notes.push_back(label + ": applied with --skip-checks: its checks never ran");
        const auto checks = s["checks"].get<std::size_t>();
        if (checks && w != "applied") notes.push_back(fmt::format("{}: {} check{} run{} after it", label, checks, checks == 1 ? "" : "s", checks == 1 ? "s" : ""));
      }
      if (!terminal) out += line + "\n";
    }
    for (const auto& b : app["backfills"]) {
      notes.push_back(fmt::format("backfill {} ({}): {}, {:.0f}% of the key range, {} rows changed (of ~{}) in {} batches, {}/{} shards done",
                                  b["table"].get<std::string>(), b["version"].get<std::string>(), b["status"].get<std::string>(),
                                  100.0 * b["covered"].get<double>(), b["rows_done"].get<long long>(), b["rows_estimate"].get<long long>(),
                                  b["batches_done"].get<long long>(), b["shards_done"].get<int>(), b["shards"].get<int>()));
    }
    for (const auto& n : notes) out += "  " + n + "\n";
    out += fmt::format("  {} pending, {} drifted, {} failed or interrupted\n\n", app["pending"].get<int>(), app["drifted"].get<int>(),
                       app["failed"].get<int>());
  }
  const auto& b = doc["bookkeeping"];
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
  json doc = {{"version", 1}, {"ledger_schema", ws.cfg.ledger_schema()}, {"ledger_exists", ws.ledger_exists}, {"apps", json::array()}};
  Counts total;
  for (const auto& st : ws.states) doc["apps"].push_back(app_json(ws, st, total));
  doc["pending"] = total.pending;
  doc["drifted"] = total.drifted;
  doc["failed"] = total.failed;
  doc["bookkeeping"] = bookkeeping(ws.session());
  if (o.format == "json") fmt::print("{}\n", util::json_document(doc));
  else fmt::print("{}", to_text(doc, util::color_stdout(), util::stdout_is_terminal()));
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
