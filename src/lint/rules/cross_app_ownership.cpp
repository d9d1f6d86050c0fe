#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

namespace {
// Shell-style match with * only: "public.auth_*" matches "public.auth_user".
bool glob(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (glob(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() && glob(pattern.substr(1), text.substr(1));
}

// The tables a statement's foreign keys reference (every "pktable" in its tree).
void referenced(const Node& node, std::vector<std::string>& out) {
  if (const Node* pk = node.find("pktable")) out.push_back(sql::qualified(*pk));
  for (const auto& child : node) referenced(child, out);
}

std::vector<std::string> touched(const StatementContext& c) {
  std::vector<std::string> out;
  // A foreign key to another app's table depends on it and locks it briefly, but changes nothing the
  // owner's code relies on: not a change of that table.
  std::vector<std::string> refs;
  referenced(c.body, refs);
  for (const auto& fx : c.effects) {
    // Reading another app's table (INSERT ... SELECT, CREATE TABLE AS) does not change it either.
    if (fx.lock != Lock::none && std::find(refs.begin(), refs.end(), fx.table) == refs.end()) out.push_back(fx.table);
  }
  // Dropping one's own table drops the triggers its foreign keys put on the referenced tables: also no change of theirs.
  if (c.kind == "DropStmt" && c.body.value("removeType", "") == "OBJECT_TABLE") out.clear();
  if (c.body.contains("relation")) out.push_back(sql::qualified(get(c.body, "relation")));
  if (c.kind == "DropStmt" && c.body.value("removeType", "") == "OBJECT_TABLE") {
    for (const auto& obj : get(c.body, "objects")) {
      auto parts = sql::strings(get(obj, "List").value("items", Node::empty_array()));
      if (!parts.empty()) out.push_back(sql::qualified_name(parts));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
} // namespace

Rule cross_app_ownership() {
  return {"cross-app-ownership", Severity::error, "a statement on an object another app owns",
          R"(Problem: a migration of one app changes a table that migrate.toml gives to another app
([apps.X] owns = [...]).
Why: the apps release independently; the owner's code and migrations assume they alone change the
table, so a change from elsewhere can break the owner's running code or its next migration.
Instead of: (in migrations/fastapi) ALTER TABLE auth_user ADD COLUMN api_key text;
Use: make the change in the owning app's migrations (migrations/django), and release it there.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.owners.empty() || c.app.empty()) return; // standard input of no named app: not known whose it is
            for (const auto& table : touched(c)) {
              const Owner* owner = nullptr;
              bool mine = false;
              for (const auto& o : c.owners) {
                if (!glob(o.pattern, table)) continue;
                if (o.app == c.app) mine = true;
                else if (!owner) owner = &o;
              }
              if (owner && !mine) {
                out.report(fmt::format("{} belongs to app {} ({}), not to {}", shown(table), owner->app, owner->pattern, c.app),
                           fmt::format("make this change in app {}'s migrations", owner->app));
              }
            }
          }};
}

} // namespace migrate::lint::rules
