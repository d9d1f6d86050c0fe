// Passwords never reach output.
#include <doctest/doctest.h>

#include "util/redact.hpp"

using namespace migrate::util;

TEST_CASE("URL passwords are replaced by ***") {
  CHECK(redact_conninfo("postgresql://app:s3cret@db.example/shop") == "postgresql://app:***@db.example/shop");
  CHECK(redact_conninfo("postgres://app:p%40ss@db:5433/shop?sslmode=require") == "postgres://app:***@db:5433/shop?sslmode=require");
  CHECK(redact_conninfo("postgresql://app@db/shop") == "postgresql://app@db/shop");
  CHECK(redact_conninfo("postgresql://db/shop?user=a&password=hunter2&sslmode=require") ==
        "postgresql://db/shop?user=a&password=***&sslmode=require");
  CHECK(redact_conninfo("host=db password=hunter2 user=app") == "host=db password=*** user=app");
  CHECK(redact_conninfo("host=db password = 'a b\\'c' user=app") == "host=db password = *** user=app");
}

TEST_CASE("the password is found, percent-decoded, and scrubbed from any text") {
  CHECK(*conninfo_password("postgres://app:p%40ss@db/shop") == "p@ss");
  CHECK(*conninfo_password("host=db password='a b\\'c'") == "a b'c");
  CHECK_FALSE(conninfo_password("postgresql://app@db/shop"));
  register_secret("Tr0ub4dor&3");
  CHECK(scrub("FATAL: password authentication failed: Tr0ub4dor&3 rejected") ==
        "FATAL: password authentication failed: *** rejected");
}
