// SPEC §1, the migration file format: what parses, and every malformed form with its file:line:col.
#include "helpers.hpp"

#include <fmt/format.h>

#include "migration/backfill_bounds.hpp"
#include "migration/transactions.hpp"

using namespace migrate;
using namespace migrate::migration;
using migrate::test::parse;

TEST_CASE("the SPEC example parses into three sections with their rollbacks") {
  auto m = parse(R"(-- migrations/shop/20251107120000_email_verified.sql
-- migrate:expand
ALTER TABLE users ADD COLUMN email_verified boolean;
CREATE INDEX CONCURRENTLY users_email_verified_idx ON users (email_verified);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS users_email_verified_idx;
ALTER TABLE users DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=users key=id batch=auto
UPDATE users SET email_verified = (legacy_status = 'verified')
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:rollback
-- (nothing to undo: the column goes away with the expand rollback)

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy_status;
-- migrate:rollback irreversible
)");
  REQUIRE(m.sections.size() == 3);
  const auto& expand = m.sections[0];
  CHECK(expand.phase == Phase::expand);
  CHECK(expand.forward.where.line == 2);
  REQUIRE(expand.forward.statements.size() == 2);
  CHECK(expand.forward.statements[0].sql == "ALTER TABLE users ADD COLUMN email_verified boolean");
  CHECK(expand.forward.statements[0].where.line == 3);
  CHECK(expand.forward.statements[0].where.column == 1);
  CHECK(expand.forward.statements[0].kind == "AlterTableStmt");
  CHECK(expand.forward.statements[1].kind == "IndexStmt");
  CHECK(expand.rollback == Rollback::present);
  CHECK(expand.undo.statements.size() == 2);
  CHECK(expand.undo.where.line == 5);

  const auto& mig = m.sections[1];
  CHECK(mig.phase == Phase::migrate);
  REQUIRE(mig.forward.statements.size() == 1);
  REQUIRE(mig.forward.statements[0].backfill);
  CHECK(mig.forward.statements[0].backfill->table == "users");
  CHECK(mig.forward.statements[0].backfill->key == "id");
  CHECK_FALSE(mig.forward.statements[0].backfill->batch);
  CHECK(mig.forward.statements[0].backfill->target == util::Duration{200});
  CHECK(mig.forward.statements[0].where.line == 11);
  CHECK(mig.rollback == Rollback::present);
  CHECK(mig.undo.statements.empty());

  const auto& contract = m.sections[2];
  CHECK(contract.phase == Phase::contract);
  CHECK(contract.rollback == Rollback::irreversible);
  CHECK(contract.undo.statements.empty());
  CHECK(m.section(Phase::contract) == &contract);
  for (const auto& s : m.sections) CHECK(s.checksum.size() == 64);
}

TEST_CASE("a file may omit sections, and a section may have no rollback") {
  auto m = parse("-- migrate:contract\nDROP TABLE old;\n");
  REQUIRE(m.sections.size() == 1);
  CHECK(m.sections[0].phase == Phase::contract);
  CHECK(m.sections[0].rollback == Rollback::missing);
  CHECK(m.section(Phase::expand) == nullptr);
}

TEST_CASE("comments before the first section are allowed, and so are file-wide allow directives") {
  auto m = parse("-- a note\n/* a block\n   comment */\n-- migrate:allow prefer-text reason=\"legacy schema\"\n"
                 "-- migrate:expand\nSELECT 1;\n");
  REQUIRE(m.file_allows.size() == 1);
  CHECK(m.file_allows[0].rule == "prefer-text");
  CHECK(m.file_allows[0].reason == "legacy schema");
  CHECK(m.file_allows[0].where.line == 4);
}

TEST_CASE("statements are split by PostgreSQL's parser") {
  SUBCASE("dollar quoting, semicolons and -- migrate: inside a function body") {
    auto m = parse(R"(-- migrate:expand
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  -- migrate:contract   (inside the body: not a section)
  NEW.a := 'x;y'; RETURN NEW;
END $body$;
SELECT $$;$$, $tag$ $$ ; $tag$;
)");
    REQUIRE(m.sections.size() == 1);
    REQUIRE(m.sections[0].forward.statements.size() == 2);
    CHECK(m.sections[0].forward.statements[0].kind == "CreateFunctionStmt");
    CHECK(m.sections[0].forward.statements[1].where.line == 7);
  }
  SUBCASE("E'' strings, standard strings with semicolons, comments between statements") {
    auto m = parse("-- migrate:expand\nSELECT E'it\\'s; fine';  /* ; */ SELECT 'a;b'; -- trailing ;\nSELECT 3\n");
    const auto& st = m.sections[0].forward.statements;
    REQUIRE(st.size() == 3);
    CHECK(st[0].sql == "SELECT E'it\\'s; fine'");
    CHECK(st[1].where.line == 2);
    CHECK(st[1].where.column == 33);
    CHECK(st[1].sql == "SELECT 'a;b'");
    CHECK(st[2].sql == "SELECT 3"); // the last statement needs no semicolon
  }
  SUBCASE("columns count characters, not bytes") {
    auto m = parse("-- migrate:expand\nSELECT 'é'; SELECT 2;\n");
    CHECK(m.sections[0].forward.statements[1].where.column == 13);
  }
  SUBCASE("a statement may not run across a section header") {
    auto m = parse("-- migrate:expand\nSELECT 1\n-- migrate:rollback\nSELECT 2\n");
    CHECK(m.sections[0].forward.statements.size() == 1);
    CHECK(m.sections[0].undo.statements.size() == 1);
  }
}

