// Every lint rule's must-fire (and must-warn) SQL on the real server this test runs against (issue 21's version matrix):
// for each tests/lint/<rule>/fire.sql, on a database of its own, setup.sql's forward sections run, then
// the fixture below (the objects fire.sql names that setup.sql does not make, and a few hundred rows),
// then fire.sql's statements in order, sent the way apply sends them (its transaction plan: one
// transaction, each statement on its own, the file's BEGIN/COMMIT) and each traced. Every statement
// on a "-- fires" (or "-- warns") line has its trace compared with what lint::effects predicts at the server's major,
// on the live catalog replayed through the file the way verify does it. A statement not sent, one the
// server refuses, and a difference between the linter and the server are each named in a list below
// with the reason (and the versions); anything else that fails or differs fails the test.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "apply/attempt.hpp"
#include "apply/executor.hpp"
#include "fixture.hpp"
#include "lint/effects.hpp"
#include "lint/live.hpp"
#include "migration/parse.hpp"
#include "migration/transactions.hpp"
#include "sql/parser.hpp"
#include "util/text.hpp"
#include "verify/trace.hpp"

using namespace migrate;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A statement of a rule's fire.sql (found by a piece of its text, which must match exactly one
// statement of the file), on the majors from..to.
struct Which {
  std::string rule;
  std::string statement;
  int from = 0, to = 99;
  [[nodiscard]] bool on(int major) const { return major >= from && major <= to; }
};

// Not sent: the reason says why it cannot run here.
struct NotRun {
  Which which;
  std::string reason;
};

// Sent, and the server must refuse it: what the rule warns of is that it fails.
struct Refused {
  Which which;
  std::string reason;
};

// What the server does that the linter deliberately does not predict: docs/locks.md's "Version facts"
// (or its table) records each. `differences` are verify::disagreements' sentences, exactly.
struct Expected {
  Which which;
  std::vector<std::string> differences;
  std::string why;
};

const std::vector<NotRun> kNotRun = {
    // (A backfill statement is sent, as one batch over the whole key range: $1 = 0, $2 = 1e9, the
    // corpus's keys being integers. The batch runner would bind them on connections of its own.)
    {{"reindex-not-concurrent", "REINDEX SYSTEM app"}, "names the database app; the test's database has another name"},
    {{"reindex-not-concurrent", "REINDEX DATABASE app"}, "names the database app; the test's database has another name"},
    {{"reindex-not-concurrent", "REINDEX (CONCURRENTLY false)", 0, 13}, "REINDEX (CONCURRENTLY ...) is PostgreSQL 14 syntax"},
    {{"table-rewrite", "SET TABLESPACE fast"},
     "needs a tablespace, i.e. a directory the server's OS user owns; the test cannot make one on every set-up"},
    {{"detach-partition-not-concurrent", "events_2022 CONCURRENTLY", 0, 13}, "DETACH PARTITION ... CONCURRENTLY is PostgreSQL 14 syntax"},
    {{"not-understood", "VIRTUAL", 0, 17}, "virtual generated columns are PostgreSQL 18 syntax"},
    {{"not-understood", "NOT NULL region NOT VALID", 0, 17}, "NOT NULL ... NOT VALID is PostgreSQL 18 syntax"},
    {{"not-understood", "SELECT * FROM (SELECT 1)", 0, 15}, "a sub-SELECT without an alias is PostgreSQL 16 syntax"},
};

const std::vector<Refused> kRefused = {
    {{"concurrently-in-transaction", "CREATE INDEX CONCURRENTLY users_email_idx"}, "CONCURRENTLY inside the file's BEGIN/COMMIT"},
    {{"concurrently-in-transaction", "DROP INDEX CONCURRENTLY users_email_idx"}, "CONCURRENTLY inside the file's BEGIN/COMMIT"},
    {{"concurrently-in-transaction", "DO $$"}, "CONCURRENTLY inside a DO block (a function)"},
    {{"enum-value-same-transaction", "UPDATE orders"}, "a value ALTER TYPE ... ADD VALUE added cannot be used in its transaction"},
    {{"not-understood", "plperl"}, "the plperl language is not installed"},
    {{"not-understood", "FOR r IN SELECT 1 LOOP"}, "the body does not compile as PL/pgSQL"},
};

