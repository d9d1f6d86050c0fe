#include "verify/window.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "sql/ast.hpp"
#include "sql/quote.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace migrate::verify {

namespace {

using sql::get;

std::string quoted_list(const std::vector<std::string>& names, std::string_view prefix = {}) {
  std::string out;
  for (const auto& n : names) out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix, sql::quote_ident(n));
  return out;
}

struct ColumnFacts {
  std::string name;
  std::string type;       // format_type
  bool generated = false; // GENERATED ALWAYS (identity or stored)
  bool has_default = false;
  bool unique = false;    // in the primary key or a unique index
  bool distinct = false;  // every value different in the data (an email, say), with no index saying so
};

// One write of the old release in a transaction of its own: it happens whole or not at all; the
// error when it fails.
template <class F>
std::string attempt(db::Session& s, F&& f, bool commit) {
  s.exec("BEGIN");
  try {
    f();
    s.exec(commit ? "COMMIT" : "ROLLBACK");
    return {};
  } catch (const DatabaseError& e) {
    try {
      s.exec("ROLLBACK");
    } catch (const DatabaseError&) {
    }
    return util::one_line(e.what(), 300);
  }
}

// "public"."orders" as public.orders; a name that needs its quotes keeps them.
std::string shown_name(const std::string& quoted) {
  std::string out;
  bool plain = true;
  for (char c : quoted) {
    if (c == '"') continue;
    plain &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    out += c;
  }
  return plain ? out : quoted;
}

} // namespace

std::set<std::string> tables_changed(const migration::Migration& m) {
  // Quoted part by part, as SQL and to_regclass read them: a table named "Acct" stays Acct.
  auto quoted = [](const std::string& schema, const std::string& name) { return sql::quote_ident(schema) + "." + sql::quote_ident(name); };
  std::set<std::string> out;
  for (const auto& s : m.sections) {
    for (const auto& st : s.forward.statements) {
      if (st.backfill) {
        const std::string& t = st.backfill->table;
        const auto dot = t.find('.');
        out.insert(dot == std::string::npos ? quoted("public", t) : quoted(t.substr(0, dot), t.substr(dot + 1)));
      }
      if (st.kind.empty()) continue;
      const auto& body = st.node->at(st.kind);
      if (st.kind == "AlterTableStmt" || st.kind == "UpdateStmt" || st.kind == "InsertStmt" || st.kind == "DeleteStmt" ||
          st.kind == "CreateTrigStmt") {
        const auto& rel = get(body, "relation");
        if (rel.is_object() && !rel.empty()) out.insert(quoted(rel.value("schemaname", "public"), rel.value("relname", "")));
      }
    }
  }
  return out;
}

std::map<std::string, std::vector<std::string>> columns_now(db::Session& session, const std::set<std::string>& tables) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& t : tables) {
    auto r = session.query("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped "
                           "AND (SELECT relkind FROM pg_class WHERE oid = to_regclass($1)) IN ('r', 'p') ORDER BY attnum",
                           {t});
    if (r.rows.empty()) continue; // new in this migration: the old release does not know it
    for (const auto& row : r.rows) out[t].push_back(row[0].value_or(""));
  }
  return out;
}

