// Every rule of the catalogue against its own SQL in tests/lint/<rule-id>/: fire.sql must produce a
// finding of the rule on exactly the lines marked "-- fires" (or the line after "-- fires-next"), and
// ok.sql none at all. setup.sql, when there, is an earlier migration (its tables exist already).
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "helpers.hpp"
#include "lint/engine.hpp"
#include "lint/rule.hpp"
#include "migration/parse.hpp"
#include "util/text.hpp"

using namespace migrate;
using test::slurp;
namespace fs = std::filesystem;

namespace {

// The lines marked "-- fires" (a finding at the rule's severity), or "-- warns" (a warning of a rule
// that is otherwise an error: lowered because what decides it cannot be seen).
std::set<int> marked_lines(const std::string& text, std::string_view mark = "-- fires") {
  std::set<int> lines;
  const std::string next = std::string(mark) + "-next";
  auto all = util::split_lines(text);
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::string_view l = all[i];
    if (util::trim(l) == next) lines.insert(static_cast<int>(i) + 2);
    else if (l.find(mark) != std::string_view::npos && util::trim(l) != next) lines.insert(static_cast<int>(i) + 1);
  }
  return lines;
}

std::string marker(const std::string& text, const std::string& key) {
  std::smatch m;
  std::regex re("-- " + key + ": *([^\\n\\r]+)");
  return std::regex_search(text, m, re) ? std::string(util::trim(m[1].str())) : std::string();
}

// The lines of `rule`'s findings when linting (setup, then) file: at the rule's own severity, or
// (lowered) at the other.
std::set<int> findings(const std::string& rule, const fs::path& dir, const std::string& file, bool lowered = false) {
  const std::string text = slurp(dir / file);
  lint::Options options;
  if (auto v = marker(text, "pg-version"); !v.empty()) options.pg_version = std::stoi(v);
  if (auto o = marker(text, "owner"); !o.empty()) {
    auto space = o.find(' ');
    options.owners.push_back({o.substr(0, space), o.substr(space + 1)});
  }
  std::string app = marker(text, "app");
  if (app.empty()) app = "app";
  migration::ParseOptions parse;
  parse.newer_grammar = options.pg_version > 15;
  migration::set_default_parse_options(parse);
  lint::Engine engine(options);
  if (fs::exists(dir / "setup.sql")) {
    engine.lint(migration::parse_migration(slurp(dir / "setup.sql"), "setup.sql", app, {"1", "setup"}));
  }
  engine.lint(migration::parse_migration(text, file, app, {"2", "case"}));
  migration::set_default_parse_options({});
  std::set<int> lines;
  for (const auto& f : engine.result().findings) {
    if (f.rule == rule && f.where.file == file && (f.severity != lint::find_rule(rule)->severity) == lowered) lines.insert(f.where.line);
  }
  return lines;
}

} // namespace

namespace doctest {
template <> struct StringMaker<std::set<int>> {
  static String convert(const std::set<int>& lines) {
    std::string out = "lines {";
    for (int l : lines) out += " " + std::to_string(l);
    return (out + " }").c_str();
  }
};
} // namespace doctest

TEST_CASE("every rule fires on its fire.sql lines and nowhere in its ok.sql") {
  const fs::path root = fs::path(MIGRATE_SOURCE_DIR) / "tests" / "lint";
  for (const auto& rule : lint::catalogue()) {
    const std::string id(rule.id);
    CAPTURE(id);
    const fs::path dir = root / id;
    REQUIRE_MESSAGE(fs::exists(dir / "fire.sql"), "tests/lint/" << id << "/fire.sql is missing");
    REQUIRE_MESSAGE(fs::exists(dir / "ok.sql"), "tests/lint/" << id << "/ok.sql is missing");
    const std::string fire = slurp(dir / "fire.sql");
    const auto expected = marked_lines(fire);
    REQUIRE_MESSAGE(!expected.empty(), "fire.sql marks no line with -- fires");
    if (id == "parse-error") {
      // Not a lint finding but an input error, at its place.
      try {
        migration::parse_migration(fire, "fire.sql", "app", {"2", "case"});
        FAIL("fire.sql parsed");
      } catch (const InputError& e) {
        CHECK(expected.count(e.where().line) == 1);
      }
      CHECK_NOTHROW(migration::parse_migration(slurp(dir / "ok.sql"), "ok.sql", "app", {"2", "case"}));
      continue;
    }
    CHECK(findings(id, dir, "fire.sql") == expected);
    CHECK(findings(id, dir, "fire.sql", true) == marked_lines(fire, "-- warns"));
    CHECK(findings(id, dir, "ok.sql").empty());
    CHECK(findings(id, dir, "ok.sql", true).empty());
  }
}

TEST_CASE("every rule has --explain text with the problem, why, and a recipe") {
  for (const auto& rule : lint::catalogue()) {
    CAPTURE(rule.id);
    CHECK(rule.explain.find("Problem:") != std::string_view::npos);
    CHECK(rule.explain.find("Why:") != std::string_view::npos);
    CHECK(rule.explain.find("Use") != std::string_view::npos);
    CHECK_FALSE(rule.summary.empty());
  }
}
