#include "migration/parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "migration/backfill_bounds.hpp"
#include "migration/checksum.hpp"
#include "migration/directive.hpp"
#include "sql/ast.hpp"
#include "sql/comments.hpp"
#include "sql/parser.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace migrate::migration {

namespace {

constexpr std::array<std::string_view, 10> kWords = {"expand",   "migrate",        "contract",
                                                     "rollback", "backfill",       "no-transaction",
                                                     "lock-timeout", "statement-timeout", "allow", "check"};

// dbmate's two headers: "-- migrate:up [transaction:false]" and "-- migrate:down". A file written with
// them is one expand section and its rollback (SPEC §1), so a dbmate project lints and adopts as it is.
bool dbmate_word(std::string_view word) { return word == "up" || word == "down"; }

// Why a -- migrate:check statement is not a read-only SELECT ("" when it is one).
std::string check_problem(const sql::Node& node) {
  if (node.is_object()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string_view key = node.key(i);
      if (key == "InsertStmt" || key == "UpdateStmt" || key == "DeleteStmt" || key == "MergeStmt") {
        return "it changes data (a data-modifying WITH)";
      }
      if (key == "intoClause") return "SELECT INTO creates a table";
      if (key == "lockingClause") return "FOR UPDATE/SHARE locks the rows it reads";
      if (key == "ParamRef") return "it has a $n parameter, which nothing binds";
      if (key == "FuncCall") {
        // Functions that act outside the query: a savepoint rolled back after the check does not undo
        // them (the run's advisory lock, a sequence, a setting, another session).
        const auto names = sql::strings(sql::get(node[i], "funcname"));
        const std::string name = names.empty() ? std::string() : names.back();
        static constexpr std::array<std::string_view, 12> kPrefixes = {
            "pg_advisory", "pg_try_advisory", "set_config", "nextval", "setval", "pg_terminate_backend", "pg_cancel_backend",
            "pg_reload_conf", "pg_notify", "dblink", "lo_", "pg_sleep"};
        for (auto p : kPrefixes) {
          if (name.starts_with(p)) return fmt::format("it calls {}(), which acts outside the query and cannot be undone", name);
        }
      }
      if (auto why = check_problem(node[i]); !why.empty()) return why;
    }
  } else if (node.is_array()) {
    for (const auto& child : node) {
      if (auto why = check_problem(child); !why.empty()) return why;
    }
  }
  return {};
}

// One body of SQL: the forward part of a section or its rollback.
struct Part {
  Script* script = nullptr;
  bool irreversible = false;
  bool rollback = false;
  std::size_t begin = 0; // body: from the line after the header ...
  std::size_t end = 0;   // ... to the start of the next header's line
  std::vector<Directive> directives;
};

// The statements of a body whose text libpg_query rejects: each statement that does not parse (as
// PostgreSQL's lexer splits them, at top-level semicolons) is blanked out and the rest parsed again, so
// the parse trees' locations still count from the body. Returns the statements that parse, and the
// others as (offset of their first token, end, error). Throws SyntaxError when the lexer itself fails.
struct Rejected {
  std::size_t begin, end;
  std::string message;
  std::size_t error_offset;
};
// Whether a statement starts with a word that begins a command in PostgreSQL 15 (and so in newer ones):
// a newer server may know the rest of it; "SELEC 1" is a typo on every version.
bool known_command(std::string_view statement) {
  static constexpr std::array<std::string_view, 52> kFirst = {
      "abort", "alter", "analyze", "analyse", "begin", "call", "checkpoint", "close", "cluster", "comment", "commit",
      "copy", "create", "deallocate", "declare", "delete", "discard", "do", "drop", "end", "execute", "explain", "fetch",
      "grant", "import", "insert", "listen", "load", "lock", "merge", "move", "notify", "prepare", "reassign", "refresh",
      "reindex", "release", "reset", "revoke", "rollback", "savepoint", "security", "select", "set", "show", "start",
      "table", "truncate", "unlisten", "update", "vacuum", "values"};
  std::size_t i = 0;
  while (i < statement.size() && (std::isspace(static_cast<unsigned char>(statement[i])) || statement[i] == '(')) ++i;
  std::size_t j = i;
  while (j < statement.size() && std::isalpha(static_cast<unsigned char>(statement[j]))) ++j;
  const std::string word = util::to_lower(statement.substr(i, j - i));
  return word == "with" || std::find(kFirst.begin(), kFirst.end(), word) != kFirst.end();
}

