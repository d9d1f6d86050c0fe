#pragma once
// Catalog replay: what earlier statements and earlier files created, so the linter can tell a new
// table (anything goes) from an existing one (locks matter), a validated CHECK (col IS NOT NULL) from
// none, and varchar(20) from integer. Objects remember the migration and transaction that made them.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/node.hpp"

namespace migrate::lint {

struct Column {
  std::string name;
  std::string type; // sql::type_text form; "" when unknown
  bool not_null = false;
  bool has_default = false; // a DEFAULT other than NULL: rows inserted without the column get it
};

struct Constraint {
  std::string name;
  std::string kind; // check, foreign, unique, primary, exclusion
  bool validated = true;
  std::vector<std::string> columns;
  std::optional<std::string> not_null_of; // CHECK (col IS NOT NULL ...)
  std::string references;                 // foreign: the referenced table, schema.name
  int tx = -1;                            // the transaction that added it
};

struct Table {
  std::string key; // schema.name
  std::vector<Column> columns;
  std::vector<Constraint> constraints;
  bool partitioned = false;
  std::string partition_of; // the partitioned table it is a partition of, schema.name; "" = none
  std::string created_in; // id of the migration that created it; "" = existed before replay
  int created_tx = -1;
  std::optional<double> rows; // row estimate, from a live catalog
  // A live table never analysed (reltuples -1, so no estimate): its size on disk, pg_relation_size.
  std::optional<double> bytes;

  [[nodiscard]] const Column* column(const std::string& name) const;
  Column* column(const std::string& name);
  [[nodiscard]] const Constraint* constraint(const std::string& name) const;
  Constraint* constraint(const std::string& name);
};

struct Index {
  std::string key; // schema.name
  std::string table;
  std::vector<std::string> columns;
  bool unique = false;
};

struct EnumType {
  std::string key;
  int created_tx = -1;
  std::map<std::string, int> added_tx; // value -> transaction whose ADD VALUE added it (-1: CREATE TYPE or before)
};

// Where a statement stands when it is applied to the catalog.
struct Origin {
  std::string migration; // id of the current migration ("" for standard input)
  int tx = -1;           // current transaction
};

// What a statement creates, as "kind:schema.name" keys: view:, matview:, type: (enums, composites,
// domains, ranges), function:, table:, and primary:TABLE for a primary key it adds. Used to tell a DROP
// that the same transaction undoes (drop and recreate a view) from one that removes something.
std::vector<std::string> objects_created(const sql::Node& node);

class Catalog {
public:
  Catalog() = default;
  // Moved, never copied: table_index_ points into tables_.
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  Catalog(Catalog&&) = default;
  Catalog& operator=(Catalog&&) = default;
  [[nodiscard]] const Table* table(const std::string& key) const;
  Table* table(const std::string& key);
  [[nodiscard]] const Index* index(const std::string& key) const;
  [[nodiscard]] const EnumType* enum_type(const std::string& key) const;
  // True when the table was created by the given migration (so no one else can be using it yet).
  [[nodiscard]] bool is_new(const std::string& key, const Origin& at) const;
  // The table as known; an unknown table yields a placeholder (created_in "", no columns).
  [[nodiscard]] const Table& table_or_unknown(const std::string& key) const;
  // Every table known, by key (for what reaches tables by type or schema: DROP TYPE ... CASCADE).
  [[nodiscard]] const std::map<std::string, Table>& tables() const { return tables_; }
  // (type, value) of every enum value ADD VALUE added in transaction `tx` to a type created before it
  // (such a value cannot be used until COMMIT).
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> enum_values_added_in(int tx) const;
  // True when an index, primary key or unique constraint of the table starts with these columns.
  [[nodiscard]] bool has_index_leading(const std::string& table, const std::vector<std::string>& columns) const;
  // True when a primary key, unique constraint or unique index of the table is on exactly this column.
  [[nodiscard]] bool unique_column(const std::string& table, const std::string& column) const;
  // Which table an index belongs to, if known.
  [[nodiscard]] std::optional<std::string> index_table(const std::string& index_key) const;

  // A function's declared volatility ('i', 's' or 'v'), as a replayed CREATE FUNCTION gave it (by its
  // unqualified name), or '\0' when none did.
  [[nodiscard]] char function_volatility(const std::string& name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? '\0' : it->second;
  }
  // True when a replayed CREATE DOMAIN (or ALTER DOMAIN ADD CONSTRAINT) gave this type (as type_text
  // writes it) a CHECK: a column of it is checked row by row when added.
  [[nodiscard]] bool checked_domain(const std::string& type) const { return checked_domains_.count(type) > 0; }
  // A table created by a statement lint could not parse (newer grammar): new, columns unknown.
  void add_new_table(const std::string& key, const Origin& at);
  // True when the object (an objects_created key) was created by the given migration.
  [[nodiscard]] bool created_by(const std::string& object, const std::string& migration) const {
    auto it = created_.find(object);
    return it != created_.end() && it->second == migration;
  }
  // Replays one statement (libpg_query node).
  void apply(const sql::Node& node, const Origin& at);
  // Adds what a live database says (lint --database).
  void add_live_table(Table t) { put_table(std::move(t)); }
  void add_live_index(Index i) { add_index(std::move(i)); }
  void add_live_enum_value(const std::string& type, const std::string& value) {
    auto& e = enums_[type];
    e.key = type;
    e.added_tx[value] = -1;
  }

private:
  void create_table(const sql::Node& body, const Origin& at);
  void alter_table(const sql::Node& body, const Origin& at);
  void add_constraint(Table& t, const sql::Node& c, const Origin& at, const std::string& column = {});
  void drop(const sql::Node& body);
  void rename(const sql::Node& body);
  Table& put_table(Table t); // adds or replaces
  void erase_table(const std::string& key);
  void add_index(Index i);
  void drop_index(const std::string& key);
  // Calls f for each index of the table; stops when f returns true.
  template <typename F> bool any_index_of(const std::string& table, F f) const {
    auto it = indexes_of_.find(table);
    if (it == indexes_of_.end()) return false;
    for (const auto& key : it->second) {
      if (f(indexes_.at(key))) return true;
    }
    return false;
  }

  std::map<std::string, Table> tables_; // in key order, for what goes through every table
  // The same tables by key, for lookups (one hash, not a dozen string comparisons).
  std::unordered_map<std::string, Table*> table_index_;
  std::map<std::string, Index> indexes_;
  // Index keys by their table: a lookup by table costs the table's indexes, not every index replayed.
  std::unordered_map<std::string, std::vector<std::string>> indexes_of_;
  std::map<std::string, EnumType> enums_;
  std::map<std::string, std::string> created_; // objects_created key -> migration that created it
  std::map<std::string, char> functions_;      // function name -> volatility of its CREATE FUNCTION
  std::set<std::string> checked_domains_;      // domains with a CHECK, as type_text names them
};

} // namespace migrate::lint
