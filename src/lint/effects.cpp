#include "lint/effects.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "sql/ast.hpp"
#include "sql/parser.hpp"

namespace migrate::lint {

using sql::get;
using sql::Node;

std::string_view to_string(Lock lock) {
  switch (lock) {
  case Lock::none: return "none";
  case Lock::row_exclusive: return "ROW EXCLUSIVE";
  case Lock::share_update_exclusive: return "SHARE UPDATE EXCLUSIVE";
  case Lock::share: return "SHARE";
  case Lock::access_exclusive: return "ACCESS EXCLUSIVE";
  }
  return "none";
}

std::string_view lock_name(const Effect& effect) { return effect.name ? std::string_view(effect.name) : to_string(effect.lock); }

namespace {

constexpr const char* kShareRowExclusive = "SHARE ROW EXCLUSIVE";

std::vector<int> mods(const std::string& type) {
  std::vector<int> out;
  auto open = type.find('(');
  if (open == std::string::npos) return out;
  std::size_t i = open + 1;
  while (i < type.size() && type[i] != ')') {
    int v = 0;
    auto [p, ec] = std::from_chars(type.data() + i, type.data() + type.size(), v);
    if (ec != std::errc()) break;
    out.push_back(v);
    i = static_cast<std::size_t>(p - type.data());
    if (i < type.size() && type[i] == ',') ++i;
  }
  return out;
}

bool is_array(const std::string& t) { return t.ends_with("[]"); }

} // namespace

bool binary_coercible(const std::string& from, const std::string& to) {
  if (from.empty() || to.empty()) return false;
  if (from == to) return true;
  if (is_array(from) != is_array(to)) return false;
  const std::string fb = sql::type_base(from), tb = sql::type_base(to);
  const auto fm = mods(from), tm = mods(to);
  auto textual = [](const std::string& b) { return b == "varchar" || b == "text"; };
  // varchar(n) -> varchar(m >= n), varchar(n) -> varchar, varchar/text -> text.
  if (textual(fb) && tb == "text") return true;
  if (fb == "varchar" && tb == "varchar") return tm.empty() || (!fm.empty() && tm[0] >= fm[0]);
  if (fb == "text" && tb == "varchar") return tm.empty();
  // numeric(p,s) -> numeric(q >= p, same s), or to unconstrained numeric.
  if (fb == "numeric" && tb == "numeric") {
    if (tm.empty()) return true;
    if (fm.empty()) return false;
    int fs = fm.size() > 1 ? fm[1] : 0, ts = tm.size() > 1 ? tm[1] : 0;
    return tm[0] >= fm[0] && ts == fs;
  }
  // bit varying and the like follow the same widening rule.
  if ((fb == "varbit" && tb == "varbit") || (fb == "bpchar" && tb == "text")) return tm.empty() || (!fm.empty() && tm[0] >= fm[0]);
  return false;
}

namespace {

bool constant(const Node& expr) {
  auto [kind, body] = sql::unwrap(expr);
  if (kind == "A_Const" || kind == "ParamRef") return true;
  if (kind == "TypeCast") return constant(get(*body, "arg"));
  return false;
}

// `col = constant`, `constant = col` or `col IN (constants)`: the column's last name part, else "".
std::string pinned_column(const Node& expr) {
  const Node* e = expr.find("A_Expr");
  if (!e) return {};
  const std::string kind = e->value("kind", "");
  auto column = [](const Node& side) {
    const Node* ref = side.find("ColumnRef");
    if (!ref) return std::string();
    auto names = sql::strings(get(*ref, "fields"));
    return names.empty() ? std::string() : names.back();
  };
  const auto ops = sql::strings(get(*e, "name"));
  if (kind == "AEXPR_OP" && ops.size() == 1 && ops.front() == "=") {
    if (constant(get(*e, "rexpr"))) return column(get(*e, "lexpr"));
    if (constant(get(*e, "lexpr"))) return column(get(*e, "rexpr"));
  }
  if ((kind == "AEXPR_IN" || kind == "AEXPR_OP_ANY") && ops.size() == 1 && ops.front() == "=") {
    // IN (1, 2, 3) is a List; = ANY(ARRAY[1, 2]) an A_ArrayExpr.
    const Node& r = get(*e, "rexpr");
    if (kind == "AEXPR_OP_ANY" && constant(r)) return column(get(*e, "lexpr")); // = ANY('{1,2}'::bigint[])
    const Node& list = r.contains("List") ? get(get(r, "List"), "items") : get(get(r, "A_ArrayExpr"), "elements");
    if (!list.is_array() || list.empty()) return {};
    for (const auto& item : list) {
      if (!constant(item)) return {};
    }
    return column(get(*e, "lexpr"));
  }
  return {};
}

void collect_tables(const Node& node, std::vector<std::string>& out) {
  if (const Node* rv = node.find("RangeVar")) out.push_back(sql::qualified(*rv));
  for (const auto& child : node) collect_tables(child, out);
}

// The tables a query reads (every RangeVar in it; CTE names included, which no catalog knows).
std::vector<std::string> tables_read(const Node& query) {
  std::vector<std::string> out;
  collect_tables(query, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void read(const Node& query, std::vector<Effect>& out) {
  for (auto& t : tables_read(query)) out.push_back({std::move(t), Lock::none, true, false});
}

// Whether a column's type (as the catalog writes it) is the named type or domain, or an array of it.
bool of_type(const std::string& column_type, const std::string& name) {
  std::string t = column_type;
  while (t.ends_with("[]")) t.resize(t.size() - 2);
  return t == name || t.ends_with("." + name);
}

// Every known table with a column of the type (by its unqualified name).
std::vector<std::string> tables_using_type(const Catalog& catalog, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& [key, t] : catalog.tables()) {
    if (std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& c) { return of_type(c.type, name); })) out.push_back(key);
  }
  return out;
}

} // namespace

