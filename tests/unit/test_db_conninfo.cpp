// Connection strings as libpq reads them: parsed, rebuilt with libpq's quoting, shown with the password
// as ***, whatever the password holds. PQconninfoParse needs no server.
#include <doctest/doctest.h>

#include <algorithm>

#include "db/conninfo.hpp"
#include "util/error.hpp"
#include "util/redact.hpp"

using namespace migrate;
using db::ConnOptions;

namespace {

std::string value_of(const ConnOptions& options, std::string_view keyword) {
  auto it = std::find_if(options.begin(), options.end(), [&](const auto& o) { return o.keyword == keyword; });
  return it == options.end() ? "(none)" : it->value;
}

ConnOptions with_password(ConnOptions options, const std::string& password) {
  for (auto& o : options) {
    if (o.keyword == "password") o.value = password;
  }
  return options;
}

// Every password the brief of issue 16 names, and a few more that quoting and URLs care about.
const std::string kNasty = "p?a/s@s%w o'r\"d\\&=#:";

} // namespace

TEST_CASE("a percent-encoded password is read as libpq reads it") {
  auto o = db::parse_conninfo("postgresql://app:p%3Fa%2Fs%40s@db.example:5433/shop?sslmode=require");
  CHECK(value_of(o, "password") == "p?a/s@s");
  CHECK(value_of(o, "user") == "app");
  CHECK(value_of(o, "host") == "db.example");
  CHECK(value_of(o, "port") == "5433");
  CHECK(value_of(o, "dbname") == "shop");
  CHECK(value_of(o, "sslmode") == "require");
  // A bare ? in the password is libpq's too (the old hand parser took it for the query and printed the password).
  CHECK(value_of(db::parse_conninfo("postgresql://app:p?ss@db/shop"), "password") == "p?ss");
  CHECK(value_of(db::parse_conninfo("host=db password='a b\\'c'"), "password") == "a b'c");
  CHECK(db::parse_conninfo("").empty());
}

TEST_CASE("to_conninfo quotes so that libpq reads back exactly the same values") {
  ConnOptions options = {{"host", "db"}, {"user", "it's me"}, {"password", kNasty}, {"dbname", ""}, {"options", "-c x=\\y"}};
  std::string text = db::to_conninfo(options);
  CHECK(db::parse_conninfo(text) == db::parse_conninfo(db::to_conninfo(db::parse_conninfo(text))));
  auto back = db::parse_conninfo(text);
  for (const auto& o : options) CHECK(value_of(back, o.keyword) == o.value);
}

TEST_CASE("the fallbacks are keywords added to what libpq read, never text glued onto the URL") {
  // The URL of the hostile test: a password with ? / @ % in it, percent-encoded. Appending
  // "?fallback_application_name=..." to it used to break it.
  const std::string url = "postgresql://app:p%3Fa%2Fs%40s%25@db/shop";
  auto o = db::parse_conninfo(db::connect_string(url, false));
  CHECK(value_of(o, "password") == "p?a/s@s%");
  CHECK(value_of(o, "host") == "db");
  CHECK(value_of(o, "dbname") == "shop");
  CHECK(value_of(o, "fallback_application_name") == "migrate");
  CHECK(value_of(o, "connect_timeout") == "10");
  // PGCONNECT_TIMEOUT, or a connect_timeout of the string's own, wins.
  CHECK(value_of(db::parse_conninfo(db::connect_string(url, true)), "connect_timeout") == "(none)");
  CHECK(value_of(db::parse_conninfo(db::connect_string(url + "?connect_timeout=3", false)), "connect_timeout") == "3");
  // A keyword merely containing the word (the old substring test) does not count.
  CHECK(value_of(db::parse_conninfo(db::connect_string("host=db application_name=connect_timeout", false)), "connect_timeout") == "10");
  CHECK(value_of(db::parse_conninfo(db::connect_string("host=db fallback_application_name=mine", false)), "fallback_application_name") == "mine");
  // "" keeps meaning libpq's PG* variables: only the fallbacks.
  CHECK(db::parse_conninfo(db::connect_string("", false)) == ConnOptions{{"connect_timeout", "10"}, {"fallback_application_name", "migrate"}});
}

TEST_CASE("with_database replaces the database and keeps the rest, password included") {
  auto o = db::parse_conninfo(db::with_database("postgresql://app:p%40ss@db:5433/shop?sslmode=disable", "scratch 1"));
  CHECK(value_of(o, "dbname") == "scratch 1");
  CHECK(value_of(o, "password") == "p@ss");
  CHECK(value_of(o, "port") == "5433");
  CHECK(value_of(o, "sslmode") == "disable");
}

