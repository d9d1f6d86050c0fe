#pragma once
// Lints a sequence of migrations as the database will see them: one catalog replayed through every
// file in order, each section's statements grouped into the transactions they will run in.
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/catalog.hpp"
#include "lint/finding.hpp"
#include "lint/rule.hpp"
#include "migration/model.hpp"
#include "migration/parse.hpp"
#include "util/text.hpp"

namespace migrate::lint {

struct Options {
  int pg_version = 15;
  // Only findings in these files are reported (all files are still replayed); empty = every file.
  std::set<std::string> report_files;
  // Rules switched off, and severities changed, by configuration.
  std::set<std::string> disabled;
  std::map<std::string, Severity> severity;
  std::vector<Owner> owners; // from [apps.X] owns
};

class Engine {
public:
  explicit Engine(Options options, Catalog catalog = {}) : options_(std::move(options)), catalog_(std::move(catalog)) {}
  // Lints the migrations in order (per app, in version order), adding to the result.
  void lint(const migration::Migration& m, bool sectionless = false);
  Result& result() { return result_; }

private:
  struct Allows;
  void lint_script(const migration::Migration& m, const migration::Section& s, const migration::Script& script,
                   bool rollback, bool sectionless, Allows& allows);
  void missing_rollback(const migration::Migration& m, const migration::Section& s, Allows& allows);
  // The statements a DO block (PL/pgSQL) runs, kept in embedded_ until the file is done.
  std::vector<const migration::Statement*> do_block(const migration::Statement& st);
  void add(const migration::Migration& m, Finding f);

  struct PendingFk {
    ForeignKey fk;
    const migration::Statement* statement;
    std::string phase;
  };

  Options options_;
  Catalog catalog_;
  std::vector<PendingFk> pending_fks_; // of the file being linted
  std::deque<migration::Statement> embedded_; // statements of the file's DO blocks (pending_fks_ points into it)
  std::map<std::string, const migration::Statement*> functions_; // the file's CREATE FUNCTIONs, by name
  Result result_;
  int next_tx_ = 0;
};

// Input with no section headers (standard input, SQL written for another tool) as a migration of one
// section of `phase`. Throws InputError like parse_migration.
// The functions an expression or statement calls, by their unqualified names.
std::set<std::string> called_functions(const sql::Node& node);

migration::Migration parse_sectionless(std::string_view text, const std::string& path, migration::Phase phase, const std::string& app = "",
                                       const migration::ParseOptions& options = migration::default_parse_options());

// A line of a text, without its line break, from the text's line index.
std::string source_line(std::string_view text, const util::LineIndex& lines, int line);

} // namespace migrate::lint
