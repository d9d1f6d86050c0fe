// sql::comments against the real lexer (pg_query_scan): the same comments, at the same places, and
// the same verdict on unterminated input, on every SQL file of the repository, on tricky cases, and
// on thousands of generated combinations of strings, quotes, dollar quotes and comments.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "sql/comments.hpp"
#include "sql/parser.hpp"

using namespace migrate::sql;
namespace fs = std::filesystem;

namespace {

// "start-end" of every comment per the real lexer, or "error" when it rejects the text.
std::vector<std::string> oracle(const std::string& text) {
  std::vector<std::string> out;
  try {
    for (const auto& t : scan(text)) {
      if (t.comment) out.push_back(std::to_string(t.start) + "-" + std::to_string(t.end));
    }
  } catch (const SyntaxError& e) {
    // PostgreSQL 15 also rejects "1e5a" and "$1n" while lexing; that is no comment matter, and the
    // parser reports it for us later.
    if (std::string(e.what()).find("trailing junk") != std::string::npos) return {"junk"};
    return {"error"};
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += x + " ";
  return out;
}

std::vector<std::string> ours(const std::string& text) {
  std::vector<std::string> out;
  try {
    for (const auto& c : comments(text)) out.push_back(std::to_string(c.start) + "-" + std::to_string(c.end));
  } catch (const SyntaxError&) {
    return {"error"};
  }
  return out;
}

} // namespace

TEST_CASE("tricky cases agree with the real lexer") {
  const char* cases[] = {
      "SELECT 1; -- a\nSELECT 2 /* b */;",
      "SELECT 'it''s -- not a comment', \"col--x\" FROM t -- real",
      "SELECT E'it\\'s -- still a string' -- real",
      "SELECT e'\\\\' -- backslash then real",
      "SELECT somee'x' -- identifier then a string",
      "SELECT $$ -- inside $$, $tag$ /* inside */ $tag$ /* outside */",
      "SELECT a$b$c, $1, $2 -- params and identifiers",
      "SELECT 1 /* outer /* nested */ still */ -- after",
      "SELECT U&'d\\0061t\\+000061 -- x' -- real",
      "SELECT X'1F', B'101', N'nat -- str' -- real",
      "SELECT 1e5--comment",
      "SELECT 1--2\n+3",
      "SELECT '--', '/*' /* c */ --x",
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; -- migrate:contract\n$body$ LANGUAGE sql;",
      "SELECT 'unterminated",
      "SELECT $x$ unterminated",
      "SELECT /* unterminated",
      "SELECT \"unterminated",
      "SELECT 'a'\n'b' -- continued string",
      "SELECT 1 -- é unicode comment\n",
      "-- only a comment",
      "",
  };
  for (const char* c : cases) {
    CAPTURE(c);
    CHECK(joined(ours(c)) == joined(oracle(c)));
  }
}

TEST_CASE("every SQL file of the repository agrees with the real lexer") {
  int files = 0;
  for (const auto& dir : {"tests/lint", "migrations-examples", "tests/cli/lint-example"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(MIGRATE_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".sql") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      CAPTURE(e.path().string());
      CHECK(joined(ours(s.str())) == joined(oracle(s.str())));
      ++files;
    }
  }
  CHECK(files > 60);
}

TEST_CASE("thousands of generated combinations agree with the real lexer") {
  const std::vector<std::string> pieces = {
      "SELECT ", "a", "1", "1e5", " ", "\n", "\r\n", "\t", ",", ";", "'str'", "'it''s'", "''", "E'x\\'y'", "e'\\\\'",
      "\"id\"", "\"a\"\"b\"", "$$ x $$", "$$--$$", "$t$ /* $t$", "$1", "a$b", "$", "-- c\n", "--", "/* c */",
      "/* a /* b */ c */", "/*", "*/", "-", "/", "*", "'", "\"", "E", "U&'u'", "X'1F'", "n'z'", "é", "+-", "--\n"};
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), len(1, 14);
  int agreed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (std::size_t k = len(rng); k > 0; --k) text += pieces[pick(rng)];
    auto a = ours(text), b = oracle(text);
    if (b == std::vector<std::string>{"junk"}) {
      ++agreed;
    } else if (a != b) {
      CAPTURE(text);
      CHECK(joined(a) == joined(b));
    } else {
      ++agreed;
    }
  }
  CHECK(agreed == 3000);
}