TEST_CASE("with_database keeps every TLS setting: verify's scratch database is reached as the server was") {
  const std::string url = "postgresql://app:pw@db.example:5433/shop?sslmode=verify-full&sslrootcert=/etc/ca%20dir/root.crt"
                          "&sslcert=/c/client.crt&sslkey=/c/client.key&sslpassword=k%40y&sslcrl=/c/crl.pem&sslsni=1"
                          "&ssl_min_protocol_version=TLSv1.3&target_session_attrs=read-write";
  for (const std::string& conninfo : {url, db::to_conninfo(db::parse_conninfo(url))}) {
    auto o = db::parse_conninfo(db::with_database(conninfo, "migrate_verify_1"));
    CHECK(value_of(o, "dbname") == "migrate_verify_1");
    CHECK(value_of(o, "sslmode") == "verify-full");
    CHECK(value_of(o, "sslrootcert") == "/etc/ca dir/root.crt");
    CHECK(value_of(o, "sslcert") == "/c/client.crt");
    CHECK(value_of(o, "sslkey") == "/c/client.key");
    CHECK(value_of(o, "sslpassword") == "k@y");
    CHECK(value_of(o, "sslcrl") == "/c/crl.pem");
    CHECK(value_of(o, "sslsni") == "1");
    CHECK(value_of(o, "ssl_min_protocol_version") == "TLSv1.3");
    CHECK(value_of(o, "target_session_attrs") == "read-write");
    // And so is every connection migrate makes (backfill workers, the lock observer): connect_string.
    auto c = db::parse_conninfo(db::connect_string(conninfo, false));
    CHECK(value_of(c, "sslmode") == "verify-full");
    CHECK(value_of(c, "sslrootcert") == "/etc/ca dir/root.crt");
  }
  // "" (libpq's PG* variables, PGSSLMODE and PGSSLROOTCERT among them) stays the variables': only the database is named.
  CHECK(db::parse_conninfo(db::with_database("", "scratch")) == ConnOptions{{"dbname", "scratch"}});
}

TEST_CASE("the client key's passphrase (sslpassword) is a secret like the password") {
  CHECK(db::mask_conninfo("host=db sslmode=verify-full sslkey=/k sslpassword=hunter2") == "host=db sslmode=verify-full sslkey=/k sslpassword=***");
  CHECK(db::mask_conninfo("postgresql://app@db/shop?sslkey=/k&sslpassword=hun%40ter2") == "postgresql://app@db/shop?sslkey=/k&sslpassword=***");
  db::register_password("postgresql://app:first@db/shop?sslpassword=sec%40ond");
  CHECK(util::scrub("key sec@ond, written sec%40ond") == "key ***, written ***");
}

TEST_CASE("a connection refused for TLS reasons gets a hint naming the settings") {
  const auto hint = [](std::string_view e) { return db::tls_hint(e); };
  CHECK(hint("connection to server at \"localhost\" (127.0.0.1), port 5432 failed: SSL error: certificate verify failed").find("sslrootcert") !=
        std::string::npos);
  const std::string name = hint("connection to server at \"127.0.0.1\", port 5432 failed: server certificate for \"localhost\" does not match host name \"127.0.0.1\"");
  CHECK(name.find("verify-full") != std::string::npos);
  CHECK(name.find("host") != std::string::npos);
  CHECK(hint("failed: root certificate file \"/root/.postgresql/root.crt\" does not exist\nEither provide the file or change sslmode to "
             "disable server certificate verification.")
            .find("PGSSLROOTCERT") != std::string::npos);
  CHECK(hint("failed: FATAL:  no pg_hba.conf entry for host \"10.0.0.1\", user \"app\", database \"shop\", no encryption").find("sslmode=verify-full") !=
        std::string::npos);
  CHECK(hint("failed: server does not support SSL, but SSL was required").find("PGSSLMODE") != std::string::npos);
  CHECK(hint("failed: could not read root certificate file \"/x\": no certificate or crl found").find("sslrootcert") != std::string::npos);
  CHECK(hint("failed: FATAL:  password authentication failed for user \"app\"").empty());
  CHECK(hint("failed: Connection refused").empty());
}

TEST_CASE("a shown URL stays a URL, with the password as ***") {
  CHECK(db::mask_conninfo("postgresql://app:s3cret@db.example/shop") == "postgresql://app:***@db.example/shop");
  CHECK(db::mask_conninfo("postgres://app:p%40ss@db:5433/shop?sslmode=require") == "postgres://app:***@db:5433/shop?sslmode=require");
  CHECK(db::mask_conninfo("postgresql://app@db/shop") == "postgresql://app@db/shop");
  CHECK(db::mask_conninfo("postgresql://db/shop?user=a&password=hunter2&sslmode=require") ==
        "postgresql://a:***@db/shop?sslmode=require");
  CHECK(db::mask_conninfo("postgresql://app:p?ss@db/shop") == "postgresql://app:***@db/shop");
  // Given twice, libpq takes the last: neither is shown.
  CHECK(db::mask_conninfo("postgresql://u:first@h/db?password=second") == "postgresql://u:***@h/db");
  CHECK(db::mask_conninfo("postgresql://[::1]:5432,db2/shop") == "postgresql://[::1]:5432,db2/shop");
  CHECK(db::mask_conninfo("postgresql://u@/db?host=%2Ftmp%2Fpg&port=5499") == "postgresql://u@/db?host=/tmp/pg&port=5499");
  CHECK(db::mask_conninfo("postgresql://:5433/db") == "postgresql://:5433/db");
  CHECK(db::mask_conninfo("") == "");
}

