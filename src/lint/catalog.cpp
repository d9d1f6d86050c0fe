#include "lint/catalog.hpp"

#include <algorithm>
#include <utility>

#include "sql/ast.hpp"

namespace migrate::lint {

using sql::get;
using sql::Node;

const Column* Table::column(const std::string& name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}
Column* Table::column(const std::string& name) { return const_cast<Column*>(std::as_const(*this).column(name)); }
const Constraint* Table::constraint(const std::string& name) const {
  for (const auto& c : constraints) {
    if (c.name == name) return &c;
  }
  return nullptr;
}
Constraint* Table::constraint(const std::string& name) {
  return const_cast<Constraint*>(std::as_const(*this).constraint(name));
}

const Table* Catalog::table(const std::string& key) const {
  auto it = table_index_.find(key);
  return it == table_index_.end() ? nullptr : it->second;
}
Table* Catalog::table(const std::string& key) {
  auto it = table_index_.find(key);
  return it == table_index_.end() ? nullptr : it->second;
}

Table& Catalog::put_table(Table t) {
  std::string key = t.key;
  Table& stored = tables_[key] = std::move(t);
  table_index_[std::move(key)] = &stored;
  return stored;
}

void Catalog::erase_table(const std::string& key) {
  tables_.erase(key);
  table_index_.erase(key);
}
const Index* Catalog::index(const std::string& key) const {
  auto it = indexes_.find(key);
  return it == indexes_.end() ? nullptr : &it->second;
}
const EnumType* Catalog::enum_type(const std::string& key) const {
  auto it = enums_.find(key);
  return it == enums_.end() ? nullptr : &it->second;
}

bool Catalog::is_new(const std::string& key, const Origin& at) const {
  const Table* t = table(key);
  return t && !t->created_in.empty() && t->created_in == at.migration;
}

const Table& Catalog::table_or_unknown(const std::string& key) const {
  if (const Table* t = table(key)) return *t;
  static thread_local Table unknown;
  unknown = Table{};
  unknown.key = key;
  return unknown;
}

std::vector<std::pair<std::string, std::string>> Catalog::enum_values_added_in(int tx) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, e] : enums_) {
    if (e.created_tx == tx) continue;
    for (const auto& [value, added] : e.added_tx) {
      if (added == tx) out.emplace_back(key, value);
    }
  }
  return out;
}

bool Catalog::has_index_leading(const std::string& table, const std::vector<std::string>& columns) const {
  auto leads = [&](const std::vector<std::string>& index_columns) {
    return !columns.empty() && index_columns.size() >= columns.size() &&
           std::equal(columns.begin(), columns.end(), index_columns.begin());
  };
  if (any_index_of(table, [&](const Index& index) { return leads(index.columns); })) return true;
  if (const Table* t = this->table(table)) {
    for (const auto& c : t->constraints) {
      if ((c.kind == "primary" || c.kind == "unique") && leads(c.columns)) return true;
    }
  }
  return false;
}

bool Catalog::unique_column(const std::string& table, const std::string& column) const {
  const std::vector<std::string> one{column};
  if (any_index_of(table, [&](const Index& index) { return index.unique && index.columns == one; })) return true;
  if (const Table* t = this->table(table)) {
    for (const auto& c : t->constraints) {
      if ((c.kind == "primary" || c.kind == "unique") && c.columns == one) return true;
    }
  }
  return false;
}

std::optional<std::string> Catalog::index_table(const std::string& index_key) const {
  if (const Index* i = index(index_key)) return i->table;
  return std::nullopt;
}

void Catalog::add_index(Index i) {
  drop_index(i.key);
  indexes_of_[i.table].push_back(i.key);
  indexes_[i.key] = std::move(i);
}

void Catalog::drop_index(const std::string& key) {
  auto it = indexes_.find(key);
  if (it == indexes_.end()) return;
  if (auto of = indexes_of_.find(it->second.table); of != indexes_of_.end()) std::erase(of->second, key);
  indexes_.erase(it);
}

