#include "migration/backfill_bounds.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "sql/ast.hpp"
#include "sql/quote.hpp"
#include "util/text.hpp"

namespace migrate::migration {

namespace {

// PostgreSQL's identifier characters (scan.l: ident_start, ident_cont); bytes of multibyte UTF-8 count
// as letters there too.
bool ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }

bool is_identifier(std::string_view s) {
  return !s.empty() && ident_start(s.front()) && std::all_of(s.begin() + 1, s.end(), ident_char);
}

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

// A name as SQL must spell it to mean exactly that name: bare when PostgreSQL would keep it as is.
std::string shown(std::string_view name) {
  const bool plain = !name.empty() && ((name.front() >= 'a' && name.front() <= 'z') || name.front() == '_') &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
                     });
  return plain ? std::string(name) : sql::quote_ident(name);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + shown(p);
  return out;
}

// "<" for ">", ">=" for "<=", ...: the operator that says the same with its operands swapped.
std::string mirrored(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  return op;
}

class BoundsCheck {
public:
  BoundsCheck(Statement& st, std::size_t origin) : st_(st), origin_(origin), key_(st.backfill->key) {
    auto [kind, body] = sql::unwrap(st.node);
    body_ = body;
    deletes_ = kind == "DeleteStmt";
    const auto& rel = sql::get(*body_, "relation");
    relation_ = &rel;
    relname_ = rel.value("relname", "");
    schema_ = rel.value("schemaname", "");
    alias_ = sql::get(rel, "alias").value("aliasname", "");
    hint_ = fmt::format("restrict it to one batch: WHERE {0} > $1 AND {0} <= $2", shown(key_));
  }

  std::vector<FileProblem> run() {
    check_target();
    const Node* where = body_->find("whereClause");
    if (where) {
      for (const Node* c : sql::conjuncts(*where)) check_conjunct(*c);
    }
    bool uses[3] = {false, false, false};
    for (const Node* p : sql::params(st_.node)) {
      const int n = sql::param_number(*p);
      if (n == 1 || n == 2) uses[n] = true;
      if (accounted_.count(p)) continue;
      if (n == 1 || n == 2) {
        problem(at(*p), fmt::format("${0} appears outside the batch's bounds: it may appear only in {1}", n,
                                    n == 1 ? lower_form() : upper_form()));
      } else {
        problem(at(*p), fmt::format("${}: a backfill statement is given only $1 (the batch's exclusive lower key) and $2 "
                                    "(its inclusive upper key)",
                                    n));
      }
    }
    const bool lower_missing = !lower_ && !said_[1];
    const bool upper_missing = !upper_ && !said_[2];
    if (!where && lower_missing && upper_missing) {
      problem(0, "the backfill statement does not use $1 or $2: it has no WHERE clause, so each batch would change the "
                 "whole table");
    } else if (lower_missing && upper_missing && !uses[1] && !uses[2]) {
      problem(0, "the backfill statement does not use $1 or $2");
    } else if (lower_missing && upper_missing) {
      problem(0, fmt::format("the backfill statement's WHERE clause does not hold the batch's bounds {} and {}",
                             lower_form(), upper_form()));
    } else if (lower_missing) {
      problem(0, uses[1] ? fmt::format("the backfill statement's WHERE clause has no lower bound {}", lower_form())
                         : std::string("the backfill statement does not use $1"));
    } else if (upper_missing) {
      problem(0, uses[2] ? fmt::format("the backfill statement's WHERE clause has no upper bound {}", upper_form())
                         : std::string("the backfill statement does not use $2"));
    }
    if (problems_.empty() && lower_) st_.backfill->lower_op = *lower_;
    return std::move(problems_);
  }

private:
  using Node = sql::Node;

  std::string lower_form() const { return shown(key_) + " > $1"; }
  std::string upper_form() const { return shown(key_) + " <= $2"; }

  // A tree location as a byte offset of the statement's SQL.
  std::size_t at(const Node& n) const {
    const std::size_t location = n.value("location", origin_);
    return location >= origin_ ? location - origin_ : 0;
  }

  void problem(std::size_t offset, std::string message, std::string hint = {}) {
    problems_.push_back({offset, std::move(message), hint.empty() ? hint_ : std::move(hint)});
  }

