#include "sql/ast.hpp"

#include <algorithm>
#include <array>

#include "util/text.hpp"

namespace migrate::sql {

const Node& get(const Node& body, const char* key) {
  const Node* n = body.find(key);
  return n ? *n : Node::empty_object();
}

std::pair<std::string, const Node*> unwrap(const Node& node) {
  if (node.is_object() && node.size() == 1) return {std::string(node.key(0)), &node[std::size_t{0}]};
  return {"", &node};
}

std::string qualified(const Node& rv) {
  std::string schema = rv.value("schemaname", "public");
  return schema + "." + rv.value("relname", "");
}

std::string qualified_name(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  return (parts.size() > 1 ? parts[parts.size() - 2] : std::string("public")) + "." + parts.back();
}

std::vector<std::string> drop_object_name(const Node& obj) {
  auto [kind, body] = unwrap(obj);
  if (kind == "List") return strings(get(*body, "items"));
  if (kind == "String") return {body->value("sval", "")};
  if (kind == "TypeName") return strings(get(*body, "names"));
  if (kind == "ObjectWithArgs") return strings(get(*body, "objname"));
  return {};
}

bool option_on(const Node& def) {
  auto [kind, arg] = unwrap(get(def, "arg"));
  if (kind.empty()) return true;
  std::string v;
  if (kind == "String") v = util::to_lower(arg->value("sval", ""));
  else if (kind == "Boolean") return arg->value("boolval", false);
  else if (kind == "Integer") return arg->value("ival", 0) != 0;
  return !(v == "false" || v == "off" || v == "0" || v == "no");
}

bool system_table(const std::string& key) {
  return key.starts_with("pg_catalog.") || key.starts_with("information_schema.") || key.starts_with("public.pg_");
}

std::string short_name(const std::string& key) { return key.starts_with("public.") ? key.substr(7) : key; }

std::vector<std::string> strings(const Node& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    auto [kind, body] = unwrap(item);
    if (kind == "String") out.push_back(body->value("sval", ""));
  }
  return out;
}

std::string type_text(const Node& tn) {
  auto names = strings(get(tn, "names"));
  if (names.size() > 1 && names.front() == "pg_catalog") names.erase(names.begin());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ".") + n;
  const auto& mods = get(tn, "typmods");
  if (mods.is_array() && !mods.empty()) {
    out += "(";
    bool first = true;
    for (const auto& m : mods) {
      auto [kind, body] = unwrap(m);
      std::string v = "?";
      if (kind == "A_Const" && body->contains("ival")) v = std::to_string((*body)["ival"].value("ival", 0));
      out += (first ? "" : ",") + v;
      first = false;
    }
    out += ")";
  }
  const auto& bounds = get(tn, "arrayBounds");
  if (bounds.is_array()) {
    for (std::size_t i = 0; i < bounds.size(); ++i) out += "[]";
  }
  return out;
}

std::string type_display(const std::string& type) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"int2", "smallint"}, {"int4", "integer"},         {"int8", "bigint"}, {"bool", "boolean"},
      {"float4", "real"},   {"float8", "double precision"}, {"bpchar", "char"}};
  const std::string base = type_base(type);
  for (const auto& [internal, shown] : kNames) {
    if (base == internal) return shown + type.substr(base.size());
  }
  return type;
}

std::string type_base(const std::string& type) {
  auto p = type.find_first_of("([");
  return p == std::string::npos ? type : type.substr(0, p);
}

std::optional<std::string> not_null_check_column(const Node& expr) {
  auto [kind, body] = unwrap(expr);
  if (kind == "NullTest" && body->value("nulltesttype", "") == "IS_NOT_NULL") {
    auto [ak, arg] = unwrap(get(*body, "arg"));
    if (ak == "ColumnRef") {
      auto f = strings(get(*arg, "fields"));
      if (!f.empty()) return f.back();
    }
  }
  if (kind == "BoolExpr" && body->value("boolop", "") == "AND_EXPR") {
    for (const auto& a : get(*body, "args")) {
      if (auto c = not_null_check_column(a)) return c;
    }
  }
  return std::nullopt;
}

std::vector<std::string> constraint_columns(const Node& c) {
  for (const char* key : {"keys", "fk_attrs", "including"}) {
    auto cols = strings(get(c, key));
    if (!cols.empty()) return cols;
  }
  if (auto col = not_null_check_column(get(c, "raw_expr"))) return {*col};
  return {};
}

bool volatile_function(std::string_view name) {
  static constexpr std::array<std::string_view, 15> kVolatile = {
      "random",   "gen_random_uuid", "uuid_generate_v4", "clock_timestamp", "timeofday",  "nextval",     "uuid_generate_v1",
      "setseed",  "txid_current",    "uuid_generate_v1mc", "uuidv4",        "uuidv7",     "setval",      "currval",
      "pg_current_xact_id"};
  return std::find(kVolatile.begin(), kVolatile.end(), name) != kVolatile.end();
}

bool calls_volatile(const Node& expr) {
  if (const Node* call = expr.find("FuncCall")) {
    auto name = strings(get(*call, "funcname"));
    if (!name.empty() && volatile_function(name.back())) return true;
  }
  for (const auto& v : expr) {
    if (calls_volatile(v)) return true;
  }
  return false;
}

std::optional<std::string> is_null_column(const Node& expr) {
  const Node* test = expr.find("NullTest");
  if (!test || test->value("nulltesttype", "") != "IS_NULL") return std::nullopt;
  const Node* ref = get(*test, "arg").find("ColumnRef");
  if (!ref) return std::nullopt;
  auto names = strings(get(*ref, "fields"));
  if (names.empty() || names.back().empty()) return std::nullopt;
  return names.back();
}

std::vector<const Node*> conjuncts(const Node& expr) {
  std::vector<const Node*> out;
  auto [kind, body] = unwrap(expr);
  if (kind == "BoolExpr" && body->value("boolop", "") == "AND_EXPR") {
    for (const auto& a : get(*body, "args")) {
      auto inner = conjuncts(a);
      out.insert(out.end(), inner.begin(), inner.end());
    }
  } else {
    out.push_back(&expr);
  }
  return out;
}

const Node* bare_param(const Node& expr) {
  auto [kind, body] = unwrap(expr);
  if (kind == "ParamRef") return body;
  if (kind == "TypeCast") return bare_param(get(*body, "arg"));
  return nullptr;
}

namespace {
void collect_params(const Node& node, std::vector<const Node*>& out) {
  if (const Node* p = node.find("ParamRef")) out.push_back(p);
  for (const auto& value : node) collect_params(value, out);
}
} // namespace

std::vector<const Node*> params(const Node& node) {
  std::vector<const Node*> out;
  collect_params(node, out);
  return out;
}

int param_number(const Node& param_ref) { return param_ref.value("number", 0); }

} // namespace migrate::sql