std::vector<sql::Statement> parse_around(std::string_view body, std::vector<Rejected>& rejected) {
  std::string text(body);
  const auto tokens = sql::scan(body);
  for (;;) {
    try {
      return sql::parse(text);
    } catch (const sql::SyntaxError& e) {
      // The statement around the error: after the last ";" before it, to the first ";" at or after it.
      std::size_t begin = 0, end = text.size();
      const sql::Token* first = nullptr;
      for (const auto& t : tokens) {
        const bool semicolon = !t.comment && t.end == t.start + 1 && body[t.start] == ';';
        if (semicolon && t.start < e.offset()) {
          begin = t.end;
          first = nullptr;
        } else if (semicolon) {
          end = t.end;
          break;
        } else if (!t.comment && !first && t.start >= begin) {
          first = &t;
        }
      }
      // Nothing left to blank, or so many statements that do not parse that this is not SQL of a
      // newer server: give up as before (each round parses the whole body again).
      if (!first || rejected.size() >= 100) throw;
      std::size_t last = end;
      while (last > first->start && (body[last - 1] == ';' || std::isspace(static_cast<unsigned char>(body[last - 1])))) --last;
      rejected.push_back({first->start, last, e.what(), e.offset()});
      for (std::size_t i = begin; i < end; ++i) {
        if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
      }
    }
  }
}

class Parser {
public:
  // `text` is the file with its placeholders replaced (`expanded`, when it had any) from `raw`.
  Parser(std::string_view text, std::string_view raw, const Expanded* expanded, const std::string& path, const ParseOptions& options)
      : text_(text), raw_(raw), expanded_(expanded), path_(path), lines_(text), raw_lines_(raw), options_(options) {}

  // Where an offset of the text is in the file as written.
  std::size_t raw_offset(std::size_t offset) const { return expanded_ ? expanded_->to_raw(offset) : offset; }

  Location at(std::size_t offset) const {
    auto p = expanded_ ? raw_lines_.at(raw_offset(offset)) : lines_.at(offset);
    return {path_, p.line, p.column};
  }

  [[noreturn]] void fail(std::size_t offset, std::string message, std::string hint = {}) const {
    throw FileProblem{offset, std::move(message), std::move(hint)};
  }

  // A problem that does not stop the parse: the file's others are found and reported with it.
  void note(std::size_t offset, std::string message, std::string hint = {}) {
    problems_.push_back({offset, std::move(message), std::move(hint)});
  }
  std::vector<FileProblem>& problems() { return problems_; }