  void check_target() {
    std::vector<std::string> written;
    for (const char* part : {"catalogname", "schemaname", "relname"}) {
      if (std::string p = relation_->value(part, ""); !p.empty()) written.push_back(p);
    }
    if (written.empty()) return; // an UPDATE or DELETE always names its table
    std::vector<std::string> directive;
    for (auto part : split_dots(st_.backfill->table)) directive.emplace_back(part);
    // Unqualified names are in public on both sides, as everywhere in migrate (sql::qualified).
    if (written.size() <= 2 && sql::qualified_name(written) == sql::qualified_name(directive)) return;
    problem(at(*relation_),
            fmt::format("the backfill statement {} {}, but its directive says table={}",
                        deletes_ ? "deletes from" : "updates", joined(written), st_.backfill->table),
            fmt::format("name the table the statement changes: -- migrate:backfill table={}{} key={}",
                        written.size() > 1 ? written[written.size() - 2] + "." : "", written.back(), key_));
  }

  // A column reference to the target table's key column: K, T.K or alias.K, schema.T.K.
  bool is_key(const Node& expr) const {
    auto [kind, body] = sql::unwrap(expr);
    if (kind != "ColumnRef") return false;
    const auto& fields = sql::get(*body, "fields");
    const auto f = sql::strings(fields);
    if (f.empty() || f.size() != fields.size() || f.back() != key_) return false;
    switch (f.size()) {
    case 1: return true;
    case 2: return f[0] == (alias_.empty() ? relname_ : alias_);
    case 3: return alias_.empty() && f[1] == relname_ && f[0] == (schema_.empty() ? "public" : schema_);
    default: return false;
    }
  }

  void check_conjunct(const Node& c) {
    std::vector<const Node*> bounds; // its $1 and $2
    for (const Node* p : sql::params(c)) {
      const int n = sql::param_number(*p);
      if (n == 1 || n == 2) bounds.push_back(p);
    }
    if (bounds.empty()) return;
    for (const Node* p : bounds) accounted_.insert(p);
    auto [kind, body] = sql::unwrap(c);
    if (kind == "BoolExpr") { // OR or NOT: AND is flattened into conjuncts
      const bool negated = body->value("boolop", "") == "NOT_EXPR";
      for (const Node* p : bounds) said_[sql::param_number(*p)] = true;
      problem(at(*bounds.front()),
              fmt::format("${} is inside {}: a bound there does not confine the statement to the batch's key range",
                          sql::param_number(*bounds.front()), negated ? "NOT" : "OR"),
              fmt::format("keep both bounds at the top of the WHERE clause, joined by AND: {}", hint_));
      return;
    }
    if (kind == "A_Expr" && body->value("kind", "") == "AEXPR_OP" && bounds.size() == 1) {
      // The operator's name; OPERATOR(pg_catalog.>) has a schema before it.
      const auto& name = sql::get(*body, "name");
      const auto op = sql::strings(name);
      const Node& left = sql::get(*body, "lexpr");
      const Node& right = sql::get(*body, "rexpr");
      const Node* lp = sql::bare_param(left);
      const Node* rp = sql::bare_param(right);
      if (!op.empty() && op.size() == name.size() && (lp == bounds.front() || rp == bounds.front()) && !(lp && rp)) {
        comparison(*body, op.back(), *bounds.front(), lp != nullptr, lp ? right : left);
        return;
      }
    }
    const int n = sql::param_number(*bounds.front());
    for (const Node* p : bounds) said_[sql::param_number(*p)] = true;
    if (kind == "A_Expr" && body->value("kind", "").starts_with("AEXPR_BETWEEN")) {
      problem(at(*body), "BETWEEN includes both ends: the rows at each batch boundary would be changed twice");
    } else if (kind == "SubLink") {
      problem(at(*bounds.front()),
              fmt::format("${} is inside a subquery: it may appear only in {}", n, n == 1 ? lower_form() : upper_form()));
    } else {
      problem(at(*bounds.front()), fmt::format("${0} must be compared with the key column itself, as {1}", n,
                                               n == 1 ? lower_form() : upper_form()));
    }
  }

