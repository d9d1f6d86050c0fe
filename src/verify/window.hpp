#pragma once
// The deploy window in verify: between expand and migrate, and between migrate and contract, the old
// release keeps writing. verify writes as it would: inserts and updates that use only the columns a
// table had before the migration's expand, taken from real rows (fresh keys, unique values made
// unique). What the migration does to those rows is then judged by the convergence counts and the
// checks.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "db/session.hpp"
#include "migration/model.hpp"

namespace migrate::verify {

// The tables a migration changes (ALTER TABLE, a backfill's table, UPDATE/INSERT/DELETE, CREATE
// TRIGGER), as "schema.name" the way to_regclass reads them.
std::set<std::string> tables_changed(const migration::Migration& m);

// Column names of each of `tables` that exists now (the old release's view, taken before expand).
std::map<std::string, std::vector<std::string>> columns_now(db::Session& session, const std::set<std::string>& tables);

struct WindowWrites {
  std::string table; // quoted, as SQL names it
  std::string shown; // for people: public.orders
  int inserted = 0;
  int updated = 0;
  std::string note;  // what could not be written, and why (not a failure)
  std::string error; // the old release's write failed: it would fail in production too
  bool insert_ok = true;
  bool update_ok = true;
};

// Writes as the old release: up to `rows` inserts and `rows` updates per table, using only the columns
// in `old_columns`. `pass` makes this pass's unique values differ from an earlier pass's.
// `rehearse`: every write rolled back, to learn which of them work before the migration at all (made-up
// rows can break constraints of their own: a one-to-one foreign key, a trigger's rule); `before`: that
// rehearsal's result, by table: a write that failed then is not tried, since its failure would say
// nothing about the migration.
std::vector<WindowWrites> write_as_old_release(db::Session& session, const std::map<std::string, std::vector<std::string>>& old_columns,
                                               int pass, bool rehearse = false, const std::map<std::string, WindowWrites>* before = nullptr,
                                               int rows = 5);

} // namespace migrate::verify