  void run(Migration& m) {
    std::vector<sql::Span> comments;
    try {
      comments = sql::comments(text_);
    } catch (const sql::SyntaxError& e) {
      fail(e.offset(), e.what());
    }
    std::vector<Directive> markers;
    for (const auto& t : comments) {
      std::string_view comment = text_.substr(t.start, t.end - t.start);
      if (!is_directive_comment(comment)) continue;
      std::size_t line_begin = lines_.line_start(lines_.at(t.start).line);
      if (!util::trim(text_.substr(line_begin, t.start - line_begin)).empty()) {
        fail(t.start, "a -- migrate: directive must be on a line of its own");
      }
      auto d = parse_directive(comment, t.start);
      if (dbmate_word(d.word)) {
        from_dbmate(d, markers, m);
        continue;
      }
      if (std::find(kWords.begin(), kWords.end(), d.word) == kWords.end()) {
        fail(d.word_offset, fmt::format("unknown directive \"{}\"{}", d.word, util::did_you_mean(d.word, kWords)));
      }
      if (dbmate_ && is_header(d)) {
        fail(d.offset, fmt::format("-- migrate:{} in a dbmate file", d.word),
             "a file is written either with -- migrate:up/down (dbmate) or with migrate's sections, not both");
      }
      markers.push_back(std::move(d));
    }
    check_preamble(comments, markers);
    comments_ = std::move(comments);
    build_parts(m, markers);
    for (auto& part : parts_) fill(part);
    // dbmate's empty "-- migrate:down" means no rollback was written.
    for (auto& s : m.sections) {
      if (dbmate_ && s.rollback == Rollback::present && s.undo.statements.empty()) s.rollback = Rollback::missing;
    }
    for (auto& s : m.sections) {
      // Of the file as written: a placeholder's value may differ between environments.
      const std::size_t header = raw_offset(lines_.line_start(s.forward.where.line));
      s.checksum = checksum(raw_.substr(header, raw_offset(forward_end(s)) - header));
    }
  }

private:
  // A dbmate header, as the migrate directive it stands for.
  void from_dbmate(Directive& d, std::vector<Directive>& markers, Migration& m) {
    if (!dbmate_) {
      dbmate_ = true;
      m.notes.push_back({at(d.offset), "read as a dbmate file: -- migrate:up is the expand section, -- migrate:down its rollback"});
    }
    for (const auto& e : markers) {
      if (is_header(e) && !e.dbmate) {
        fail(d.offset, fmt::format("-- migrate:{} in a file with migrate's sections", d.word),
             "a file is written either with -- migrate:up/down (dbmate) or with migrate's sections, not both");
      }
    }
    bool no_transaction = false;
    for (const auto& a : d.args) {
      if (!a.key && a.value == "transaction:false") {
        no_transaction = true;
      } else if (a.key || a.value != "transaction:true") {
        fail(a.offset, fmt::format("unexpected \"{}\" after -- migrate:{}", a.key ? *a.key + "=" + a.value : a.value, d.word),
             fmt::format("dbmate's -- migrate:{} takes only transaction:false", d.word));
      }
    }
    d.word = d.word == "up" ? "expand" : "rollback";
    d.args.clear();
    d.dbmate = true;
    markers.push_back(d);
    if (no_transaction) markers.push_back(Directive{"no-transaction", d.offset, d.word_offset, {}, true});
  }

  std::size_t forward_end(const Section& s) const {
    for (const auto& p : parts_) {
      if (p.script == &s.forward) return p.end;
    }
    return text_.size();
  }

  std::size_t line_end(std::size_t offset) const {
    std::size_t nl = text_.find_first_of("\r\n", offset);
    if (nl == std::string_view::npos) return text_.size();
    return (text_[nl] == '\r' && nl + 1 < text_.size() && text_[nl + 1] == '\n') ? nl + 2 : nl + 1;
  }

  std::size_t line_begin(std::size_t offset) const { return lines_.line_start(lines_.at(offset).line); }

  bool is_header(const Directive& d) const { return phase_from(d.word) || d.word == "rollback"; }

  void check_preamble(const std::vector<sql::Span>& comments, const std::vector<Directive>& markers) {
    auto first_header = std::find_if(markers.begin(), markers.end(), [&](const auto& d) { return is_header(d); });
    std::size_t limit = first_header == markers.end() ? text_.size() : first_header->offset;
    // Only white space and comments may come before the first header.
    std::size_t at = 0;
    auto next_comment = comments.begin();
    while (at < limit) {
      if (next_comment != comments.end() && next_comment->start == at) {
        at = (next_comment++)->end;
      } else if (std::string_view(" \t\r\n\f\v").find(text_[at]) != std::string_view::npos) {
        ++at;
      } else {
        fail(at, first_header == markers.end() ? "SQL outside a section" : "text before the first section",
             "only comments may come before the first section; start the SQL with -- migrate:expand");
      }
    }
    if (first_header == markers.end()) {
      fail(0, "no sections: a migration has at least one of -- migrate:expand, -- migrate:migrate, "
              "-- migrate:contract");
    }
  }

