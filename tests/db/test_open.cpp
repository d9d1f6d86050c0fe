// db::open: the configured server, or a throwaway one for "ephemeral" that goes away with the connection.
#include <doctest/doctest.h>

#include <filesystem>
#include <signal.h>

#include "db/ephemeral.hpp"
#include "db/session.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

using namespace migrate;

TEST_CASE("open(\"\") uses libpq's PG* variables") {
  auto c = db::open("");
  CHECK_FALSE(c.server);
  CHECK(c.session->exec("SELECT 1").rows.at(0).at(0) == "1");
}

TEST_CASE("open(\"ephemeral\") starts a throwaway server and removes it afterwards") {
  log::init(log::Format::text, -1);
  std::filesystem::path dir;
  pid_t pid = -1;
  {
    auto c = db::open("ephemeral");
    REQUIRE(c.server);
    dir = c.server->dir();
    pid = c.server->pid();
    CHECK(std::filesystem::exists(dir / "data" / "PG_VERSION"));
    CHECK(c.description.find("throwaway") != std::string::npos);
    c.session->exec("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
    CHECK(c.session->exec("SELECT count(*) FROM t").rows.at(0).at(0) == "1");
    // Notices are log lines, not raw stderr; this one must not throw.
    c.session->exec("DROP TABLE IF EXISTS no_such_table");
  }
  CHECK_FALSE(std::filesystem::exists(dir));
  CHECK(::kill(pid, 0) != 0);
}
