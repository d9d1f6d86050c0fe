// db::ServerVersion: the one place that decides by server_version_num, and the version a server
// binary prints of itself.
#include <doctest/doctest.h>

#include "db/server_version.hpp"
#include "util/error.hpp"

using migrate::db::ServerVersion;
using migrate::db::parse_server_version;

TEST_CASE("parse_server_version reads what postgres --version and initdb --version print") {
  CHECK(parse_server_version("postgres (PostgreSQL) 13.23")->num == 130023);
  CHECK(parse_server_version("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n")->num == 150018);
  CHECK(parse_server_version("initdb (PostgreSQL) 18.4")->num == 180004);
  CHECK(parse_server_version("postgres (PostgreSQL) 17beta1")->num == 170000);
  CHECK(parse_server_version("postgres (PostgreSQL) 12.22")->str() == "12.22");
  CHECK_FALSE(parse_server_version("").has_value());
  CHECK_FALSE(parse_server_version("postgres (PostgreSQL) 9.6.24").has_value()); // before 10: not MAJOR.MINOR
  CHECK_FALSE(parse_server_version("no version here").has_value());
}

TEST_CASE("the supported range: 12 is refused with the range named, 13 to 18 are tested, 19 is linted as 18") {
  CHECK_FALSE(ServerVersion{120022}.supported());
  CHECK(ServerVersion{130000}.supported());
  CHECK(ServerVersion{180004}.tested());
  CHECK_FALSE(ServerVersion{190001}.tested());
  CHECK(ServerVersion{190001}.supported());
  CHECK(ServerVersion{190001}.lint_version() == 18);
  CHECK(ServerVersion{130023}.lint_version() == 13);
  CHECK_FALSE(ServerVersion{130023}.checks_client_connection());
  CHECK(ServerVersion{140000}.checks_client_connection());

  CHECK_NOTHROW(migrate::db::require_supported(ServerVersion{130001}, "x"));
  try {
    migrate::db::require_supported(ServerVersion{120022}, "the database at postgresql://h/db");
    FAIL("12 was accepted");
  } catch (const migrate::DatabaseError& e) {
    CHECK(std::string(e.what()) ==
          "the database at postgresql://h/db is PostgreSQL 12.22, which migrate does not support: it supports PostgreSQL 13 to 18");
    CHECK(static_cast<int>(e.code()) == 3);
  }
}