  void build_parts(Migration& m, const std::vector<Directive>& markers) {
    // Sections are stored in a vector that must not reallocate once parts point into it.
    std::size_t n_sections = static_cast<std::size_t>(
        std::count_if(markers.begin(), markers.end(), [](const auto& d) { return phase_from(d.word).has_value(); }));
    m.sections.reserve(n_sections);
    Section* current = nullptr;
    for (const auto& d : markers) {
      if (auto phase = phase_from(d.word)) {
        if (!d.args.empty()) fail(d.args.front().offset, fmt::format("unexpected text after -- migrate:{}", d.word));
        for (const auto& earlier : m.sections) {
          if (earlier.phase == *phase) {
            fail(d.offset, fmt::format("section {} appears twice", d.word),
                 fmt::format("the first is at line {}", earlier.forward.where.line));
          }
        }
        if (current && current->phase > *phase) {
          fail(d.offset, fmt::format("section {} after {}: sections go expand, migrate, contract", d.word,
                                     to_string(current->phase)));
        }
        close_part(d.offset);
        current = &m.sections.emplace_back(Section{*phase, {}, Rollback::missing, {}, {}});
        current->forward.where = at(d.offset);
        open_part(&current->forward, d.offset);
      } else if (d.word == "rollback") {
        if (!current) fail(d.offset, "-- migrate:rollback before any section"); // unreachable: preamble check
        if (current->rollback != Rollback::missing) {
          fail(d.offset, fmt::format("a second -- migrate:rollback in section {}", to_string(current->phase)),
               fmt::format("the first is at line {}", current->undo.where.line));
        }
        bool irreversible = false;
        for (const auto& a : d.args) {
          if (!a.key && a.value == "irreversible" && !irreversible) {
            irreversible = true;
          } else {
            fail(a.offset, fmt::format("unexpected \"{}\" after -- migrate:rollback", a.value),
                 "the only word allowed here is irreversible");
          }
        }
        close_part(d.offset);
        current->rollback = irreversible ? Rollback::irreversible : Rollback::present;
        current->undo.where = at(d.offset);
        open_part(&current->undo, d.offset);
        parts_.back().irreversible = irreversible;
        parts_.back().rollback = true;
      } else if (parts_.empty()) {
        if (d.word != "allow") {
          fail(d.offset, fmt::format("-- migrate:{} must be inside a section", d.word),
               "only allow directives may come before the first section");
        }
        file_allows_.push_back(d);
      } else {
        parts_.back().directives.push_back(d);
      }
    }
    close_part(text_.size());
    for (const auto& d : file_allows_) m.file_allows.push_back(allow_from(d));
  }

  void open_part(Script* script, std::size_t header) {
    Part p;
    p.script = script;
    p.begin = line_end(header);
    parts_.push_back(std::move(p));
  }

  void close_part(std::size_t next_header) {
    if (parts_.empty() || parts_.back().end != 0) return;
    parts_.back().end = std::max(parts_.back().begin, next_header == text_.size() ? next_header : line_begin(next_header));
  }

