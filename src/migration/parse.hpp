#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migration/filename.hpp"
#include "migration/model.hpp"
#include "migration/placeholders.hpp"

namespace migrate::migration {

// Several problems of one file, in file order. To a caller that catches InputError it is the first of
// them; migration/discover.cpp reports them all.
class FileErrors : public InputError {
public:
  explicit FileErrors(std::vector<InputError> all);
  [[nodiscard]] const std::vector<InputError>& all() const noexcept { return all_; }

private:
  std::vector<InputError> all_;
};

// Parses one migration file's bytes (SPEC §1). Throws InputError naming path:line:col for every
// malformed form: not UTF-8, text before the first section, unknown or misplaced directive, sections
// out of order or repeated, a parse error, a backfill without table/key, a backfill statement not
// proven to cover each batch's key range once (migration/backfill_bounds.hpp), ... Most forms stop the
// parse; backfill problems do not, and a file with several problems throws FileErrors.
struct ParseOptions {
  // The SQL runs on a server newer than libpg_query's grammar (PostgreSQL 15): a statement that grammar
  // rejects is kept, split out with the lexer, as Statement::not_understood (run as written, not linted).
  bool newer_grammar = false;
  // A statement that does not parse is left out and recorded in Migration::skipped, and the rest of the
  // file is parsed (lint of standard input: one bad statement does not hide the others' findings).
  bool recover = false;
  // The values of ${NAME} placeholders (none defined when empty).
  PlaceholderLookup placeholders;
};
// What parse_migration uses when given no options: set once by the command line from the PostgreSQL
// version it was given (--pg-version, [defaults] pg_version, or the server's).
void set_default_parse_options(const ParseOptions& options);
const ParseOptions& default_parse_options();

Migration parse_migration(std::string_view bytes, const std::string& path, const std::string& app,
                          const FileName& name);
Migration parse_migration(std::string_view bytes, const std::string& path, const std::string& app,
                          const FileName& name, const ParseOptions& options);

} // namespace migrate::migration