const std::vector<Expected> kExpected = {
    // Deliberately conservative: a function the migration does not create is VOLATILE for the linter
    // (PostgreSQL's default). The fixture's app_default_region() is LANGUAGE sql with a constant body,
    // which the server inlines and folds to a constant: no rewrite. docs/locks.md, "Version facts".
    {{"add-column-rewrite", "app_default_region()"},
     {"the linter expects a rewrite of public.users; its file did not change"},
     "an inlined SQL function is a constant default"},
    // Deliberately conservative (the rule warns, saying so): timestamp to timestamptz keeps the bytes
    // when the session's TimeZone is UTC, which the linter cannot see; the test servers run in UTC.
    {{"column-type-rewrite", "created TYPE timestamptz"},
     {"the linter expects a rewrite of public.accounts; its file did not change"},
     "timestamp to timestamptz under TimeZone UTC"},
};

// The objects each fire.sql names that its setup.sql does not make, with rows. Run after setup.sql.
const std::map<std::string, std::string> kFixture = {
    // Empty: on a table with rows ADD COLUMN ... NOT NULL without a default fails, which is the rule's point.
    {"add-column-required", "CREATE TABLE users (id bigint PRIMARY KEY, email text)"},
    {"add-column-rewrite",
     "CREATE TABLE users (id bigint PRIMARY KEY, name text); INSERT INTO users SELECT g, 'n' || g FROM generate_series(1, 300) g;"
     "CREATE FUNCTION app_default_region() RETURNS text LANGUAGE sql AS $$ SELECT 'eu' $$"},
    {"backfill-skips-default", "INSERT INTO customers SELECT g, 'verified', 'free', g FROM generate_series(1, 300) g"},
    {"breaking-rename",
     "CREATE TABLE users (id bigint PRIMARY KEY, name text); INSERT INTO users SELECT g, 'n' || g FROM generate_series(1, 300) g;"
     "CREATE TABLE orders (id bigint PRIMARY KEY); INSERT INTO orders SELECT g FROM generate_series(1, 300) g;"
     "CREATE INDEX users_email_idx ON users (name); CREATE SCHEMA shop"},
    {"column-type-rewrite",
     "INSERT INTO accounts SELECT g, 'n' || g, 'c' || g, g, g, g, now() FROM generate_series(1, 300) g;"
     "CREATE TABLE not_replayed (id int PRIMARY KEY, x int); INSERT INTO not_replayed SELECT g, g FROM generate_series(1, 300) g"},
    {"concurrently-in-transaction",
     "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);"
     "INSERT INTO users SELECT g, 'e' || g, 'n' || g FROM generate_series(1, 300) g"},
    {"constraint-not-valid",
     "CREATE TABLE users (id bigint PRIMARY KEY); INSERT INTO users SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE coupons (id bigint PRIMARY KEY); INSERT INTO coupons SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);"
     "INSERT INTO orders SELECT g, g, g FROM generate_series(1, 300) g"},
    {"cross-app-ownership",
     "CREATE TABLE auth_user (id bigint PRIMARY KEY); INSERT INTO auth_user SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE api_tokens (id bigint PRIMARY KEY, user_id bigint); INSERT INTO api_tokens SELECT g, g FROM generate_series(1, 300) g"},
    {"destructive-outside-contract",
     "INSERT INTO users SELECT g, 'e' || g, 'n' || g, 'l', 'p' FROM generate_series(1, 300) g;"
     "INSERT INTO orders SELECT g, g, g, 's' FROM generate_series(1, 300) g;"
     "CREATE TABLE old_stuff (id int); INSERT INTO old_stuff SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE audit (id int); INSERT INTO audit SELECT g FROM generate_series(1, 300) g;"
     "CREATE VIEW report_v AS SELECT 1 AS x; CREATE TYPE mood AS ENUM ('sad', 'ok');"
     "CREATE SCHEMA legacy; CREATE TABLE legacy.t (id int);"
     "CREATE MATERIALIZED VIEW totals AS SELECT count(*) FROM orders;"
     "CREATE TYPE status AS ENUM ('x', 'y'); ALTER TABLE orders ADD COLUMN state status;"
     "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"
     "ALTER TABLE orders ADD COLUMN user_email text REFERENCES users (email);"
     "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;"
     "CREATE VIEW active_users AS SELECT id, email FROM users WHERE active"},
    {"detach-partition-not-concurrent",
     "CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);"
     "CREATE TABLE events_2022 PARTITION OF events FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');"
     "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');"
     "INSERT INTO events SELECT g, timestamptz '2022-01-01' + g * interval '2 days' FROM generate_series(1, 300) g"},
    {"dml-outside-migrate",
     "CREATE TABLE users (id bigint PRIMARY KEY, plan text); INSERT INTO users SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); INSERT INTO orders SELECT g, g FROM generate_series(1, 300) g;"
     "CREATE TABLE archive (id bigint, total numeric)"},
    {"domain-constraint-scan",
     "CREATE DOMAIN positive_cents AS bigint; CREATE DOMAIN cents AS bigint;"
     "CREATE TABLE prices (id bigint PRIMARY KEY, amount positive_cents, fee cents);"
     "INSERT INTO prices SELECT g, g, g FROM generate_series(1, 300) g"},
    {"drop-index-not-concurrent", "INSERT INTO users SELECT g, 'e' || g, 'n' || g, 'l', 'p' FROM generate_series(1, 300) g"},
    {"enum-value-same-transaction",
     "CREATE TYPE order_status AS ENUM ('new', 'paid');"
     "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status); INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 300) g"},
    {"exclusion-constraint",
     "CREATE EXTENSION btree_gist; CREATE TABLE bookings (id bigint PRIMARY KEY, room int, during tstzrange);"
     "INSERT INTO bookings SELECT g, g % 10, tstzrange(timestamptz '2024-01-01' + g * interval '1 day', "
     "timestamptz '2024-01-01' + (g + 1) * interval '1 day') FROM generate_series(1, 300) g"},
    {"fk-without-index",
     "CREATE TABLE users (id bigint PRIMARY KEY); INSERT INTO users SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint); INSERT INTO orders SELECT g, g FROM generate_series(1, 300) g;"
     "CREATE TABLE payments (id bigint PRIMARY KEY, paid_at timestamptz); INSERT INTO payments SELECT g, now() FROM generate_series(1, 300) g;"
     "CREATE TABLE refunds (id bigint PRIMARY KEY, at timestamptz); INSERT INTO refunds SELECT g, now() FROM generate_series(1, 300) g"},
    {"index-not-concurrent",
     "INSERT INTO orders SELECT g, g, g, 's' FROM generate_series(1, 300) g;"
     "ALTER TABLE users ADD COLUMN city text; INSERT INTO users SELECT g, 'e' || g, 'n' || g, 'l', 'p', 'c' FROM generate_series(1, 300) g;"
     "CREATE TABLE events_all PARTITION OF events DEFAULT; INSERT INTO events SELECT g, now() FROM generate_series(1, 300) g"},
    {"lock-held-too-long",
     "INSERT INTO users SELECT g, 'e' || g, 'n' || g, 'l', 'p' FROM generate_series(1, 300) g;"
     "INSERT INTO orders SELECT g, g, g, 's' FROM generate_series(1, 300) g;"
     "ALTER TABLE users ADD CONSTRAINT users_plan_check CHECK (plan IS NOT NULL) NOT VALID;"
     "ALTER TABLE users ADD CONSTRAINT users_other_check CHECK (name IS NOT NULL) NOT VALID;"
     "CREATE TABLE events (id bigint, old boolean); INSERT INTO events SELECT g, g % 2 = 0 FROM generate_series(1, 300) g;"
     "CREATE TABLE events_archive (id bigint, old boolean)"},
    {"missing-rollback", "CREATE TABLE users (id bigint PRIMARY KEY); INSERT INTO users SELECT g FROM generate_series(1, 300) g"},
    {"not-understood",
     "CREATE TABLE events (id bigint PRIMARY KEY, a int, b int, at timestamptz, region text);"
     "INSERT INTO events SELECT g, g, g, now(), 'eu' FROM generate_series(1, 300) g"},
    {"prefer-bigint", "CREATE TABLE orders (id bigint PRIMARY KEY); INSERT INTO orders SELECT g FROM generate_series(1, 300) g"},
    {"prefer-jsonb", "CREATE TABLE events (id bigint PRIMARY KEY); INSERT INTO events SELECT g FROM generate_series(1, 300) g"},
    {"prefer-text", "CREATE TABLE users (id bigint PRIMARY KEY); INSERT INTO users SELECT g FROM generate_series(1, 300) g"},
    {"prefer-timestamptz", "CREATE TABLE events (id bigint PRIMARY KEY); INSERT INTO events SELECT g FROM generate_series(1, 300) g"},
    {"refresh-mv-not-concurrent",
     "CREATE TABLE sales (id bigint PRIMARY KEY, day date, amount numeric);"
     "INSERT INTO sales SELECT g, date '2024-01-01' + g % 60, g FROM generate_series(1, 300) g;"
     "CREATE MATERIALIZED VIEW sales_daily AS SELECT day, sum(amount) AS total FROM sales GROUP BY day;"
     "CREATE MATERIALIZED VIEW sales_weekly AS SELECT date_trunc('week', day) AS week, sum(amount) AS total FROM sales GROUP BY 1;"
     "CREATE UNIQUE INDEX sales_weekly_week ON sales_weekly (week)"},
    {"reindex-not-concurrent",
     "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);"
     "INSERT INTO users SELECT g, 'e' || g, 'n' || g FROM generate_series(1, 300) g;"
     "CREATE INDEX users_email_idx ON users (email); CREATE INDEX users_name_idx ON users (name)"},
    {"schema-change-in-migrate",
     "INSERT INTO users SELECT g, 'e' || g, 'n' || g, 'l', 'p' FROM generate_series(1, 300) g;"
     "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID"},
    {"set-not-null-scan", "INSERT INTO users SELECT g, 'e' || g, 'n' || g, 'l', 'p' FROM generate_series(1, 300) g"},
    {"table-rewrite",
     "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); INSERT INTO orders SELECT g, g FROM generate_series(1, 300) g;"
     "CREATE TABLE users (id bigint PRIMARY KEY, name text); INSERT INTO users SELECT g, 'n' || g FROM generate_series(1, 300) g"},
    {"unbatched-dml",
     "INSERT INTO currencies SELECT 'C' || g, 'n' || g FROM generate_series(1, 300) g;"
     "INSERT INTO plans SELECT g, 'p' || g, 'n' || g FROM generate_series(1, 300) g;"
     "CREATE TABLE users (id bigint PRIMARY KEY, plan text); INSERT INTO users SELECT g FROM generate_series(1, 300) g;"
     "CREATE TABLE sessions (id bigint PRIMARY KEY, expired boolean); INSERT INTO sessions SELECT g, g % 2 = 0 FROM generate_series(1, 300) g"},
    {"unique-constraint-build",
     "CREATE TABLE users (id bigint NOT NULL, email text); INSERT INTO users SELECT g, 'e' || g FROM generate_series(1, 300) g"},
    {"unused-allow", "CREATE TABLE users (id bigint PRIMARY KEY); INSERT INTO users SELECT g FROM generate_series(1, 300) g"},
    {"validate-in-same-transaction", "INSERT INTO orders SELECT g, g, g, 's' FROM generate_series(1, 300) g"},
};

