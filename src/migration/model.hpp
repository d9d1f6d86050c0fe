#pragma once
// A migration file as plain data: docs/format.md.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/node.hpp"

#include "util/duration.hpp"
#include "util/error.hpp"

namespace migrate::migration {

enum class Phase { expand, migrate, contract };
inline constexpr Phase kPhases[] = {Phase::expand, Phase::migrate, Phase::contract};
std::string_view to_string(Phase phase);
std::optional<Phase> phase_from(std::string_view word);

// -- migrate:backfill table=T key=K [batch=N|auto] [sleep=D] [target=D]
struct Backfill {
  std::string table;
  std::string key;
  std::optional<int> batch; // nullopt: auto
  util::Duration sleep{0};
  util::Duration target{200};
  Location where;
  // Where, in its Statement::sql, the lower bound's comparison operator is: the ">" of K > $1, or the "<"
  // of $1 < K (the parser proves the statement's WHERE holds that bound; see migration/backfill_bounds.hpp).
  std::size_t lower_op = std::string::npos;
};

// -- migrate:allow RULE-ID reason="..."
struct Allow {
  std::string rule;
  std::string reason;
  Location where;
};

struct Statement {
  std::string sql;       // the statement's text, without the terminating semicolon
  Location where;        // its first token
  sql::Tree node;   // libpg_query's parse tree of it
  std::string kind;      // "AlterTableStmt", ...
  std::optional<Backfill> backfill;
  std::vector<Allow> allows;
  bool check = false;    // after -- migrate:check: kept in Script::checks, never run as the phase's work
  // Why PostgreSQL 15's grammar (libpg_query's) rejected it, for a statement kept because the server is
  // newer (ParseOptions::newer_grammar): no parse tree, kind "", run as written, not linted.
  std::string not_understood;
};

// The forward part of a section, or its rollback.
struct Script {
  Location where;            // the header line
  std::vector<Statement> statements;
  // -- migrate:check: read-only SELECTs returning the rows that break an invariant (none = pass), run
  // after the statements (inside their transaction when there is one) and again before contract.
  std::vector<Statement> checks;
  bool no_transaction = false; // -- migrate:no-transaction
  std::optional<util::Duration> lock_timeout;
  std::optional<util::Duration> statement_timeout;
  std::string text;          // the body as written, line endings normalised
};

enum class Rollback { missing, present, irreversible };
std::string_view to_string(Rollback rollback);

struct Section {
  Phase phase;
  Script forward;
  Rollback rollback = Rollback::missing;
  Script undo;               // empty unless rollback == present
  std::string checksum;      // sha256 of the forward part (see migration/checksum.hpp)
};

struct Migration {
  std::string app;
  std::string path;          // as found, for messages
  std::string version;       // the leading digits, as written
  std::string name;
  std::vector<Allow> file_allows; // allow directives before the first section: the whole file
  std::vector<Section> sections;  // in phase order, each phase at most once
  // What the reader of the file should know that is not a problem ("read as a dbmate file").
  struct Note {
    Location where;
    std::string message;
  };
  std::vector<Note> notes;
  // Statements that did not parse and were left out (ParseOptions::recover): each as its error.
  std::vector<InputError> skipped;

  [[nodiscard]] const Section* section(Phase phase) const;
  [[nodiscard]] std::string id() const { return version + "_" + name; }
};

} // namespace migrate::migration
