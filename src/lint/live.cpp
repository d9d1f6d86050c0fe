#include "lint/live.hpp"

#include <map>

#include <fmt/format.h>

#include "sql/ast.hpp"
#include "sql/parser.hpp"
#include "util/error.hpp"

namespace migrate::lint {

namespace {

const char* kUserSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                           "AND n.nspname NOT LIKE 'pg_temp%'";

// "{a,b,\"c d\"}" -> {"a", "b", "c d"}
std::vector<std::string> text_array(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, any = false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '\\' && i + 2 < s.size()) cur.push_back(s[++i]);
      else if (c == '"') quoted = false;
      else cur.push_back(c);
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur.push_back(c);
      any = true;
    }
  }
  if (any || !cur.empty()) out.push_back(cur);
  return out;
}

std::string key(const db::Row& r, std::size_t schema, std::size_t name) { return r[schema].value_or("") + "." + r[name].value_or(""); }

} // namespace

std::string live_type_text(const std::string& typname, int typmod, bool array) {
  std::string out = typname;
  if (typmod >= 0) {
    if (typname == "varchar" || typname == "bpchar") {
      if (typmod >= 4) out += fmt::format("({})", typmod - 4);
    } else if (typname == "numeric") {
      if (typmod >= 4) out += fmt::format("({},{})", ((typmod - 4) >> 16) & 0xffff, (typmod - 4) & 0xffff);
    } else if (typname == "bit" || typname == "varbit" || typname == "timestamp" || typname == "timestamptz" ||
               typname == "time" || typname == "timetz") {
      out += fmt::format("({})", typmod);
    }
  }
  if (array) out += "[]";
  return out;
}

namespace {

Catalog read_once(db::Session& s) {
  std::map<std::string, Table> tables;
  for (const auto& r : s.query(fmt::format("SELECT n.nspname, c.relname, c.relkind::text, c.reltuples::float8::text, "
                                           "CASE WHEN c.reltuples < 0 THEN pg_relation_size(c.oid)::text END, "
                                           "(SELECT pn.nspname || '.' || p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                                           "JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition) "
                                           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                           "WHERE c.relkind IN ('r', 'p') AND {}",
                                           kUserSchemas))
                          .rows) {
    Table t;
    t.key = key(r, 0, 1);
    t.partitioned = r[2].value_or("") == "p";
    double rows = std::stod(r[3].value_or("-1"));
    if (rows >= 0) t.rows = rows;
    else if (r[4]) t.bytes = std::stod(*r[4]);
    t.partition_of = r[5].value_or("");
    tables[t.key] = std::move(t);
  }
  for (const auto& r : s.query(fmt::format(
                                   "SELECT n.nspname, c.relname, a.attname, "
                                   "CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END, "
                                   "a.atttypmod::text, (t.typcategory = 'A')::text, a.attnotnull::text, (a.atthasdef OR a.attidentity <> '')::text "
                                   "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                                   "LEFT JOIN pg_type et ON et.oid = t.typelem "
                                   "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND {} "
                                   "ORDER BY a.attrelid, a.attnum",
                                   kUserSchemas))
                          .rows) {
    auto it = tables.find(key(r, 0, 1));
    if (it == tables.end()) continue;
    it->second.columns.push_back({r[2].value_or(""), live_type_text(r[3].value_or(""), std::stoi(r[4].value_or("-1")), r[5].value_or("") == "true"), r[6].value_or("") == "true", r[7].value_or("") == "true"});
  }
  for (const auto& r : s.query(fmt::format(
                                   "SELECT n.nspname, c.relname, con.conname, con.contype::text, con.convalidated::text, "
                                   "pg_get_constraintdef(con.oid), "
                                   "ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord) "
                                   "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text, "
                                   "coalesce((SELECT rn.nspname || '.' || rc.relname FROM pg_class rc JOIN pg_namespace rn "
                                   "ON rn.oid = rc.relnamespace WHERE rc.oid = con.confrelid), '') "
                                   "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {}",
                                   kUserSchemas))
                          .rows) {
    auto it = tables.find(key(r, 0, 1));
    if (it == tables.end()) continue;
    static const std::map<std::string, std::string> kKinds = {
        {"c", "check"}, {"f", "foreign"}, {"u", "unique"}, {"p", "primary"}, {"x", "exclusion"}};
    auto kind = kKinds.find(r[3].value_or(""));
    if (kind == kKinds.end()) continue;
    Constraint k;
    k.name = r[2].value_or("");
    k.kind = kind->second;
    k.validated = r[4].value_or("") == "true";
    k.columns = text_array(r[6].value_or(""));
    k.references = r[7].value_or("");
    if (k.kind == "check") {
      // Let PostgreSQL's parser read the definition, as replay does for a file.
      try {
        auto parsed = sql::parse("ALTER TABLE t ADD " + r[5].value_or(""));
        if (!parsed.empty()) {
          const auto& cmd = sql::get(sql::get(parsed[0].node, "AlterTableStmt"), "cmds");
          if (cmd.is_array() && !cmd.empty()) {
            k.not_null_of = sql::not_null_check_column(sql::get(sql::get(sql::get(cmd[std::size_t{0}], "AlterTableCmd"), "def"), "Constraint").value("raw_expr", sql::Node::empty_object()));
          }
        }
      } catch (const sql::SyntaxError&) {
      }
    }
    it->second.constraints.push_back(std::move(k));
  }
  Catalog catalog;
  for (auto& [k, t] : tables) catalog.add_live_table(std::move(t));
  for (const auto& r : s.query(fmt::format(
                                   "SELECT n.nspname, ic.relname, tc.relname, "
                                   "ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) "
                                   "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text, "
                                   "(i.indisunique AND i.indpred IS NULL)::text "
                                   "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                                   "JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace n ON n.oid = tc.relnamespace WHERE {}",
                                   kUserSchemas))
                          .rows) {
    catalog.add_live_index({key(r, 0, 1), key(r, 0, 2), text_array(r[3].value_or("")), r[4].value_or("") == "true"});
  }
  for (const auto& r : s.query(fmt::format("SELECT n.nspname, t.typname, e.enumlabel FROM pg_enum e "
                                           "JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace "
                                           "WHERE {} ORDER BY e.enumtypid, e.enumsortorder",
                                           kUserSchemas))
                          .rows) {
    catalog.add_live_enum_value(key(r, 0, 1), r[2].value_or(""));
  }
  return catalog;
}

} // namespace

Catalog read_live_catalog(db::Session& s) {
  // pg_get_constraintdef reads a table the catalog query listed a moment before: a table dropped in
  // between (by anyone else on a live server) fails the read. That passes: read it again.
  for (int attempt = 1;; ++attempt) {
    try {
      return read_once(s);
    } catch (const DatabaseError& e) {
      const std::string_view what = e.what();
      const bool dropped = what.find("could not open relation with OID") != std::string_view::npos ||
                           what.find("cache lookup failed") != std::string_view::npos;
      if (!dropped || attempt == 20) throw; // 20 reads in a row each racing a DROP: not churn any more
    }
  }
}

} // namespace migrate::lint