  void fill(Part& part) {
    Script& script = *part.script;
    std::string_view body = text_.substr(part.begin, part.end - part.begin);
    script.text = canonical_text(body);
    // The file's comments inside this body, made relative to it: they are found once per file.
    std::vector<sql::Span> local;
    auto first = std::lower_bound(comments_.begin(), comments_.end(), part.begin,
                                  [](const sql::Span& c, std::size_t offset) { return c.start < offset; });
    for (auto it = first; it != comments_.end() && it->end <= part.end; ++it) {
      local.push_back({it->start - part.begin, it->end - part.begin});
    }
    std::vector<sql::Statement> parsed;
    std::vector<Rejected> rejected;
    try {
      parsed = sql::parse(body, &local);
    } catch (const sql::SyntaxError& e) {
      if (!options_.newer_grammar && !options_.recover) fail(part.begin + e.offset(), e.what());
      try {
        parsed = parse_around(body, rejected);
      } catch (const sql::SyntaxError& again) {
        fail(part.begin + again.offset(), again.what());
      }
    }
    std::vector<std::size_t> offsets;
    std::sort(rejected.begin(), rejected.end(), [](const Rejected& a, const Rejected& b) { return a.begin < b.begin; });
    auto next_rejected = rejected.begin();
    auto keep_rejected = [&](std::size_t before) {
      for (; next_rejected != rejected.end() && next_rejected->begin < before; ++next_rejected) {
        if (!options_.newer_grammar || !known_command(body.substr(next_rejected->begin, next_rejected->end - next_rejected->begin))) {
          // Recovering (reported, left out), or not a command any PostgreSQL knows (SELEC 1): an error.
          if (!options_.recover) fail(part.begin + next_rejected->error_offset, next_rejected->message);
          skipped_.emplace_back(at(part.begin + next_rejected->error_offset), next_rejected->message);
          continue;
        }
        Statement st;
        st.sql = std::string(body.substr(next_rejected->begin, next_rejected->end - next_rejected->begin));
        st.where = at(part.begin + next_rejected->begin);
        st.not_understood = next_rejected->message;
        offsets.push_back(part.begin + next_rejected->begin);
        script.statements.push_back(std::move(st));
      }
    };
    for (auto& s : parsed) {
      keep_rejected(s.begin);
      Statement st;
      st.sql = std::string(body.substr(s.begin, s.end - s.begin));
      st.where = at(part.begin + s.begin);
      st.kind = sql::node_kind(s.node);
      st.node = std::move(s.node);
      offsets.push_back(part.begin + s.begin);
      script.statements.push_back(std::move(st));
    }
    keep_rejected(body.size() + 1);
    if (part.irreversible) {
      if (!script.statements.empty()) {
        fail(offsets.front(), "a statement after -- migrate:rollback irreversible",
             "an irreversible phase has no rollback SQL; drop \"irreversible\" to write one");
      }
      if (!part.directives.empty()) {
        fail(part.directives.front().offset, "a directive after -- migrate:rollback irreversible");
      }
    }
    in_rollback_ = part.rollback;
    for (const auto& d : part.directives) apply_directive(script, d, offsets, part.begin);
    check_transactions(script, offsets);
    if (std::none_of(script.statements.begin(), script.statements.end(), [](const auto& st) { return st.check; })) return;
    // Checks are not the phase's work: they leave the statements for a list of their own.
    std::vector<Statement> work;
    for (auto& st : script.statements) (st.check ? script.checks : work).push_back(std::move(st));
    script.statements = std::move(work);
  }

  // The statement that a directive at `offset` applies to: the next one in the same part.
  Statement& next_statement(Script& script, const Directive& d, const std::vector<std::size_t>& offsets) {
    auto it = std::upper_bound(offsets.begin(), offsets.end(), d.offset);
    if (it == offsets.end()) {
      fail(d.offset, fmt::format("-- migrate:{} has no statement after it in this section", d.word));
    }
    return script.statements[static_cast<std::size_t>(it - offsets.begin())];
  }

  std::string single_value(const Directive& d) const {
    if (d.args.size() != 1 || d.args.front().key) {
      fail(d.offset, fmt::format("-- migrate:{} takes one value", d.word), fmt::format("-- migrate:{}=2s", d.word));
    }
    return d.args.front().value;
  }

  util::Duration duration_arg(const DirectiveArg& a, const Directive& d) const {
    std::string why;
    auto v = util::parse_duration(a.value, &why);
    if (!v) fail(a.offset, fmt::format("-- migrate:{}: {}", d.word, why));
    return *v;
  }

