#pragma once
// Reading libpg_query's JSON parse trees: names, types and lists, the way the linter needs them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/node.hpp"

namespace migrate::sql {


// "schema.name" of a RangeVar; the schema is "public" when not written.
std::string qualified(const Node& range_var);
// "schema.name" of a dotted name given as its parts (["orders"] -> "public.orders").
std::string qualified_name(const std::vector<std::string>& parts);
// True for PostgreSQL's own tables: pg_catalog.*, information_schema.*, and pg_* written without a
// schema (pg_catalog comes first on every search_path).
bool system_table(const std::string& key);
// The name parts of one object of a DROP statement: a List of names, a String (schemas), a TypeName
// (types, domains) or an ObjectWithArgs (functions).
std::vector<std::string> drop_object_name(const Node& object);
// Whether a DefElem option is on: no argument (VACUUM (FULL)) or true/on/1/yes; false/off/0/no is off.
bool option_on(const Node& def_elem);
// A table key as people read it: "public.orders" -> "orders", "shop.orders" unchanged.
std::string short_name(const std::string& key);
// The svals of a list of String nodes: [{"String":{"sval":"a"}}, ...] -> {"a", ...}.
std::vector<std::string> strings(const Node& list);
// A type as PostgreSQL names it internally, without pg_catalog: "int4", "varchar(20)", "numeric(10,2)",
// "text[]", "timestamptz". Unknown to PostgreSQL's grammar aliases are kept as written ("serial").
std::string type_text(const Node& type_name);
// A type_text as people write it: "int8" -> "bigint", "int4" -> "integer", "bool" -> "boolean", ...
std::string type_display(const std::string& type);
// The base name of a type_text: "varchar(20)" -> "varchar".
std::string type_base(const std::string& type);
// A field of a node body, or an empty object/array when absent.
const Node& get(const Node& body, const char* key);
// The single-key wrapper's kind and body: {"Constraint": {...}} -> ("Constraint", {...}).
std::pair<std::string, const Node*> unwrap(const Node& node);
// Column names a Constraint lists (keys, or the column a CHECK (col IS NOT NULL) tests).
std::vector<std::string> constraint_columns(const Node& constraint);
// For CHECK (col IS NOT NULL) or CHECK (col IS NOT NULL AND ...): the column proven not null.
std::optional<std::string> not_null_check_column(const Node& raw_expr);
// Whether a built-in function of this name is VOLATILE (random, gen_random_uuid, nextval, ...).
bool volatile_function(std::string_view name);
// True when an expression calls a volatile function (random(), gen_random_uuid(), clock_timestamp(), ...).
bool calls_volatile(const Node& expr);
// The column a `c IS NULL` test is on (its last name part), when the expression is one.
std::optional<std::string> is_null_column(const Node& expr);
// The operands of a boolean conjunction, AND nested in AND flattened: a AND (b AND c) -> {a, b, c}.
// Anything else (OR, NOT, a comparison, ...) is a conjunction of one.
std::vector<const Node*> conjuncts(const Node& expr);
// The ParamRef body of an expression that is a parameter and nothing else, through casts
// ($1, $1::bigint, CAST($1 AS int)), or nullptr.
const Node* bare_param(const Node& expr);
// Every ParamRef body in a tree ($1, $2, ... wherever they are), in tree order.
std::vector<const Node*> params(const Node& node);
// The number of a ParamRef body: 1 for $1. ($0 parses too; libpg_query leaves its number out.)
int param_number(const Node& param_ref);

} // namespace migrate::sql