TEST_CASE("line endings: CRLF and LF files parse alike and have the same checksums") {
  std::string lf = "-- migrate:expand\nCREATE TABLE t (id int);\n-- migrate:rollback\nDROP TABLE t;\n";
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto a = parse(lf);
  auto b = parse(crlf);
  CHECK(a.sections[0].checksum == b.sections[0].checksum);
  CHECK(b.sections[0].forward.statements[0].where.line == 2);
  CHECK(b.sections[0].undo.where.line == 3);
  auto c = parse("-- migrate:expand\nCREATE TABLE t (id bigint);\n-- migrate:rollback\nDROP TABLE t;\n");
  CHECK(a.sections[0].checksum != c.sections[0].checksum);
  // Changing only the rollback keeps the forward checksum: the ledger keeps the rollback as applied.
  auto d = parse("-- migrate:expand\nCREATE TABLE t (id int);\n-- migrate:rollback\nDROP TABLE IF EXISTS t;\n");
  CHECK(a.sections[0].checksum == d.sections[0].checksum);
}

TEST_CASE("a UTF-8 byte order mark is ignored") {
  auto m = parse("\xEF\xBB\xBF-- migrate:expand\nSELECT 1;\n");
  CHECK(m.sections.size() == 1);
}

TEST_CASE("directives") {
  SUBCASE("backfill with every option, quoted values") {
    auto m = parse("-- migrate:migrate\n-- migrate:backfill table=\"public.users\" key=id batch=500 sleep=50ms target=1s\n"
                   "DELETE FROM users WHERE id > $1 AND id <= $2 AND deleted;\n");
    const auto& b = *m.sections[0].forward.statements[0].backfill;
    CHECK(b.table == "public.users");
    CHECK(*b.batch == 500);
    CHECK(b.sleep == util::Duration{50});
    CHECK(b.target == util::Duration{1000});
    CHECK(b.where.line == 2);
  }
  SUBCASE("allow applies to the next statement only") {
    auto m = parse("-- migrate:expand\n-- migrate:allow index-not-concurrent reason=\"table is \\\"tiny\\\"\"\n"
                   "CREATE INDEX i ON t (a);\nCREATE INDEX j ON t (b);\n");
    const auto& st = m.sections[0].forward.statements;
    REQUIRE(st[0].allows.size() == 1);
    CHECK(st[0].allows[0].rule == "index-not-concurrent");
    CHECK(st[0].allows[0].reason == "table is \"tiny\"");
    CHECK(st[1].allows.empty());
  }
  SUBCASE("section options: no-transaction, lock-timeout, statement-timeout") {
    auto m = parse("-- migrate:expand\n-- migrate:no-transaction\n-- migrate:lock-timeout=2s\n"
                   "-- migrate:statement-timeout 1min\nSELECT 1;\n-- migrate:rollback\n-- migrate:lock-timeout=500ms\nSELECT 2;\n");
    const auto& s = m.sections[0];
    CHECK(s.forward.no_transaction);
    CHECK(*s.forward.lock_timeout == util::Duration{2000});
    CHECK(*s.forward.statement_timeout == util::Duration{60000});
    CHECK(*s.undo.lock_timeout == util::Duration{500});
    CHECK_FALSE(s.undo.no_transaction);
  }
}

