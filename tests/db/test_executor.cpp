// The executor against a real server: a section applies whole or not at all, with its ledger row; a
// blocked section retries and then succeeds, or gives up with exit 4 leaving nothing; a failing
// statement leaves nothing of its section and a failed row, and the fixed file applies; a section
// run statement by statement continues after the last statement done; the INVALID index of a failed
// CREATE INDEX CONCURRENTLY is dropped before the retry; backfills resume from their checkpoint;
// rollback runs the recorded SQL; an old ledger is upgraded in place.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "apply/executor.hpp"
#include "fixture.hpp"
#include "migration/parse.hpp"
#include "sql/quote.hpp"
#include "util/error.hpp"

using namespace migrate;
using namespace std::chrono_literals;

namespace {

// A schema for the objects and another for the ledger, and one migration at a time.
struct Bench {
  test::Schema s;
  std::string ledger_schema = s.name + "_ledger";
  ledger::Ledger ledger{*s.session, ledger_schema};
  std::vector<migration::Migration> migrations;

  Bench() { ledger.ensure(); }
  ~Bench() {
    try {
      s.session->exec(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", sql::quote_ident(ledger_schema)));
    } catch (...) {
    }
  }

  apply::Settings settings(int retries = 3) {
    apply::Settings st;
    st.policy.lock_timeout = util::Duration{100};
    st.policy.retries = retries;
    st.policy.base_delay = util::Duration{50};
    st.policy.max_delay = util::Duration{200};
    return st;
  }

  // The step of the migration's phase, as apply sees it with the ledger as it is now.
  apply::StepState step(const std::string& text, const std::string& phase = "expand") {
    migrations.clear();
    migrations.push_back(migration::parse_migration(text, "migrations/app/1_m.sql", "app", {"1", "m"}));
    state = apply::app_state("app", migrations, ledger.entries("app"));
    for (const auto& st : state.steps) {
      if (migration::to_string(st.phase) == phase) return st;
    }
    FAIL("no such phase");
    return {};
  }

  apply::Outcome apply(const std::string& text, int retries = 3, const std::string& phase = "expand") {
    apply::Executor x(*s.session, ledger, settings(retries));
    return x.apply(step(text, phase));
  }

  std::string status(const std::string& phase = "expand") {
    auto e = ledger.find("app", "1", phase);
    return e ? e->status : "none";
  }

  bool exists(const std::string& relation) {
    return s.session->query("SELECT to_regclass($1) IS NOT NULL", {s.name + "." + relation}).rows[0][0] == "t";
  }

  apply::AppState state;
};

const char* kTwoTables = "-- migrate:expand\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n-- migrate:rollback\nDROP TABLE b;\nDROP TABLE a;\n";

} // namespace

TEST_CASE("a section applies in one transaction, with its ledger row, and rolls back from the recorded SQL") {
  Bench b;
  auto out = b.apply(kTwoTables);
  CHECK(out.statements == 2);
  CHECK(b.exists("a"));
  CHECK(b.exists("b"));
  auto e = b.ledger.find("app", "1", "expand");
  REQUIRE(e);
  CHECK(e->status == "applied");
  CHECK(e->rollback == "present");
  CHECK(e->sql.find("CREATE TABLE b") != std::string::npos);
  CHECK(e->duration_ms.has_value());

  apply::Executor x(*b.s.session, b.ledger, b.settings());
  auto step = b.step(kTwoTables);
  x.rollback(step);
  CHECK_FALSE(b.exists("a"));
  CHECK_FALSE(b.exists("b"));
  CHECK(b.status() == "rolled_back");
  auto events = b.ledger.events("app", 10);
  REQUIRE(events.size() == 2);
  CHECK(events[0].action == "rolled_back");
  CHECK(events[1].action == "applied");
}

TEST_CASE("a failing statement in the middle leaves nothing of its section; the fixed file applies") {
  Bench b;
  const std::string bad = "-- migrate:expand\nCREATE TABLE a (id int);\nALTER TABLE nope ADD COLUMN x int;\nCREATE TABLE c (id int);\n"
                          "-- migrate:rollback\nDROP TABLE a;\n";
  try {
    b.apply(bad);
    FAIL("no error");
  } catch (const DatabaseError& e) {
    CHECK(e.code() == Exit::database);
    CHECK(std::string(e.what()).find("migrations/app/1_m.sql:3:1") != std::string::npos);
  }
  CHECK_FALSE(b.exists("a"));
  CHECK(b.status() == "failed");
  CHECK(b.ledger.find("app", "1", "expand")->error->find("nope") != std::string::npos);

  const std::string fixed = "-- migrate:expand\nCREATE TABLE a (id int);\nCREATE TABLE c (id int);\n-- migrate:rollback\nDROP TABLE a;\n";
  b.apply(fixed);
  CHECK(b.exists("a"));
  CHECK(b.exists("c"));
  CHECK(b.status() == "applied");
}

TEST_CASE("a blocked section retries until the blocker goes away; when it never does, exit 4 and nothing applied") {
  Bench b;
  b.s.session->exec("CREATE TABLE t (id int)");
  const std::string text = "-- migrate:expand\nCREATE TABLE before_it (id int);\nALTER TABLE t ADD COLUMN c int;\n"
                           "-- migrate:rollback\nALTER TABLE t DROP COLUMN c;\nDROP TABLE before_it;\n";
  auto blocker = b.s.other();
  blocker->exec("BEGIN");
  blocker->exec("LOCK TABLE t IN ACCESS SHARE MODE");
  try {
    b.apply(text, 2);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::lock);
  }
  CHECK_FALSE(b.exists("before_it"));
  CHECK(b.status() == "failed");