  // One comparison of a parameter $n with `other`: `param_left` for $n op other.
  void comparison(const Node& a_expr, const std::string& op, const Node& param, bool param_left, const Node& other) {
    const int n = sql::param_number(param);
    said_[n] = true;
    const std::string as_key_op = param_left ? mirrored(op) : op; // as if written K op $n
    auto [kind, column] = sql::unwrap(other);
    if (!is_key(other)) {
      if (kind == "ColumnRef") {
        const auto fields = sql::strings(sql::get(*column, "fields"));
        const std::string name = fields.empty() ? std::string() : fields.back();
        const bool folded = name != key_ && util::to_lower(name) == util::to_lower(key_);
        problem(at(*column),
                fmt::format("${} bounds {}, but the batches follow the key column {} of {}: rows would be skipped or "
                            "changed twice{}",
                            n, joined(fields), shown(key_), st_.backfill->table,
                            folded ? fmt::format(" (key= is the column's name as the catalog spells it, {})", shown(name))
                                   : ""));
      } else {
        problem(at(param), fmt::format("${} must be compared with the key column itself, as {}", n,
                                       n == 1 ? lower_form() : upper_form()));
      }
      return;
    }
    const std::string written =
        param_left ? fmt::format("${} {} {}", n, op, shown(key_)) : fmt::format("{} {} ${}", shown(key_), op, n);
    const std::size_t op_at = at(a_expr);
    // The operator as a token of its own (not OPERATOR(pg_catalog.>), which the first batch's rewrite
    // could not make inclusive, nor OPERATOR(myschema.<=), which is some other operator).
    const bool plain = op_at + op.size() <= st_.sql.size() && st_.sql.compare(op_at, op.size(), op) == 0;
    if ((n == 1 && as_key_op == ">") || (n == 2 && as_key_op == "<=")) {
      const bool lower = n == 1;
      if (lower ? lower_.has_value() : upper_) {
        problem(op_at, fmt::format("a second {} bound {}: the WHERE clause holds one", lower ? "lower" : "upper", written));
      } else if (!plain) {
        problem(op_at, fmt::format("write the {} bound with the {} operator itself, as {}", lower ? "lower" : "upper", op,
                                   written));
      } else if (lower) {
        lower_ = op_at;
      } else {
        upper_ = true;
      }
    } else if (n == 1 && as_key_op == ">=") {
      problem(op_at,
              fmt::format("the lower bound must exclude $1: with {} the rows at each batch boundary are changed twice, "
                          "once in each batch",
                          written));
    } else if (n == 2 && as_key_op == "<") {
      problem(op_at,
              fmt::format("the upper bound must include $2: with {} the last key of each batch is never changed", written));
    } else if ((n == 1 && (as_key_op == "<" || as_key_op == "<=")) || (n == 2 && (as_key_op == ">" || as_key_op == ">="))) {
      problem(op_at, fmt::format("{} uses ${} as the {} bound, but ${} is the batch's {} key: are $1 and $2 swapped?",
                                 written, n, n == 1 ? "upper" : "lower", n, n == 1 ? "exclusive lower" : "inclusive upper"));
    } else {
      problem(op_at, fmt::format("${} must bound the key from {}, as {}, not with {}", n, n == 1 ? "below" : "above",
                                 n == 1 ? lower_form() : upper_form(), op));
    }
  }

  Statement& st_;
  std::size_t origin_;
  std::string key_;
  const Node* body_ = nullptr;
  const Node* relation_ = nullptr;
  bool deletes_ = false;
  std::string relname_, schema_, alias_;
  std::string hint_;
  std::optional<std::size_t> lower_; // the accepted lower bound's operator, in st_.sql
  bool upper_ = false;
  bool said_[3] = {false, false, false}; // a problem already names how $1 / $2 is misused
  std::set<const Node*> accounted_;      // parameters of the WHERE clause's conjuncts, judged there
  std::vector<FileProblem> problems_;
};

} // namespace

std::string backfill_name_problem(std::string_view option, std::string_view value) {
  if (option == "key") {
    if (value.find(',') != std::string_view::npos) {
      return fmt::format("backfill: key={} is a list: key= names the one column the batches follow", value);
    }
    if (!is_identifier(value)) {
      return fmt::format("backfill: key={} is not a column name (letters, digits, _ and $, not starting with a digit or $)",
                         value);
    }
    return {};
  }
  const auto parts = split_dots(value);
  if (parts.size() > 2 || !std::all_of(parts.begin(), parts.end(), is_identifier)) {
    return fmt::format("backfill: table={} is not a table name: [schema.]name, each part letters, digits, _ and $, not "
                       "starting with a digit or $",
                       value);
  }
  return {};
}

std::vector<FileProblem> check_backfill_statement(Statement& st, std::size_t origin) {
  if (!st.backfill) throw std::logic_error("check_backfill_statement: the statement has no backfill directive");
  return BoundsCheck(st, origin).run();
}

std::string inclusive_lower(const Statement& st) {
  const std::size_t op = st.backfill ? st.backfill->lower_op : std::string::npos;
  if (op >= st.sql.size() || (st.sql[op] != '>' && st.sql[op] != '<')) {
    throw std::logic_error("inclusive_lower: the statement has no proven lower bound");
  }
  std::string out = st.sql;
  out.insert(op + 1, 1, '=');
  return out;
}

} // namespace migrate::migration