TEST_CASE("malformed files: exit 2 at file:line:col") {
  using migrate::test::failure;
  SUBCASE("text before the first section") {
    CHECK_FAILS_AT("-- intro\nSELECT 1;\n-- migrate:expand\n", 2, 1, "text before the first section");
  }
  SUBCASE("SQL and no section at all") { CHECK_FAILS_AT("CREATE TABLE t ();\n", 1, 1, "SQL outside a section"); }
  SUBCASE("no sections, only comments") { CHECK_FAILS_AT("-- nothing here\n", 1, 1, "no sections"); }
  SUBCASE("an empty file") { CHECK_FAILS_AT("", 1, 1, "no sections"); }
  SUBCASE("unknown section, with a suggestion") {
    CHECK_FAILS_AT("-- migrate:expnad\nSELECT 1;\n", 1, 12, "unknown directive \"expnad\" (did you mean \"expand\"?)");
  }
  SUBCASE("unknown directive inside a section") {
    CHECK_FAILS_AT("-- migrate:expand\n  -- migrate:backfil table=t key=id\nSELECT 1;\n", 2, 14, "did you mean \"backfill\"");
  }
  SUBCASE("a directive word is missing") { CHECK_FAILS_AT("-- migrate:\n", 1, 12, "needs a word"); }
  SUBCASE("sections out of order") {
    CHECK_FAILS_AT("-- migrate:contract\nSELECT 1;\n-- migrate:expand\nSELECT 2;\n", 3, 1, "sections go expand, migrate, contract");
  }
  SUBCASE("a section repeated") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1;\n-- migrate:migrate\n-- migrate:expand\n", 4, 1, "appears twice");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:expand\n", 2, 1, "section expand appears twice");
  }
  SUBCASE("a rollback repeated") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1;\n-- migrate:rollback\nSELECT 2;\n-- migrate:rollback\n", 5, 1,
                   "a second -- migrate:rollback");
  }
  SUBCASE("text after a section header") {
    CHECK_FAILS_AT("-- migrate:expand now\nSELECT 1;\n", 1, 19, "unexpected text after -- migrate:expand");
  }
  SUBCASE("rollback with an unknown word") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1;\n-- migrate:rollback irreversable\n", 3, 21, "unexpected \"irreversable\"");
  }
  SUBCASE("statements after rollback irreversible") {
    CHECK_FAILS_AT("-- migrate:contract\nDROP TABLE t;\n-- migrate:rollback irreversible\nCREATE TABLE t ();\n", 4, 1,
                   "a statement after -- migrate:rollback irreversible");
  }
  SUBCASE("a directive that is not on a line of its own") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1; -- migrate:contract\n", 2, 11, "on a line of its own");
  }
  SUBCASE("a section directive before the first section") {
    CHECK_FAILS_AT("-- migrate:no-transaction\n-- migrate:expand\nSELECT 1;\n", 1, 1, "must be inside a section");
  }
  SUBCASE("a parse error, in the right section and place") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1;\n-- migrate:rollback\nDROP TABLE t;\n  SELEC 2;\n", 5, 3, "syntax error at or near \"SELEC\"");
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 'é', 1 1;\n", 2, 15, "syntax error");
  }
  SUBCASE("an unterminated string or dollar quote") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1;\nSELECT 'oops;\n-- migrate:contract\n", 3, 8, "unterminated quoted string");
    CHECK_FAILS_AT("-- migrate:expand\nSELECT $x$ body;\n", 2, 8, "unterminated dollar-quoted string");
  }
  SUBCASE("a file that is not UTF-8") {
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 'caf\xe9';\n", 2, 12, "not valid UTF-8 (byte 0xE9)");
    CHECK_FAILS_AT("-- migrate:expand\n\xC0\xAF\n", 2, 1, "not valid UTF-8"); // an overlong form
  }
  SUBCASE("a binary file") { CHECK_FAILS_AT(std::string_view("-- migrate:expand\nSELECT 1;\0\x01", 30), 2, 10, "NUL byte"); }
  SUBCASE("backfill without table or key") {
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill key=id\nUPDATE t SET a = 1 WHERE id > $1 AND id <= $2;\n", 2, 1,
                   "needs table=");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t\nUPDATE t SET a = 1 WHERE id > $1 AND id <= $2;\n", 2, 1,
                   "needs key=");
  }
  SUBCASE("backfill whose statement lacks $1 or $2") {
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id\nUPDATE t SET a = 1 WHERE id <= $2;\n", 3, 1,
                   "does not use $1");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id\n\n  UPDATE t SET a = 1 WHERE id > $1;\n", 4, 3,
                   "does not use $2");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id\nUPDATE t SET a = 1;\n", 3, 1,
                   "does not use $1 or $2: it has no WHERE clause");
  }
  SUBCASE("backfill followed by something other than UPDATE or DELETE") {
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id\nSELECT $1, $2;\n", 2, 1, "must be followed by an UPDATE or DELETE");
  }
  SUBCASE("backfill with nothing after it") {
    CHECK_FAILS_AT("-- migrate:migrate\nSELECT 1;\n-- migrate:backfill table=t key=id\n-- migrate:rollback\n", 3, 1,
                   "has no statement after it");
  }
  SUBCASE("backfill with an unknown option or a bad value") {
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id bacth=10\nUPDATE t SET a=1 WHERE id > $1 AND id <= $2;\n",
                   2, 36, "unknown backfill option \"bacth\" (did you mean \"batch\"?)");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id batch=0\nUPDATE t SET a=1 WHERE id > $1 AND id <= $2;\n",
                   2, 36, "positive number of rows or auto");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id batch=100000000000\nUPDATE t SET a=1 WHERE id > $1 AND id <= $2;\n",
                   2, 36, "batch=100000000000 is too large: at most 2147483647 rows");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t key=id sleep=5\nUPDATE t SET a=1 WHERE id > $1 AND id <= $2;\n",
                   2, 36, "needs a unit");
    CHECK_FAILS_AT("-- migrate:migrate\n-- migrate:backfill table=t id\nUPDATE t SET a=1 WHERE id > $1 AND id <= $2;\n", 2, 29,
                   "unexpected \"id\"");
  }
  SUBCASE("an unterminated quoted value") {
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:allow x reason=\"oops\nSELECT 1;\n", 2, 27, "unterminated quoted value");
  }
  SUBCASE("allow without a reason or a rule") {
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:allow index-not-concurrent\nCREATE INDEX i ON t (a);\n", 2, 1, "needs a reason");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:allow reason=\"x\"\nSELECT 1;\n", 2, 1, "needs a rule id");
  }
  SUBCASE("timeouts: a value is required, lock-timeout=0 is refused, repeats are errors") {
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:lock-timeout\nSELECT 1;\n", 2, 1, "takes one value");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:lock-timeout=0\nSELECT 1;\n", 2, 25, "wait for locks forever");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:statement-timeout=2 s\nSELECT 1;\n", 2, 1, "takes one value");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:statement-timeout=2x\nSELECT 1;\n", 2, 30, "unknown unit");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:no-transaction\n-- migrate:no-transaction\nSELECT 1;\n", 3, 1, "a second");
    CHECK_FAILS_AT("-- migrate:expand\n-- migrate:no-transaction yes\nSELECT 1;\n", 2, 27, "takes no value");
  }
  SUBCASE("explicit BEGIN and COMMIT must pair up inside a section") {
    CHECK_FAILS_AT("-- migrate:expand\nBEGIN;\nSELECT 1;\n-- migrate:rollback\nCOMMIT;\n", 2, 1, "BEGIN without COMMIT");
    CHECK_FAILS_AT("-- migrate:expand\nSELECT 1;\nCOMMIT;\n", 3, 1, "without a BEGIN");
    CHECK_FAILS_AT("-- migrate:expand\nBEGIN;\nBEGIN;\nCOMMIT;\n", 3, 1, "already open");
  }
}