namespace {

std::string schema_of(const std::string& key) { return key.substr(0, key.find('.')); }

std::string constraint_kind(const std::string& contype) {
  if (contype == "CONSTR_CHECK") return "check";
  if (contype == "CONSTR_FOREIGN") return "foreign";
  if (contype == "CONSTR_UNIQUE") return "unique";
  if (contype == "CONSTR_PRIMARY") return "primary";
  if (contype == "CONSTR_EXCLUSION") return "exclusion";
  return {};
}

// A DEFAULT expression other than a bare NULL.
bool real_default(const Node& expr) {
  if (expr.is_null() || expr.empty()) return false;
  if (const Node* k = expr.find("A_Const")) return !k->value("isnull", false);
  if (const Node* cast = expr.find("TypeCast")) return real_default(get(*cast, "arg"));
  return true;
}

Column column_from(const Node& def) {
  Column c{def.value("colname", ""), sql::type_text(get(def, "typeName")), false, false};
  // serial is not a type: the column is an integer with a sequence default.
  const std::string base = sql::type_base(c.type);
  if (base == "serial" || base == "serial4" || base == "bigserial" || base == "serial8" || base == "smallserial" || base == "serial2") {
    c.type = base == "bigserial" || base == "serial8" ? "int8" : base == "smallserial" || base == "serial2" ? "int2" : "int4";
    c.has_default = true;
    c.not_null = true;
  }
  for (const auto& con : get(def, "constraints")) {
    const auto& k = get(con, "Constraint");
    auto ct = k.value("contype", "");
    if (ct == "CONSTR_NOTNULL" || ct == "CONSTR_PRIMARY") c.not_null = true;
    if (ct == "CONSTR_DEFAULT") c.has_default = real_default(get(k, "raw_expr"));
    if (ct == "CONSTR_IDENTITY" || ct == "CONSTR_GENERATED") c.has_default = true;
  }
  return c;
}

} // namespace

void Catalog::add_new_table(const std::string& key, const Origin& at) {
  Table t;
  t.key = key;
  t.created_in = at.migration.empty() ? "<input>" : at.migration;
  t.created_tx = at.tx;
  put_table(std::move(t));
}

std::vector<std::string> objects_created(const Node& node) {
  auto [kind, body] = sql::unwrap(node);
  std::vector<std::string> out;
  auto names = [&](const char* field) { return sql::qualified_name(sql::strings(get(*body, field))); };
  if (kind == "ViewStmt") out.push_back("view:" + sql::qualified(get(*body, "view")));
  else if (kind == "CreateTableAsStmt") {
    out.push_back((body->value("objtype", "") == "OBJECT_MATVIEW" ? "matview:" : "table:") + sql::qualified(get(get(*body, "into"), "rel")));
  } else if (kind == "CreateStmt") out.push_back("table:" + sql::qualified(get(*body, "relation")));
  else if (kind == "CreateEnumStmt" || kind == "CreateRangeStmt") out.push_back("type:" + names("typeName"));
  else if (kind == "CompositeTypeStmt") out.push_back("type:" + sql::qualified(get(*body, "typevar")));
  else if (kind == "CreateDomainStmt") out.push_back("type:" + names("domainname"));
  else if (kind == "CreateFunctionStmt") out.push_back("function:" + names("funcname"));
  else if (kind == "RenameStmt") {
    // The new name of a renamed type, view or table is an object this statement brings into being (the
    // rename itself is what breaks old code, and breaking-rename says so for tables and columns).
    const std::string type = body->value("renameType", "");
    const char* prefix = type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN" ? "type:" : type == "OBJECT_VIEW" ? "view:"
                         : type == "OBJECT_MATVIEW" ? "matview:" : type == "OBJECT_TABLE" ? "table:" : nullptr;
    std::string old = body->contains("relation") ? sql::qualified(get(*body, "relation")) : sql::qualified_name(sql::drop_object_name(get(*body, "object")));
    if (prefix && !old.empty()) out.push_back(prefix + old.substr(0, old.find('.')) + "." + body->value("newname", ""));
  }
  else if (kind == "AlterTableStmt") {
    const std::string table = sql::qualified(get(*body, "relation"));
    for (const auto& item : get(*body, "cmds")) {
      const auto& cmd = get(item, "AlterTableCmd");
      const auto& def = get(get(cmd, "def"), "Constraint");
      if (cmd.value("subtype", "") == "AT_AddConstraint" && def.value("contype", "") == "CONSTR_PRIMARY") out.push_back("primary:" + table);
    }
  }
  return out;
}

