// Lint reporters: GitHub's workflow-command escaping and the JSON document of docs/format.md.
#include <doctest/doctest.h>

#include "lint/report.hpp"

using namespace migrate;
using namespace migrate::lint;

TEST_CASE("GitHub escaping: data escapes %, CR and LF; properties also : and ,") {
  CHECK(github_escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b");
  CHECK(github_escape_property("dir/a,b:c.sql") == "dir/a%2Cb%3Ac.sql");
  Result r;
  r.files = 1;
  r.findings.push_back({"prefer-text", Severity::warning, {"m/1_a,b.sql", 3, 7}, "expand", false, "50% off: x", "use text", {}});
  CHECK(to_github(r) == "::warning file=m/1_a%2Cb.sql,line=3,col=7,title=prefer-text::50%25 off: x%0Ause text\n");
}

TEST_CASE("lint JSON: version, findings with 1-based places, files and statements") {
  Result r;
  r.files = 2;
  r.statements = 9;
  r.findings.push_back({"index-not-concurrent", Severity::error, {"m/1_a.sql", 4, 1}, "expand", true, "msg", "help", {}});
  auto j = to_json(r);
  CHECK(j["version"] == 1);
  CHECK(j["files"] == 2);
  CHECK(j["statements"] == 9);
  CHECK(j["findings"][0]["rule"] == "index-not-concurrent");
  CHECK(j["findings"][0]["severity"] == "error");
  CHECK(j["findings"][0]["line"] == 4);
  CHECK(j["findings"][0]["column"] == 1);
  CHECK(j["findings"][0]["phase"] == "expand");
  CHECK(j["findings"][0]["rollback"] == true);
  CHECK(to_gcc(r) == "m/1_a.sql:4:1: error: msg (in the rollback of expand) [index-not-concurrent]\nm/1_a.sql:4:1: note: help\n");
}