TEST_CASE("transaction boundaries") {
  SUBCASE("a plain section is one transaction") {
    auto m = parse("-- migrate:expand\nCREATE TABLE a ();\nCREATE TABLE b ();\n");
    auto tx = plan_transactions(m.sections[0].forward);
    CHECK(tx.mode == TransactionPlan::Mode::single);
    REQUIRE(tx.units.size() == 1);
    CHECK(tx.units[0].transaction);
    CHECK(tx.units[0].count == 2);
  }
  SUBCASE("CONCURRENTLY, VACUUM and DETACH ... CONCURRENTLY make every statement run on its own") {
    for (const char* sql : {"CREATE INDEX CONCURRENTLY i ON t (a)", "DROP INDEX CONCURRENTLY i", "REINDEX INDEX CONCURRENTLY i",
                            "VACUUM t", "ALTER TABLE p DETACH PARTITION c CONCURRENTLY"}) {
      CAPTURE(sql);
      auto m = parse(std::string("-- migrate:expand\nSELECT 1;\n") + sql + ";\n");
      auto tx = plan_transactions(m.sections[0].forward);
      CHECK(tx.mode == TransactionPlan::Mode::each);
      CHECK(tx.reason.find("line 3") != std::string::npos);
      CHECK(tx.units.size() == 2);
      CHECK_FALSE(tx.units[0].transaction);
    }
  }
  SUBCASE("no-transaction does the same for anything") {
    auto m = parse("-- migrate:expand\n-- migrate:no-transaction\nSELECT 1;\nSELECT 2;\n");
    auto tx = plan_transactions(m.sections[0].forward);
    CHECK(tx.mode == TransactionPlan::Mode::each);
    CHECK(tx.reason == "no-transaction directive");
  }
  SUBCASE("explicit BEGIN/COMMIT are honoured") {
    auto m = parse("-- migrate:expand\nSELECT 0;\nBEGIN;\nSELECT 1;\nSELECT 2;\nCOMMIT;\nSELECT 3;\n");
    auto tx = plan_transactions(m.sections[0].forward);
    CHECK(tx.mode == TransactionPlan::Mode::explicit_);
    REQUIRE(tx.units.size() == 3);
    CHECK_FALSE(tx.units[0].transaction);
    CHECK(tx.units[1].transaction);
    CHECK(tx.units[1].first == 1);
    CHECK(tx.units[1].count == 4);
    CHECK_FALSE(tx.units[2].transaction);
  }
  SUBCASE("an empty section has no units") {
    auto m = parse("-- migrate:expand\n-- nothing yet\n");
    CHECK(plan_transactions(m.sections[0].forward).units.empty());
  }
}

