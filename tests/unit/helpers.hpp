#pragma once
// Shared by the unit tests: parse a migration from a string, expect an input error at a place, read a file.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "migration/parse.hpp"
#include "util/error.hpp"

namespace migrate::test {

// A file's bytes, as they are.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline migration::Migration parse(std::string_view text, std::string file = "m/1_test.sql") {
  return migration::parse_migration(text, file, "app", {"1", "test"});
}

struct Failure {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  Exit code = Exit::ok;
};

inline Failure failure(std::string_view text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return {e.where().file, e.where().line, e.where().column, e.bare_message(), e.code()};
  }
  return {};
}

// The text fails with exit 2 at line:column, with a message containing `needle`.
#define CHECK_FAILS_AT(text, ln, col, needle)                                                        \
  do {                                                                                                \
    auto f_ = ::migrate::test::failure(text);                                                         \
    INFO("message: " << f_.message);                                                                 \
    CHECK(f_.code == ::migrate::Exit::input);                                                         \
    CHECK(f_.file == "m/1_test.sql");                                                                 \
    CHECK(f_.line == (ln));                                                                           \
    CHECK(f_.column == (col));                                                                        \
    CHECK(f_.message.find(needle) != std::string::npos);                                             \
  } while (0)

} // namespace migrate::test
