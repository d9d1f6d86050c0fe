// File names, version order, discovery per app directory.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "migration/discover.hpp"
#include "migration/filename.hpp"
#include "util/error.hpp"

using namespace migrate;
using namespace migrate::migration;
namespace fs = std::filesystem;

TEST_CASE("file names are <version>_<name>.sql") {
  auto n = parse_file_name("20251107120000_email_verified.sql");
  REQUIRE(n);
  CHECK(n->version == "20251107120000");
  CHECK(n->name == "email_verified");
  CHECK(parse_file_name("001_a.sql")->version == "001");
  std::string why;
  CHECK_FALSE(parse_file_name("email.sql", &why));
  CHECK(why.find("start with a version") != std::string::npos);
  CHECK_FALSE(parse_file_name("123.sql", &why));
  CHECK_FALSE(parse_file_name("123-add.sql", &why));
  CHECK_FALSE(parse_file_name("123_Add_Email.sql", &why));
  CHECK(why.find("lower-case") != std::string::npos);
  CHECK_FALSE(parse_file_name("123_add-email.sql", &why));
  CHECK_FALSE(parse_file_name("123_.sql", &why));
  CHECK_FALSE(parse_file_name("123_a.SQL", &why));
}

TEST_CASE("versions compare as numbers of any length") {
  CHECK(compare_versions("9", "10") < 0);
  CHECK(compare_versions("0010", "10") == 0);
  CHECK(compare_versions("20251107120000", "9") > 0);
  CHECK(compare_versions("123456789012345678901234567890", "123456789012345678901234567891") < 0);
}

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "migrate-test-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << text;
  }
};
constexpr const char* kOk = "-- migrate:expand\nSELECT 1;\n-- migrate:rollback\nSELECT 2;\n";
} // namespace

TEST_CASE("discovery: every .sql file of the app directory, in version order; other files ignored") {
  TempDir d;
  d.write("shop/10_c.sql", kOk);
  d.write("shop/9_b.sql", kOk);
  d.write("shop/0001_a.sql", kOk);
  d.write("shop/README.md", "not a migration");
  d.write("shop/nested/2_x.sql", "ignored: not directly in the directory");
  auto ms = load_app({"shop", d.path / "shop", "migrations/shop"});
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].name == "a");
  CHECK(ms[1].name == "b");
  CHECK(ms[2].name == "c");
  CHECK(ms[2].path == "migrations/shop/10_c.sql");
  CHECK(ms[2].app == "shop");
}

TEST_CASE("discovery: bad names, duplicate versions and bad files are all reported, each with its place") {
  TempDir d;
  d.write("shop/1_a.sql", kOk);
  d.write("shop/01_b.sql", kOk);
  d.write("shop/Add.sql", kOk);
  d.write("shop/2_c.sql", "-- migrate:expand\nSELEC 1;\n");
  try {
    load_app({"shop", d.path / "shop", "m/shop"});
    FAIL("expected input errors");
  } catch (const InputErrors& e) {
    CHECK(e.code() == Exit::input);
    REQUIRE(e.errors().size() == 3);
    std::string all;
    for (const auto& one : e.errors()) all += std::string(one.what()) + "\n";
    CHECK(all.find("m/shop/Add.sql:1:1: bad migration file name") != std::string::npos);
    CHECK(all.find(":1:1: duplicate version 1 in app shop") != std::string::npos);
    CHECK(all.find("m/shop/2_c.sql:2:1: syntax error") != std::string::npos);
  }
}

TEST_CASE("discovery: a missing directory is an input error") {
  CHECK_THROWS_AS(load_app({"shop", "/nonexistent/dir", "nowhere"}), InputErrors);
}