void Catalog::add_constraint(Table& t, const Node& c, const Origin& at, const std::string& column) {
  std::string kind = constraint_kind(c.value("contype", ""));
  if (kind.empty()) return;
  Constraint k;
  k.kind = kind;
  k.name = c.value("conname", "");
  k.validated = !c.value("skip_validation", false);
  k.columns = sql::constraint_columns(c);
  if (k.columns.empty() && !column.empty()) k.columns = {column};
  if (kind == "check") k.not_null_of = sql::not_null_check_column(get(c, "raw_expr"));
  if (kind == "foreign") k.references = sql::qualified(get(c, "pktable"));
  k.tx = at.tx;
  if (kind == "primary") {
    for (const auto& col : k.columns) {
      if (Column* cc = t.column(col)) cc->not_null = true;
    }
  }
  t.constraints.push_back(std::move(k));
}

void Catalog::create_table(const Node& body, const Origin& at) {
  Table t;
  t.key = sql::qualified(get(body, "relation"));
  t.created_in = at.migration.empty() ? "<input>" : at.migration;
  t.created_tx = at.tx;
  t.partitioned = body.contains("partspec");
  if (body.contains("partbound")) {
    for (const auto& parent : get(body, "inhRelations")) t.partition_of = sql::qualified(get(parent, "RangeVar"));
  }
  for (const auto& elt : get(body, "tableElts")) {
    auto [kind, b] = sql::unwrap(elt);
    if (kind == "ColumnDef") t.columns.push_back(column_from(*b));
  }
  for (const auto& elt : get(body, "tableElts")) {
    auto [kind, b] = sql::unwrap(elt);
    if (kind == "ColumnDef") {
      for (const auto& con : get(*b, "constraints")) add_constraint(t, get(con, "Constraint"), at, b->value("colname", ""));
    } else if (kind == "Constraint") {
      add_constraint(t, *b, at);
    }
  }
  put_table(std::move(t));
}

void Catalog::alter_table(const Node& body, const Origin& at) {
  const std::string key = sql::qualified(get(body, "relation"));
  Table* t = table(key);
  if (!t) {
    // Existed before replay: remember what we learn about it.
    Table fresh;
    fresh.key = key;
    t = &put_table(std::move(fresh));
  }
  for (const auto& item : get(body, "cmds")) {
    const auto& cmd = get(item, "AlterTableCmd");
    const std::string sub = cmd.value("subtype", "");
    const std::string name = cmd.value("name", "");
    auto [dkind, def] = sql::unwrap(get(cmd, "def"));
    if (sub == "AT_AddColumn" && dkind == "ColumnDef") {
      t->columns.push_back(column_from(*def));
      for (const auto& con : get(*def, "constraints")) add_constraint(*t, get(con, "Constraint"), at, def->value("colname", ""));
    } else if (sub == "AT_DropColumn") {
      std::erase_if(t->columns, [&](const Column& c) { return c.name == name; });
    } else if (sub == "AT_AlterColumnType" && dkind == "ColumnDef") {
      if (Column* c = t->column(name)) c->type = sql::type_text(get(*def, "typeName"));
    } else if (sub == "AT_ColumnDefault") {
      if (Column* c = t->column(name)) c->has_default = real_default(get(cmd, "def")); // no def: DROP DEFAULT
    } else if (sub == "AT_SetNotNull") {
      if (Column* c = t->column(name)) c->not_null = true;
    } else if (sub == "AT_DropNotNull") {
      if (Column* c = t->column(name)) c->not_null = false;
    } else if (sub == "AT_AddConstraint" && dkind == "Constraint") {
      add_constraint(*t, *def, at);
    } else if (sub == "AT_ValidateConstraint") {
      if (Constraint* c = t->constraint(name)) c->validated = true;
    } else if (sub == "AT_DropConstraint") {
      std::erase_if(t->constraints, [&](const Constraint& c) { return c.name == name; });
    }
  }
}

void Catalog::drop(const Node& body) {
  const std::string type = body.value("removeType", "");
  for (const auto& obj : get(body, "objects")) {
    std::string key = sql::qualified_name(sql::strings(get(obj, "List").value("items", Node::empty_array())));
    if (type == "OBJECT_TABLE" || type == "OBJECT_MATVIEW") erase_table(key);
    if (type == "OBJECT_INDEX") drop_index(key);
  }
}