bool few_rows(const Node& body, const Catalog& catalog) {
  const std::string table = sql::qualified(get(body, "relation"));
  // UPDATE ... FROM (VALUES ...) v WHERE t.k = v.k: as many rows as the list, when the list is all it joins.
  const auto& from = get(body, body.contains("usingClause") ? "usingClause" : "fromClause");
  if (from.is_array() && !from.empty()) {
    std::vector<std::string> lists; // the VALUES lists' aliases
    for (const auto& f : from) {
      const Node* sub = f.find("RangeSubselect");
      if (!sub || !get(get(*sub, "subquery"), "SelectStmt").contains("valuesLists")) return false;
      lists.push_back(get(*sub, "alias").value("aliasname", ""));
    }
    // ... and only when the WHERE (a conjunct of it) joins the table to a list: t.k = v.k.
    auto list_column = [&](const Node& side) {
      const Node* ref = side.find("ColumnRef");
      if (!ref) return 0;
      auto names = sql::strings(get(*ref, "fields"));
      if (names.size() < 2) return -1; // unqualified: the table's, as far as lint can tell
      return std::find(lists.begin(), lists.end(), names[names.size() - 2]) != lists.end() ? 1 : -1;
    };
    for (const Node* c : sql::conjuncts(get(body, "whereClause"))) {
      const Node* e = c->find("A_Expr");
      if (!e || e->value("kind", "") != "AEXPR_OP" || sql::strings(get(*e, "name")) != std::vector<std::string>{"="}) continue;
      const int l = list_column(get(*e, "lexpr")), r = list_column(get(*e, "rexpr"));
      if ((l == 1 && r == -1) || (l == -1 && r == 1)) return true;
    }
    return false;
  }
  for (const Node* c : sql::conjuncts(get(body, "whereClause"))) {
    const std::string col = pinned_column(*c);
    if (!col.empty() && (col == "id" || catalog.unique_column(table, col))) return true;
  }
  return false;
}