  std::thread ends([&] {
    std::this_thread::sleep_for(400ms);
    blocker->exec("COMMIT");
  });
  b.apply(text, 50);
  ends.join();
  CHECK(b.exists("before_it"));
  CHECK(b.status() == "applied");
}

TEST_CASE("a statement-by-statement section continues after the last statement done") {
  Bench b;
  const std::string first = "-- migrate:expand\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\n"
                            "CREATE TABLE b (id int);\nALTER TABLE nope ADD COLUMN x int;\nCREATE TABLE c (id int);\n"
                            "-- migrate:rollback\nDROP TABLE a;\n";
  CHECK_THROWS_AS(b.apply(first), DatabaseError);
  auto e = b.ledger.find("app", "1", "expand");
  REQUIRE(e);
  CHECK(e->status == "failed");
  CHECK(e->statements_done == 3);
  CHECK(b.exists("b"));
  CHECK_FALSE(b.exists("c"));

  // Fixed after the statements already done: those are not run again (CREATE TABLE a would fail).
  const std::string fixed = "-- migrate:expand\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\n"
                            "CREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x int;\nCREATE TABLE c (id int);\n"
                            "-- migrate:rollback\nDROP TABLE a;\n";
  auto out = b.apply(fixed);
  CHECK(out.skipped == 3);
  CHECK(out.statements == 2);
  CHECK(b.exists("c"));
  CHECK(b.status() == "applied");

  // Changing a statement that was already done is refused.
  b.s.session->exec("DROP TABLE c");
  b.s.session->query(fmt::format("UPDATE {}.ledger SET status = 'failed' WHERE app = 'app'", sql::quote_ident(b.ledger_schema)));
  const std::string changed = "-- migrate:expand\nCREATE TABLE a2 (id int);\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\n"
                              "CREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x int;\nCREATE TABLE c (id int);\n"
                              "-- migrate:rollback\nDROP TABLE a;\n";
  try {
    b.apply(changed);
    FAIL("no error");
  } catch (const Error& err) {
    CHECK(err.code() == Exit::refused);
  }
}

TEST_CASE("the INVALID index of a failed CREATE INDEX CONCURRENTLY is dropped before trying again") {
  Bench b;
  b.s.session->exec("CREATE TABLE u (email text); INSERT INTO u VALUES ('a'), ('a')");
  const std::string text = "-- migrate:expand\nCREATE UNIQUE INDEX CONCURRENTLY u_email ON u (email);\n"
                           "-- migrate:rollback\nDROP INDEX CONCURRENTLY u_email;\n";
  CHECK_THROWS_AS(b.apply(text), DatabaseError); // duplicate key: the build fails, the index stays INVALID
  auto invalid = b.s.session->query("SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass($1)", {b.s.name + ".u_email"});
  REQUIRE(invalid.rows.size() == 1);
  CHECK(invalid.rows[0][0] == "false");

  b.s.session->exec("DELETE FROM u WHERE ctid = (SELECT max(ctid) FROM u)");
  b.apply(text);
  auto valid = b.s.session->query("SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass($1)", {b.s.name + ".u_email"});
  REQUIRE(valid.rows.size() == 1);
  CHECK(valid.rows[0][0] == "true");
  CHECK(b.status() == "applied");
}

