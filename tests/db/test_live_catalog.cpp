// lint --database: the live catalog read from a real server, as the linter needs it.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "fixture.hpp"
#include "lint/live.hpp"

using namespace migrate;

TEST_CASE("live types are spelled as replay spells them") {
  CHECK(lint::live_type_text("varchar", 24, false) == "varchar(20)");
  CHECK(lint::live_type_text("varchar", -1, false) == "varchar");
  CHECK(lint::live_type_text("numeric", (10 << 16) + 2 + 4, false) == "numeric(10,2)");
  CHECK(lint::live_type_text("int4", -1, false) == "int4");
  CHECK(lint::live_type_text("text", -1, true) == "text[]");
}

TEST_CASE("tables, column types, constraints, indexes, partitions, row estimates and enums") {
  test::Schema s;
  s.session->exec("CREATE TABLE orders (id bigint PRIMARY KEY, code varchar(20), amount numeric(10,2), n integer, "
                  "note text, tags text[])");
  s.session->exec("INSERT INTO orders SELECT g, g::text, g, g, g::text, '{}' FROM generate_series(1, 1000) g");
  s.session->exec("ANALYZE orders");
  s.session->exec("ALTER TABLE orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL) NOT VALID");
  s.session->exec("ALTER TABLE orders ADD CONSTRAINT orders_n_nn CHECK (n IS NOT NULL AND n > 0) NOT VALID");
  s.session->exec("ALTER TABLE orders VALIDATE CONSTRAINT orders_n_nn");
  s.session->exec("CREATE INDEX orders_code_n ON orders (code, n)");
  s.session->exec("CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at)");
  s.session->exec("CREATE TYPE mood AS ENUM ('happy', 'sad')");

  auto catalog = lint::read_live_catalog(*s.session);
  const std::string orders = s.name + ".orders";
  const auto* t = catalog.table(orders);
  REQUIRE(t);
  CHECK(t->created_in.empty()); // existing, not new in any migration
  REQUIRE(t->rows);
  CHECK(*t->rows == doctest::Approx(1000));
  CHECK(t->column("code")->type == "varchar(20)");
  CHECK(t->column("amount")->type == "numeric(10,2)");
  CHECK(t->column("n")->type == "int4");
  CHECK(t->column("tags")->type == "text[]");
  CHECK(t->column("id")->not_null);
  const auto* note_nn = t->constraint("orders_note_nn");
  REQUIRE(note_nn);
  CHECK_FALSE(note_nn->validated);
  CHECK(note_nn->not_null_of == "note");
  const auto* n_nn = t->constraint("orders_n_nn");
  REQUIRE(n_nn);
  CHECK(n_nn->validated);
  CHECK(n_nn->not_null_of == "n");
  CHECK(t->constraint("orders_pkey")->kind == "primary");
  CHECK(catalog.has_index_leading(orders, {"code"}));
  CHECK(catalog.has_index_leading(orders, {"id"}));
  CHECK_FALSE(catalog.has_index_leading(orders, {"n"}));
  REQUIRE(catalog.table(s.name + ".events"));
  CHECK(catalog.table(s.name + ".events")->partitioned);
  REQUIRE(catalog.enum_type(s.name + ".mood"));
  CHECK(catalog.enum_type(s.name + ".mood")->added_tx.count("sad") == 1);
}

// Found in CI: another session dropping a table between the catalog query and pg_get_constraintdef
// failed the read with "could not open relation with OID". Tables come and go on a live server.
TEST_CASE("the live catalog is read while another session creates and drops tables") {
  test::Schema s;
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    auto other = s.other();
    for (int i = 0; !stop; ++i) {
      other->exec(fmt::format("CREATE TABLE churn_{0} (id int CHECK (id > 0), v text CHECK (v <> ''), "
                              "CONSTRAINT churn_{0}_v UNIQUE (v))",
                              i % 4));
      other->exec(fmt::format("DROP TABLE churn_{}", i % 4));
    }
  });
  int reads = 0;
  std::string error;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < until) {
    try {
      (void)lint::read_live_catalog(*s.session);
      ++reads;
    } catch (const std::exception& e) {
      error = e.what();
      break;
    }
  }
  stop = true;
  churn.join();
  CHECK(error == "");
  CHECK(reads > 0);
}
