// Catalog snapshots (issue 6, verify): what a rollback leaves behind is named in words.
#include <doctest/doctest.h>

#include <random>

#include <fmt/format.h>

#include "db/session.hpp"
#include "fixture.hpp"
#include "verify/snapshot.hpp"

using namespace migrate;

namespace {

std::vector<std::string> words(const std::vector<verify::Difference>& diffs) {
  std::vector<std::string> out;
  for (const auto& d : diffs) out.push_back(d.describe());
  return out;
}

bool has(const std::vector<std::string>& all, const std::string& text) {
  for (const auto& s : all) {
    if (s.find(text) != std::string::npos) return true;
  }
  return false;
}

} // namespace

TEST_CASE("a snapshot compared with itself, and after a rollback that forgets things") {
  test::OwnDatabase d;
  auto& s = *d.session;
  s.exec("CREATE TYPE mood AS ENUM ('sad', 'ok');"
         "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL DEFAULT '', m mood);"
         "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email <> '');"
         "CREATE VIEW active AS SELECT id FROM users;"
         "CREATE SCHEMA ledger; CREATE TABLE ledger.rows (id int);");
  const auto before = verify::take(s, {"ledger"});
  CHECK(verify::compare(before, verify::take(s, {"ledger"})).empty());
  CHECK(before.objects.count("table public.users") == 1);
  CHECK(before.objects.count("column public.users.email") == 1);
  CHECK(before.objects.count("table ledger.rows") == 0); // skipped

  // What a broken rollback leaves: an index, a column, a constraint now NOT VALID, a changed default,
  // an enum value, a view defined differently; and a ledger change that does not count.
  s.exec("CREATE INDEX users_email_idx ON users (email);"
         "ALTER TABLE users ADD COLUMN nickname text;"
         "ALTER TABLE users DROP CONSTRAINT email_nn; ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email <> '') NOT VALID;"
         "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x';"
         "ALTER TYPE mood ADD VALUE 'happy';"
         "CREATE OR REPLACE VIEW active AS SELECT id FROM users WHERE id > 0;"
         "INSERT INTO ledger.rows VALUES (1); CREATE TABLE ledger.more (id int);");
  const auto all = words(verify::compare(before, verify::take(s, {"ledger"})));
  CHECK(has(all, "index public.users_email_idx is new"));
  CHECK(has(all, "column public.users.nickname is new"));
  CHECK(has(all, "constraint email_nn on public.users: validated was true, is false"));
  CHECK(has(all, "column public.users.email: default was ''::text, is 'x'::text"));
  CHECK(has(all, "type public.mood: values was sad, ok, is sad, ok, happy"));
  CHECK(has(all, "view public.active: definition was"));
  CHECK_FALSE(has(all, "ledger"));
  CHECK(all.size() == 6);

  s.exec("DROP VIEW active");
  CHECK(has(words(verify::compare(before, verify::take(s, {"ledger"}))), "view public.active is gone"));
}
