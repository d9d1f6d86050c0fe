// Lock-safe attempts against a real server: a unit waits at most lock_timeout per attempt, retries
// until a blocker goes away, gives up with exit 4 leaving nothing applied, and names the blocker.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "apply/attempt.hpp"
#include "fixture.hpp"
#include "util/error.hpp"

using namespace migrate;
using namespace std::chrono_literals;

namespace {
apply::RetryPolicy quick(int retries) {
  apply::RetryPolicy p;
  p.lock_timeout = util::Duration{100};
  p.retries = retries;
  p.base_delay = util::Duration{50};
  p.max_delay = util::Duration{200};
  return p;
}
bool has_column(db::Session& s, const std::string& schema, const std::string& table, const std::string& column) {
  return s.query("SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3",
                 {schema, table, column})
             .rows[0][0] == "1";
}
} // namespace

TEST_CASE("backoff: full jitter under an exponential bound, capped") {
  apply::RetryPolicy p;
  p.base_delay = util::Duration{200};
  p.max_delay = util::Duration{1000};
  CHECK(apply::backoff(p, 0, 1.0).count() == 200);
  CHECK(apply::backoff(p, 2, 1.0).count() == 800);
  CHECK(apply::backoff(p, 5, 1.0).count() == 1000);
  CHECK(apply::backoff(p, 5, 0.5).count() == 500);
  CHECK(apply::backoff(p, 3, 0.0).count() == 0);
}

TEST_CASE("a blocked unit retries, names the blocker, and succeeds when the blocker goes away") {
  test::Schema s;
  s.session->exec("CREATE TABLE t (id int)");
  auto blocker = s.other();
  const int blocker_pid = blocker->backend_pid();
  blocker->exec("BEGIN");
  blocker->exec("LOCK TABLE t IN ACCESS SHARE MODE"); // like a long read-only transaction
  std::thread ends([&] {
    std::this_thread::sleep_for(600ms);
    blocker->exec("COMMIT");
  });
  std::vector<apply::LockWait> waits;
  auto start = std::chrono::steady_clock::now();
  int attempts = apply::run_unit(*s.session, {{"ALTER TABLE t ADD COLUMN c int", "CREATE TABLE u (id int)"}, true}, quick(50),
                                 {s.name + ".t"}, [&](const apply::LockWait& w) { waits.push_back(w); });
  ends.join();
  CHECK(attempts >= 2);
  CHECK(waits.size() == static_cast<std::size_t>(attempts - 1));
  CHECK(waits.front().sqlstate == "55P03");
  CHECK(waits.front().blockers.find(fmt::format("pid {}", blocker_pid)) != std::string::npos);
  CHECK(waits.front().blockers.find("LOCK TABLE t") != std::string::npos);
  CHECK(has_column(*s.session, s.name, "t", "c"));
  CHECK(std::chrono::steady_clock::now() - start < 10s);
}

TEST_CASE("a blocker that never goes: exit 4 after the retries, nothing of the unit applied, no lock queue") {
  test::Schema s;
  s.session->exec("CREATE TABLE t (id int)");
  auto blocker = s.other();
  blocker->exec("BEGIN");
  blocker->exec("LOCK TABLE t IN ACCESS SHARE MODE");
  // While migrate is waiting for its lock, a reader must not queue longer than about lock_timeout.
  auto reader = s.other();
  std::atomic<long long> longest_read_ms{0};
  std::atomic<bool> done{false};
  std::thread reads([&] {
    while (!done) {
      auto t0 = std::chrono::steady_clock::now();
      reader->exec("SELECT count(*) FROM t");
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
      longest_read_ms = std::max<long long>(longest_read_ms, ms);
      std::this_thread::sleep_for(5ms);
    }
  });
  try {
    apply::run_unit(*s.session, {{"CREATE TABLE before_it (id int)", "ALTER TABLE t ADD COLUMN c int"}, true}, quick(3), {s.name + ".t"});
    FAIL("expected exit 4");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::lock);
    CHECK(std::string(e.what()).find("nothing of it was applied") != std::string::npos);
  }
  done = true;
  reads.join();
  blocker->exec("ROLLBACK");
  CHECK_FALSE(has_column(*s.session, s.name, "t", "c"));
  CHECK(s.session->query("SELECT to_regclass($1) IS NULL", {s.name + ".before_it"}).rows[0][0] == "t");
  CHECK(longest_read_ms < 100 * 1.2 + 100); // the lock timeout, 20%, and scheduling slack
}

TEST_CASE("any other error is exit 3 at once, rolled back") {
  test::Schema s;
  try {
    apply::run_unit(*s.session, {{"CREATE TABLE a (id int)", "SELEC 1"}, true}, quick(5));
    FAIL("expected a database error");
  } catch (const DatabaseError& e) {
    CHECK(e.code() == Exit::database);
    CHECK(e.sqlstate() == "42601");
  }
  CHECK(s.session->query("SELECT to_regclass($1) IS NULL", {s.name + ".a"}).rows[0][0] == "t");
  // The session is usable afterwards, outside any transaction.
  CHECK(s.session->exec("SELECT 1").rows[0][0] == "1");
}

TEST_CASE("a statement sent on its own (CONCURRENTLY) is bounded too, and the session settings are restored") {
  test::Schema s;
  s.session->exec("CREATE TABLE t (id int)");
  CHECK(apply::run_unit(*s.session, {{"CREATE INDEX CONCURRENTLY t_id ON t (id)"}, false}, quick(0)) == 1);
  CHECK(s.session->exec("SHOW lock_timeout").rows[0][0] == "0");
}

TEST_CASE("the observer asks pg_blocking_pids: a CREATE INDEX CONCURRENTLY waiting for an old transaction names it") {
  test::Schema s;
  s.session->exec("CREATE TABLE t (id int); CREATE TABLE elsewhere (id int)");
  // A transaction that never touches t, but CONCURRENTLY waits for every older transaction.
  auto old = s.other();
  const int old_pid = old->backend_pid();
  old->exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
  old->exec("INSERT INTO elsewhere VALUES (1)"); // and its snapshot stays
  auto p = quick(1);
  p.lock_timeout = util::Duration{300};
  p.observer = [] { return db::connect(""); };
  std::vector<apply::LockWait> waits;
  apply::Unit unit{{"CREATE INDEX CONCURRENTLY t_id ON t (id)"}, false};
  unit.before_attempt = [&] { s.session->exec("DROP INDEX IF EXISTS t_id"); }; // what a failed attempt leaves
  CHECK_THROWS_AS(apply::run_unit(*s.session, unit, p, {s.name + ".t"}, [&](const apply::LockWait& w) { waits.push_back(w); }), Error);
  old->exec("ROLLBACK");
  REQUIRE(waits.size() == 2);
  const std::string user = s.session->exec("SELECT current_user::text").rows.at(0).at(0).value_or("?");
  CHECK(waits[0].blockers.find(fmt::format("pid {} (user {}, idle in transaction", old_pid, user)) != std::string::npos);
  CHECK(waits[0].blockers.find("INSERT INTO elsewhere") != std::string::npos);
}
