// The fuzz targets' bodies on their seeds (tests/fuzz/corpus, tests/lint, the shop migrations) and on
// every input a fuzzer once crashed on (tests/fuzz/regressions/TARGET/): each must be refused as input
// or processed, never crash.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "../fuzz/targets.hpp"
#include "helpers.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != ".gitkeep") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("the fuzz targets on their seeds and on every kept crash input") {
  const fs::path source(MIGRATE_SOURCE_DIR);
  const fs::path root = source / "tests" / "fuzz";
  // The seeds tests/fuzz/run gives the fuzzer.
  std::vector<fs::path> seeds;
  for (const auto& dir : {root / "corpus", source / "tests" / "lint", source / "migrations-examples" / "shop" / "migrations"}) {
    for (auto& p : files_under(dir)) seeds.push_back(std::move(p));
  }
  REQUIRE(seeds.size() >= 10);
  int ran = 0;
  for (const auto& p : seeds) {
    CAPTURE(p.string());
    const std::string bytes = migrate::test::slurp(p);
    migrate::fuzz::migration_file(bytes);
    migrate::fuzz::lint(bytes);
    ++ran;
  }
  for (const auto& [target, run] : {std::pair{"migration_file", &migrate::fuzz::migration_file}, std::pair{"lint", &migrate::fuzz::lint}}) {
    for (const auto& p : files_under(root / "regressions" / target)) {
      CAPTURE(p.string());
      run(migrate::test::slurp(p));
      ++ran;
    }
  }
  CHECK(ran >= static_cast<int>(seeds.size()));
}
