// The ledger and the run lock against a real PostgreSQL: quoted schema names, creation that is
// idempotent and safe when two runners start at once, per-app rows, and the advisory lock.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "fixture.hpp"
#include "ledger/ledger.hpp"
#include "ledger/run_lock.hpp"
#include "sql/quote.hpp"
#include "util/error.hpp"

using namespace migrate;
using namespace std::chrono_literals;

namespace {
// A ledger schema of its own for each test, with a name that needs quoting, dropped afterwards.
struct LedgerSchema {
  test::Schema base;
  std::string name = base.name + "_ledger\"; DROP TABLE x; --";
  ~LedgerSchema() {
    try {
      base.session->exec(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", sql::quote_ident(name)));
    } catch (...) {
    }
  }
};

ledger::Entry entry(const std::string& app, const std::string& version, const std::string& phase) {
  ledger::Entry e;
  e.app = app;
  e.version = version;
  e.phase = phase;
  e.name = "add_things";
  e.checksum = "c1";
  e.sql = "ALTER TABLE t ADD COLUMN c int;";
  e.rollback_sql = "ALTER TABLE t DROP COLUMN c;";
  e.rollback = "present";
  e.tool_version = "0.1.0";
  return e;
}
} // namespace

TEST_CASE("the ledger is created on first use, in a schema whose name needs quoting, and only once") {
  LedgerSchema s;
  ledger::Ledger l(*s.base.session, s.name);
  CHECK(l.schema_version() == 0);
  CHECK(l.ensure() == 0);
  CHECK(l.schema_version() == ledger::kSchemaVersion);
  CHECK(l.ensure() == ledger::kSchemaVersion); // nothing to do the second time
  auto r = s.base.session->query("SELECT count(*) FROM pg_tables WHERE schemaname = $1", {s.name});
  CHECK(r.rows[0][0] == "5"); // meta, ledger, backfill, backfill_shard, events
}

TEST_CASE("two runners creating the ledger at the same moment both succeed") {
  LedgerSchema s;
  std::vector<std::thread> runners;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    runners.emplace_back([&] {
      auto session = db::connect("");
      ledger::Ledger l(*session, s.name);
      l.ensure();
      ++ok;
    });
  }
  for (auto& t : runners) t.join();
  CHECK(ok == 4);
  ledger::Ledger l(*s.base.session, s.name);
  CHECK(l.schema_version() == ledger::kSchemaVersion);
}

TEST_CASE("a ledger newer than this release is refused (exit 5)") {
  LedgerSchema s;
  ledger::Ledger l(*s.base.session, s.name);
  l.ensure();
  s.base.session->exec(fmt::format("UPDATE {} SET value = '99' WHERE key = 'schema_version'", l.table("meta")));
  try {
    l.ensure();
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::refused);
    CHECK(std::string(e.what()).find("version 99") != std::string::npos);
  }
}

TEST_CASE("rows per app: start, progress, finish; a rerun of the same section keeps its progress") {
  LedgerSchema s;
  ledger::Ledger l(*s.base.session, s.name);
  l.ensure();
  auto django = entry("django", "20250101000000", "expand");
  l.start(django, std::nullopt);
  l.progress(django, 2);
  l.finish(django, "failed", "boom");
  l.start(entry("fastapi", "9", "expand"), std::nullopt);
  l.finish(entry("fastapi", "9", "expand"), "applied");

  auto rows = l.entries("django");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == "failed");
  CHECK(*rows[0].error == "boom");
  CHECK(rows[0].statements_done == 2);
  CHECK(rows[0].duration_ms.has_value());
  CHECK_FALSE(rows[0].applied_by.empty());
  CHECK(rows[0].host == ledger::host_name());
  CHECK(*rows[0].rollback_sql == "ALTER TABLE t DROP COLUMN c;");
  CHECK(l.entries("fastapi").size() == 1); // each app sees only its own rows

  l.start(django, rows[0]); // the same checksum: continue after statement 2
  auto again = l.find("django", "20250101000000", "expand");
  REQUIRE(again);
  CHECK(again->status == "running");
  CHECK(again->statements_done == 2);
  CHECK_FALSE(again->error.has_value());
  l.finish(django, "failed", "again");
  auto changed = django;
  changed.checksum = "c2"; // the file changed: start over
  l.start(changed, l.find("django", "20250101000000", "expand"));
  CHECK(l.find("django", "20250101000000", "expand")->statements_done == 0);
}

TEST_CASE("a run acting on a stale view of a row never overwrites what another run wrote") {
  LedgerSchema s;
  ledger::Ledger l(*s.base.session, s.name);
  l.ensure();
  auto e = entry("app", "1", "contract");
  auto refused = [](auto&& f) {
    try {
      f();
    } catch (const Error& err) {
      return err.code() == Exit::refused && std::string(err.what()).find("changed while this run was working") != std::string::npos;
    }
    return false;
  };
  // Two runs saw no row: the first inserts it, the second is refused.
  l.start(e, std::nullopt);
  CHECK(refused([&] { l.start(e, std::nullopt); }));
  l.finish(e, "applied");
  const auto applied = l.find("app", "1", "contract");
  REQUIRE(applied);
  // A run that read the row before it was applied (no row, or failed) cannot take it, fail it or
  // remove it; its finish changes nothing.
  ledger::Entry stale = *applied;
  stale.status = "failed";
  CHECK(refused([&] { l.start(e, stale); }));
  CHECK(refused([&] { l.rolled_back(stale); }));
  CHECK(refused([&] { l.remove(stale); }));
  CHECK_FALSE(l.finish(e, "failed", "late").has_value());
  CHECK(refused([&] { l.progress(e, 3); }));
  auto now = l.find("app", "1", "contract");
  REQUIRE(now);
  CHECK(now->status == "applied");
  CHECK_FALSE(now->error.has_value());
  // Read as it is, the row can be rolled back, and the rolled-back row as read can be taken again.
  l.rolled_back(*now);
  auto back = l.find("app", "1", "contract");
  CHECK(back->status == "rolled_back");
  CHECK(refused([&] { l.rolled_back(*now); })); // a second rollback from the same view
  l.start(e, back);
  CHECK(l.find("app", "1", "contract")->status == "running");
}

TEST_CASE("the run lock: one holder; a waiter names it and gives up with exit 5, or gets it when released") {
  LedgerSchema s;
  auto holder_session = db::connect("");
  const int holder_pid = holder_session->backend_pid();
  auto waiter = db::connect("");
  std::optional<ledger::RunLock> held = ledger::RunLock::acquire(*holder_session, s.name, 1s);

  std::string told;
  auto start = std::chrono::steady_clock::now();
  try {
    ledger::RunLock::acquire(*waiter, s.name, 400ms, [&](const std::string& h) { told = h; });
    FAIL("expected exit 5");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::refused);
    CHECK(std::string(e.what()).find(fmt::format("pid {}", holder_pid)) != std::string::npos);
  }
  CHECK(std::chrono::steady_clock::now() - start >= 400ms);
  CHECK(told.find(fmt::format("pid {}", holder_pid)) != std::string::npos);
  // Another schema has its own lock.
  CHECK_NOTHROW(ledger::RunLock::acquire(*waiter, s.name + "-other", 100ms));

  std::thread release([&] {
    std::this_thread::sleep_for(300ms);
    held.reset();
  });
  auto got = ledger::RunLock::acquire(*waiter, s.name, 10s); // throws if it never comes
  release.join();
  CHECK(ledger::describe_holder(*holder_session, ledger::lock_key(s.name, "run")).find(fmt::format("pid {}", waiter->backend_pid())) !=
        std::string::npos);
}