// Rules whose fire.sql is not run at all.
const std::map<std::string, std::string> kRulesNotRun = {
    {"parse-error", "its fire.sql does not parse: there is no statement to send"},
};

template <typename T> const T* find_entry(const std::vector<T>& list, const std::string& rule, const migration::Statement& st, int major) {
  for (const auto& e : list) {
    if (e.which.rule == rule && e.which.on(major) && st.sql.find(e.which.statement) != std::string::npos) return &e;
  }
  return nullptr;
}

int last_line(const migration::Statement& st) { return st.where.line + static_cast<int>(std::count(st.sql.begin(), st.sql.end(), '\n')); }

// The lines of a file marked "-- fires" (or the line after "-- fires-next"), and "-- warns" (a finding
// lowered to a warning because what decides it cannot be seen: worth knowing what the server does).
std::set<int> fires_lines(const std::string& text) {
  std::set<int> lines;
  auto all = util::split_lines(text);
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::string_view l = all[i];
    if (util::trim(l) == "-- fires-next") lines.insert(static_cast<int>(i) + 2);
    else if (l.find("-- fires") != std::string_view::npos || l.find("-- warns") != std::string_view::npos) lines.insert(static_cast<int>(i) + 1);
  }
  return lines;
}

struct Run {
  test::OwnDatabase& db;
  db::Session& s;
  int major;
  std::string rule;
  verify::Tracer tracer;
  apply::RetryPolicy policy;
  std::vector<std::string> failures; // unexpected, one sentence each
  std::set<const migration::Statement*> refused, not_run;