std::vector<WindowWrites> write_as_old_release(db::Session& session, const std::map<std::string, std::vector<std::string>>& old_columns,
                                               int pass, bool rehearse, const std::map<std::string, WindowWrites>* before, int rows) {
  std::vector<WindowWrites> out;
  for (const auto& [table, old] : old_columns) {
    WindowWrites w;
    w.table = table;
    w.shown = shown_name(table);
    auto facts = session.query(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), (a.attidentity = 'a' OR a.attgenerated <> '')::text, "
        "(a.atthasdef OR a.attidentity <> '')::text, "
        "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND a.attnum = ANY(i.indkey))::text "
        "FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        {table});
    if (facts.rows.empty()) continue; // gone
    std::vector<ColumnFacts> cols;
    for (const auto& r : facts.rows) {
      ColumnFacts c{r[0].value_or(""), r[1].value_or(""), r[2] == "true", r[3] == "true", r[4] == "true"};
      if (std::find(old.begin(), old.end(), c.name) != old.end()) cols.push_back(std::move(c));
    }
    // A column whose values are all different in the data (an email, say) is unique to the
    // application even with no index saying so: it gets fresh values too, and is never copied.
    std::string distinct;
    for (const auto& c : cols) {
      if (c.unique || c.generated) continue;
      distinct += fmt::format("{}(count(DISTINCT {}) = count(*) AND count(*) > 1)::text", distinct.empty() ? "" : ", ", sql::quote_ident(c.name));
    }
    if (!distinct.empty()) {
      try {
        auto r = session.exec(fmt::format("SELECT {} FROM {}", distinct, table));
        std::size_t i = 0;
        for (auto& c : cols) {
          if (c.unique || c.generated) continue;
          c.distinct = r.rows.at(0).at(i++) == "true";
        }
      } catch (const DatabaseError&) { // a type without equality (json): never unique
      }
    }
    auto pk = session.query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                            "WHERE i.indrelid = to_regclass($1) AND i.indisprimary",
                            {table});
    if (pk.rows.size() != 1) {
      w.note = "no single-column primary key: the old release's writes were not imitated";
      out.push_back(std::move(w));
      continue;
    }
    const std::string key = pk.rows[0][0].value_or("");
    const std::string qkey = sql::quote_ident(key);
    // Inserts: real rows again, with fresh values where they must be unique. A column unique only in
    // the data gets a fresh value too, unless the table refuses it (a suffix breaks JSON in a text
    // column, say): then it is copied as it is.
    auto insert_sql = [&](bool fresh_distinct, std::string& cannot) {
      std::vector<std::string> names, values;
      for (const auto& c : cols) {
        if (c.generated) continue;
        const std::string q = sql::quote_ident(c.name);
        if (!c.unique && !(c.distinct && fresh_distinct)) {
          names.push_back(c.name);
          values.push_back("s." + q);
          continue;
        }
        if (c.has_default && c.name == key) continue; // serial or identity: the old release lets it be
        const std::string& t = c.type;
        if (t == "integer" || t == "bigint" || t == "smallint" || t.starts_with("numeric")) {
          values.push_back(fmt::format("(SELECT max({0}) FROM {1}) + s.migrate_n", q, table));
        } else if (t == "uuid") {
          values.push_back("gen_random_uuid()");
        } else if (t == "text" || t.starts_with("character varying") || t == "citext") {
          values.push_back(fmt::format("s.{} || '-window{}-' || s.migrate_n", q, pass));
        } else if (c.unique) {
          cannot = fmt::format("no fresh value for its unique column {} ({})", c.name, t);
          return std::string();
        } else {
          values.push_back("s." + q);
        }
        names.push_back(c.name);
      }
      std::string values_text;
      for (const auto& v : values) values_text += (values_text.empty() ? "" : ", ") + v;
      return fmt::format(
          "INSERT INTO {0} ({1}) SELECT {2} FROM (SELECT *, row_number() OVER (ORDER BY {3}) AS migrate_n FROM {0} ORDER BY {3} LIMIT {4}) s",
          table, quoted_list(names), values_text, qkey, rows);
    };
    std::string cannot;
    const std::string insert = insert_sql(true, cannot);
    const auto it = before ? before->find(table) : decltype(before->end()){};
    const WindowWrites* rehearsed = before && it != before->end() ? &it->second : nullptr;
    if (!cannot.empty()) {
      w.note = "no rows inserted: " + cannot;
    } else if (rehearsed && !rehearsed->insert_ok) {
      w.note = "no rows inserted: the same insert fails before the migration too (" + rehearsed->error + ")";
    } else {
      w.error = attempt(session, [&] { w.inserted = static_cast<int>(session.exec(insert).affected); }, !rehearse);
      const bool any_distinct = std::any_of(cols.begin(), cols.end(), [](const ColumnFacts& c) { return c.distinct; });
      if (!w.error.empty() && any_distinct) {
        const std::string copied = insert_sql(false, cannot);
        w.error = attempt(session, [&] { w.inserted = static_cast<int>(session.exec(copied).affected); }, !rehearse);
      }
      w.insert_ok = w.error.empty();
      if (!w.error.empty() && !rehearse) w.error = "the old release's INSERT (only the columns it knows) fails: " + w.error;
    }
    // Updates: the columns it knows, set to another row's values; a column unique to the application
    // (by an index or in the data) gets a fresh value of its own instead, unless the table refuses it.
    std::vector<std::string> changed, renewed;
    for (const auto& c : cols) {
      if (c.generated || c.name == key) continue;
      if (!c.unique && !c.distinct) changed.push_back(c.name);
      else if (c.type == "text" || c.type.starts_with("character varying") || c.type == "citext") renewed.push_back(c.name);
    }
    if (rehearsed && !rehearsed->update_ok) {
      w.note += std::string(w.note.empty() ? "" : "; ") + "no rows changed: the same update fails before the migration too";
    } else if (w.error.empty() && (!changed.empty() || !renewed.empty())) {
      auto keys = session.exec(fmt::format("SELECT {0}::text FROM {1} ORDER BY {0} LIMIT {2}", qkey, table, 2 * rows));
      const auto n = keys.rows.size();
      auto update_sql = [&](bool renew, std::size_t i) {
        std::string set;
        if (!changed.empty()) set = fmt::format("({}) = (SELECT {} FROM {} o WHERE o.{}::text = $2)", quoted_list(changed), quoted_list(changed, "o."), table, qkey);
        for (const auto& r : renewed) {
          if (!renew) break;
          set += fmt::format("{}{} = {} || '-window{}-u{}'", set.empty() ? "" : ", ", sql::quote_ident(r), sql::quote_ident(r), pass, i);
        }
        // The keys are passed as text, whatever their type.
        return set.empty() ? std::string() : fmt::format("UPDATE {} SET {} WHERE {}::text = $1 AND $2::text IS NOT NULL", table, set, qkey);
      };
      std::string failed;
      for (std::size_t i = 0; i + 1 < n && i < static_cast<std::size_t>(rows) && failed.empty(); ++i) {
        const std::vector<db::Value> params = {keys.rows[i][0].value_or(""), keys.rows[n - 1 - i][0].value_or("")};
        int done = 0;
        failed = attempt(session, [&] { done = static_cast<int>(session.query(update_sql(true, i), params).affected); }, !rehearse);
        if (!failed.empty() && !renewed.empty()) {
          const std::string plain = update_sql(false, i);
          if (!plain.empty()) failed = attempt(session, [&] { done = static_cast<int>(session.query(plain, params).affected); }, !rehearse);
        }
        w.updated += done;
      }
      w.update_ok = failed.empty();
      if (!failed.empty() && !rehearse) w.error = "the old release's UPDATE (only the columns it knows) fails: " + failed;
      if (!failed.empty() && rehearse) w.error = failed;
    }
    out.push_back(std::move(w));
  }
  return out;
}

} // namespace migrate::verify