  // `base`: the offset of the part's body, which its statements' parse trees count locations from.
  void apply_directive(Script& script, const Directive& d, const std::vector<std::size_t>& offsets, std::size_t base) {
    if (d.word == "backfill") {
      Statement& st = next_statement(script, d, offsets);
      if (st.backfill) fail(d.offset, "a second -- migrate:backfill for the same statement");
      st.backfill = backfill_from(d);
      if (!st.not_understood.empty()) {
        fail(d.offset, "-- migrate:backfill: the statement after it is not understood by PostgreSQL 15's grammar, so it cannot be "
                       "proven to cover each batch once",
             "write the backfill in PostgreSQL 15 syntax");
      }
      if (st.kind != "UpdateStmt" && st.kind != "DeleteStmt") {
        fail(d.offset, fmt::format("-- migrate:backfill must be followed by an UPDATE or DELETE, not {}",
                                   util::one_line(st.sql, 40)));
      }
      bool names = true;
      for (const auto& a : d.args) {
        if (!a.key || (*a.key != "table" && *a.key != "key")) continue;
        if (auto why = backfill_name_problem(*a.key, a.value); !why.empty()) {
          note(a.offset, std::move(why), "-- migrate:backfill table=users key=id");
          names = false;
        }
      }
      if (!names) return; // a statement is proven against the names
      const std::size_t first = offsets[static_cast<std::size_t>(&st - script.statements.data())];
      for (auto& p : check_backfill_statement(st, first - base)) {
        note(first + p.offset, std::move(p.message), std::move(p.hint));
      }
    } else if (d.word == "allow") {
      next_statement(script, d, offsets).allows.push_back(allow_from(d));
    } else if (d.word == "check") {
      // Each problem is noted, so that a file's bad checks are all reported at once.
      if (!d.args.empty()) return note(d.args.front().offset, "-- migrate:check takes no value", "the check is the SELECT on the lines after it");
      if (in_rollback_) {
        return note(d.offset, "-- migrate:check in a rollback", "a check belongs to a section's forward part, after the statements it checks");
      }
      Statement& st = next_statement(script, d, offsets);
      const std::size_t first = offsets[static_cast<std::size_t>(&st - script.statements.data())];
      if (st.check) return note(d.offset, "a second -- migrate:check for the same statement");
      if (st.backfill) return note(d.offset, "a statement cannot be both a backfill and a check");
      if (!st.not_understood.empty()) {
        return note(first, "-- migrate:check: the statement after it is not understood by PostgreSQL 15's grammar, so it cannot be "
                           "proven read-only",
                    "write the check in PostgreSQL 15 syntax");
      }
      if (st.kind != "SelectStmt") {
        return note(first, fmt::format("-- migrate:check must be followed by a SELECT, not {}", util::one_line(st.sql, 40)),
                    "a check is a query returning the rows that break an invariant: SELECT id FROM t WHERE ...");
      }
      if (auto why = check_problem(st.node); !why.empty()) {
        return note(first, fmt::format("-- migrate:check must be a read-only SELECT: {}", why),
                    "a check only reads: it returns the rows that break an invariant, and none means it holds");
      }
      st.check = true;
    } else if (d.word == "no-transaction") {
      if (!d.args.empty()) fail(d.args.front().offset, "-- migrate:no-transaction takes no value");
      if (script.no_transaction) fail(d.offset, "a second -- migrate:no-transaction in this section");
      script.no_transaction = true;
    } else if (d.word == "lock-timeout" || d.word == "statement-timeout") {
      auto& slot = d.word == "lock-timeout" ? script.lock_timeout : script.statement_timeout;
      single_value(d);
      if (slot) fail(d.offset, fmt::format("a second -- migrate:{} in this section", d.word));
      slot = duration_arg(d.args.front(), d);
      if (d.word == "lock-timeout" && slot->count() == 0) {
        fail(d.args.front().offset, "-- migrate:lock-timeout=0 would wait for locks forever",
             "give a bound such as 2s; the default comes from [defaults] lock_timeout");
      }
    } else {
      fail(d.offset, fmt::format("-- migrate:{} cannot be used here", d.word)); // headers are handled earlier
    }
  }

