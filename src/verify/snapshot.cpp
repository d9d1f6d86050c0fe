#include "verify/snapshot.hpp"

#include <fmt/format.h>

#include "sql/quote.hpp"
#include "util/text.hpp"

namespace migrate::verify {

namespace {

// The schemas a snapshot reads: not PostgreSQL's own, not temporary ones, not the skipped ones.
constexpr const char* kUserSchemas =
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
    "AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' AND NOT (n.nspname = ANY ($1::text[]))";

// One query per kind: the first column is the name, the others are properties named by `columns`.
struct Source {
  const char* kind;
  std::vector<const char*> columns;
  const char* sql; // with {schemas} for the schema filter
};

const std::vector<Source>& sources() {
  static const std::vector<Source> s = {
      {"schema", {}, "SELECT n.nspname FROM pg_namespace n WHERE {schemas}"},
      {"table",
       {"kind", "persistence"},
       "SELECT format('%I.%I', n.nspname, c.relname), c.relkind::text, c.relpersistence::text FROM pg_class c "
       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'f') AND {schemas}"},
      {"column",
       {"type", "not_null", "default", "identity", "generated"},
       "SELECT format('%I.%I.%I', n.nspname, c.relname, a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull::text, "
       "coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text, a.attgenerated::text FROM pg_attribute a "
       "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
       "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
       "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND {schemas}"},
      {"constraint",
       {"definition", "validated"},
       "SELECT format('%I on %I.%I', co.conname, n.nspname, c.relname), regexp_replace(pg_get_constraintdef(co.oid), ' NOT VALID$', ''), "
       "co.convalidated::text "
       "FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {schemas}"},
      {"index",
       {"definition", "valid"},
       "SELECT format('%I.%I', n.nspname, c.relname), pg_get_indexdef(i.indexrelid), i.indisvalid::text FROM pg_index i "
       "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {schemas}"},
      {"view",
       {"kind", "definition"},
       "SELECT format('%I.%I', n.nspname, c.relname), c.relkind::text, pg_get_viewdef(c.oid) FROM pg_class c "
       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND {schemas}"},
      {"function",
       {"definition"},
       "SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), pg_get_functiondef(p.oid) "
       "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND {schemas} "
       "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"},
      {"trigger",
       {"definition", "enabled"},
       "SELECT format('%I on %I.%I', t.tgname, n.nspname, c.relname), pg_get_triggerdef(t.oid), t.tgenabled::text FROM pg_trigger t "
       "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND {schemas}"},
      {"sequence",
       {"type", "increment", "owned_by"},
       "SELECT format('%I.%I', n.nspname, c.relname), format_type(s.seqtypid, NULL), s.seqincrement::text, "
       "coalesce((SELECT format('%I.%I.%I', tn.nspname, t.relname, a.attname) FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid "
       "JOIN pg_namespace tn ON tn.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
       "WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1), '') "
       "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {schemas}"},
      {"type",
       {"kind", "values"},
       "SELECT format('%I.%I', n.nspname, t.typname), t.typtype::text, "
       "coalesce((SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), "
       "coalesce(format_type(t.typbasetype, t.typtypmod), '')) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
       "WHERE t.typtype IN ('e', 'd') AND {schemas}"},
      {"extension",
       {"version", "schema"},
       "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
       "WHERE e.extname <> 'plpgsql'"},
  };
  return s;
}

} // namespace

Snapshot take(db::Session& session, const std::set<std::string>& skip) {
  const std::string list = sql::text_array_literal(skip);
  Snapshot snap;
  for (const auto& src : sources()) {
    std::string sql = src.sql;
    const auto at = sql.find("{schemas}");
    const bool filtered = at != std::string::npos;
    if (filtered) sql.replace(at, 9, kUserSchemas);
    auto r = filtered ? session.query(sql, {list}) : session.query(sql);
    for (const auto& row : r.rows) {
      Object o{src.kind, row[0].value_or(""), {}};
      for (std::size_t i = 0; i < src.columns.size(); ++i) o.properties[src.columns[i]] = row[i + 1].value_or("");
      snap.objects[o.kind + " " + o.name] = std::move(o);
    }
  }
  return snap;
}

std::string Difference::describe() const {
  switch (what) {
  case What::added: return fmt::format("{} {} is new", kind, name);
  case What::removed: return fmt::format("{} {} is gone", kind, name);
  case What::changed: break;
  }
  return fmt::format("{} {}: {} was {}, is {}", kind, name, property, before.empty() ? "(none)" : before, after.empty() ? "(none)" : after);
}

std::string Difference::sentence(const std::string& when, bool after_rollback) const {
  // A view's or function's definition spans lines: one line, whitespace collapsed, is enough to see.
  auto shown = [](const std::string& v) { return v.empty() ? std::string("(none)") : util::one_line(v, 240); };
  switch (what) {
  case What::added: return fmt::format("{} {} is {} {}", kind, name, after_rollback ? "still there" : "new", when);
  case What::removed:
    return fmt::format("{} {} is missing {}{}", kind, name, when, after_rollback ? "" : "; the first apply made it");
  case What::changed: break;
  }
  return fmt::format("{} {}: {} is {} {}; it was {} {}", kind, name, property, shown(after), when, shown(before),
                     after_rollback ? "before" : "after the first apply");
}

std::vector<Difference> compare(const Snapshot& before, const Snapshot& after) {
  std::vector<Difference> out;
  for (const auto& [key, b] : before.objects) {
    auto it = after.objects.find(key);
    if (it == after.objects.end()) {
      out.push_back({b.kind, b.name, Difference::What::removed, {}, {}, {}});
      continue;
    }
    for (const auto& [prop, value] : b.properties) {
      auto p = it->second.properties.find(prop);
      const std::string now = p == it->second.properties.end() ? "" : p->second;
      if (now != value) out.push_back({b.kind, b.name, Difference::What::changed, prop, value, now});
    }
  }
  for (const auto& [key, a] : after.objects) {
    if (!before.objects.count(key)) out.push_back({a.kind, a.name, Difference::What::added, {}, {}, {}});
  }
  return out;
}

} // namespace migrate::verify
