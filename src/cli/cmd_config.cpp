// migrate config show: every value and where it came from, passwords as ***.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "db/conninfo.hpp"
#include "util/json_out.hpp"
#include "util/term.hpp"
#include "util/text.hpp"

#include <set>
#include <unistd.h>

namespace migrate::cli {

namespace {

std::string shown_value(std::string_view key, const config::Setting& s) {
  // The URL as libpq reads it, rebuilt with its password as ***.
  return key == "database.url" && s.value != config::kEphemeral ? db::mask_conninfo(s.value) : s.value;
}

// Every placeholder and its value: those of [placeholders] (or the environment's for the same name), then
// those only the environment gives.
std::vector<std::pair<std::string, config::Setting>> placeholders(const config::Config& cfg) {
  std::vector<std::pair<std::string, config::Setting>> out;
  std::set<std::string> seen;
  for (const auto& [name, setting] : cfg.placeholders) {
    out.emplace_back(name, cfg.placeholder(name).value_or(setting));
    seen.insert(util::to_upper(name));
  }
  constexpr std::string_view kPrefix = "MIGRATE_PLACEHOLDER_";
  for (char** e = environ; e && *e; ++e) {
    std::string_view var(*e);
    if (!var.starts_with(kPrefix)) continue;
    const auto eq = var.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(var.substr(kPrefix.size(), eq - kPrefix.size()));
    if (name.empty() || !seen.insert(util::to_upper(name)).second) continue;
    if (auto s = cfg.placeholder(name)) out.emplace_back(name, *s);
  }
  return out;
}

int show(const Globals& g, const std::string& format) {
  config::Config cfg = g.load_config();
  auto env = config::process_env();
  auto pg = config::libpq_environment(env);
  if (format == "json") {
    nlohmann::ordered_json out = {{"version", 1},
                          {"file", cfg.file ? nlohmann::ordered_json(cfg.file->string()) : nlohmann::ordered_json(nullptr)},
                          {"settings", nlohmann::ordered_json::array()},
                          {"apps", nlohmann::ordered_json::array()},
                          {"libpq_environment", nlohmann::ordered_json::object()}};
    for (const auto& k : config::keys()) {
      const auto& s = cfg.get(k.name);
      out["settings"].push_back({{"key", k.name},
                                 {"value", shown_value(k.name, s)},
                                 {"source", config::to_string(s.origin.source)},
                                 {"origin", s.origin.detail}});
    }
    for (const auto& a : cfg.apps) {
      out["apps"].push_back({{"name", a.name}, {"dir", a.dir_shown}, {"owns", a.owns}, {"origin", a.origin.str()}});
    }
    out["placeholders"] = nlohmann::ordered_json::array();
    for (const auto& [name, s] : placeholders(cfg)) {
      out["placeholders"].push_back({{"name", name}, {"value", s.value}, {"source", config::to_string(s.origin.source)}, {"origin", s.origin.detail}});
    }
    for (const auto& [k, v] : pg) out["libpq_environment"][k] = v;
    fmt::print("{}\n", util::json_document(out));
    return 0;
  }
  const bool color = util::color_stdout();
  fmt::print("{} {}\n", util::styled("# configuration file:", util::Style::dim, color),
             cfg.file ? cfg.file->string() : "none (defaults, environment and flags only)");
  for (const auto& k : config::keys()) {
    const auto& s = cfg.get(k.name);
    std::string value = shown_value(k.name, s);
    if (k.name == "database.url" && value.empty()) {
      value = pg.empty() ? "(libpq defaults: local socket, your user name)" : "(libpq's PG* variables below)";
    }
    fmt::print("{} = {}  {}\n", k.name, value, util::styled("# " + s.origin.str(), util::Style::dim, color));
  }
  if (cfg.apps.empty()) {
    fmt::print("{}\n", util::styled("# no apps: declare [apps.NAME] or create migrations/NAME/", util::Style::dim, color));
  }
  for (const auto& a : cfg.apps) {
    std::string origin = a.origin.detail.empty() ? cfg.apps_origin.str() : a.origin.str();
    fmt::print("apps.{}.dir = {}  {}\n", a.name, a.dir_shown, util::styled("# " + origin, util::Style::dim, color));
    if (!a.owns.empty()) fmt::print("apps.{}.owns = [{}]\n", a.name, fmt::join(a.owns, ", "));
  }
  for (const auto& [name, s] : placeholders(cfg)) {
    fmt::print("placeholders.{} = {}  {}\n", name, s.value, util::styled("# " + s.origin.str(), util::Style::dim, color));
  }
  for (const auto& [k, v] : pg) {
    fmt::print("{}={}  {}\n", k, v, util::styled("# environment (libpq)", util::Style::dim, color));
  }
  return 0;
}

} // namespace

Command cmd_config() {
  return {"config", "Show the configuration and where each value came from",
          [](CLI::App& sub, Globals& g) -> Runner {
            sub.require_subcommand(1, 1);
            auto format = std::make_shared<std::string>("text");
            CLI::App* show_cmd = sub.add_subcommand("show", "Print every setting, its value and its origin");
            show_cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
            return [format, &g] { return show(g, *format); };
          }};
}

} // namespace migrate::cli