  Backfill backfill_from(const Directive& d) const {
    static constexpr std::array<std::string_view, 5> kKeys = {"table", "key", "batch", "sleep", "target"};
    Backfill b;
    b.where = at(d.offset);
    for (const auto& a : d.args) {
      if (!a.key) {
        fail(a.offset, fmt::format("unexpected \"{}\" in -- migrate:backfill", a.value), "write key=value");
      }
      const std::string& k = *a.key;
      if (a.value.empty()) fail(a.offset, fmt::format("backfill: {}= needs a value", k));
      if (k == "table") {
        b.table = a.value;
      } else if (k == "key") {
        b.key = a.value;
      } else if (k == "batch") {
        if (a.value != "auto") {
          int n = 0;
          auto [ptr, ec] = std::from_chars(a.value.data(), a.value.data() + a.value.size(), n);
          if (ec == std::errc::result_out_of_range && ptr == a.value.data() + a.value.size() && a.value.front() != '-') {
            fail(a.offset, fmt::format("backfill: batch={} is too large: at most {} rows", a.value, std::numeric_limits<int>::max()));
          }
          if (ec != std::errc() || ptr != a.value.data() + a.value.size() || n <= 0) {
            fail(a.offset, fmt::format("backfill: batch must be a positive number of rows or auto, not \"{}\"", a.value));
          }
          b.batch = n;
        }
      } else if (k == "sleep") {
        b.sleep = duration_arg(a, d);
      } else if (k == "target") {
        b.target = duration_arg(a, d);
        if (b.target.count() == 0) fail(a.offset, "backfill: target must be longer than 0");
      } else {
        fail(a.offset, fmt::format("unknown backfill option \"{}\"{}", k, util::did_you_mean(k, kKeys)),
             "backfill takes table=, key=, batch=, sleep= and target=");
      }
    }
    if (b.table.empty()) fail(d.offset, "-- migrate:backfill needs table=", "-- migrate:backfill table=users key=id");
    if (b.key.empty()) fail(d.offset, "-- migrate:backfill needs key=", "-- migrate:backfill table=users key=id");
    return b;
  }

  Allow allow_from(const Directive& d) const {
    Allow a;
    a.where = at(d.offset);
    for (const auto& arg : d.args) {
      if (!arg.key && a.rule.empty()) {
        a.rule = arg.value;
      } else if (arg.key && *arg.key == "reason") {
        a.reason = arg.value;
      } else {
        fail(arg.offset, fmt::format("unexpected \"{}\" in -- migrate:allow", arg.key ? *arg.key + "=" : arg.value),
             "-- migrate:allow RULE-ID reason=\"why it is safe\"");
      }
    }
    if (a.rule.empty()) fail(d.offset, "-- migrate:allow needs a rule id", "-- migrate:allow RULE-ID reason=\"...\"");
    if (util::trim(a.reason).empty()) {
      fail(d.offset, fmt::format("-- migrate:allow {} needs a reason", a.rule),
           fmt::format("-- migrate:allow {} reason=\"why it is safe here\"", a.rule));
    }
    return a;
  }

  // Explicit BEGIN/COMMIT must pair up inside one section.
  void check_transactions(const Script& script, const std::vector<std::size_t>& offsets) const {
    std::optional<std::size_t> open;
    for (std::size_t i = 0; i < script.statements.size(); ++i) {
      switch (sql::transaction_control(script.statements[i].node)) {
      case sql::TransactionControl::begin:
        if (open) fail(offsets[i], "BEGIN inside a transaction that is already open",
                       fmt::format("the open one began at line {}", script.statements[*open].where.line));
        open = i;
        break;
      case sql::TransactionControl::commit:
      case sql::TransactionControl::rollback:
        if (!open) fail(offsets[i], "COMMIT or ROLLBACK without a BEGIN in this section");
        open.reset();
        break;
      default:
        break;
      }
    }
    if (open) {
      fail(offsets[*open], "BEGIN without COMMIT before the end of the section",
           "a transaction cannot span sections; each section is applied on its own");
    }
  }

