// migrate history: what happened to each step, newest first, with who, when and how long.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/workspace.hpp"
#include "util/json_out.hpp"
#include "util/term.hpp"
#include "util/text.hpp"

namespace migrate::cli {

namespace {

using json = nlohmann::ordered_json;

struct Options {
  std::string format = "text";
  int limit = 50;
};

int run_history(const Options& o, const Globals& g) {
  Workspace ws = open_workspace(g, {}, Access::read);
  std::vector<ledger::Event> events;
  if (ws.ledger_exists) {
    for (const auto& st : ws.states) {
      auto more = ws.ledger->events(st.app, o.limit);
      events.insert(events.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  if (static_cast<int>(events.size()) > o.limit) events.resize(static_cast<std::size_t>(o.limit));
  if (o.format == "json") {
    json doc = {{"version", 1}, {"events", json::array()}};
    for (const auto& e : events) {
      doc["events"].push_back({{"app", e.app},
                               {"version", e.version},
                               {"name", e.name},
                               {"phase", e.phase},
                               {"action", e.action},
                               {"at", e.at},
                               {"duration_ms", e.duration_ms ? json(*e.duration_ms) : json(nullptr)},
                               {"applied_by", e.applied_by},
                               {"host", e.host},
                               {"tool_version", e.tool_version},
                               {"detail", e.detail ? json(*e.detail) : json(nullptr)},
                               {"run_id", e.run_id.empty() ? json(nullptr) : json(e.run_id)}});
    }
    fmt::print("{}\n", util::json_document(doc));
    return 0;
  }
  if (events.empty()) {
    fmt::print("No history yet.\n");
    return 0;
  }
  const bool color = util::color_stdout();
  for (const auto& e : events) {
    const util::Style style = e.action == "applied" ? util::Style::green
                              : e.action.find("failed") != std::string::npos ? util::Style::red
                                                                              : util::Style::yellow;
    fmt::print("{}  {} {}_{} {}  {}{}  {}@{}{}{}\n", util::styled(e.at.substr(0, 19), util::Style::dim, color),
               util::styled(e.app, util::Style::cyan, color), e.version, e.name, e.phase, util::styled(e.action, style, color),
               e.duration_ms ? fmt::format(" in {:.1f} s", static_cast<double>(*e.duration_ms) / 1000.0) : "", e.applied_by, e.host,
               e.run_id.empty() ? "" : util::styled(" run " + e.run_id, util::Style::dim, color),
               e.detail ? "  " + util::one_line(*e.detail, 120) : "");
  }
  return 0;
}

} // namespace

Command cmd_history() {
  return {"history", "Show what happened to each step, newest first, with who, when and how long",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}));
            sub.add_option("--limit", o->limit, "At most this many events (default 50)")->check(CLI::PositiveNumber);
            sub.add_option("--app", g.app, "Only this app");
            return [o, &g] { return run_history(*o, g); };
          }};
}

} // namespace migrate::cli
