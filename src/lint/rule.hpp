#pragma once
// A lint rule: its id (part of the product: users write it in allow directives), severity, one-line
// summary, --explain text, and a check run on every statement. One file per rule in lint/rules/.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sql/node.hpp"

#include "lint/catalog.hpp"
#include "lint/effects.hpp"
#include "lint/finding.hpp"
#include "migration/model.hpp"

namespace migrate::lint {

// "[apps.X] owns" patterns such as "public.auth_*".
struct Owner {
  std::string app;
  std::string pattern;
};

// What the earlier statements of the same transaction did, kept up to date by the engine as a
// running summary (so a 100,000-statement transaction costs no more per statement than a short one).
struct TxFacts {
  std::optional<Effect> held; // the first strong lock (ACCESS EXCLUSIVE or SHARE) on an existing table
  int held_line = 0;
  bool slow_seen = false;     // a statement after it already did slow work (and was reported)
};

// What a rule sees of the statement under check. The catalog is the state before the statement.
struct StatementContext {
  const migration::Statement& statement;
  std::string kind;                // "AlterTableStmt"
  const sql::Node& body;      // statement.node.at(kind)
  migration::Phase phase;
  bool rollback = false;           // in a rollback script: lock rules yes, placement rules no
  bool in_transaction = false;     // runs inside a transaction block (the tool's or the file's)
  bool explicit_block = false;     // inside the file's own BEGIN ... COMMIT
  bool forced_transaction = false; // the section's statements share one transaction
  bool sectionless = false;        // standard input or plain SQL: one section, no rollback rules
  int pg_version = 15;
  const Catalog& catalog;
  Origin origin;                   // migration id and transaction id
  const std::vector<Effect>& effects;     // this statement's locks, scans, rewrites
  const TxFacts& tx;                      // what earlier statements of the same transaction did
  const std::string& app;                 // the app whose migration this is
  const std::vector<Owner>& owners;

  // True when a later statement of the same transaction creates the object (an objects_created key):
  // a DROP it undoes before anyone sees the gap (drop and recreate a view, swap a primary key).
  std::function<bool(const std::string&)> created_later;
  // While a rule looks at one ALTER TABLE subcommand (each_alter_cmd), its index: findings reported
  // meanwhile point at that subcommand instead of the statement's first line.
  mutable int clause = -1;
  // The columns the statement defines (name, type, key, subcommand), read once for the prefer-* rules.
  struct DefinedColumn {
    std::string name, type;
    bool key;
    int clause;
  };
  mutable std::optional<std::vector<DefinedColumn>> defined = {};

  [[nodiscard]] bool existing(const std::string& table) const { return !catalog.is_new(table, origin); }
  // "orders has about 5.2M rows: " when a live catalog knows, else "".
  [[nodiscard]] std::string rows_note(const std::string& table) const;
};

class Sink {
public:
  virtual ~Sink() = default;
  // A finding at the rule's severity.
  virtual void report(std::string message, std::string help) = 0;
  // A warning from a rule that is otherwise an error: the hazard depends on what lint cannot see (a
  // column's current type, the session's TimeZone), and the message says how to decide it.
  virtual void warn(std::string message, std::string help) = 0;
};

struct Rule {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::string_view explain;
  bool placement = false; // phase-placement rule: not applied to rollbacks
  // Null for rules the engine decides itself (missing-rollback, unused-allow, parse-error).
  std::function<void(const StatementContext&, Sink&)> check;
};

std::span<const Rule> catalogue();

// fk-without-index is decided when a file ends (the index often comes after the foreign key):
// the foreign keys a statement adds, as (table, referencing columns).
struct ForeignKey {
  std::string table;
  std::vector<std::string> columns;
};
std::vector<ForeignKey> foreign_keys_added(const StatementContext& c); // every rule, in docs/locks.md order
const Rule* find_rule(std::string_view id);

} // namespace migrate::lint
