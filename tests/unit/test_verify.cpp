// verify's pure parts: where a lock trace and the linter disagree, the lock classes of pg_locks modes,
// the sentences differences are told in, and the linter effects the trace found missing.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "lint/catalog.hpp"
#include "lint/effects.hpp"
#include "sql/parser.hpp"
#include "verify/snapshot.hpp"
#include "verify/trace.hpp"

using namespace migrate;
using lint::Lock;

namespace {

verify::Trace trace(std::vector<verify::RelationLock> locks, std::vector<std::string> scans = {}, std::vector<std::string> rewrites = {}) {
  verify::Trace t;
  t.locks = std::move(locks);
  t.scans = std::move(scans);
  t.rewrites = std::move(rewrites);
  t.existed = {"public.users", "public.orgs"};
  return t;
}

std::vector<lint::Effect> effects_of(const std::string& sql, const lint::Catalog& catalog = {}) {
  auto parsed = sql::parse(sql);
  REQUIRE(parsed.size() == 1);
  return lint::effects(parsed[0].node, catalog, 15);
}

} // namespace

TEST_CASE("pg_locks modes in the linter's classes, and in words") {
  CHECK(verify::lock_class("AccessExclusiveLock") == Lock::access_exclusive);
  CHECK(verify::lock_class("ExclusiveLock") == Lock::share);
  CHECK(verify::lock_class("ShareRowExclusiveLock") == Lock::share);
  CHECK(verify::lock_class("ShareLock") == Lock::share);
  CHECK(verify::lock_class("ShareUpdateExclusiveLock") == Lock::share_update_exclusive);
  CHECK(verify::lock_class("RowExclusiveLock") == Lock::row_exclusive);
  CHECK(verify::lock_class("RowShareLock") == Lock::none);
  CHECK(verify::lock_class("AccessShareLock") == Lock::none);
  CHECK(verify::mode_words("ShareUpdateExclusiveLock") == "SHARE UPDATE EXCLUSIVE");
  CHECK(verify::mode_words("AccessExclusiveLock") == "ACCESS EXCLUSIVE");
}

TEST_CASE("a trace that agrees with the linter has nothing to say") {
  auto t = trace({{"public.users", "table", "ShareLock"}, {"public.users", "table", "AccessShareLock"}}, {"public.users"});
  CHECK(verify::disagreements(t, {{"public.users", Lock::share, true, false}}, false).empty());
}

TEST_CASE("each way a trace can disagree with the linter") {
  SUBCASE("a stronger lock") {
    auto d = verify::disagreements(trace({{"public.users", "table", "AccessExclusiveLock"}}), {{"public.users", Lock::share, false, false}}, false);
    CHECK(d == std::vector<std::string>{"the linter expects SHARE on public.users; the server took ACCESS EXCLUSIVE"});
  }
  SUBCASE("no lock where one was expected, unless its transaction held it already") {
    auto t = trace({});
    CHECK(verify::disagreements(t, {{"public.users", Lock::access_exclusive, false, false}}, false) ==
          std::vector<std::string>{"the linter expects ACCESS EXCLUSIVE on public.users; the server took no lock that blocks writes"});
    t.held = {{"public.users", "table", "AccessExclusiveLock"}};
    CHECK(verify::disagreements(t, {{"public.users", Lock::access_exclusive, false, false}}, false).empty());
  }
  SUBCASE("a lock on a table the linter does not name") {
    auto d = verify::disagreements(trace({{"public.orgs", "table", "ShareRowExclusiveLock"}, {"public.orgs_pkey", "index", "AccessExclusiveLock"}}), {}, false);
    CHECK(d == std::vector<std::string>{"the server took SHARE ROW EXCLUSIVE on public.orgs; the linter expects no lock there"});
  }
  SUBCASE("rewrites, both ways") {
    auto d = verify::disagreements(trace({{"public.users", "table", "AccessExclusiveLock"}}, {}, {"public.users"}),
                                   {{"public.users", Lock::access_exclusive, false, false}}, false);
    CHECK(d == std::vector<std::string>{"the server rewrote public.users; the linter does not expect it"});
    d = verify::disagreements(trace({{"public.users", "table", "AccessExclusiveLock"}}), {{"public.users", Lock::access_exclusive, false, true}}, false);
    CHECK(d == std::vector<std::string>{"the linter expects a rewrite of public.users; its file did not change"});
  }
  SUBCASE("scans, both ways; not for DML, nor where they were not measured") {
    const std::vector<lint::Effect> scanning = {{"public.users", Lock::access_exclusive, true, false}};
    auto t = trace({{"public.users", "table", "AccessExclusiveLock"}});
    CHECK(verify::disagreements(t, scanning, false) ==
          std::vector<std::string>{"the linter expects a scan of public.users; the server did not read it whole"});
    CHECK(verify::disagreements(t, scanning, true).empty());
    t.scans.reset();
    CHECK(verify::disagreements(t, scanning, false).empty());
    t = trace({{"public.users", "table", "AccessExclusiveLock"}}, {"public.users"});
    CHECK(verify::disagreements(t, {{"public.users", Lock::access_exclusive, false, false}}, false) ==
          std::vector<std::string>{"the server read all of public.users; the linter does not expect a scan"});
  }
  SUBCASE("a table that was not there before the statement is not compared") {
    CHECK(verify::disagreements(trace({}), {{"public.new_table", Lock::access_exclusive, false, false}}, false).empty());
  }
}

