#pragma once
// What a statement does to the tables it touches, per docs/locks.md: the lock it takes, whether it
// reads the whole table (scan) or writes a new copy (rewrite). Kept as data for the rules that reason
// about transactions (lock-held-too-long) and, later, for plan and verify to compare with the server.
#include <functional>
#include <string>
#include <vector>

#include "sql/node.hpp"

#include "lint/catalog.hpp"

namespace migrate::lint {

enum class Lock {
  none,
  row_exclusive,          // UPDATE/DELETE/INSERT
  share_update_exclusive, // blocks neither reads nor writes (VALIDATE, CONCURRENTLY)
  share,                  // SHARE / SHARE ROW EXCLUSIVE: blocks writes
  access_exclusive        // blocks reads too
};
std::string_view to_string(Lock lock);

struct Effect {
  std::string table;
  Lock lock = Lock::none;
  bool scan = false;
  bool rewrite = false;
  bool light = false; // an INSERT ... VALUES: a few rows, not slow work under a lock
  // The scan happens only when this table has rows (a new foreign key checks the referencing table's
  // rows against the referenced one: nothing to check when the referencing table is new). "" = always.
  std::string scan_needs_rows_in = {};
  // The lock's own name when it is a stronger member of its category (SHARE ROW EXCLUSIVE and EXCLUSIVE
  // are Lock::share: they block writes, not reads), for messages; nullptr: to_string(lock).
  const char* name = nullptr;
};
// What a message calls the lock of an effect: "SHARE ROW EXCLUSIVE", "ACCESS EXCLUSIVE", ...
std::string_view lock_name(const Effect& effect);

std::vector<Effect> effects(const sql::Node& node, const Catalog& catalog, int pg_version);
// What running the statement does, as a whole: effects(), except that a DO block in PL/pgSQL does what
// the statements it runs do (their effects together; SQL it builds at run time is not known). The lock
// trace compares a statement with this; the rules read the block's statements one by one instead.
std::vector<Effect> run_effects(const sql::Node& node, const Catalog& catalog, int pg_version);

// What makes a statement expensive while a transaction holds a strong lock on `held`'s table: it
// rewrites, scans or changes rows of an existing table, or locks another one ("rewrites orders");
// "" when nothing. `existing` tells tables that others may be using from ones this migration made.
std::string slow_work(const std::vector<Effect>& effects, const Effect& held,
                      const std::function<bool(const std::string&)>& existing);

// Whether changing a column from `from` to `to` keeps the stored bytes (no rewrite). Unknown -> false.
bool binary_coercible(const std::string& from, const std::string& to);

// An UPDATE or DELETE that touches a handful of rows, not a table: its WHERE pins a unique column
// (the primary key, a unique constraint or index, or a column named id) to a constant or a list of
// constants, or it joins only a VALUES list. Such a statement is a data fix, not a backfill.
bool few_rows(const sql::Node& dml_body, const Catalog& catalog);

// ADD COLUMN that rewrites the table: the reason ("a volatile default", "serial", ...) or "". A default
// calling a function is volatile unless the function is a built-in known not to be, or a replayed
// CREATE FUNCTION declared it IMMUTABLE or STABLE (PostgreSQL's default is VOLATILE).
std::string add_column_rewrite_reason(const sql::Node& column_def, int pg_version, const Catalog& catalog);
// The first function of an expression that may be volatile, as above, or "".
std::string volatile_call(const sql::Node& expr, const Catalog& catalog);

} // namespace migrate::lint
