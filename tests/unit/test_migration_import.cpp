// migrate import: Flyway's version order and how it is mapped, names, and each tool's files converted.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "migration/import.hpp"
#include "migration/parse.hpp"

using namespace migrate;
using namespace migrate::migration;
namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path path;
  Dir() : path(fs::temp_directory_path() / fs::path("migrate-import-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++))) {
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
  Dir(const Dir&) = delete;
  Dir& operator=(const Dir&) = delete;
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name, std::ios::binary) << text; }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

const ImportedFile* file(const Imported& out, std::string_view name) {
  for (const auto& f : out.files) {
    if (f.file_name == name) return &f;
  }
  return nullptr;
}

bool has(const std::vector<std::string>& lines, std::string_view text) {
  for (const auto& l : lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

} // namespace

TEST_CASE("Flyway versions compare part by part, as numbers") {
  CHECK(compare_flyway_versions("1", "1.0") == 0);
  CHECK(compare_flyway_versions("1.1", "1.10") < 0);
  CHECK(compare_flyway_versions("1.9", "1.10") < 0);
  CHECK(compare_flyway_versions("2_1", "2.1") == 0);
  CHECK(compare_flyway_versions("10", "9.9") > 0);
  CHECK(flyway_version_parts("01.002") == std::vector<std::string>{"1", "2"});
  CHECK_FALSE(flyway_version_parts("1.a"));
  CHECK_FALSE(flyway_version_parts("1..2"));
  CHECK_FALSE(flyway_version_parts("1."));
  CHECK_FALSE(flyway_version_parts(""));
  CHECK(imported_flyway_version("-- Imported from Flyway V1.1__add.sql by migrate import.\n-- migrate:expand\n") == "1.1");
  CHECK_FALSE(imported_flyway_version("-- migrate:expand\n-- Imported from Flyway V1__a.sql\n"));
  CHECK(import_name("Add  Email-Verified!") == "add_email_verified");
  CHECK(import_name("__") == "");
}

TEST_CASE("import --from flyway pads versions in order, pairs undo files, reports what needs a human") {
  Dir d;
  d.write("V1__init.sql", "CREATE TABLE a (id int);\n");
  d.write("V1.2__b.sql", "CREATE TABLE b (id int);\n");
  d.write("U1.2__b.sql", "DROP TABLE b;\n");
  d.write("V1.10__c.sql", "CREATE INDEX CONCURRENTLY c_idx ON a (id);\n");
  d.write("V2__d.sql", "GRANT SELECT ON a TO ${role};\n");
  d.write("R__views.sql", "CREATE VIEW v AS SELECT 1;\n");
  d.write("V3__enum.sql", "ALTER TYPE mood ADD VALUE 'ok';\n");
  d.write("V3__enum.sql.conf", "# Flyway script configuration\nexecuteInTransaction = false\n");
  auto out = import_dir(Tool::flyway, d.path, "fw", "app");
  REQUIRE(out.errors.empty());
  REQUIRE(out.files.size() == 5);
  CHECK(out.files[0].file_name == "100_init.sql");
  CHECK(out.files[1].file_name == "102_b.sql");
  CHECK(out.files[2].file_name == "110_c.sql");
  CHECK(out.files[3].file_name == "200_d.sql");
  CHECK(out.files[4].file_name == "300_enum.sql");
  CHECK(out.files[4].text.find("-- migrate:expand\n-- migrate:no-transaction\nALTER TYPE") != std::string::npos);
  CHECK(file(out, "102_b.sql")->text.find("-- migrate:rollback\nDROP TABLE b;\n") != std::string::npos);
  CHECK(file(out, "100_init.sql")->text.find("-- migrate:rollback irreversible") != std::string::npos);
  CHECK(file(out, "110_c.sql")->text.find("no-transaction") == std::string::npos);
  CHECK(imported_flyway_version(file(out, "110_c.sql")->text) == "1.10");
  CHECK(has(out.human, "fw/R__views.sql: a Flyway repeatable migration"));
  CHECK(has(out.human, "200_d.sql: placeholder kept as written: ${role} (fw/V2__d.sql:1)"));
  CHECK(has(out.human, "110_c.sql: expand runs outside a transaction"));
  // What was written parses as a migrate file (placeholders aside).
  auto m = parse_migration(file(out, "102_b.sql")->text, "102_b.sql", "app", {"102", "b"});
  REQUIRE(m.sections.size() == 1);
  CHECK(m.sections[0].rollback == Rollback::present);
}

TEST_CASE("import refuses what it cannot convert, naming each file") {
  Dir d;
  d.write("V1__a.sql", "CREATE TABLE a (id int);\n");
  d.write("V01__b.sql", "CREATE TABLE b (id int);\n");
  d.write("V2.x__c.sql", "CREATE TABLE c (id int);\n");
  d.write("V3__d.sql", "CREATE TABLE (;\n");
  d.write("notes.sql", "-- hi\n");
  auto out = import_dir(Tool::flyway, d.path, "fw", "app");
  CHECK(out.files.empty());
  std::vector<std::string> messages;
  for (const auto& e : out.errors) messages.push_back(e.where().file + ": " + e.bare_message());
  CHECK(has(messages, "fw/V2.x__c.sql: the version \"2.x\" cannot be mapped"));
  CHECK(has(messages, "is the same as"));
  CHECK(has(messages, "fw/notes.sql: not a Flyway migration file name"));
}

TEST_CASE("import --from dbmate and golang-migrate") {
  Dir d;
  d.write("20240101_a.sql", "-- migrate:up transaction:false\nALTER TYPE t ADD VALUE 'x';\n-- migrate:down\n");
  d.write("20240102_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\n");
  auto out = import_dir(Tool::dbmate, d.path, "db", "app");
  REQUIRE(out.errors.empty());
  REQUIRE(out.files.size() == 2);
  CHECK(out.files[0].text.find("-- migrate:expand\n-- migrate:no-transaction\nALTER TYPE") != std::string::npos);
  CHECK(out.files[0].text.find("-- migrate:rollback irreversible") != std::string::npos);
  CHECK(out.files[1].text.find("-- migrate:rollback\nDROP TABLE b;") != std::string::npos);

  Dir g;
  g.write("1_Create_Items.up.sql", "CREATE TABLE i (id int);\n");
  g.write("1_Create_Items.down.sql", "DROP TABLE i;\n");
  g.write("2_more.up.sql", "ALTER TABLE i ADD COLUMN n int;\n");
  g.write("2_more.down.sql", "\n");
  auto go = import_dir(Tool::golang_migrate, g.path, "gm", "app");
  REQUIRE(go.errors.empty());
  REQUIRE(go.files.size() == 2);
  CHECK(go.files[0].file_name == "1_create_items.sql");
  CHECK(go.files[1].text.find("-- migrate:rollback irreversible") != std::string::npos);
  CHECK(has(go.human, "2_more.sql: rollback irreversible: its .down.sql is empty"));
}
