// The offline plan's reporters: pure functions of the parsed steps, checked with colour off.
#include "helpers.hpp"

#include "plan/plan.hpp"

using namespace migrate;
using migrate::test::parse;

TEST_CASE("text and JSON plans describe statements, transactions, backfills and rollbacks") {
  std::vector<migration::Migration> ms;
  ms.push_back(parse("-- migrate:expand\nALTER TABLE users ADD COLUMN v boolean;\n"
                     "CREATE INDEX CONCURRENTLY users_v_idx ON users (v);\n-- migrate:rollback\n"
                     "DROP INDEX CONCURRENTLY users_v_idx;\n\n-- migrate:migrate\n"
                     "-- migrate:backfill table=users key=id batch=1000 sleep=10ms\n"
                     "UPDATE users SET v = true WHERE id > $1 AND id <= $2;\n-- migrate:rollback\n\n"
                     "-- migrate:contract\nALTER TABLE users DROP COLUMN legacy;\n-- migrate:rollback irreversible\n",
                     "migrations/shop/1_test.sql"));
  auto steps = plan::offline(ms, std::nullopt);
  REQUIRE(steps.size() == 3);

  const std::string text = plan::to_text(steps, false);
  const std::string expected = R"(Plan (offline: no database was asked, so every step is shown as pending)

app 1_test  migrations/shop/1_test.sql
  expand   2 statements, each on its own (CREATE INDEX CONCURRENTLY at line 3)
        2   ALTER TABLE users ADD COLUMN v boolean
        3   CREATE INDEX CONCURRENTLY users_v_idx ON users (v)
           rollback: 1 statement on its own (DROP INDEX CONCURRENTLY at line 5)
        5   DROP INDEX CONCURRENTLY users_v_idx
  migrate  1 statement on its own (backfill at line 9, in batches)
        9   UPDATE users SET v = true WHERE id > $1 AND id <= $2
            backfill users by id, batch 1000, sleep 10ms
            convergence: verify counts the rows where users.v differs from what it sets
           rollback: nothing to undo
  contract 1 statement in a transaction
       13   ALTER TABLE users DROP COLUMN legacy
           rollback: irreversible

3 steps in 1 migration of 1 app
)";
  CHECK(text == expected);
  CHECK(text.find('\033') == std::string::npos); // no colour when off

  auto j = plan::to_json(steps);
  CHECK(j["version"] == 1);
  CHECK(j["steps"].size() == 3);
  CHECK(j["steps"][0]["phase"] == "expand");
  CHECK(j["steps"][0]["forward"]["transactions"]["mode"] == "each");
  CHECK(j["steps"][0]["forward"]["statements"][1]["kind"] == "IndexStmt");
  CHECK(j["steps"][1]["forward"]["statements"][0]["backfill"]["batch"] == 1000);
  CHECK(j["steps"][1]["forward"]["statements"][0]["backfill"]["sleep_ms"] == 10);
  CHECK(j["steps"][2]["rollback"]["kind"] == "irreversible");
  CHECK(j["steps"][0]["checksum"].get<std::string>().size() == 64);

  auto only = plan::offline(ms, migration::Phase::contract);
  REQUIRE(only.size() == 1);
  CHECK(only[0].section->phase == migration::Phase::contract);
}