namespace {

// A migrate section whose one statement is a backfill: the directive on line 2, the statement on line 3.
std::string backfill_file(std::string_view options, std::string_view statement) {
  return fmt::format("-- migrate:migrate\n-- migrate:backfill {}\n{};\n-- migrate:rollback\n", options, statement);
}

// The 1-based column of the n-th (from 0) occurrence of `needle` in one line of text.
int column_of(std::string_view line, std::string_view needle, int nth = 0) {
  std::size_t at = line.find(needle);
  for (int i = 0; i < nth && at != std::string_view::npos; ++i) at = line.find(needle, at + 1);
  REQUIRE(at != std::string_view::npos);
  return static_cast<int>(at) + 1;
}

// Every problem a file has, as InputErrors.
std::vector<InputError> problems_of(std::string_view text) {
  try {
    parse(text);
  } catch (const FileErrors& e) {
    return e.all();
  } catch (const InputError& e) {
    return {e};
  }
  return {};
}

} // namespace

TEST_CASE("a backfill statement must hold exactly K > $1 AND K <= $2 on its table's key") {
  using migrate::test::failure;
  struct Refused {
    const char* why;
    const char* options;
    const char* statement;
    const char* at;   // where in the statement the problem is reported ("" for its first token)
    int nth;          // which occurrence of `at`
    const char* says; // part of the message
    std::size_t count = 1; // problems the file has
  };
  const Refused cases[] = {
      {">= counts boundary rows twice", "table=t key=id", "UPDATE t SET a = 1 WHERE id >= $1 AND id <= $2", ">=", 0,
       "the lower bound must exclude $1: with id >= $1 the rows at each batch boundary are changed twice"},
      {"< skips the last key of each batch", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id < $2", "<", 0,
       "the upper bound must include $2: with id < $2"},
      {"$1 and $2 swapped", "table=t key=id", "UPDATE t SET a = 1 WHERE id <= $1 AND id > $2", "<=", 0,
       "id <= $1 uses $1 as the upper bound, but $1 is the batch's exclusive lower key: are $1 and $2 swapped?", 2},
      {"$1 and $2 swapped, mirrored", "table=t key=id", "UPDATE t SET a = 1 WHERE $2 < id AND $1 >= id", "<", 0,
       "$2 < id uses $2 as the lower bound", 2},
      {"bounds on another column", "table=t key=id", "UPDATE t SET a = 1 WHERE created > $1 AND id <= $2", "created", 0,
       "$1 bounds created, but the batches follow the key column id of t"},
      {"bounds on another table's column", "table=t key=id", "UPDATE t SET a = 1 FROM u WHERE u.id > $1 AND t.id <= $2", "u.id", 0,
       "$1 bounds u.id"},
      {"bounds on the table's name when it has an alias", "table=t key=id", "UPDATE t AS x SET a = 1 WHERE x.id > $1 AND t.id <= $2",
       "t.id", 0, "$2 bounds t.id"},
      {"key= in another case than the column", "table=t key=ID", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2", "id", 0,
       "(key= is the column's name as the catalog spells it, id)", 2},
      {"$3", "table=t key=id", "UPDATE t SET a = $3 WHERE id > $1 AND id <= $2", "$3", 0,
       "$3: a backfill statement is given only $1 (the batch's exclusive lower key) and $2 (its inclusive upper key)"},
      {"$0", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2 AND b = $0", "$0", 0, "$0: a backfill statement"},
      {"$1 also in SET", "table=t key=id", "UPDATE t SET a = $1 WHERE id > $1 AND id <= $2", "$1", 0,
       "$1 appears outside the batch's bounds: it may appear only in id > $1"},
      {"$2 also in RETURNING", "table=t key=id", "DELETE FROM t WHERE id > $1 AND id <= $2 RETURNING $2", "$2", 1,
       "$2 appears outside the batch's bounds"},
      {"$1 in a subquery", "table=t key=id",
       "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2 AND b IN (SELECT b FROM u WHERE u.id > $1)", "$1", 1,
       "$1 is inside a subquery: it may appear only in id > $1"},
      {"$1 in another conjunct", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2 AND b > $1", "b", 0,
       "$1 bounds b"},
      {"a bound inside OR", "table=t key=id", "UPDATE t SET a = 1 WHERE (id > $1 OR a IS NULL) AND id <= $2", "$1", 0,
       "$1 is inside OR: a bound there does not confine the statement"},
      {"a bound inside NOT", "table=t key=id", "UPDATE t SET a = 1 WHERE NOT (id <= $1) AND id <= $2", "$1", 0, "$1 is inside NOT"},
      {"the whole WHERE inside OR", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2 OR a IS NULL", "$1", 0,
       "$1 is inside OR"},
      {"BETWEEN", "table=t key=id", "UPDATE t SET a = 1 WHERE id BETWEEN $1 AND $2", "BETWEEN", 0, "BETWEEN includes both ends"},
      {"an expression of $1", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 + 0 AND id <= $2", "$1", 0,
       "$1 must be compared with the key column itself, as id > $1"},
      {"an expression of the key", "table=t key=id", "UPDATE t SET a = 1 WHERE id::bigint > $1 AND id <= $2", "$1", 0,
       "$1 must be compared with the key column itself"},
      {"= instead of a range", "table=t key=id", "UPDATE t SET a = 1 WHERE id = $1 AND id <= $2", "=", 1,
       "$1 must bound the key from below, as id > $1, not with ="},
      {"a second lower bound", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2 AND $1 < id", "<", 1,
       "a second lower bound $1 < id"},
      {"OPERATOR() syntax, which the first batch cannot rewrite", "table=t key=id",
       "UPDATE t SET a = 1 WHERE id OPERATOR(pg_catalog.>) $1 AND id <= $2", "OPERATOR", 0,
       "write the lower bound with the > operator itself, as id > $1"},
      {"OPERATOR() syntax for the upper bound", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id OPERATOR(myschema.<=) $2",
       "OPERATOR", 0, "write the upper bound with the <= operator itself, as id <= $2"},
      {"missing lower bound", "table=t key=id", "UPDATE t SET a = $1 WHERE id <= $2", "", 0,
       "the backfill statement's WHERE clause has no lower bound id > $1", 2},
      {"missing upper bound", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND a IS NULL", "", 0,
       "the backfill statement does not use $2"},
      {"target table mismatch", "table=users key=id", "UPDATE orders SET a = 1 WHERE id > $1 AND id <= $2", "orders", 0,
       "the backfill statement updates orders, but its directive says table=users"},
      {"target schema mismatch", "table=shop.users key=id", "DELETE FROM users WHERE id > $1 AND id <= $2", "users", 0,
       "the backfill statement deletes from users, but its directive says table=shop.users"},
      {"target table in another case", "table=Users key=id", "UPDATE Users SET a = 1 WHERE id > $1 AND id <= $2", "Users", 0,
       "the backfill statement updates users, but its directive says table=Users"},
  };
  for (const auto& c : cases) {
    const std::string why = c.why;
    CAPTURE(why);
    const std::string text = backfill_file(c.options, c.statement);
    const int column = *c.at ? column_of(c.statement, c.at, c.nth) : 1;
    CHECK_FAILS_AT(text, 3, column, c.says);
    // Every refusal shows the right form, except a table mismatch, which names the table instead.
    const auto f = problems_of(text);
    CHECK(f.size() == c.count);
    REQUIRE(!f.empty());
    const std::string key = std::string_view(c.options).find("key=ID") != std::string_view::npos ? "\"ID\"" : "id";
    if (std::string_view(c.why).starts_with("target")) {
      CHECK(f[0].hint().find("-- migrate:backfill table=") != std::string::npos);
    } else {
      CHECK(f[0].hint().find(fmt::format("WHERE {0} > $1 AND {0} <= $2", key)) != std::string::npos);
    }
  }
}

TEST_CASE("a backfill's table= and key= are names, refused at the option's place") {
  SUBCASE("key=1, key=a,b, key with a space, table=a.b.c") {
    CHECK_FAILS_AT(backfill_file("table=t key=1", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2"), 2, 29,
                   "backfill: key=1 is not a column name");
    CHECK_FAILS_AT(backfill_file("table=t key=a,b", "UPDATE t SET c = 1 WHERE a > $1 AND a <= $2"), 2, 29,
                   "backfill: key=a,b is a list: key= names the one column the batches follow");
    CHECK_FAILS_AT(backfill_file("table=t key=\"a b\"", "UPDATE t SET c = 1 WHERE a > $1 AND a <= $2"), 2, 29,
                   "backfill: key=a b is not a column name");
    CHECK_FAILS_AT(backfill_file("table=t key=$x", "UPDATE t SET c = 1 WHERE a > $1 AND a <= $2"), 2, 29, "not a column name");
    CHECK_FAILS_AT(backfill_file("table=a.b.c key=id", "UPDATE a.b.c SET v = 1 WHERE id > $1 AND id <= $2"), 2, 21,
                   "backfill: table=a.b.c is not a table name: [schema.]name");
    CHECK_FAILS_AT(backfill_file("table=.t key=id", "UPDATE t SET v = 1 WHERE id > $1 AND id <= $2"), 2, 21, "not a table name");
    CHECK_FAILS_AT(backfill_file("key=id table=\"t;drop\"", "UPDATE t SET v = 1 WHERE id > $1 AND id <= $2"), 2, 28,
                   "not a table name");
  }
  SUBCASE("both bad: both reported, and the statement is not judged against them") {
    auto f = problems_of(backfill_file("table=1t key=a,b", "UPDATE t SET v = 1"));
    REQUIRE(f.size() == 2);
    CHECK(f[0].bare_message().find("table=1t") != std::string::npos);
    CHECK(f[1].bare_message().find("key=a,b") != std::string::npos);
  }
  SUBCASE("names with digits, _, $ and capitals are names") {
    auto m = parse(backfill_file("table=Shop_2.Items$ key=Item_id2", "UPDATE \"Shop_2\".\"Items$\" SET v = 1 WHERE \"Item_id2\" > $1 AND \"Item_id2\" <= $2"));
    CHECK(m.sections[0].forward.statements[0].backfill->table == "Shop_2.Items$");
  }
}

TEST_CASE("every backfill problem of a file is reported, in file order") {
  const std::string text = "-- migrate:expand\nCREATE TABLE t (id int, a int);\n-- migrate:rollback\nDROP TABLE t;\n"
                           "-- migrate:migrate\n-- migrate:backfill table=t key=id\nUPDATE t SET a = $1 WHERE id >= $1 AND id <= $2;\n"
                           "-- migrate:backfill table=t key=1\nDELETE FROM t WHERE id > $1 AND id <= $2;\n"
                           "-- migrate:rollback\n-- migrate:backfill table=t key=id\nUPDATE t SET a = $3 WHERE id > $1 AND id <= $2;\n";
  const auto f = problems_of(text);
  REQUIRE(f.size() == 4);
  const std::string line7 = "UPDATE t SET a = $1 WHERE id >= $1 AND id <= $2;";
  CHECK(f[0].where().line == 7);
  CHECK(f[0].where().column == column_of(line7, "$1"));
  CHECK(f[0].bare_message().find("$1 appears outside the batch's bounds") != std::string::npos);
  CHECK(f[1].where().line == 7);
  CHECK(f[1].where().column == column_of(line7, ">="));
  CHECK(f[2].where().line == 8);
  CHECK(f[2].bare_message().find("key=1") != std::string::npos);
  CHECK(f[3].where().line == 12);
  CHECK(f[3].bare_message().find("$3") != std::string::npos);
  // To a caller that catches one InputError, it is the first, with exit 2.
  CHECK_FAILS_AT(text, 7, column_of(line7, "$1"), "$1 appears outside");
  // A problem that stops the parse later in the file is reported with them.
  const auto g = problems_of(text + "-- migrate:contract\nSELEC 1;\n");
  REQUIRE(g.size() == 5);
  CHECK(g[4].where().line == 14);
  CHECK(g[4].bare_message().find("syntax error") != std::string::npos);
}

TEST_CASE("accepted backfill statements, and where their lower bound's operator is") {
  struct Accepted {
    const char* why;
    const char* options;
    const char* statement;
    const char* op; // the lower bound's operator token, as it appears (first occurrence) in the statement
    int nth;
  };
  const Accepted cases[] = {
      {"the usual form", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2", ">", 0},
      {"either order", "table=t key=id", "UPDATE t SET a = 1 WHERE id <= $2 AND id > $1", ">", 0},
      {"mirrored comparisons", "table=t key=id", "UPDATE t SET a = 1 WHERE $2 >= id AND $1 < id", "<", 0},
      {"extra conjuncts, nested ANDs", "table=t key=id",
       "UPDATE t SET a = 1 WHERE a IS NULL AND (id > $1 AND (b = 'x>y' AND id <= $2)) AND v IS NULL", "id > ", 0},
      {"casts of the parameters", "table=t key=id", "UPDATE t SET a = 1 WHERE id > $1::bigint AND id <= CAST($2 AS bigint)", ">", 0},
      {"qualified column refs", "table=t key=id", "UPDATE t SET a = 1 WHERE t.id > $1 AND public.t.id <= $2", ">", 0},
      {"an alias", "table=shop.t key=id", "UPDATE shop.t AS x SET a = y.a FROM y WHERE x.id > $1 AND x.id <= $2 AND y.id = x.id", ">", 0},
      {"a schema on one side only: public", "table=public.t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2", ">", 0},
      {"quoted identifiers", "table=Orders key=OrderId",
       "UPDATE \"Orders\" SET a = 1 WHERE \"Orders\".\"OrderId\" > $1 AND \"OrderId\" <= $2", ">", 0},
      {"unquoted identifiers fold to lower case", "table=orders key=orderid",
       "UPDATE ORDERS SET a = 1 WHERE OrderId > $1 AND ORDERID <= $2", ">", 0},
      {"DELETE with USING", "table=t key=id", "DELETE FROM t USING u WHERE u.t_id = t.id AND t.id > $1 AND t.id <= $2 AND u.gone", ">", 0},
      {"no spaces", "table=t key=id", "UPDATE t SET a=1 WHERE id>$1 AND id<=$2", ">", 0},
      {"a comment between operator and parameter", "table=t key=id", "UPDATE t SET a = 1 WHERE id >/* lower */$1 AND id <= $2",
       ">", 0},
      {"other parameters nowhere, $1 and $2 once each, text holding $3", "table=t key=id",
       "UPDATE t SET a = '$3' WHERE id > $1 AND id <= $2", ">", 0},
  };
  for (const auto& c : cases) {
    const std::string why = c.why;
    CAPTURE(why);
    auto m = parse(backfill_file(c.options, c.statement));
    const auto& st = m.sections[0].forward.statements[0];
    REQUIRE(st.backfill);
    const std::string_view sql = st.sql;
    std::size_t expected = sql.find(c.op);
    for (int i = 0; i < c.nth; ++i) expected = sql.find(c.op, expected + 1);
    if (std::string_view(c.op).size() > 1) expected += std::string_view(c.op).find_first_of("<>");
    CHECK(st.backfill->lower_op == expected);
    REQUIRE(st.backfill->lower_op < sql.size());
    const char op = sql[st.backfill->lower_op];
    CHECK((op == '>' || op == '<'));
    // The first batch's inclusive form: exactly that operator gains "=", nothing else changes.
    const std::string inclusive = inclusive_lower(st);
    CHECK(inclusive.size() == st.sql.size() + 1);
    CHECK(inclusive.substr(0, st.backfill->lower_op + 1) == st.sql.substr(0, st.backfill->lower_op + 1));
    CHECK(inclusive[st.backfill->lower_op + 1] == '=');
    CHECK(inclusive.substr(st.backfill->lower_op + 2) == st.sql.substr(st.backfill->lower_op + 1));
    // And PostgreSQL's parser reads it as the inclusive comparison (which a backfill statement may not hold).
    CHECK(migrate::test::failure(backfill_file(c.options, inclusive)).message.find("the lower bound must exclude $1") !=
          std::string::npos);
  }
}

TEST_CASE("inclusive_lower") {
  SUBCASE("K > $1 becomes K >= $1, $1 < K becomes $1 <= K") {
    auto m = parse(backfill_file("table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2"));
    CHECK(inclusive_lower(m.sections[0].forward.statements[0]) == "UPDATE t SET a = 1 WHERE id >= $1 AND id <= $2");
    m = parse(backfill_file("table=t key=id", "UPDATE t SET a = 1 WHERE $1<id AND $2>=id"));
    CHECK(inclusive_lower(m.sections[0].forward.statements[0]) == "UPDATE t SET a = 1 WHERE $1<=id AND $2>=id");
    // The first of two ">" is not the bound's: the one that is gets the "=".
    m = parse(backfill_file("table=t key=id", "UPDATE t SET a = 1 WHERE b > 0 AND id > $1 AND id <= $2"));
    CHECK(inclusive_lower(m.sections[0].forward.statements[0]) == "UPDATE t SET a = 1 WHERE b > 0 AND id >= $1 AND id <= $2");
  }
  SUBCASE("the rewritten statement parses to K >= $1") {
    auto m = parse(backfill_file("table=t key=id", "UPDATE t SET a = 1 WHERE id > $1 AND id <= $2"));
    const auto f = migrate::test::failure(backfill_file("table=t key=id", inclusive_lower(m.sections[0].forward.statements[0])));
    CHECK(f.message.find("with id >= $1") != std::string::npos);
  }
  SUBCASE("a statement with no proven lower bound is a programming error") {
    auto m = parse("-- migrate:migrate\nUPDATE t SET a = 1;\n");
    CHECK_THROWS_AS(inclusive_lower(m.sections[0].forward.statements[0]), std::logic_error);
  }
}

TEST_CASE("lower_op is an offset into the statement's own SQL, wherever the statement is in the file") {
  // libpg_query counts locations from the start of the text it parsed (one section's body, several
  // statements, comments included), in bytes: the offset must be moved to the statement's own start.
  const std::string text =
      "-- é, a comment of multibyte characters before anything\n"
      "-- migrate:expand\nCREATE TABLE t (id int, a text);\n-- migrate:rollback\nDROP TABLE t;\n"
      "-- migrate:migrate\n"
      "SELECT 'ü>', 2 > 1; /* a block comment, with > in it */\n"
      "-- migrate:backfill table=t key=id\n"
      "   /* ééé */ -- and a line comment\n"
      "   UPDATE t SET a = 'x>y' WHERE\n     $1   <   id AND id <= $2;\n"
      "-- migrate:backfill table=t key=id\n"
      "DELETE FROM t WHERE a = 'ö' AND id > $1 AND id <= $2;\n"
      "-- migrate:rollback\n";
  auto m = parse(text);
  const auto& statements = m.sections[1].forward.statements;
  REQUIRE(statements.size() == 3);
  const auto& update = statements[1];
  CHECK(update.sql.starts_with("UPDATE t SET a = 'x>y'"));
  CHECK(update.backfill->lower_op == update.sql.find("<   id"));
  CHECK(inclusive_lower(update).find("$1   <=   id AND") != std::string::npos);
  const auto& del = statements[2];
  CHECK(del.sql.starts_with("DELETE"));
  CHECK(del.backfill->lower_op == del.sql.find("> $1"));
  CHECK(inclusive_lower(del) == "DELETE FROM t WHERE a = 'ö' AND id >= $1 AND id <= $2");
}
