// SPEC §2: discovery, precedence flag > environment > file > default, unknown keys, bad values.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <sys/stat.h>

#include "config/config.hpp"
#include "db/conninfo.hpp"
#include "util/error.hpp"
#include "util/redact.hpp"

using namespace migrate;
using namespace migrate::config;
namespace fs = std::filesystem;

namespace {
struct Fixture {
  fs::path dir;
  std::map<std::string, std::string, std::less<>> env;
  Fixture() {
    std::string t = (fs::temp_directory_path() / "migrate-cfg-XXXXXX").string();
    dir = ::mkdtemp(t.data());
  }
  ~Fixture() { fs::remove_all(dir); }
  void file(const std::string& text, const std::string& name = "migrate.toml") const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << text;
  }
  Config load(const Overrides& o = {}, const fs::path& cwd = {}) const {
    auto lookup = [this](std::string_view k) -> std::optional<std::string> {
      auto it = env.find(k);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    return config::load(o, lookup, cwd.empty() ? dir : cwd);
  }
  // The first input error's text.
  std::string error(const Overrides& o = {}) const {
    try {
      load(o);
    } catch (const InputErrors& e) {
      return e.errors().front().what() + std::string(" | ") + e.errors().front().hint();
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
  // Every input error's text, one a line.
  std::string errors(const Overrides& o = {}) const {
    try {
      load(o);
    } catch (const InputErrors& e) {
      std::string out;
      for (const auto& one : e.errors()) out += one.what() + std::string("\n");
      return out;
    } catch (const Error& e) {
      return e.what() + std::string("\n");
    }
    return "no error";
  }
};
} // namespace

TEST_CASE("defaults with no file") {
  Fixture f;
  auto c = f.load();
  CHECK_FALSE(c.file);
  CHECK(c.database_url().empty());
  CHECK(c.ledger_schema() == "migrate");
  CHECK(c.lock_timeout().count() == 1000);
  CHECK(c.lock_retries() == 10);
  CHECK(c.statement_timeout().count() == 0);
  CHECK(c.pg_version() == 15);
  CHECK_FALSE(c.allow_out_of_order());
  CHECK(c.get("defaults.lock_timeout").origin.source == Source::fallback);
  CHECK(c.apps.empty());
}

TEST_CASE("the file is found in the current directory or the nearest parent; dirs are relative to it") {
  Fixture f;
  f.file("[apps.django]\ndir = \"db/django\"\nowns = [\"public.auth_*\"]\n");
  fs::create_directories(f.dir / "a" / "b");
  auto c = f.load({}, f.dir / "a" / "b");
  REQUIRE(c.file);
  CHECK(c.file->filename() == "migrate.toml");
  REQUIRE(c.apps.size() == 1);
  CHECK(c.apps[0].name == "django");
  CHECK(c.apps[0].dir == (f.dir / "db/django").lexically_normal());
  CHECK(c.apps[0].owns == std::vector<std::string>{"public.auth_*"});
  CHECK(c.apps[0].origin.detail.find(":1") != std::string::npos);
}

TEST_CASE("-c names the file; a missing one is an error") {
  Fixture f;
  f.file("[ledger]\nschema = \"ops\"\n", "conf/other.toml");
  Overrides o;
  o.config_file = f.dir / "conf/other.toml";
  CHECK(f.load(o).ledger_schema() == "ops");
  o.config_file = f.dir / "missing.toml";
  CHECK(f.error(o).find("configuration file not found") != std::string::npos);
}

TEST_CASE("precedence: flag > environment > file > default") {
  Fixture f;
  f.file("[database]\nurl = \"postgresql://file@h/db\"\n[defaults]\nlock_timeout = \"3s\"\nlock_retries = 4\n");
  auto c = f.load();
  CHECK(c.database_url() == "postgresql://file@h/db");
  CHECK(c.get("database.url").origin.source == Source::file);
  CHECK(c.get("database.url").origin.detail == "migrate.toml:2");
  CHECK(c.lock_timeout().count() == 3000);

  f.env["DATABASE_URL"] = "postgresql://env@h/db";
  CHECK(f.load().database_url() == "postgresql://env@h/db");
  f.env["MIGRATE_DATABASE_URL"] = "postgresql://migrate-env@h/db"; // stronger than DATABASE_URL
  auto e = f.load();
  CHECK(e.database_url() == "postgresql://migrate-env@h/db");
  CHECK(e.get("database.url").origin.detail == "MIGRATE_DATABASE_URL");
  f.env["MIGRATE_LOCK_TIMEOUT"] = "750ms";
  CHECK(f.load().lock_timeout().count() == 750);

  Overrides o;
  o.flags["database.url"] = {"postgresql://flag@h/db", "--database"};
  o.flags["defaults.lock_timeout"] = {"5s", "--lock-timeout"};
  auto g = f.load(o);
  CHECK(g.database_url() == "postgresql://flag@h/db");
  CHECK(g.get("database.url").origin.source == Source::flag);
  CHECK(g.lock_timeout().count() == 5000);
  CHECK(g.lock_retries() == 4); // still from the file
}

TEST_CASE("unknown keys are reported with file:line and a suggestion") {
  Fixture f;
  f.file("[defaults]\nlock_timeout = \"1s\"\nlock_timout = \"2s\"\n");
  auto msg = f.error();
  CHECK(msg.find("migrate.toml:3:1: unknown key defaults.lock_timout (did you mean \"lock_timeout\"?)") != std::string::npos);
  f.file("[databse]\nurl = \"x\"\n");
  CHECK(f.error().find("migrate.toml:1:2: unknown section [databse] (did you mean \"database\"?)") != std::string::npos);
  f.file("[apps.web]\ndir = \"m\"\nown = [\"x\"]\n");
  CHECK(f.error().find("migrate.toml:3:1: unknown key apps.web.own (did you mean \"owns\"?)") != std::string::npos);
}

TEST_CASE("malformed values are reported with file:line") {
  Fixture f;
  f.file("[defaults]\nlock_timeout = \"5\"\n");
  CHECK(f.error().find("migrate.toml:2:16: defaults.lock_timeout: \"5\" needs a unit") != std::string::npos);
  f.file("[defaults]\nlock_retries = -1\n");
  CHECK(f.error().find("migrate.toml:2") != std::string::npos);
  f.file("[defaults]\nlock_retries = \"ten\"\n");
  CHECK(f.error().find("\"ten\" is not a whole number") != std::string::npos);
  f.file("[defaults]\npg_version = 9\n");
  CHECK(f.error().find("PostgreSQL 9 is not supported") != std::string::npos);
  f.file("[ledger]\nschema = \"\"\n");
  CHECK(f.error().find("must not be empty") != std::string::npos);
  f.file("[defaults\nlock_timeout = 1\n");
  CHECK(f.error().find("migrate.toml:1:") != std::string::npos); // TOML syntax error with its place
  f.file("[apps.\"my app\"]\n");
  CHECK(f.error().find("may only use letters") != std::string::npos);
}

TEST_CASE("a bad environment value names the variable") {
  Fixture f;
  f.env["MIGRATE_LOCK_RETRIES"] = "many";
  CHECK(f.error().find("environment variable MIGRATE_LOCK_RETRIES") != std::string::npos);
}

TEST_CASE("durations and versions in every accepted spelling") {
  Fixture f;
  f.file("[defaults]\nlock_timeout = \"500ms\"\nstatement_timeout = \"1min\"\npg_version = 11.0\n");
  auto c = f.load();
  CHECK(c.lock_timeout().count() == 500);
  CHECK(c.statement_timeout().count() == 60000);
  CHECK(c.pg_version() == 11);
  f.file("[defaults]\npg_version = \"11\"\nstatement_timeout = 0\n");
  CHECK(f.load().pg_version() == 11);
  std::string why;
  CHECK(*normalise(Kind::pg_version, "17.2", &why) == "17");
  CHECK_FALSE(normalise(Kind::pg_version, "19", &why));
  CHECK_FALSE(normalise(Kind::pg_version, "15.", &why));
}

TEST_CASE("without [apps], every directory under migrations/ is an app") {
  Fixture f;
  fs::create_directories(f.dir / "migrations/shop");
  fs::create_directories(f.dir / "migrations/api");
  auto c = f.load();
  REQUIRE(c.apps.size() == 2);
  CHECK(c.apps[0].name == "api");
  CHECK(c.apps[1].name == "shop");
  CHECK(c.app("shop").dir_shown == "migrations/shop");
  CHECK_THROWS_WITH_AS((void)c.app("shp"), "unknown app \"shp\" (did you mean \"shop\"?)", UsageError);
}

TEST_CASE("passwords in the URL are registered as secrets and never shown") {
  Fixture f;
  f.env["DATABASE_URL"] = "postgresql://app:Sekr1t-Pa55@db/shop";
  f.env["PGPASSWORD"] = "An0ther-Pa55";
  auto c = f.load();
  CHECK(db::mask_conninfo(c.database_url()) == "postgresql://app:***@db/shop");
  CHECK(util::scrub("connection failed for Sekr1t-Pa55 and An0ther-Pa55") == "connection failed for *** and ***");
  auto lookup = [&](std::string_view k) -> std::optional<std::string> {
    auto it = f.env.find(k);
    return it == f.env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  for (const auto& [k, v] : libpq_environment(lookup)) {
    if (k == "PGPASSWORD") CHECK(v == "***");
  }
}

TEST_CASE("a URL libpq cannot read is an input error naming where it came from, and none of the URL") {
  Fixture f;
  f.file("[database]\nurl = \"postgresql://app:Sekr1t%zz@db/shop\"\n");
  std::string e = f.error();
  CHECK(e.find("migrate.toml:2") != std::string::npos);
  CHECK(e.find("database.url: libpq cannot read this connection string: invalid percent-encoded token") != std::string::npos);
  CHECK(e.find("Sekr1t") == std::string::npos);
  f.file("");
  f.env["DATABASE_URL"] = "host=db password=Sekr1t Pa55";
  e = f.error();
  CHECK(e.find("environment variable DATABASE_URL: libpq cannot read this connection string") != std::string::npos);
  CHECK(e.find("Sekr1t") == std::string::npos);
  CHECK(e.find("Pa55") == std::string::npos);
  f.env.erase("DATABASE_URL");
  Overrides o;
  o.flags["database.url"] = {"postgresql://app:Sekr1t@[::1/shop", "--database"};
  e = f.error(o);
  CHECK(e.find("--database: libpq cannot read this connection string") != std::string::npos);
  CHECK(e.find("Sekr1t") == std::string::npos);
  o.flags["database.url"] = {"ephemeral", "--database"};
  CHECK(f.load(o).ephemeral());
}

TEST_CASE("two apps on one directory, however it is spelled, or one inside the other: an error naming both") {
  Fixture f;
  fs::create_directories(f.dir / "a/sub");
  fs::create_directory_symlink("a", f.dir / "link");
  for (const std::string other : {"a", "a/", "./a", "a/../a", "link", "b/../a/"}) {
    CAPTURE(other);
    f.file("[apps.one]\ndir = \"a\"\n\n[apps.two]\ndir = \"" + other + "\"\n");
    CHECK(f.errors() == "migrate.toml:5:7: apps.two: dir \"" + other + "\" is the same directory as apps.one's dir \"a\" (migrate.toml:2)\n");
  }
  f.file("[apps.one]\ndir = \"a\"\n[apps.two]\ndir = \"a/sub\"\n");
  CHECK(f.errors() == "migrate.toml:4:7: apps.two: dir \"a/sub\" is inside apps.one's dir \"a\" (migrate.toml:2)\n");
  f.file("[apps.one]\ndir = \"link/sub/x\"\n[apps.two]\ndir = \"a\"\n"); // through a link, to a dir not made yet
  CHECK(f.errors() == "migrate.toml:4:7: apps.two: dir \"a\" contains apps.one's dir \"link/sub/x\" (migrate.toml:2)\n");
  // Without dir, an app's directory is migrations/NAME.
  f.file("[apps.one]\ndir = \"migrations/two\"\n[apps.two]\nowns = []\n");
  CHECK(f.errors() == "migrate.toml:3:7: apps.two: dir \"migrations/two\" is the same directory as apps.one's dir \"migrations/two\" "
                      "(migrate.toml:2)\n");
  // Neighbours, and a name that only starts like another's, are fine.
  f.file("[apps.one]\ndir = \"a\"\n[apps.two]\ndir = \"ab\"\n[apps.three]\ndir = \"b/a\"\n");
  CHECK(f.load().apps.size() == 3);
}

TEST_CASE("[backfill] min_batch and max_batch: each 1 or more, within the largest batch, min no larger than max") {
  Fixture f;
  f.file("[backfill]\nmin_batch = 50\nmax_batch = 5000\n");
  CHECK(f.load().count("backfill.min_batch") == 50);
  f.file("[backfill]\nmin_batch = 1\nmax_batch = 1\n");
  CHECK(f.load().count("backfill.max_batch") == 1);
  f.file("[backfill]\nmax_batch = 1073741823\n");
  CHECK(f.load().count("backfill.max_batch") == 1073741823);

  f.file("[backfill]\nmin_batch = 0\nmax_batch = 0\n");
  CHECK(f.errors() == "migrate.toml:2:13: backfill.min_batch: a batch is at least 1 row, not 0\n"
                      "migrate.toml:3:13: backfill.max_batch: a batch is at least 1 row, not 0\n");
  f.file("[backfill]\nmin_batch = 500\nmax_batch = 100\n");
  CHECK(f.errors() == "migrate.toml:2:13: backfill.min_batch = 500 (file migrate.toml:2) is larger than backfill.max_batch = 100 "
                      "(file migrate.toml:3)\n");
  f.file("[backfill]\nmin_batch = 200000\n"); // larger than the default max_batch
  CHECK(f.errors() == "migrate.toml:2:13: backfill.min_batch = 200000 (file migrate.toml:2) is larger than backfill.max_batch = "
                      "100000 (default)\n");
  // Too large for a number, or for batch=auto's doubling: the message says the most there can be.
  f.file("[backfill]\nmax_batch = 100000000000\n");
  CHECK(f.errors() == "migrate.toml:2:13: backfill.max_batch: 100000000000 is too large: at most 2147483647\n");
  f.file("[backfill]\nmax_batch = 2000000000\n");
  CHECK(f.errors() == "migrate.toml:2:13: backfill.max_batch: 2000000000 is too large: at most 1073741823 (batch=auto doubles a "
                      "batch size, which must stay a 32-bit integer)\n");
  // From the environment: the variable is named; it is checked against the file's other value.
  f.file("[backfill]\nmax_batch = 100\n");
  f.env["MIGRATE_BACKFILL_MIN_BATCH"] = "101";
  CHECK(f.errors() == "migrate.toml:2:13: backfill.min_batch = 101 (environment MIGRATE_BACKFILL_MIN_BATCH) is larger than "
                      "backfill.max_batch = 100 (file migrate.toml:2)\n");
  f.env["MIGRATE_BACKFILL_MIN_BATCH"] = "0";
  CHECK(f.errors() == "environment variable MIGRATE_BACKFILL_MIN_BATCH: a batch is at least 1 row, not 0\n");
  f.env.clear();
  CHECK(f.load().count("backfill.max_batch") == 100);
}

TEST_CASE("[backfill] max_slot_lag: a size with PostgreSQL's units, bytes when plain, off by default") {
  Fixture f;
  CHECK(f.load().get("backfill.max_slot_lag").value == "off");
  CHECK(f.load().bytes("backfill.max_slot_lag") == 0);
  f.file("[backfill]\nmax_slot_lag = \"64MB\"\n");
  CHECK(f.load().bytes("backfill.max_slot_lag") == 64LL << 20);
  CHECK(f.load().get("backfill.max_slot_lag").value == "64MB");
  f.file("[backfill]\nmax_slot_lag = 1048576\n"); // a TOML integer: bytes
  CHECK(f.load().get("backfill.max_slot_lag").value == "1MB");
  f.file("[backfill]\nmax_slot_lag = \"1536 mb\"\n"); // normalised to PostgreSQL's spelling
  CHECK(f.load().get("backfill.max_slot_lag").value == "1536MB");
  for (const char* off : {"\"0\"", "0", "\"off\"", "\"OFF\"", "\"0MB\""}) {
    f.file(std::string("[backfill]\nmax_slot_lag = ") + off + "\n");
    CHECK(f.load().get("backfill.max_slot_lag").value == "off");
    CHECK(f.load().bytes("backfill.max_slot_lag") == 0);
  }
  f.file("[backfill]\nmax_slot_lag = \"64 megs\"\n");
  CHECK(f.errors() == "migrate.toml:2:16: backfill.max_slot_lag: unknown unit \"megs\" in \"64 megs\"; use B, kB, MB, GB or TB (1kB = 1024 bytes)\n");
  f.file("[backfill]\nmax_slot_lag = true\n");
  CHECK(f.errors() == "migrate.toml:2:16: backfill.max_slot_lag must be a size such as \"64MB\" (or a whole number of bytes)\n");
  f.file("[backfill]\nmax_slot_lag = -5\n");
  CHECK(f.errors().find("backfill.max_slot_lag: \"-5\" is not a size") != std::string::npos);
  // The environment wins over the file, and a bad value names the variable.
  f.file("[backfill]\nmax_slot_lag = \"64MB\"\n");
  f.env["MIGRATE_BACKFILL_MAX_SLOT_LAG"] = "1GB";
  auto c = f.load();
  CHECK(c.bytes("backfill.max_slot_lag") == 1LL << 30);
  CHECK(c.get("backfill.max_slot_lag").origin.detail == "MIGRATE_BACKFILL_MAX_SLOT_LAG");
  f.env["MIGRATE_BACKFILL_MAX_SLOT_LAG"] = "lots";
  CHECK(f.error().find("environment variable MIGRATE_BACKFILL_MAX_SLOT_LAG: \"lots\" is not a size") != std::string::npos);
  std::string why;
  CHECK(*normalise(Kind::bytes, "2048kB", &why) == "2MB");
  CHECK(*normalise(Kind::bytes, "none", &why) == "off");
  CHECK_FALSE(normalise(Kind::bytes, "1.5", &why));
}

TEST_CASE("a configuration file that is not a regular file is refused without being opened") {
  Fixture f;
  const fs::path fifo = f.dir / "fifo.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  Overrides o;
  o.config_file = fifo;
  CHECK(f.error(o) == fifo.string() + ": cannot read the configuration file: a FIFO (named pipe), not a regular file");
  fs::create_directory(f.dir / "migrate.toml");
  CHECK(f.error() == (f.dir / "migrate.toml").string() + ": cannot read the configuration file: a directory, not a regular file");
  fs::remove(f.dir / "migrate.toml");
  fs::create_symlink("migrate.toml", f.dir / "migrate.toml");
  CHECK(f.error() == (f.dir / "migrate.toml").string() + ": cannot read the configuration file: a symbolic link loop");
}
