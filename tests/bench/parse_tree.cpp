// Which form of libpg_query's parse tree to use: JSON read by nlohmann::json, or protobuf unpacked by
// protobuf-c. Both are measured on the same SQL, end to end (parse + load into a walkable tree), plus
// migrate's own file parser on top. Prints the best of several runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "migration/parse.hpp"
#include "sql/node.hpp"

namespace {

std::string workload(int n) {
  std::string sql = "-- migrate:expand\n";
  for (int i = 0; i < n; ++i) {
    auto s = std::to_string(i);
    sql += "ALTER TABLE users ADD COLUMN c" + s + " varchar(20) DEFAULT 'x' REFERENCES other(id);\n";
    sql += "CREATE INDEX CONCURRENTLY idx" + s + " ON users (lower(email), created_at) WHERE deleted_at IS NULL;\n";
    sql += "UPDATE users SET a = b + 1 WHERE id > 10 AND x IN (SELECT y FROM z WHERE q = 'a;b');\n";
    sql += "CREATE FUNCTION f" + s + "() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n";
  }
  return sql;
}

double best_ms(int runs, const std::function<void()>& f) {
  double best = 1e18;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

} // namespace

// bench_parse_tree [N] [json|protobuf|arena|file]: with a mode, runs only that path once, for
// `valgrind --tool=callgrind`, whose instruction counts repeat exactly (wall time here is noisy).
int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1500;
  const std::string mode = argc > 2 ? argv[2] : "";
  const std::string sql = workload(n);
  const int statements = n * 4;
  std::size_t json_bytes = 0, pb_bytes = 0;

  const int runs = mode.empty() ? 5 : 1;
  double json = mode.empty() || mode == "json" ? best_ms(runs, [&] {
    auto r = pg_query_parse(sql.c_str());
    json_bytes = std::strlen(r.parse_tree);
    auto tree = nlohmann::json::parse(r.parse_tree);
    if (tree["stmts"].size() != static_cast<std::size_t>(statements)) std::abort();
    pg_query_free_parse_result(r);
  }) : 0;
  double pb = mode.empty() || mode == "protobuf" ? best_ms(runs, [&] {
    auto r = pg_query_parse_protobuf(sql.c_str());
    pb_bytes = r.parse_tree.len;
    auto* tree = pg_query__parse_result__unpack(nullptr, r.parse_tree.len, reinterpret_cast<const uint8_t*>(r.parse_tree.data));
    if (tree->n_stmts != static_cast<std::size_t>(statements)) std::abort();
    pg_query__parse_result__free_unpacked(tree, nullptr);
    pg_query_free_protobuf_parse_result(r);
  }) : 0;
  double arena = mode.empty() || mode == "arena" ? best_ms(runs, [&] {
    auto r = pg_query_parse(sql.c_str());
    auto tree = migrate::sql::parse_json(r.parse_tree);
    if (tree->at("stmts").size() != static_cast<std::size_t>(statements)) std::abort();
    pg_query_free_parse_result(r);
  }) : 0;
  double file = mode.empty() || mode == "file" ? best_ms(runs, [&] {
    auto m = migrate::migration::parse_migration(sql, "bench.sql", "bench", {"1", "bench"});
    if (m.sections.at(0).forward.statements.size() != static_cast<std::size_t>(statements)) std::abort();
  }) : 0;

  std::printf("statements: %d, SQL: %zu bytes\n", statements, sql.size());
  std::printf("json + nlohmann:      %8.1f ms  (%.2f us/statement, tree text %zu bytes)\n", json, 1000 * json / statements, json_bytes);
  std::printf("protobuf + protobuf-c:%8.1f ms  (%.2f us/statement, tree %zu bytes)\n", pb, 1000 * pb / statements, pb_bytes);
  std::printf("json + sql::Node:     %8.1f ms  (%.2f us/statement; what migrate uses)\n", arena, 1000 * arena / statements);
  std::printf("migrate parse_migration (scan + parse + split + directives + checksum): %.1f ms (%.2f us/statement)\n",
              file, 1000 * file / statements);
  return 0;
}