TEST_CASE("a shown key=value string has password=***") {
  CHECK(db::mask_conninfo("host=db password=hunter2 user=app") == "host=db user=app password=***");
  CHECK(db::mask_conninfo("host=db password = 'a b\\'c' user=app") == "host=db user=app password=***");
  CHECK(db::mask_conninfo("user='it\\'s' application_name='my app'") == "user='it\\'s' application_name='my app'");
  CHECK(db::describe("") == "the server given by libpq's PG* variables");
}

TEST_CASE("whatever the password holds, the shown string reads back to the same settings, password ***") {
  const std::string encoded = "p%3Fa%2Fs%40s%25w%20o%27r%22d%5C%26%3D%23%3A";
  for (const std::string& conninfo : {"postgresql://app:" + encoded + "@db:5433/shop?sslmode=require&application_name=a%20b",
                                      "postgresql://app@db/shop?password=" + encoded,
                                      db::to_conninfo({{"host", "db"}, {"user", "app"}, {"password", kNasty}, {"dbname", "shop"}})}) {
    CAPTURE(conninfo);
    auto parsed = db::parse_conninfo(conninfo);
    REQUIRE(value_of(parsed, "password") == kNasty);
    std::string shown = db::mask_conninfo(conninfo);
    CHECK(shown.find("a/s@s%w") == std::string::npos);
    CHECK(shown.find("a%2Fs%40s") == std::string::npos);
    CHECK(shown.find("o\\'r") == std::string::npos);
    auto back = db::parse_conninfo(shown);
    std::sort(back.begin(), back.end(), [](const auto& a, const auto& b) { return a.keyword < b.keyword; });
    auto expected = with_password(parsed, "***");
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.keyword < b.keyword; });
    CHECK(back == expected);
  }
}

TEST_CASE("the password is registered as libpq reads it and as written") {
  auto forms = db::password_forms("postgresql://app:p%3fa%2Fs%40s@db/shop");
  CHECK(forms == std::vector<std::string>{"p?a/s@s", "p%3fa%2Fs%40s"});
  CHECK(db::password_forms("host=db password='it\\'s \\\\ here'") == std::vector<std::string>{"it's \\ here", "it\\'s \\\\ here"});
  CHECK(db::password_forms("host=db password=plain") == std::vector<std::string>{"plain"});
  CHECK(db::password_forms("postgresql://app@db/shop").empty());
  CHECK(db::password_forms("postgresql://app:@db/shop").empty());
  CHECK(db::password_forms("postgresql://app:p%zz@db/shop").empty()); // unreadable: nothing is guessed
  db::register_password("postgresql://app:Gr%40ve-Secret%2F9@db/shop");
  CHECK(util::scrub("'Gr@ve-Secret/9' or Gr%40ve-Secret%2F9?") == "'***' or ***?");
}

TEST_CASE("a string libpq cannot read is an input error that quotes none of it") {
  const std::string secret = "Zq7-s3cr3t";
  for (const std::string& bad : {"postgresql://app:" + secret + "%zz@db/shop",              // a bad percent-escape
                                 "postgresql://app:" + secret + "@[::1/shop",               // an unclosed [
                                 "postgresql://app:" + secret + "@db/shop?sslmode",         // a parameter without =
                                 "host=db password=" + secret.substr(0, 4) + " " + secret.substr(4), // an unquoted space
                                 "host=db password='" + secret,                             // an unterminated quote
                                 "host=db " + secret + "=x"}) {                             // an unknown keyword
    CAPTURE(bad);
    auto problem = db::conninfo_problem(bad);
    REQUIRE(problem);
    CHECK(problem->find(secret) == std::string::npos);
    CHECK(problem->find(secret.substr(4)) == std::string::npos);
    try {
      (void)db::parse_conninfo(bad);
      FAIL("expected a UsageError");
    } catch (const UsageError& e) {
      CHECK(e.code() == Exit::input);
      CHECK(std::string(e.what()).starts_with("cannot read the database URL: "));
      CHECK(std::string(e.what()).find(secret.substr(4)) == std::string::npos);
    }
    CHECK(db::mask_conninfo(bad) == "(a connection string libpq cannot read)");
    CHECK_THROWS_AS((void)db::connect_string(bad, false), UsageError);
  }
  CHECK(db::conninfo_problem("postgresql://app:" + secret + "%zz@db/shop")->starts_with("invalid percent-encoded token (in a URL, "));
  CHECK(db::conninfo_problem("host=db password=ab cdef")->starts_with("missing \"=\" after \"...\" (in key=value, "));
  CHECK_FALSE(db::conninfo_problem("postgresql://app:" + secret + "@db/shop"));
}