  Run(test::OwnDatabase& d, int m, std::string r)
      : db(d), s(*d.session), major(m), rule(std::move(r)), tracer(s, [&d] { return db::connect(d.conninfo()); }, {}) {
    policy.lock_timeout = util::Duration{5000};
    policy.retries = 0;
  }

  // Runs a script the way the executor does (migration::plan_transactions, explicit_body), each
  // statement watched by the tracer (which records only while on).
  void run_script(const migration::Script& script) {
    const migration::TransactionPlan plan = migration::plan_transactions(script);
    auto runs = [&](const migration::Statement& st) {
      if (const auto* n = find_entry(kNotRun, rule, st, major)) {
        not_run.insert(&st);
        MESSAGE(fmt::format("{}: not sent on {}: {} ({})", rule, major, util::one_line(st.sql, 80), n->reason));
        return false;
      }
      return true;
    };
    auto item = [&](const migration::Statement& st, bool in_transaction) {
      apply::Item it = st.backfill ? apply::Item(st.sql, {db::Value("0"), db::Value("1000000000")}) : apply::Item(st.sql);
      it.watch = [this, &st, in_transaction](apply::Item::Stage stage) { tracer.watch(st, in_transaction, stage); };
      return it;
    };
    for (const auto& u : plan.units) {
      apply::Unit unit{{}, true};
      std::vector<const migration::Statement*> sent;
      if (u.transaction) {
        auto [first, last] = apply::explicit_body(script, u);
        for (std::size_t i = first; i < last; ++i) {
          const auto& st = script.statements[i];
          if (!runs(st)) continue;
          unit.statements.push_back(item(st, true));
          sent.push_back(&st);
        }
      } else {
        const auto& st = script.statements[u.first];
        if (!runs(st)) continue;
        unit.transaction = st.kind.empty() ? migration::newer_needs_own_transaction(st.sql).empty() : sql::needs_own_transaction(st.node).empty();
        if (st.backfill) unit.transaction = true; // one batch: a transaction of its own
        unit.statements.push_back(item(st, unit.transaction));
        sent.push_back(&st);
      }
      if (unit.statements.empty()) continue;
      std::string error;
      try {
        apply::run_unit(s, unit, policy);
      } catch (const std::exception& e) {
        error = util::one_line(e.what(), 300);
      }
      // The statement that failed is the last one the tracer saw start.
      const migration::Statement* failed = nullptr;
      if (!error.empty()) {
        for (const auto* st : sent) {
          auto it = tracer.traces.find(st);
          if (it != tracer.traces.end() && it->second.error == "the statement failed") failed = st;
        }
        if (!failed) failed = sent.back(); // BEGIN/COMMIT, or a tracer that was off
      }
      for (const auto* st : sent) {
        const bool listed = find_entry(kRefused, rule, *st, major) != nullptr;
        if (st == failed) {
          if (listed) refused.insert(st);
          else failures.push_back(fmt::format("{} line {}: {} failed: {}", rule, st->where.line, util::one_line(st->sql, 80), error));
        } else if (listed) {
          failures.push_back(fmt::format("{} line {}: {} is listed as refused, but the server ran it", rule, st->where.line,
                                         util::one_line(st->sql, 80)));
        }
      }
    }
  }
};

