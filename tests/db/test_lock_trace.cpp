// verify's lock trace against docs/locks.md: a handful of statements run through the executor's
// attempt path on a table with rows, each traced, each compared with the lock, rewrite and scan the
// facts table gives, and with what the linter expects of it.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "apply/attempt.hpp"
#include "fixture.hpp"
#include "lint/effects.hpp"
#include "lint/live.hpp"
#include "migration/parse.hpp"
#include "verify/trace.hpp"

using namespace migrate;

namespace {

// One row of docs/locks.md's table: the mode taken on each table, and what happens to the table's data.
struct Fact {
  std::string sql;
  bool transaction;
  std::map<std::string, std::string> strongest; // table -> strongest pg_locks mode on it
  bool rewrite;
  std::optional<bool> scan; // none: not measurable (outside a transaction)
};

std::string strongest_on(const verify::Trace& t, const std::string& table) {
  const verify::RelationLock* best = nullptr;
  for (const auto& l : t.locks) {
    if (l.relation != table) continue;
    // ShareRowExclusive and Share are one class for the linter; the table wants the exact mode.
    static const std::vector<std::string> order = {"AccessShareLock", "RowShareLock",          "RowExclusiveLock",
                                                   "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
                                                   "ExclusiveLock",   "AccessExclusiveLock"};
    auto rank = [&](const std::string& m) { return std::find(order.begin(), order.end(), m) - order.begin(); };
    if (!best || rank(l.mode) > rank(best->mode)) best = &l;
  }
  return best ? best->mode : "";
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

} // namespace

TEST_CASE("the lock trace of six statements matches docs/locks.md and the linter") {
  test::OwnDatabase d;
  auto& s = *d.session;
  s.exec("CREATE TABLE parent (id int PRIMARY KEY);"
         "INSERT INTO parent SELECT g FROM generate_series(1, 10) g;"
         "CREATE TABLE t (id int PRIMARY KEY, v int, w int, p int);"
         "INSERT INTO t SELECT g, g, g, 1 + g % 10 FROM generate_series(1, 1000) g; ANALYZE t; ANALYZE parent");

  const std::vector<Fact> facts = {
      {"CREATE INDEX t_v_idx ON t (v)", true, {{"public.t", "ShareLock"}}, false, true},
      {"CREATE INDEX CONCURRENTLY t_w_idx ON t (w)", false, {{"public.t", "ShareUpdateExclusiveLock"}}, false, std::nullopt},
      {"ALTER TABLE t ADD COLUMN r float8 DEFAULT random()", true, {{"public.t", "AccessExclusiveLock"}}, true, true},
      {"ALTER TABLE t ALTER COLUMN v SET NOT NULL", true, {{"public.t", "AccessExclusiveLock"}}, false, true},
      {"ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p) REFERENCES parent NOT VALID",
       true,
       {{"public.t", "ShareRowExclusiveLock"}, {"public.parent", "ShareRowExclusiveLock"}},
       false,
       false},
      {"ALTER TABLE t VALIDATE CONSTRAINT t_p_fk", true, {{"public.t", "ShareUpdateExclusiveLock"}, {"public.parent", "RowShareLock"}}, false, true},
  };

  verify::Tracer tracer(s, [&d] { return db::connect(d.conninfo()); }, {});
  tracer.on = true;
  apply::RetryPolicy policy;
  policy.lock_timeout = util::Duration{5000};
  for (const auto& f : facts) {
    CAPTURE(f.sql);
    auto m = migration::parse_migration("-- migrate:expand\n" + f.sql + ";\n-- migrate:rollback irreversible\n", "m/1_t.sql", "app",
                                        {"1", "t"});
    const migration::Statement& st = m.sections.at(0).forward.statements.at(0);
    const lint::Catalog catalog = lint::read_live_catalog(s);
    apply::Unit unit{{apply::Item(st.sql)}, f.transaction};
    unit.statements[0].watch = [&](apply::Item::Stage stage) { tracer.watch(st, f.transaction, stage); };
    apply::run_unit(s, unit, policy);

    REQUIRE(tracer.traces.count(&st) == 1);
    const verify::Trace& t = tracer.traces.at(&st);
    CHECK(t.error.empty());
    CHECK(t.in_transaction == f.transaction);
    for (const auto& [table, mode] : f.strongest) {
      CAPTURE(table);
      CHECK(strongest_on(t, table) == mode);
    }
    CHECK(contains(t.rewrites, "public.t") == f.rewrite);
    CHECK(t.scans.has_value() == f.scan.has_value());
    if (t.scans && f.scan) CHECK(contains(*t.scans, "public.t") == *f.scan);
    // And the linter expects what the server did.
    const auto expected = lint::effects(st.node, catalog, s.server_version() / 10000);
    CHECK(verify::disagreements(t, expected, false) == std::vector<std::string>{});
  }
}

TEST_CASE("a trace sees what an earlier statement of the transaction holds, and no table it creates") {
  test::OwnDatabase d;
  auto& s = *d.session;
  s.exec("CREATE TABLE a (id int PRIMARY KEY)");
  auto m = migration::parse_migration("-- migrate:expand\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE a ADD COLUMN y int;\n"
                                      "CREATE TABLE b (id int REFERENCES a);\n-- migrate:rollback irreversible\n",
                                      "m/1_t.sql", "app", {"1", "t"});
  const auto& sts = m.sections.at(0).forward.statements;
  verify::Tracer tracer(s, [&d] { return db::connect(d.conninfo()); }, {});
  tracer.on = true;
  apply::Unit unit{{}, true};
  for (const auto& st : sts) {
    unit.statements.emplace_back(st.sql);
    unit.statements.back().watch = [&tracer, &st](apply::Item::Stage stage) { tracer.watch(st, true, stage); };
  }
  apply::run_unit(s, unit, apply::RetryPolicy{});
  const auto& second = tracer.traces.at(&sts[1]);
  CHECK(strongest_on(second, "public.a").empty()); // taken by the first statement already
  REQUIRE(second.held.size() >= 1);
  CHECK(std::any_of(second.held.begin(), second.held.end(), [](const auto& l) { return l.mode == "AccessExclusiveLock"; }));
  CHECK(verify::disagreements(second, {{"public.a", lint::Lock::access_exclusive, false, false}}, false).empty());
  const auto& third = tracer.traces.at(&sts[2]);
  CHECK(strongest_on(third, "public.b").empty()); // it made b
  CHECK(strongest_on(third, "public.a") == "ShareRowExclusiveLock");
}