TEST_CASE("differences told as sentences about a rollback or a second apply") {
  using W = verify::Difference::What;
  const std::string when = "after rolling back 200_email_idx (expand)";
  CHECK(verify::Difference{"index", "public.users_email_idx", W::added, "", "", ""}.sentence(when, true) ==
        "index public.users_email_idx is still there after rolling back 200_email_idx (expand)");
  CHECK(verify::Difference{"table", "public.users", W::removed, "", "", ""}.sentence(when, true) ==
        "table public.users is missing after rolling back 200_email_idx (expand)");
  CHECK(verify::Difference{"constraint", "c on public.users", W::changed, "validated", "true", "false"}.sentence(when, true) ==
        "constraint c on public.users: validated is false after rolling back 200_email_idx (expand); it was true before");
  CHECK(verify::Difference{"column", "public.users.x", W::added, "", "", ""}.sentence("after applying 2_x (expand) again", false) ==
        "column public.users.x is new after applying 2_x (expand) again");
}

TEST_CASE("linter effects the lock trace found missing") {
  auto fx = effects_of("CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id), org int, FOREIGN KEY (org) REFERENCES orgs)");
  REQUIRE(fx.size() == 2);
  CHECK(fx[0].table == "public.users");
  CHECK(fx[0].lock == Lock::share);
  CHECK(fx[1].table == "public.orgs");

  fx = effects_of("ALTER TABLE users RENAME COLUMN a TO b");
  REQUIRE(fx.size() == 1);
  CHECK(fx[0].lock == Lock::access_exclusive);

  lint::Catalog catalog;
  catalog.apply(sql::parse("CREATE TABLE orders (id int, user_id int REFERENCES users (id))")[0].node, {"1_x", 0});
  catalog.apply(sql::parse("CREATE INDEX orders_user_idx ON orders (user_id)")[0].node, {"1_x", 0});
  fx = effects_of("DROP TABLE orders", catalog);
  REQUIRE(fx.size() == 2);
  CHECK(fx[0].table == "public.orders");
  CHECK(fx[1].table == "public.users");
  CHECK(fx[1].lock == Lock::access_exclusive);

  fx = effects_of("DROP INDEX CONCURRENTLY orders_user_idx", catalog);
  REQUIRE(fx.size() == 1);
  CHECK(fx[0].table == "public.orders");
  CHECK(fx[0].lock == Lock::share_update_exclusive);
  CHECK(effects_of("DROP INDEX unknown_idx", catalog).empty());

  // A trigger, rule or policy is dropped under ACCESS EXCLUSIVE on its table.
  for (const char* sql : {"DROP TRIGGER customers_sync ON shop.customers", "DROP RULE r ON shop.customers", "DROP POLICY p ON shop.customers"}) {
    CAPTURE(sql);
    fx = effects_of(sql);
    REQUIRE(fx.size() == 1);
    CHECK(fx[0].table == "shop.customers");
    CHECK(fx[0].lock == Lock::access_exclusive);
  }
}