bool dml(const migration::Statement& st) { return st.kind == "UpdateStmt" || st.kind == "DeleteStmt" || st.kind == "InsertStmt"; }

std::string trace_text(const verify::Trace& t) {
  std::string out = t.in_transaction ? "in a transaction:" : "on its own:";
  for (const auto& l : t.locks) out += fmt::format(" {} {} ({});", verify::mode_words(l.mode), l.relation, l.kind);
  for (const auto& r : t.rewrites) out += " rewrote " + r + ";";
  if (t.scans) {
    for (const auto& r : *t.scans) out += " read " + r + ";";
  }
  return out;
}

} // namespace

TEST_CASE("every rule's must-fire statements take, on this server, the locks the linter predicts for its version") {
  const fs::path root = fs::path(MIGRATE_SOURCE_DIR) / "tests" / "lint";
  std::vector<std::string> rules;
  for (const auto& e : fs::directory_iterator(root)) {
    if (fs::exists(e.path() / "fire.sql")) rules.push_back(e.path().filename().string());
  }
  std::sort(rules.begin(), rules.end());
  REQUIRE(rules.size() > 30);
  const int major = db::connect("")->server_version() / 10000;
  int traced = 0;
  std::map<std::string, int> matched_lists; // "kind rule statement" -> statements matched

  for (const auto& rule : rules) {
    CAPTURE(rule);
    if (kRulesNotRun.count(rule)) {
      MESSAGE(fmt::format("{}: not run: {}", rule, kRulesNotRun.at(rule)));
      continue;
    }
    const fs::path dir = root / rule;
    const std::string fire = slurp(dir / "fire.sql");
    // The corpus's "-- pg-version: N" (newer syntax kept unparsed, as the linter's own test reads it).
    migration::ParseOptions parse;
    parse.newer_grammar = fire.find("-- pg-version: 18") != std::string::npos;
    const migration::Migration m = migration::parse_migration(fire, "fire.sql", "app", {"2", "case"}, parse);

    test::OwnDatabase d;
    Run run(d, major, rule);
    if (fs::exists(dir / "setup.sql")) {
      const auto setup = migration::parse_migration(slurp(dir / "setup.sql"), "setup.sql", "app", {"1", "setup"});
      for (const auto& sec : setup.sections) run.run_script(sec.forward);
    }
    if (auto f = kFixture.find(rule); f != kFixture.end()) run.s.exec(f->second);
    REQUIRE(run.failures.empty());

    // The scripts fire.sql runs: every forward part in order, then, in reverse order, the rollbacks that
    // hold a "-- fires" line (rollbacks run in production too).
    const std::set<int> fires = fires_lines(fire);
    std::vector<const migration::Script*> scripts;
    for (const auto& sec : m.sections) scripts.push_back(&sec.forward);
    for (auto it = m.sections.rbegin(); it != m.sections.rend(); ++it) {
      if (std::any_of(it->undo.statements.begin(), it->undo.statements.end(),
                      [&](const migration::Statement& st) { return fires.lower_bound(st.where.line) != fires.end() && *fires.lower_bound(st.where.line) <= last_line(st); })) {
        scripts.push_back(&it->undo);
      }
    }

    // What the linter expects of each statement: the live catalog, replayed through the file.
    lint::Catalog catalog = lint::read_live_catalog(run.s);
    std::map<const migration::Statement*, std::vector<lint::Effect>> expected;
    int tx = 0;
    for (const auto* script : scripts) {
      for (const auto& st : script->statements) {
        if (st.kind.empty()) continue; // not understood by the grammar: the linter predicts nothing
        expected[&st] = lint::run_effects(st.node, catalog, major);
        catalog.apply(st.node, {m.id(), ++tx});
      }
    }

    run.tracer.on = true;
    for (const auto* script : scripts) run.run_script(*script);
    run.tracer.on = false;
    for (const auto& f : run.failures) FAIL_CHECK(f);

    // Every "-- fires" line: a statement traced and compared, or one listed, or a directive line.
    const auto lines = util::split_lines(fire);
    for (int line : fires) {
      CAPTURE(line);
      const migration::Statement* st = nullptr;
      for (const auto* script : scripts) {
        for (const auto& s : script->statements) {
          if (s.where.line <= line && line <= last_line(s)) st = &s;
        }
      }
      if (!st) {
        // A directive or section header ("-- fires-next" before it), or a rollback line not run.
        const std::string_view text = util::trim(lines.at(static_cast<std::size_t>(line - 1)));
        CHECK_MESSAGE(text.starts_with("-- migrate:"), fmt::format("fire.sql line {} marks no statement that runs", line));
        continue;
      }
      if (run.not_run.count(st) || run.refused.count(st)) continue; // listed, and said so above
      if (st->kind.empty()) {
        // Only not-understood's corpus is SQL the grammar cannot read, on purpose: the linter has no
        // prediction for it (that is the finding), so there is nothing to compare; it ran.
        CHECK_MESSAGE(rule == "not-understood", fmt::format("line {}: the grammar does not understand it: no prediction to compare", line));
        MESSAGE(fmt::format("{} line {}: ran; not compared (the linter has no parse tree of it)", rule, line));
        continue;
      }
      auto it = run.tracer.traces.find(st);
      REQUIRE_MESSAGE(it != run.tracer.traces.end(), fmt::format("line {} was not traced", line));
      const verify::Trace& t = it->second;
      CAPTURE(st->sql);
      CAPTURE(trace_text(t));
      CHECK(t.error.empty());
      ++traced;
      const auto got = verify::disagreements(t, expected.at(st), dml(*st));
      const std::string differences = fmt::format("{}", fmt::join(got, " | "));
      CAPTURE(differences);
      if (const auto* e = find_entry(kExpected, rule, *st, major)) {
        CHECK_MESSAGE(got == e->differences, e->why);
        ++matched_lists["expected " + rule + " " + e->which.statement];
      } else {
        CHECK(got == std::vector<std::string>{});
      }
    }
    for (const auto* st : run.not_run) ++matched_lists["not-run " + rule + " " + find_entry(kNotRun, rule, *st, major)->which.statement];
    for (const auto* st : run.refused) ++matched_lists["refused " + rule + " " + find_entry(kRefused, rule, *st, major)->which.statement];
  }
  MESSAGE(fmt::format("PostgreSQL {}: {} must-fire and must-warn statements traced and compared", major, traced));
  // Every list entry for this version names exactly one statement: a list that no longer matches the
  // corpus is stale.
  auto stale = [&](const char* kind, const Which& w) {
    if (!w.on(major) || kRulesNotRun.count(w.rule)) return;
    CHECK_MESSAGE(matched_lists[std::string(kind) + " " + w.rule + " " + w.statement] == 1,
                  fmt::format("{} entry {}: {} matches no single statement on {}", kind, w.rule, w.statement, major));
  };
  for (const auto& e : kNotRun) stale("not-run", e.which);
  for (const auto& e : kRefused) stale("refused", e.which);
  for (const auto& e : kExpected) stale("expected", e.which);
}
