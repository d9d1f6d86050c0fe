#pragma once
// What each fuzz target does with one input, shared by the libFuzzer binaries (tests/fuzz/run) and
// the unit test that replays the seed corpus and every kept crash input (tests/unit/test_fuzz_inputs).
// Input errors (exit 2 for a user) are the expected way to refuse bytes; anything else that escapes,
// and any crash or sanitizer report, is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lint/engine.hpp"
#include "migration/parse.hpp"
#include "util/error.hpp"
#include "util/thread.hpp"

namespace migrate::fuzz {

// The migration-file parser on arbitrary bytes: sections, directives, UTF-8, statements.
inline void migration_file(std::string_view bytes) {
  util::run_on_big_stack([&] {
    try {
      (void)migration::parse_migration(bytes, "migrations/app/1_fuzz.sql", "app", {"1", "fuzz"});
    } catch (const InputError&) {
    }
    return 0;
  });
}

// The linter on arbitrary bytes: as a migration file when it parses as one, else as plain SQL on
// standard input (both ways the CLI reads), through every rule and the catalog replay.
inline void lint(std::string_view bytes) {
  util::run_on_big_stack([&] {
    lint::Options options;
    options.owners = {{"django", "public.auth_*"}};
    lint::Engine engine(options);
    try {
      engine.lint(migration::parse_migration(bytes, "migrations/app/1_fuzz.sql", "app", {"1", "fuzz"}));
    } catch (const InputError&) {
    }
    try {
      engine.lint(lint::parse_sectionless(bytes, "<stdin>", migration::Phase::expand, "app"), true);
    } catch (const InputError&) {
    }
    (void)engine.result();
    return 0;
  });
}

} // namespace migrate::fuzz