void Catalog::rename(const Node& body) {
  const std::string type = body.value("renameType", "");
  const std::string to = body.value("newname", "");
  if (type == "OBJECT_TABLE" && body.contains("relation")) {
    std::string from = sql::qualified(get(body, "relation"));
    auto it = tables_.find(from);
    if (it == tables_.end()) return;
    Table t = std::move(it->second);
    erase_table(from);
    t.key = schema_of(from) + "." + to;
    put_table(std::move(t));
  } else if (type == "OBJECT_COLUMN" && body.contains("relation")) {
    if (Table* t = table(sql::qualified(get(body, "relation")))) {
      if (Column* c = t->column(body.value("subname", ""))) c->name = to;
    }
  }
}

void Catalog::apply(const Node& node, const Origin& at) {
  auto [kind, body] = sql::unwrap(node);
  for (auto& key : objects_created(node)) created_[std::move(key)] = at.migration.empty() ? "<input>" : at.migration;
  if (kind == "CreateStmt") {
    create_table(*body, at);
  } else if (kind == "CreateTableAsStmt" || (kind == "SelectStmt" && body->contains("intoClause"))) {
    // CREATE TABLE AS, CREATE MATERIALIZED VIEW, SELECT INTO: new, like CREATE TABLE (columns unknown).
    Table t;
    t.key = sql::qualified(get(get(*body, kind == "SelectStmt" ? "intoClause" : "into"), "rel"));
    t.created_in = at.migration.empty() ? "<input>" : at.migration;
    t.created_tx = at.tx;
    put_table(std::move(t));
  } else if (kind == "AlterTableStmt" && body->value("objtype", "") == "OBJECT_TABLE") {
    alter_table(*body, at);
  } else if (kind == "IndexStmt") {
    Index i;
    i.table = sql::qualified(get(*body, "relation"));
    i.key = schema_of(i.table) + "." + body->value("idxname", "");
    for (const auto& p : get(*body, "indexParams")) i.columns.push_back(get(p, "IndexElem").value("name", ""));
    i.unique = body->value("unique", false) && !body->contains("whereClause");
    add_index(std::move(i));
  } else if (kind == "DropStmt") {
    drop(*body);
  } else if (kind == "RenameStmt") {
    rename(*body);
  } else if (kind == "CreateDomainStmt" || (kind == "AlterDomainStmt" && body->value("subtype", "") == "C")) {
    bool check = kind == "AlterDomainStmt" && get(get(*body, "def"), "Constraint").value("contype", "") == "CONSTR_CHECK";
    for (const auto& con : get(*body, "constraints")) check = check || get(con, "Constraint").value("contype", "") == "CONSTR_CHECK";
    auto names = sql::strings(get(*body, kind == "CreateDomainStmt" ? "domainname" : "typeName"));
    if (check && !names.empty()) {
      checked_domains_.insert(names.back());
      if (names.size() > 1) checked_domains_.insert(names[names.size() - 2] + "." + names.back());
    }
  } else if (kind == "CreateFunctionStmt") {
    // PostgreSQL's default for a new function is VOLATILE; IMMUTABLE or STABLE must be said.
    char v = 'v';
    for (const auto& o : get(*body, "options")) {
      const auto& def = get(o, "DefElem");
      if (def.value("defname", "") != "volatility") continue;
      const std::string word = get(get(def, "arg"), "String").value("sval", "");
      v = word == "immutable" ? 'i' : word == "stable" ? 's' : 'v';
    }
    auto names = sql::strings(get(*body, "funcname"));
    if (!names.empty()) functions_[names.back()] = v;
  } else if (kind == "CreateEnumStmt") {
    EnumType e;
    e.key = sql::qualified_name(sql::strings(get(*body, "typeName")));
    e.created_tx = at.tx;
    for (const auto& v : sql::strings(get(*body, "vals"))) e.added_tx[v] = -1;
    enums_[e.key] = std::move(e);
  } else if (kind == "AlterEnumStmt" && body->contains("newVal")) {
    auto key = sql::qualified_name(sql::strings(get(*body, "typeName")));
    auto& e = enums_[key];
    e.key = key;
    e.added_tx[body->value("newVal", "")] = at.tx;
  }
}

} // namespace migrate::lint