TEST_CASE("a backfill runs in batches with its checkpoint and resumes after a failure, no row done twice") {
  Bench b;
  b.s.session->exec("CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, v2 int)");
  b.s.session->exec("INSERT INTO items SELECT g, g FROM generate_series(1, 2500) g");
  // Not idempotent: a batch applied twice shows.
  b.s.session->exec("CREATE FUNCTION fail_at(k bigint) RETURNS int LANGUAGE plpgsql AS $$ BEGIN "
                    "IF k = 1777 AND to_regclass('stop_here') IS NOT NULL THEN RAISE 'stop at %', k; END IF; RETURN 0; END $$");
  b.s.session->exec("CREATE TABLE stop_here ()");
  const std::string text = "-- migrate:migrate\n-- migrate:backfill table=items key=id batch=100\n"
                           "UPDATE items SET v2 = coalesce(v2, 0) + v + fail_at(id) WHERE id > $1 AND id <= $2;\n"
                           "-- migrate:rollback\n";
  CHECK_THROWS_AS(b.apply(text, 3, "migrate"), DatabaseError);
  auto bf = b.ledger.backfill(*b.ledger.find("app", "1", "migrate"), 0);
  REQUIRE(bf);
  CHECK(bf->batches_done == 17);
  CHECK(bf->rows_done == 1700);
  CHECK(bf->status == "running");
  CHECK(b.s.session->query("SELECT count(*) FROM items WHERE v2 IS NOT NULL").rows[0][0] == "1700");

  b.s.session->exec("DROP TABLE stop_here");
  auto out = b.apply(text, 3, "migrate");
  CHECK(out.rows == 2500);
  CHECK(b.status("migrate") == "applied");
  CHECK(b.s.session->query("SELECT count(*) FROM items WHERE v2 = v").rows[0][0] == "2500");
}

TEST_CASE("a ledger of schema version 1 is upgraded in place, keeping its rows") {
  test::Schema s;
  const std::string name = s.name + "_old";
  ledger::Ledger l(*s.session, name);
  s.session->exec(fmt::format("CREATE SCHEMA {0}; CREATE TABLE {0}.meta (key text PRIMARY KEY, value text NOT NULL); "
                              "INSERT INTO {0}.meta VALUES ('schema_version', '1')",
                              sql::quote_ident(name)));
  // Version 1's ledger table, as release 0.1 created it.
  s.session->exec(fmt::format(
      "CREATE TABLE {0}.ledger (app text NOT NULL, version text NOT NULL, phase text NOT NULL, name text NOT NULL, "
      "checksum text NOT NULL, status text NOT NULL, sql text NOT NULL, rollback_sql text, rollback text NOT NULL, "
      "statements_done integer NOT NULL DEFAULT 0, applied_by text NOT NULL, host text NOT NULL, "
      "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), finished_at timestamptz, duration_ms bigint, "
      "tool_version text NOT NULL, skip_lint boolean NOT NULL DEFAULT false, error text, PRIMARY KEY (app, version, phase)); "
      "INSERT INTO {0}.ledger (app, version, phase, name, checksum, status, sql, rollback, applied_by, host, tool_version) "
      "VALUES ('app', '1', 'expand', 'm', 'c', 'applied', 'SELECT 1', 'missing', 'me', 'h', '0.1.0')",
      sql::quote_ident(name)));
  CHECK(l.ensure() == 1);
  CHECK(l.schema_version() == ledger::kSchemaVersion);
  auto rows = l.entries("app");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == "applied");
  CHECK_FALSE(rows[0].baseline);
  CHECK(l.events("app", 5).empty());
  s.session->exec(fmt::format("DROP SCHEMA {} CASCADE", sql::quote_ident(name)));
}