  std::string_view text_;
  std::string_view raw_;
  const Expanded* expanded_;
  const std::string& path_;
  util::LineIndex lines_;
  util::LineIndex raw_lines_;
  std::vector<Part> parts_;
  std::vector<Directive> file_allows_;
  std::vector<sql::Span> comments_; // the whole file's, found once
  std::vector<FileProblem> problems_;
  bool in_rollback_ = false; // the part being filled is a rollback
  bool dbmate_ = false;      // written with dbmate's -- migrate:up / -- migrate:down
  const ParseOptions& options_;

public:
  std::vector<InputError> skipped_; // statements left out (ParseOptions::recover)
};

ParseOptions& defaults() {
  static ParseOptions options;
  return options;
}

} // namespace

void set_default_parse_options(const ParseOptions& options) { defaults() = options; }
const ParseOptions& default_parse_options() { return defaults(); }

Migration parse_migration(std::string_view bytes, const std::string& path, const std::string& app,
                          const FileName& name) {
  return parse_migration(bytes, path, app, name, defaults());
}

Migration parse_migration(std::string_view bytes, const std::string& path, const std::string& app,
                          const FileName& name, const ParseOptions& options) {
  Migration m{app, path, name.version, name.name, {}, {}, {}, {}};
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // a UTF-8 byte order mark
  util::LineIndex lines(text);
  auto where = [&](std::size_t offset) {
    auto p = lines.at(offset);
    return Location{path, p.line, p.column};
  };
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw InputError(where(nul), "not a text file (it contains a NUL byte)");
  }
  if (auto bad = util::first_invalid_utf8(text)) {
    throw InputError(where(*bad), fmt::format("not valid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(text[*bad])),
                     "migration files are UTF-8; convert it with iconv -t UTF-8");
  }
  std::optional<Expanded> expanded;
  if (has_placeholders(text)) {
    try {
      expanded = expand_placeholders(text, options.placeholders);
    } catch (const UndefinedPlaceholder& u) {
      throw InputError(where(u.offset), fmt::format("undefined placeholder ${{{}}}", u.name),
                       fmt::format("give it a value: {} = \"...\" under [placeholders] in migrate.toml, or the environment "
                                   "variable MIGRATE_PLACEHOLDER_{}",
                                   u.name, util::to_upper(u.name)));
    }
  }
  Parser parser(expanded ? std::string_view(expanded->text) : text, text, expanded ? &*expanded : nullptr, path, options);
  auto& problems = parser.problems();
  try {
    parser.run(m);
  } catch (const FileProblem& p) {
    problems.push_back(p);
  }
  m.skipped = std::move(parser.skipped_);
  if (problems.empty()) return m;
  std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
  std::vector<InputError> errors;
  for (const auto& p : problems) errors.emplace_back(parser.at(p.offset), p.message, p.hint);
  // The statements left out are errors too (a BEGIN that did not parse explains the COMMIT without one).
  errors.insert(errors.end(), m.skipped.begin(), m.skipped.end());
  std::stable_sort(errors.begin(), errors.end(), [](const InputError& a, const InputError& b) {
    return std::pair(a.where().line, a.where().column) < std::pair(b.where().line, b.where().column);
  });
  if (errors.size() == 1) throw errors.front();
  throw FileErrors(std::move(errors));
}

FileErrors::FileErrors(std::vector<InputError> all) : InputError(all.at(0)), all_(std::move(all)) {}

} // namespace migrate::migration
