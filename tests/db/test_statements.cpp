// The statements migrate splits out of a file are the ones the server runs: dollar quotes, E'' strings,
// semicolons in strings and function bodies, comments; and CONCURRENTLY needs its own transaction.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "migration/parse.hpp"
#include "migration/transactions.hpp"
#include "util/error.hpp"

using namespace migrate;

TEST_CASE("every statement of a tricky section runs on the server as split") {
  test::Schema s;
  auto m = migration::parse_migration(R"SQL(-- migrate:expand
CREATE TABLE notes (id bigint PRIMARY KEY, body text);  -- a comment; with a semicolon
/* a block comment; also with one */
CREATE FUNCTION notes_touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- migrate:contract  (inside a function body, not a section)
  NEW.body := NEW.body || ';touched';
  RETURN NEW;
END
$fn$;
CREATE TRIGGER notes_touch BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_touch();
INSERT INTO notes VALUES (1, E'it\'s; here'), (2, 'a;b'), (3, $$dollar; 'quoted'$$);
)SQL",
                                      "m/1_t.sql", "app", {"1", "t"});
  REQUIRE(m.sections.size() == 1);
  const auto& stmts = m.sections[0].forward.statements;
  REQUIRE(stmts.size() == 4);
  auto tx = migration::plan_transactions(m.sections[0].forward);
  CHECK(tx.mode == migration::TransactionPlan::Mode::single);
  s.session->exec("BEGIN");
  for (const auto& st : stmts) s.session->exec(st.sql);
  s.session->exec("COMMIT");
  auto r = s.session->exec("SELECT body FROM notes ORDER BY id");
  REQUIRE(r.rows.size() == 3);
  CHECK(*r.rows[0][0] == "it's; here;touched");
  CHECK(*r.rows[1][0] == "a;b;touched");
  CHECK(*r.rows[2][0] == "dollar; 'quoted';touched");
}

TEST_CASE("the statements plan_transactions sends alone are the ones PostgreSQL refuses in a transaction") {
  test::Schema s;
  s.session->exec("CREATE TABLE t (a int)");
  auto m = migration::parse_migration(
      "-- migrate:expand\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nREINDEX INDEX CONCURRENTLY t_a;\n"
      "DROP INDEX CONCURRENTLY t_a;\nVACUUM t;\n",
      "m/2_c.sql", "app", {"2", "c"});
  const auto& stmts = m.sections[0].forward.statements;
  auto tx = migration::plan_transactions(m.sections[0].forward);
  CHECK(tx.mode == migration::TransactionPlan::Mode::each);
  for (const auto& st : stmts) {
    CAPTURE(st.sql);
    // Inside a transaction block the server refuses it ...
    s.session->exec("BEGIN");
    try {
      s.session->exec(st.sql);
      FAIL("expected 25001");
    } catch (const DatabaseError& e) {
      CHECK(e.sqlstate() == "25001");
    }
    s.session->exec("ROLLBACK");
  }
  // ... and sent on its own, as the plan says, it works.
  for (const auto& st : stmts) s.session->exec(st.sql);
}
