// db/: the session against a real PostgreSQL: parameters, NULLs, SQLSTATEs, cancel, connect errors.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "fixture.hpp"
#include "util/error.hpp"

using namespace migrate;

namespace {
std::string sqlstate_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DatabaseError& e) {
    return e.sqlstate();
  }
  return "none";
}
} // namespace

TEST_CASE("queries bind text parameters and NULLs; exec runs statements as written") {
  test::Schema s;
  s.session->exec("CREATE TABLE kv (k text PRIMARY KEY, v text)");
  auto ins = s.session->query("INSERT INTO kv VALUES ($1, $2), ($3, $4)", {"a", "x';DROP TABLE kv;--", "b", std::nullopt});
  CHECK(ins.affected == 2);
  auto r = s.session->query("SELECT k, v FROM kv WHERE k = ANY($1::text[]) ORDER BY k", {"{a,b}"});
  REQUIRE(r.rows.size() == 2);
  CHECK(r.columns == std::vector<std::string>{"k", "v"});
  CHECK(*r.rows[0][1] == "x';DROP TABLE kv;--");
  CHECK_FALSE(r.rows[1][1].has_value());
  CHECK(s.session->server_version() >= 110000);
  CHECK(s.session->backend_pid() > 0);
  CHECK(std::to_string(s.session->backend_pid()) == *s.session->query("SELECT pg_backend_pid()::text").rows.at(0).at(0));
}

TEST_CASE("a direct connection is no pooler, and the pooler check asks nothing of it") {
  test::Schema s;
  CHECK_FALSE(s.session->through_pooler());
  CHECK_FALSE(db::pooler_shares_sessions(*s.session, "").has_value());
  CHECK_FALSE(s.session->query("SELECT current_setting('migrate.session_probe', true)").rows.at(0).at(0).value_or("").size() > 0);
}

TEST_CASE("errors keep their SQLSTATE") {
  test::Schema s;
  CHECK(sqlstate_of([&] { s.session->exec("SELECT * FROM no_such_table"); }) == "42P01");
  CHECK(sqlstate_of([&] { s.session->exec("SELEC 1"); }) == "42601");
  CHECK(sqlstate_of([&] { s.session->exec("BEGIN; CREATE TABLE x (); CREATE INDEX CONCURRENTLY i ON x ((1))"); }) == "25001");
  s.session->exec("ROLLBACK");
  // libpqxx 6.4 throws these without their SQLSTATE: the session puts it back.
  s.session->exec("BEGIN");
  s.session->exec("SET LOCAL ROLE pg_monitor");
  // In the test's own schema: until PostgreSQL 15 every role may create in public.
  CHECK(sqlstate_of([&] { s.session->exec("CREATE TABLE " + s.name + ".migrate_no_right (id int)"); }) == "42501");
  s.session->exec("ROLLBACK");
}

TEST_CASE("a deadlock is 40P01, as lock_timeout is 55P03: both are lock failures an attempt retries") {
  test::Schema s;
  s.session->exec("CREATE TABLE a (id int); CREATE TABLE b (id int)");
  auto other = s.other();
  for (auto* session : {s.session.get(), other.get()}) session->exec("SET deadlock_timeout = '100ms'");
  s.session->exec("BEGIN; LOCK TABLE a");
  other->exec("BEGIN; LOCK TABLE b");
  std::string theirs;
  std::thread waiter([&] { theirs = sqlstate_of([&] { other->exec("LOCK TABLE a"); }); });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const std::string ours = sqlstate_of([&] { s.session->exec("LOCK TABLE b"); });
  s.session->exec("ROLLBACK"); // the survivor's lock, or the victim's aborted transaction
  waiter.join();
  other->exec("ROLLBACK");
  CHECK(((ours == "40P01" && theirs == "none") || (theirs == "40P01" && ours == "none")));
}

TEST_CASE("a lock timeout is 55P03, with the other session holding the lock") {
  test::Schema s;
  s.session->exec("CREATE TABLE t (id int)");
  auto holder = s.other();
  holder->exec("BEGIN");
  holder->exec("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  s.session->exec("SET lock_timeout = '100ms'");
  auto start = std::chrono::steady_clock::now();
  CHECK(sqlstate_of([&] { s.session->exec("ALTER TABLE t ADD COLUMN c int"); }) == "55P03");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  holder->exec("ROLLBACK");
  s.session->exec("ALTER TABLE t ADD COLUMN c int"); // free now
}

TEST_CASE("cancel from another thread stops a running statement (57014)") {
  test::Schema s;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    s.session->cancel();
  });
  auto start = std::chrono::steady_clock::now();
  CHECK(sqlstate_of([&] { s.session->exec("SELECT pg_sleep(30)"); }) == "57014");
  canceller.join();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("a failed connection is exit 3 and never shows the password") {
  try {
    db::connect("postgresql://someone:Very-Secret-99@127.0.0.1:1/nowhere?connect_timeout=2");
    FAIL("expected a connection error");
  } catch (const DatabaseError& e) {
    std::string msg = e.what();
    CHECK(e.code() == Exit::database);
    CHECK(msg.find("Very-Secret-99") == std::string::npos);
    CHECK(msg.find("postgresql://someone:***@127.0.0.1:1/nowhere") != std::string::npos);
  }
}
