// Passwords never reach output: what is registered is scrubbed from any text.
#include <doctest/doctest.h>

#include "util/redact.hpp"

using namespace migrate::util;

TEST_CASE("a registered secret is scrubbed from any text") {
  register_secret("Tr0ub4dor&3");
  CHECK(scrub("FATAL: password authentication failed: Tr0ub4dor&3 rejected") ==
        "FATAL: password authentication failed: *** rejected");
  register_secret("");
  CHECK(scrub("nothing to hide") == "nothing to hide");
}

TEST_CASE("a secret is scrubbed as it is written inside a JSON string too") {
  register_secret(R"(q"uo\te)");
  CHECK(scrub(R"({"message":"login q\"uo\\te failed"})") == R"({"message":"login *** failed"})");
  CHECK(scrub(R"(login q"uo\te failed)") == "login *** failed");
}

TEST_CASE("a secret that contains another is replaced whole") {
  register_secret("abc123");
  register_secret("xxabc123yy");
  CHECK(scrub("1 xxabc123yy 2 abc123") == "1 *** 2 ***");
}