std::string volatile_call(const Node& expr, const Catalog& catalog) {
  // Built-ins seen in column defaults that are IMMUTABLE or STABLE (evaluated once for ADD COLUMN).
  static constexpr std::array<std::string_view, 49> kNotVolatile = {
      "extract", "left", "right", "split_part", "regexp_replace",
      "now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower", "upper", "length", "char_length",
      "concat", "concat_ws", "format", "replace", "substring", "substr", "trim", "btrim", "ltrim", "rtrim", "md5", "abs",
      "round", "floor", "ceil", "to_char", "to_date", "to_timestamp", "date_trunc", "date_part", "make_interval", "make_date",
      "timezone", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json",
      "array_fill", "encode", "decode", "inet_client_addr", "int4", "int8", "text"};
  if (const Node* call = expr.find("FuncCall")) {
    auto names = sql::strings(get(*call, "funcname"));
    const std::string name = names.empty() ? std::string() : names.back();
    const char declared = catalog.function_volatility(name);
    const bool builtin = std::find(kNotVolatile.begin(), kNotVolatile.end(), name) != kNotVolatile.end();
    if (!name.empty() && (sql::volatile_function(name) || declared == 'v' || (!declared && !builtin))) return name;
  }
  for (const auto& v : expr) {
    if (auto name = volatile_call(v, catalog); !name.empty()) return name;
  }
  return {};
}

std::string add_column_rewrite_reason(const Node& def, int pg_version, const Catalog& catalog) {
  const std::string type = sql::type_text(get(def, "typeName"));
  const std::string base = sql::type_base(type);
  if (base == "serial" || base == "bigserial" || base == "smallserial" || base == "serial4" || base == "serial8") {
    return type + " (a sequence default fills every row)";
  }
  if (catalog.checked_domain(type)) return fmt::format("the domain {}, which has a CHECK (every row is checked)", type);
  for (const auto& con : get(def, "constraints")) {
    const auto& c = get(con, "Constraint");
    const std::string ct = c.value("contype", "");
    if (ct == "CONSTR_IDENTITY") return "an identity column (every row gets a value)";
    if (ct == "CONSTR_GENERATED") return "a stored generated column (computed for every row)";
    if (ct == "CONSTR_DEFAULT") {
      if (auto f = volatile_call(get(c, "raw_expr"), catalog); !f.empty()) {
        return sql::volatile_function(f) || catalog.function_volatility(f) == 'v'
                   ? fmt::format("a volatile default, {}() (evaluated for every row)", f)
                   : fmt::format("a default calling {}(), which no CREATE FUNCTION here declares IMMUTABLE or STABLE "
                                 "(PostgreSQL's default is VOLATILE: evaluated for every row)", f);
      }
      if (pg_version < 11) return "a default (before PostgreSQL 11 every default rewrites)";
    }
  }
  return {};
}

std::string slow_work(const std::vector<Effect>& effects, const Effect& held,
                      const std::function<bool(const std::string&)>& existing) {
  for (const auto& fx : effects) {
    if (!existing(fx.table) || fx.light) continue;
    if (fx.rewrite) return "rewrites " + sql::short_name(fx.table);
    if (fx.scan && (fx.scan_needs_rows_in.empty() || existing(fx.scan_needs_rows_in))) return "scans " + sql::short_name(fx.table);
    if (fx.lock == Lock::row_exclusive) return "changes rows of " + sql::short_name(fx.table);
    if (fx.table != held.table && fx.lock != Lock::none) return "locks " + sql::short_name(fx.table) + " as well";
  }
  return {};
}

