#include "lint/engine.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "lint/rule.hpp"
#include "migration/parse.hpp"
#include "migration/transactions.hpp"
#include "sql/ast.hpp"
#include "sql/clauses.hpp"
#include "sql/parser.hpp"
#include "util/text.hpp"

namespace migrate::lint {

std::string_view to_string(Severity s) { return s == Severity::error ? "error" : "warning"; }

bool Result::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::error; });
}

std::string StatementContext::rows_note(const std::string& table) const {
  const Table* t = catalog.table(table);
  if (!t || !t->rows || *t->rows < 1) return {};
  // 5.2M, 52k, 740: two significant digits are plenty for "how big is it".
  auto scaled = [](double v, const char* unit) {
    return v < 10 ? fmt::format("{:.1f}{}", v, unit) : fmt::format("{:.0f}{}", v, unit);
  };
  const double r = *t->rows;
  std::string n = r >= 1e9 ? scaled(r / 1e9, "G") : r >= 1e6 ? scaled(r / 1e6, "M") : r >= 1e3 ? scaled(r / 1e3, "k") : fmt::format("{:.0f}", r);
  return fmt::format("{} has about {} rows: ", sql::short_name(table), n);
}

std::string source_line(std::string_view text, const util::LineIndex& lines, int line) {
  std::size_t start = lines.line_start(line);
  std::size_t end = text.find_first_of("\r\n", start);
  return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

// The allow directives of one file: file-wide ones, and which of all have been used.
struct Engine::Allows {
  std::vector<const migration::Allow*> file;
  std::set<const migration::Allow*> used;

  bool covers(const migration::Statement& st, const std::string& rule) {
    bool hit = false;
    for (const auto& a : st.allows) {
      if (a.rule == rule) {
        used.insert(&a);
        hit = true;
      }
    }
    for (const auto* a : file) {
      if (a->rule == rule) {
        used.insert(a);
        hit = true;
      }
    }
    return hit;
  }
};

namespace {

// What one rule reports on one statement.
class Collect final : public Sink {
public:
  struct Item {
    std::string message, help;
    bool warning = false; // lowered to a warning by the rule
    int clause = -1;      // the ALTER TABLE subcommand it is about
  };
  explicit Collect(const StatementContext& c) : c_(c) {}
  std::vector<Item> items;
  void report(std::string message, std::string help) override { items.push_back({std::move(message), std::move(help), false, c_.clause}); }
  void warn(std::string message, std::string help) override { items.push_back({std::move(message), std::move(help), true, c_.clause}); }

private:
  const StatementContext& c_;
};

// UTF-8 characters in a text (columns count characters, as the parser's locations do).
int characters(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

// Where the `offset`-th byte of a statement's text is in its file.
Location located(const migration::Statement& st, std::size_t offset) {
  Location l = st.where;
  offset = std::min(offset, st.sql.size());
  const std::size_t nl = st.sql.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (offset == 0 || nl == std::string::npos) {
    l.column += characters(std::string_view(st.sql).substr(0, offset));
    return l;
  }
  l.line += static_cast<int>(std::count(st.sql.begin(), st.sql.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  l.column = 1 + characters(std::string_view(st.sql).substr(nl + 1, offset - nl - 1));
  return l;
}

// One hazard, one finding: a rule's reports on one statement become one finding per severity, at the
// first subcommand it is about, saying how many more the statement has.
std::vector<Collect::Item> one_per_kind(std::vector<Collect::Item> items) {
  std::vector<Collect::Item> out;
  std::vector<int> more;
  for (auto& item : items) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Collect::Item& o) { return o.warning == item.warning; });
    if (same == out.end()) {
      out.push_back(std::move(item));
      more.push_back(0);
    } else {
      ++more[static_cast<std::size_t>(same - out.begin())];
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (more[i] > 0) out[i].message += fmt::format(" (and {} more like it in this statement)", more[i]);
  }
  return out;
}

bool bookkeeping(const migration::Statement& st) {
  // What Django and Alembic write to their own tables is not a schema change of ours.
  auto [kind, body] = sql::unwrap(st.node);
  const sql::Node* rel = nullptr;
  if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt") rel = &sql::get(*body, "relation");
  if (kind == "CreateStmt") rel = &sql::get(*body, "relation");
  if (!rel) return false;
  const std::string name = rel->value("relname", "");
  return name == "django_migrations" || name == "alembic_version";
}

} // namespace

void Engine::add(const migration::Migration& m, Finding f) {
  if (options_.disabled.count(f.rule)) return;
  if (auto it = options_.severity.find(f.rule); it != options_.severity.end()) f.severity = it->second;
  if (!options_.report_files.empty() && !options_.report_files.count(m.path)) return;
  result_.findings.push_back(std::move(f));
}

void Engine::lint(const migration::Migration& m, bool sectionless) {
  ++result_.files;
  Allows allows;
  for (const auto& a : m.file_allows) allows.file.push_back(&a);
  for (const auto& s : m.sections) {
    lint_script(m, s, s.forward, false, sectionless, allows);
    if (s.rollback == migration::Rollback::present) lint_script(m, s, s.undo, true, sectionless, allows);
    if (!sectionless) missing_rollback(m, s, allows);
    if (!sectionless && s.forward.statements.empty() && s.forward.checks.empty()) {
      add(m, Finding{"empty-section", find_rule("empty-section")->severity, s.forward.where, std::string(to_string(s.phase)), false,
                     fmt::format("the {} section has no statements", to_string(s.phase)),
                     "write its statements, or delete the header: a file may leave out any phase", {}});
    }
  }
  // fk-without-index, now that every index of the file exists.
  for (const auto& p : pending_fks_) {
    if (catalog_.has_index_leading(p.fk.table, p.fk.columns) || allows.covers(*p.statement, "fk-without-index")) continue;
    std::string cols;
    for (const auto& c : p.fk.columns) cols += (cols.empty() ? "" : ", ") + c;
    std::string table = sql::short_name(p.fk.table);
    add(m, Finding{"fk-without-index", Severity::warning, p.statement->where, p.phase, false,
                   fmt::format("no index on {} ({}): deleting from the referenced table scans {} for every row", table, cols, table),
                   fmt::format("CREATE INDEX CONCURRENTLY ON {} ({})", table, cols), {}});
  }
  pending_fks_.clear();
  functions_.clear();
  embedded_.clear();
  auto unused = [&](const migration::Allow& a, const std::string& phase) {
    if (allows.used.count(&a)) return;
    const Rule* known = find_rule(a.rule);
    add(m, Finding{"unused-allow", Severity::warning, a.where, phase, false,
                   known ? fmt::format("allow {} suppresses nothing", a.rule)
                         : fmt::format("allow {}: there is no such rule", a.rule),
                   "remove the directive, or move it to the line before the statement it is for", {}});
  };
  for (const auto& a : m.file_allows) unused(a, m.sections.empty() ? "expand" : std::string(to_string(m.sections.front().phase)));
  for (const auto& s : m.sections) {
    for (const auto* script : {&s.forward, &s.undo}) {
      for (const auto& st : script->statements) {
        for (const auto& a : st.allows) unused(a, std::string(to_string(s.phase)));
      }
    }
  }
}

std::vector<const migration::Statement*> Engine::do_block(const migration::Statement& st) {
  std::vector<const migration::Statement*> out;
  const auto& body = st.node->at(st.kind);
  const bool function = st.kind == "CreateFunctionStmt";
  const sql::RoutineCode routine = sql::routine_code(body, function);
  const std::string& code = routine.code;
  const std::string& language = routine.language;
  auto not_understood = [&](std::string why) {
    migration::Statement inner;
    inner.where = st.where;
    inner.sql = st.sql;
    inner.not_understood = std::move(why);
    out.push_back(&embedded_.emplace_back(std::move(inner)));
    return out;
  };
  if (code.empty()) return out;
  const char* what = function ? "a function this section calls" : "a DO block";
  if (language != "plpgsql" && language != "sql") return not_understood(fmt::format("{} in LANGUAGE {}, which lint does not read", what, language));
  // Where the body starts in the file: where its text is, when dollar-quoted; else after the quote.
  int first_line = st.where.line;
  auto at = st.sql.find(code);
  if (at == std::string::npos || at == 0 || st.sql[at - 1] != '$') at = st.sql.find('\'');
  if (at != std::string::npos) first_line += static_cast<int>(std::count(st.sql.begin(), st.sql.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  std::vector<sql::Embedded> statements;
  if (language == "sql") {
    // A SQL function's body is its statements, as written.
    try {
      for (auto& p : sql::parse(code)) {
        const std::string text = code.substr(p.begin, p.end - p.begin);
        statements.push_back({1 + static_cast<int>(std::count(code.begin(), code.begin() + static_cast<std::ptrdiff_t>(p.begin), '\n')), text, false});
      }
    } catch (const sql::SyntaxError&) {
      return not_understood(fmt::format("{} whose body lint could not read as SQL", what));
    }
  } else {
    auto read = sql::plpgsql_statements(code);
    if (!read) return not_understood(fmt::format("{} whose body lint could not read as PL/pgSQL", what));
    statements = std::move(*read);
  }
  for (auto& e : statements) {
    migration::Statement inner;
    inner.where = st.where;
    inner.where.line = first_line + std::max(e.line, 1) - 1;
    inner.where.column = 1;
    if (e.dynamic) {
      inner.sql = e.sql;
      inner.not_understood = "EXECUTE of SQL built when the block runs (" + util::one_line(e.sql, 60) + ")";
      out.push_back(&embedded_.emplace_back(std::move(inner)));
      continue;
    }
    std::vector<sql::Statement> parsed;
    try {
      parsed = sql::parse(e.sql);
    } catch (const sql::SyntaxError& err) {
      // PL/pgSQL variables where SQL wants a name, or SQL newer than the grammar.
      inner.sql = e.sql;
      inner.not_understood = fmt::format("SQL in {} that lint could not read ({})", what, err.what());
      out.push_back(&embedded_.emplace_back(std::move(inner)));
      continue;
    }
    for (auto& p : parsed) {
      migration::Statement one = inner;
      one.sql = e.sql.substr(p.begin, p.end - p.begin);
      one.kind = sql::node_kind(p.node);
      one.node = std::move(p.node);
      out.push_back(&embedded_.emplace_back(std::move(one)));
    }
  }
  return out;
}

namespace {
void collect_calls(const sql::Node& node, std::set<std::string>& out) {
  // {"FuncCall": {...}} in expressions; CALL's is {"funccall": {...}}.
  for (const char* key : {"FuncCall", "funccall"}) {
    const sql::Node* call = node.find(key);
    if (!call) continue;
    auto names = sql::strings(sql::get(*call, "funcname"));
    if (!names.empty()) out.insert(names.back());
  }
  for (const auto& child : node) collect_calls(child, out);
}
} // namespace

std::set<std::string> called_functions(const sql::Node& node) {
  std::set<std::string> out;
  collect_calls(node, out);
  return out;
}

void Engine::lint_script(const migration::Migration& m, const migration::Section& s, const migration::Script& script,
                         bool rollback, bool sectionless, Allows& allows) {
  const auto tx = migration::plan_transactions(script);
  const Origin base{sectionless ? "<stdin>" : m.app + "/" + m.id(), -1};
  for (const auto& unit : tx.units) {
    int unit_tx = ++next_tx_;
    TxFacts facts;
    // What each statement of the transaction creates, for DROPs that a later statement undoes.
    // Read once, when a rule first asks (only DROPs do).
    std::vector<std::pair<std::size_t, std::string>> creates;
    bool creates_read = false;
    auto created_after = [&](std::size_t i, const std::string& key) {
      if (!unit.transaction) return false;
      if (!creates_read) {
        creates_read = true;
        for (std::size_t j = unit.first; j < unit.first + unit.count; ++j) {
          for (auto& k : objects_created(script.statements[j].node)) creates.emplace_back(j, std::move(k));
        }
      }
      return std::any_of(creates.begin(), creates.end(), [&](const auto& c) { return c.first >= i && c.second == key; });
    };
    std::vector<std::size_t> clauses; // of the statement being linted, found when a finding needs them
    // One statement of the section, or one a DO block of it runs (`owner` is the DO: its allow
    // directives cover what is inside).
    auto lint_one = [&](const migration::Statement& st, std::size_t i, const Origin& at, const migration::Statement& owner) {
      ++result_.statements;
      if (!st.not_understood.empty() && !allows.covers(owner, "not-understood")) {
        const bool dynamic = &owner != &st; // from a DO block: dynamic SQL, or a body lint could not read
        add(m, Finding{"not-understood", Severity::warning, st.where, std::string(to_string(s.phase)), rollback,
                       dynamic ? "not linted: " + st.not_understood
                               : fmt::format("not linted: PostgreSQL 15's grammar (libpg_query's) does not know this statement: {}", st.not_understood),
                       dynamic ? std::string("write the statements out, or EXECUTE a string literal, which is linted; else check its locks by hand")
                               : fmt::format("it is run as written (for PostgreSQL {}, as configured; a server that does not know the "
                                             "syntax refuses it then); check its locks by hand",
                                             options_.pg_version),
                       {}});
      }
      if (!st.not_understood.empty() && !rollback) {
        // What lint can still tell from its words: a CREATE TABLE makes a new table.
        static const std::regex create_table(R"(^\s*create\s+(?:(?:global\s+|local\s+)?(?:temp|temporary|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?))",
                                             std::regex::icase);
        std::smatch match;
        if (std::regex_search(st.sql, match, create_table)) {
          std::vector<std::string> parts;
          std::string name = match[1].str();
          for (std::size_t dot; (dot = name.find('.')) != std::string::npos; name.erase(0, dot + 1)) parts.push_back(std::string(util::trim(name.substr(0, dot))));
          parts.push_back(std::string(util::trim(name)));
          for (auto& p : parts) {
            if (p.size() >= 2 && p.front() == '"') p = p.substr(1, p.size() - 2);
            else p = util::to_lower(p);
          }
          catalog_.add_new_table(sql::qualified_name(parts), at);
        }
      }
      if (st.kind.empty() || bookkeeping(st)) return;
      const auto fx = effects(st.node, catalog_, options_.pg_version);
      static const TxFacts none;
      StatementContext ctx{st,
                           st.kind,
                           st.node->at(st.kind),
                           s.phase,
                           rollback,
                           unit.transaction || &owner != &st, // a DO block runs in a transaction of its own
                           unit.transaction && tx.mode == migration::TransactionPlan::Mode::explicit_,
                           unit.transaction && tx.mode == migration::TransactionPlan::Mode::single,
                           sectionless,
                           options_.pg_version,
                           catalog_,
                           at,
                           fx,
                           unit.transaction ? facts : none,
                           m.app,
                           options_.owners,
                           [&created_after, i](const std::string& key) { return created_after(i, key); }};
      std::vector<Finding> found;
      std::optional<Finding> held_too_long;
      bool held_fired = false; // lock-held-too-long found this statement (reported or allowed)
      for (const auto& rule : catalogue()) {
        if (!rule.check || (rule.placement && rollback)) continue;
        Collect out(ctx);
        rule.check(ctx, out);
        if (rule.id == "lock-held-too-long" && !out.items.empty()) held_fired = true;
        if (out.items.empty() || allows.covers(owner, std::string(rule.id))) continue;
        for (auto& item : one_per_kind(std::move(out.items))) {
          Location where = st.where;
          if (item.clause >= 0) {
            if (clauses.empty()) clauses = sql::alter_table_clauses(st.sql);
            if (static_cast<std::size_t>(item.clause) < clauses.size()) where = located(st, clauses[static_cast<std::size_t>(item.clause)]);
          }
          Finding f{std::string(rule.id), item.warning ? Severity::warning : rule.severity, where, std::string(to_string(s.phase)),
                    rollback, std::move(item.message), std::move(item.help), {}};
          if (rule.id == "lock-held-too-long") held_too_long = std::move(f);
          else found.push_back(std::move(f));
        }
      }
      clauses.clear();
      // A statement that is a hazard of its own (an index build, a rewrite) under a strong lock is one
      // finding: its own, whose help tells of the lock held meanwhile.
      // Folded, it is still reported once on its own: at the next slow statement that is no hazard of its own.
      auto own = std::find_if(found.begin(), found.end(), [](const Finding& f) { return f.severity == Severity::error; });
      if (held_fired && (!held_too_long || own == found.end())) facts.slow_seen = true;
      if (held_too_long) {
        if (own == found.end()) {
          found.push_back(std::move(*held_too_long));
        } else {
          own->help += fmt::format("; and while it runs, the transaction holds {} on {} since line {} (lock-held-too-long)",
                                   lock_name(*facts.held), sql::short_name(facts.held->table), facts.held_line);
        }
      }
      for (auto& f : found) add(m, std::move(f));
      if (!rollback) {
        for (auto& fk : foreign_keys_added(ctx)) pending_fks_.push_back({std::move(fk), &st, std::string(to_string(s.phase))});
      }
      // Rollbacks are checked against the state after the forward part, and not replayed: the next
      // phase starts from the forward state.
      if (!rollback) catalog_.apply(st.node, at);
      if (unit.transaction) {
        auto existing = [&](const std::string& t) { return !catalog_.is_new(t, at); };
        if (!facts.held) {
          for (const auto& e : fx) {
            if ((e.lock == Lock::access_exclusive || e.lock == Lock::share) && existing(e.table)) {
              facts.held = e;
              facts.held_line = st.where.line;
              break;
            }
          }
        }
      }
    };
    // What runs when a statement runs: a DO block's statements, and the body of a function this
    // section created when a statement calls it (SELECT f(), PERFORM f(), CALL p()).
    std::set<std::string> expanding; // functions being expanded: a recursive function is read once
    std::function<void(const migration::Statement&, std::size_t, const Origin&, const migration::Statement&)> expand =
        [&](const migration::Statement& st, std::size_t i, const Origin& at, const migration::Statement& owner) {
          std::vector<const migration::Statement*> inner;
          if (st.kind == "DoStmt") {
            inner = do_block(st);
          } else if (st.kind == "SelectStmt" || st.kind == "CallStmt") {
            for (const auto& name : called_functions(st.node)) {
              auto f = functions_.find(name);
              if (f == functions_.end() || expanding.count(name)) continue;
              expanding.insert(name);
              for (const auto* body : do_block(*f->second)) {
                lint_one(*body, i, at, owner);
                expand(*body, i, at, owner);
              }
              expanding.erase(name);
            }
          }
          for (const auto* one : inner) {
            lint_one(*one, i, at, owner);
            expand(*one, i, at, owner);
          }
        };
    for (std::size_t i = unit.first; i < unit.first + unit.count; ++i) {
      const auto& st = script.statements[i];
      Origin at = base;
      at.tx = unit.transaction ? unit_tx : ++next_tx_;
      lint_one(st, i, at, st);
      expand(st, i, at, st);
      if (st.kind == "CreateFunctionStmt" && !rollback) {
        auto names = sql::strings(sql::get(st.node->at(st.kind), "funcname"));
        if (!names.empty()) functions_[names.back()] = &st;
      }
    }
  }
}

void Engine::missing_rollback(const migration::Migration& m, const migration::Section& s, Allows& allows) {
  if (s.rollback != migration::Rollback::missing || s.forward.statements.empty()) return;
  // Exempt: a section that only builds on tables an earlier phase of this file created, when that
  // phase has a rollback (which removes them, and with them what this section added).
  const std::string id = m.app + "/" + m.id();
  bool builds_on_new = std::all_of(s.forward.statements.begin(), s.forward.statements.end(), [&](const auto& st) {
    auto [kind, body] = sql::unwrap(st.node);
    if (kind != "IndexStmt" && kind != "AlterTableStmt" && kind != "UpdateStmt") return false;
    const Table* t = catalog_.table(sql::qualified(sql::get(*body, "relation")));
    return t && t->created_in == id;
  });
  bool earlier_rollback = std::any_of(m.sections.begin(), m.sections.end(), [&](const auto& e) {
    return e.phase < s.phase && e.rollback == migration::Rollback::present;
  });
  if (builds_on_new && earlier_rollback) return;
  if (allows.covers(s.forward.statements.front(), "missing-rollback")) return; // a file-wide allow (docs/format.md)
  const bool dbmate = !m.notes.empty() && m.notes.front().message.find("dbmate") != std::string::npos;
  add(m, Finding{"missing-rollback", find_rule("missing-rollback")->severity, s.forward.where, std::string(to_string(s.phase)),
                 false, fmt::format("the {} section has no rollback", to_string(s.phase)),
                 dbmate ? "write the SQL that undoes it under -- migrate:down, or say why not: -- migrate:allow missing-rollback reason=\"...\" "
                          "before -- migrate:up"
                        : "add -- migrate:rollback with the SQL that undoes it, or -- migrate:rollback irreversible",
                 {}});
}

migration::Migration parse_sectionless(std::string_view text, const std::string& path, migration::Phase phase, const std::string& app,
                                       const migration::ParseOptions& options) {
  // A header is put in front and every location moved back by one line.
  std::string wrapped = fmt::format("-- migrate:{}\n", to_string(phase));
  wrapped.append(text);
  try {
    auto m = migration::parse_migration(wrapped, path, app, {"0", "stdin"}, options);
    auto shift = [](Location& l) { l.line = std::max(1, l.line - 1); };
    for (auto& s : m.sections) {
      shift(s.forward.where);
      for (auto& st : s.forward.statements) shift(st.where);
    }
    for (auto& e : m.skipped) {
      Location l = e.where();
      shift(l);
      e = InputError(l, e.bare_message(), e.hint());
    }
    return m;
  } catch (const InputError& e) {
    Location l = e.where();
    l.line = std::max(1, l.line - 1);
    throw InputError(l, e.bare_message(), e.hint());
  }
}

} // namespace migrate::lint