std::vector<Effect> effects(const Node& node, const Catalog& catalog, int pg_version) {
  auto [kind, body] = sql::unwrap(node);
  std::vector<Effect> out;
  if (kind == "IndexStmt") {
    bool concurrent = body->value("concurrent", false);
    const Lock lock = concurrent ? Lock::share_update_exclusive : Lock::share;
    const std::string table = sql::qualified(get(*body, "relation"));
    const Table* t = catalog.table(table);
    // A partitioned table has no rows of its own: unless ON ONLY, every partition (and theirs) is
    // locked the same way and read for its own index.
    const bool partitioned = t && t->partitioned;
    out.push_back({table, lock, !partitioned, false});
    if (partitioned && get(*body, "relation").value("inh", false)) {
      std::vector<std::string> parents = {table};
      for (std::size_t i = 0; i < parents.size(); ++i) {
        for (const auto& [key, child] : catalog.tables()) {
          if (child.partition_of != parents[i]) continue;
          out.push_back({key, lock, !child.partitioned, false});
          parents.push_back(key);
        }
      }
    }
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt") {
    // INSERT ... VALUES, or a SELECT of constants: a few rows.
    const bool constants = kind == "InsertStmt" && tables_read(get(*body, "selectStmt")).empty();
    out.push_back({sql::qualified(get(*body, "relation")), Lock::row_exclusive, kind != "InsertStmt", false,
                   constants || (kind != "InsertStmt" && few_rows(*body, catalog))});
    if (kind == "InsertStmt") read(get(*body, "selectStmt"), out);
  } else if (kind == "CreateTableAsStmt" || (kind == "SelectStmt" && body->contains("intoClause"))) {
    read(*body, out); // CREATE TABLE AS, SELECT INTO: reads every row of what it selects from
  } else if (kind == "LockStmt") {
    // LOCK TABLE: the transaction holds it to the end. AccessExclusiveLock is 8; 5 to 7 (SHARE, SHARE ROW
    // EXCLUSIVE, EXCLUSIVE) block writes; 4 is SHARE UPDATE EXCLUSIVE; below, ordinary row locks.
    const int mode = body->value("mode", 0);
    const Lock lock = mode >= 8 ? Lock::access_exclusive : mode >= 5 ? Lock::share : mode == 4 ? Lock::share_update_exclusive : Lock::row_exclusive;
    const char* name = mode == 7 ? "EXCLUSIVE" : mode == 6 ? kShareRowExclusive : nullptr;
    for (const auto& r : get(*body, "relations")) out.push_back({sql::qualified(get(r, "RangeVar")), lock, false, false, false, {}, name});
  } else if (kind == "CreateTrigStmt") {
    out.push_back({sql::qualified(get(*body, "relation")), Lock::share, false, false, false, {}, kShareRowExclusive});
  } else if (kind == "AlterTableStmt" && body->value("objtype", "") == "OBJECT_TABLE") {
    Effect e{sql::qualified(get(*body, "relation")), Lock::share_update_exclusive, false, false};
    const Table& t = catalog.table_or_unknown(e.table);
    for (const auto& item : get(*body, "cmds")) {
      const auto& cmd = get(item, "AlterTableCmd");
      const std::string sub = cmd.value("subtype", "");
      auto [dk, def] = sql::unwrap(get(cmd, "def"));
      Lock lock = Lock::access_exclusive;
      const char* name = nullptr;
      if (sub == "AT_SetStatistics" || sub == "AT_SetOptions" || sub == "AT_ResetOptions" || sub == "AT_SetRelOptions" ||
          sub == "AT_ResetRelOptions" || sub == "AT_ClusterOn" || sub == "AT_DropCluster" || sub == "AT_AddStatistics") {
        lock = Lock::share_update_exclusive; // planner and storage settings: reads and writes go on
      } else if (sub == "AT_EnableTrig" || sub == "AT_DisableTrig" || sub == "AT_EnableAlwaysTrig" || sub == "AT_EnableReplicaTrig" ||
                 sub == "AT_EnableTrigAll" || sub == "AT_DisableTrigAll" || sub == "AT_EnableTrigUser" || sub == "AT_DisableTrigUser") {
        lock = Lock::share; // SHARE ROW EXCLUSIVE: blocks writes, not reads
        name = kShareRowExclusive;
      } else if (sub == "AT_ValidateConstraint") {
        lock = Lock::share_update_exclusive;
        e.scan = true;
      } else if (sub == "AT_AttachPartition") {
        lock = Lock::share_update_exclusive;
        if (dk == "PartitionCmd") out.push_back({sql::qualified(get(*def, "name")), Lock::access_exclusive, true, false});
      } else if (sub == "AT_DetachPartition" && dk == "PartitionCmd") {
        // The partition: ACCESS EXCLUSIVE from 14 (CONCURRENTLY: in its second transaction); 13 takes
        // only SHARE UPDATE EXCLUSIVE on it (measured: tests/db/test_rule_traces.cpp).
        const bool concurrent = def->value("concurrent", false);
        if (concurrent) lock = Lock::share_update_exclusive;
        out.push_back({sql::qualified(get(*def, "name")), pg_version >= 14 ? Lock::access_exclusive : Lock::share_update_exclusive, false, false});
      } else if (sub == "AT_AddColumn" && dk == "ColumnDef") {
        if (!add_column_rewrite_reason(*def, pg_version, catalog).empty()) e.rewrite = true;
        bool not_null = def->value("is_not_null", false), filled = false;
        for (const auto& con : get(*def, "constraints")) {
          const auto& c = get(con, "Constraint");
          const std::string ct = c.value("contype", "");
          if (ct == "CONSTR_UNIQUE" || ct == "CONSTR_PRIMARY" || ct == "CONSTR_CHECK") e.scan = true;
          if (ct == "CONSTR_NOTNULL" || ct == "CONSTR_PRIMARY") not_null = true;
          if (ct == "CONSTR_DEFAULT" || ct == "CONSTR_IDENTITY" || ct == "CONSTR_GENERATED") filled = true;
          if (ct == "CONSTR_FOREIGN") out.push_back({sql::qualified(get(c, "pktable")), Lock::share, false, false, false, {}, kShareRowExclusive});
        }
        // NOT NULL with nothing to fill it: every row is read to find it NULL (and the statement fails
        // on a table with rows). A default fills it (a rewrite, or 11+ the stored missing value).
        if (not_null && !filled) e.scan = true;
      } else if (sub == "AT_AddConstraint" && dk == "Constraint") {
        const std::string ct = def->value("contype", "");
        bool not_valid = def->value("skip_validation", false);
        if (ct == "CONSTR_FOREIGN") {
          lock = Lock::share;
          name = kShareRowExclusive;
          out.push_back({sql::qualified(get(*def, "pktable")), Lock::share, !not_valid, false, false, e.table, kShareRowExclusive});
        }
        if ((ct == "CONSTR_CHECK" || ct == "CONSTR_FOREIGN") && !not_valid) e.scan = true;
        if ((ct == "CONSTR_UNIQUE" || ct == "CONSTR_PRIMARY" || ct == "CONSTR_EXCLUSION") && !def->contains("indexname")) e.scan = true;
      } else if (sub == "AT_DropConstraint" && cmd.value("behavior", "") == "DROP_CASCADE") {
        // CASCADE drops the foreign keys that reference a unique constraint or primary key: ACCESS
        // EXCLUSIVE on their tables too.
        const Constraint* dropped = t.constraint(cmd.value("name", ""));
        if (!dropped || dropped->kind == "unique" || dropped->kind == "primary") {
          for (const auto& [k, other] : catalog.tables()) {
            if (k == e.table) continue;
            if (std::any_of(other.constraints.begin(), other.constraints.end(), [&](const Constraint& c) { return c.references == e.table; })) {
              out.push_back({k, Lock::access_exclusive, false, false});
            }
          }
        }
      } else if (sub == "AT_SetNotNull") {
        const std::string col = cmd.value("name", "");
        bool proven = pg_version >= 12 && std::any_of(t.constraints.begin(), t.constraints.end(), [&](const Constraint& c) {
                        return c.validated && c.not_null_of == col;
                      });
        if (!proven) e.scan = true;
      } else if (sub == "AT_AlterColumnType" && dk == "ColumnDef") {
        const Column* c = t.column(cmd.value("name", ""));
        if (!c || !binary_coercible(c->type, sql::type_text(get(*def, "typeName"))) || def->contains("raw_default")) {
          e.rewrite = true;
        }
      } else if (sub == "AT_SetTableSpace" || sub == "AT_SetLogged" || sub == "AT_SetUnLogged" || sub == "AT_SetAccessMethod") {
        e.rewrite = true;
      }
      if (lock > e.lock) e.name = name;
      e.lock = std::max(e.lock, lock);
    }
    out.insert(out.begin(), e);
  } else if (kind == "CreateStmt") {
    // A foreign key adds triggers to the referenced table: SHARE ROW EXCLUSIVE on it.
    for (const auto& elt : get(*body, "tableElts")) {
      auto [ek, eb] = sql::unwrap(elt);
      const Node* constraints = ek == "ColumnDef" ? &get(*eb, "constraints") : nullptr;
      if (ek == "Constraint" && eb->value("contype", "") == "CONSTR_FOREIGN") out.push_back({sql::qualified(get(*eb, "pktable")), Lock::share, false, false, false, {}, kShareRowExclusive});
      if (!constraints || !constraints->is_array()) continue;
      for (const auto& con : *constraints) {
        const auto& c = get(con, "Constraint");
        if (c.value("contype", "") == "CONSTR_FOREIGN") out.push_back({sql::qualified(get(c, "pktable")), Lock::share, false, false, false, {}, kShareRowExclusive});
      }
    }
  } else if (kind == "RenameStmt" && body->contains("relation") &&
             (body->value("renameType", "") == "OBJECT_COLUMN" || body->value("renameType", "") == "OBJECT_TABLE" ||
              body->value("renameType", "") == "OBJECT_TABCONSTRAINT")) {
    out.push_back({sql::qualified(get(*body, "relation")), Lock::access_exclusive, false, false});
  } else if (kind == "DropStmt") {
    const std::string type = body->value("removeType", "");
    const bool concurrent = body->value("concurrent", false);
    for (const auto& obj : get(*body, "objects")) {
      auto names = sql::strings(get(obj, "List").value("items", Node::empty_array()));
      if (type == "OBJECT_TRIGGER" || type == "OBJECT_RULE" || type == "OBJECT_POLICY") {
        // The last name is the trigger's (rule's, policy's); the table before it is locked ACCESS EXCLUSIVE.
        if (names.size() < 2) continue;
        names.pop_back();
        out.push_back({sql::qualified_name(names), Lock::access_exclusive, false, false});
        continue;
      }
      const std::string key = sql::qualified_name(names);
      if (type == "OBJECT_TABLE") {
        out.push_back({key, Lock::access_exclusive, false, false});
        // Its foreign keys' triggers go from the tables they reference.
        if (const Table* t = catalog.table(key)) {
          for (const auto& c : t->constraints) {
            if (!c.references.empty() && c.references != key) out.push_back({c.references, Lock::access_exclusive, false, false});
          }
        }
      } else if (type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
        out.push_back({key, Lock::access_exclusive, false, false});
      } else if ((type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") && body->value("behavior", "") == "DROP_CASCADE") {
        // CASCADE drops the columns of that type: ACCESS EXCLUSIVE on every table that has one.
        const auto parts = sql::drop_object_name(obj);
        if (!parts.empty()) {
          for (auto& t : tables_using_type(catalog, parts.back())) out.push_back({std::move(t), Lock::access_exclusive, false, false});
        }
      } else if (type == "OBJECT_SCHEMA" && body->value("behavior", "") == "DROP_CASCADE") {
        const auto parts = sql::drop_object_name(obj);
        if (parts.empty()) continue;
        for (const auto& [k, t] : catalog.tables()) {
          if (k.starts_with(parts.back() + ".")) out.push_back({k, Lock::access_exclusive, false, false});
        }
      } else if (type == "OBJECT_INDEX") {
        if (auto table = catalog.index_table(key)) out.push_back({*table, concurrent ? Lock::share_update_exclusive : Lock::access_exclusive, false, false});
      }
    }
  } else if (kind == "AlterDomainStmt") {
    // ADD CONSTRAINT (unless NOT VALID), VALIDATE CONSTRAINT and SET NOT NULL check every column of the
    // domain: SHARE on each table using it, and a scan of it.
    const std::string sub = body->value("subtype", "");
    const bool not_valid = get(get(*body, "def"), "Constraint").value("skip_validation", false);
    if ((sub == "C" && !not_valid) || sub == "V" || sub == "O") {
      const auto names = sql::strings(get(*body, "typeName"));
      if (!names.empty()) {
        for (auto& t : tables_using_type(catalog, names.back())) out.push_back({std::move(t), Lock::share, true, false});
      }
    }
  } else if (kind == "RefreshMatViewStmt") {
    // A new file under ACCESS EXCLUSIVE; CONCURRENTLY: EXCLUSIVE (reads go on), the old contents read
    // whole and compared with the new.
    const bool concurrent = body->value("concurrent", false);
    out.push_back({sql::qualified(get(*body, "relation")), concurrent ? Lock::share : Lock::access_exclusive, concurrent, !concurrent,
                   false, {}, concurrent ? "EXCLUSIVE" : nullptr});
  } else if (kind == "VacuumStmt" && body->value("is_vacuumcmd", false)) {
    bool full = false;
    for (const auto& o : get(*body, "options")) {
      if (get(o, "DefElem").value("defname", "") == "full") full = sql::option_on(get(o, "DefElem"));
    }
    for (const auto& r : get(*body, "rels")) {
      out.push_back({sql::qualified(get(get(r, "VacuumRelation"), "relation")), full ? Lock::access_exclusive : Lock::share_update_exclusive,
                     !full, full});
    }
  } else if (kind == "ReindexStmt" && body->contains("relation")) {
    // REINDEX TABLE t / INDEX i: SHARE on the table (ACCESS EXCLUSIVE on the index), or SHARE UPDATE
    // EXCLUSIVE with CONCURRENTLY.
    const Lock lock = sql::reindex_concurrently(*body) ? Lock::share_update_exclusive : Lock::share;
    const std::string rel = sql::qualified(get(*body, "relation"));
    if (body->value("kind", "") == "REINDEX_OBJECT_TABLE") out.push_back({rel, lock, true, false});
    else if (auto table = catalog.index_table(rel)) out.push_back({*table, lock, true, false});
  } else if (kind == "ClusterStmt" || kind == "TruncateStmt") {
    std::vector<const Node*> rels;
    if (kind == "TruncateStmt") {
      for (const auto& r : get(*body, "relations")) rels.push_back(&r);
    } else if (body->contains("relation")) {
      rels.push_back(&get(*body, "relation"));
    }
    for (const Node* r : rels) {
      auto [rk, rb] = sql::unwrap(*r);
      out.push_back({sql::qualified(rk.empty() ? *r : *rb), Lock::access_exclusive, false, true});
    }
  }
  return out;
}

std::vector<Effect> run_effects(const Node& node, const Catalog& catalog, int pg_version) {
  auto [kind, body] = sql::unwrap(node);
  if (kind != "DoStmt") return effects(node, catalog, pg_version);
  const sql::RoutineCode routine = sql::routine_code(*body, false);
  const std::string& code = routine.code;
  const std::string& language = routine.language;
  std::vector<Effect> out;
  if (language != "plpgsql") return out;
  const auto statements = sql::plpgsql_statements(code);
  if (!statements) return out;
  for (const auto& e : *statements) {
    if (e.dynamic) continue;
    try {
      for (const auto& p : sql::parse(e.sql)) {
        auto fx = effects(p.node, catalog, pg_version);
        out.insert(out.end(), fx.begin(), fx.end());
      }
    } catch (const sql::SyntaxError&) {
      // PL/pgSQL variables where SQL wants a name: nothing known of it.
    }
  }
  return out;
}

} // namespace migrate::lint
