#include "migration/import.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "migration/filename.hpp"
#include "migration/parse.hpp"
#include "migration/transactions.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

namespace migrate::migration {

namespace fs = std::filesystem;

std::optional<Tool> tool_from(std::string_view word) {
  if (word == "flyway") return Tool::flyway;
  if (word == "dbmate") return Tool::dbmate;
  if (word == "golang-migrate") return Tool::golang_migrate;
  return std::nullopt;
}

std::string_view to_string(Tool tool) {
  switch (tool) {
  case Tool::flyway: return "flyway";
  case Tool::dbmate: return "dbmate";
  case Tool::golang_migrate: return "golang-migrate";
  }
  return "flyway";
}

std::optional<std::vector<std::string>> flyway_version_parts(std::string_view version) {
  std::vector<std::string> parts(1);
  for (char c : version) {
    if (c >= '0' && c <= '9') {
      parts.back().push_back(c);
    } else if ((c == '.' || c == '_') && !parts.back().empty()) {
      parts.emplace_back();
    } else {
      return std::nullopt;
    }
  }
  if (parts.back().empty()) return std::nullopt;
  for (auto& p : parts) {
    std::size_t zeros = 0;
    while (zeros + 1 < p.size() && p[zeros] == '0') ++zeros;
    p.erase(0, zeros);
  }
  return parts;
}

int compare_flyway_versions(std::string_view a, std::string_view b) {
  auto pa = flyway_version_parts(a).value_or(std::vector<std::string>{std::string(a)});
  auto pb = flyway_version_parts(b).value_or(std::vector<std::string>{std::string(b)});
  const std::size_t n = std::max(pa.size(), pb.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string x = i < pa.size() ? pa[i] : "0";
    const std::string y = i < pb.size() ? pb[i] : "0";
    if (int c = compare_versions(x, y); c != 0) return c;
  }
  return 0;
}

std::optional<std::string> imported_flyway_version(std::string_view text) {
  static const std::regex first(R"(^-- Imported from Flyway V([0-9._]+)__)");
  const std::string line(text.substr(0, text.find('\n')));
  std::smatch m;
  if (!std::regex_search(line, m, first)) return std::nullopt;
  return m[1].str();
}

std::string import_name(std::string_view description) {
  std::string out;
  for (char c : description) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      out.push_back(l);
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

namespace {

// One side (up or down) of a source migration.
struct Part {
  std::string file;       // as shown
  std::string body;       // the SQL, LF line endings, no BOM
  int first_line = 1;     // the body's first line in `file`
  bool no_transaction = false;
};

struct Source {
  std::string version;    // as the tool wrote it
  std::string name;       // migrate name
  std::string preamble;   // comments before dbmate's -- migrate:up
  std::optional<Part> up;
  std::optional<Part> down;
  std::string no_down;    // why there is no rollback, when there is none
  std::string mapped;     // the migrate version
};

std::string normalised(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return util::normalize_newlines(text);
}

// A piece of the converted file that comes from a source file, for error locations.
struct Segment {
  int out_first = 0;
  int lines = 0;
  std::string file;
  int source_first = 1;
};

struct Composed {
  std::string text;
  std::vector<Segment> segments;
};

int count_lines(std::string_view s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

// Same length, no placeholder: ${schema} -> x_______, so the SQL parses and line:col stay right.
std::string masked(std::string text) {
  static const std::regex placeholder(R"(\$\{[^}\n]*\})");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), placeholder);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto pos = static_cast<std::size_t>(it->position());
    out.append(text, last, pos - last);
    out.push_back('x');
    out.append(static_cast<std::size_t>(it->length()) - 1, '_');
    last = pos + static_cast<std::size_t>(it->length());
  }
  out.append(text, last, std::string::npos);
  return out;
}

struct Options {
  bool up_no_tx = false;
  bool down_no_tx = false;
  bool irreversible = false;
};

Composed compose(Tool tool, const Source& s, const Options& o) {
  Composed c;
  auto add = [&](std::string_view piece) { c.text.append(piece); };
  std::vector<std::string> from;
  if (s.up) from.push_back(s.up->file);
  if (s.down && !o.irreversible) from.push_back(s.down->file);
  std::string header;
  if (tool == Tool::flyway) {
    header = fmt::format("-- Imported from Flyway {}", fs::path(s.up->file).filename().string());
    if (s.down && !o.irreversible) header += fmt::format(", undo {}", fs::path(s.down->file).filename().string());
  } else {
    std::vector<std::string> names;
    for (const auto& f : from) names.push_back(fs::path(f).filename().string());
    header = fmt::format("-- Imported from {} {}", tool == Tool::dbmate ? "dbmate" : "golang-migrate", fmt::join(names, " and "));
  }
  add(header + " by migrate import.\n");
  add(s.preamble);
  auto body = [&](const Part& p) {
    std::string b = p.body;
    if (!b.empty() && b.back() != '\n') b.push_back('\n');
    c.segments.push_back({count_lines(c.text) + 1, count_lines(b), p.file, p.first_line});
    add(b);
  };
  add("-- migrate:expand\n");
  if (o.up_no_tx) add("-- migrate:no-transaction\n");
  body(*s.up);
  if (s.down && !o.irreversible) {
    add("-- migrate:rollback\n");
    if (o.down_no_tx) add("-- migrate:no-transaction\n");
    body(*s.down);
  } else {
    add("-- migrate:rollback irreversible\n");
  }
  return c;
}

InputError relocated(const InputError& e, const Composed& c, const std::string& shown_out) {
  const int line = e.where().line;
  for (const auto& seg : c.segments) {
    if (line >= seg.out_first && line < seg.out_first + seg.lines) {
      return InputError(Location{seg.file, seg.source_first + (line - seg.out_first), e.where().column}, e.bare_message(), e.hint());
    }
  }
  return InputError(Location{shown_out, line, e.where().column}, e.bare_message(), e.hint());
}

std::optional<Part> read_part(const fs::path& path, const std::string& shown, std::vector<InputError>& errors) {
  std::string why;
  auto text = util::read_regular_file(path, &why);
  if (!text) {
    errors.emplace_back(Location{shown, 0, 0}, "cannot read the file: " + why);
    return std::nullopt;
  }
  return Part{shown, normalised(*text), 1, false};
}

// dbmate's "-- migrate:up [transaction:false]" ... "-- migrate:down [transaction:false]".
void split_dbmate(Source& s, std::vector<InputError>& errors) {
  static const std::regex header(R"(^--\s*migrate:(up|down)(.*)$)");
  Part whole = *s.up;
  s.up.reset();
  std::size_t at = 0;
  int line = 1;
  Part* current = nullptr;
  bool sql_before = false;
  auto fail = [&](int where, std::string message, std::string hint = {}) {
    errors.emplace_back(Location{whole.file, where, 1}, std::move(message), std::move(hint));
  };
  while (at < whole.body.size()) {
    std::size_t nl = whole.body.find('\n', at);
    const std::size_t end = nl == std::string::npos ? whole.body.size() : nl + 1;
    const std::string text = whole.body.substr(at, end - at);
    const std::string bare(util::trim(text));
    std::smatch m;
    if (std::regex_match(bare, m, header)) {
      const bool up = m[1] == "up";
      bool no_tx = false;
      std::istringstream options(m[2].str());
      for (std::string word; options >> word;) {
        if (word == "transaction:true") continue;
        if (word == "transaction:false") no_tx = true;
        else fail(line, fmt::format("unexpected \"{}\" after -- migrate:{}", word, m[1].str()), "dbmate's headers take only transaction:false");
      }
      if (up ? s.up.has_value() : s.down.has_value()) fail(line, fmt::format("a second -- migrate:{}", m[1].str()));
      if (!up && !s.up) fail(line, "-- migrate:down before -- migrate:up", "dbmate reads the up block first");
      auto& slot = up ? s.up : s.down;
      slot = Part{whole.file, "", line + 1, no_tx};
      current = &*slot;
    } else if (current) {
      current->body += text;
    } else if (!bare.empty() && !bare.starts_with("--")) {
      sql_before = true;
    } else {
      s.preamble += text;
      if (!text.empty() && text.back() != '\n') s.preamble.push_back('\n');
    }
    at = end;
    ++line;
  }
  if (sql_before) fail(1, "SQL before -- migrate:up", "dbmate runs only the up and down blocks: move it into one");
  if (!s.up) fail(1, "no -- migrate:up", "a dbmate migration has a -- migrate:up block");
  if (s.down && util::trim(s.down->body).empty()) {
    s.down.reset();
    s.no_down = "its -- migrate:down is empty";
  } else if (!s.down) {
    s.no_down = "it has no -- migrate:down";
  }
}

// Flyway: parts zero-padded to the widest of each position, so that numeric order is Flyway's order.
void map_flyway_versions(std::vector<Source>& sources, Imported& out) {
  std::vector<std::vector<std::string>> parts;
  std::size_t n = 0;
  for (const auto& s : sources) {
    parts.push_back(*flyway_version_parts(s.version));
    n = std::max(n, parts.back().size());
  }
  if (n <= 1) {
    for (auto& s : sources) s.mapped = s.version;
    return;
  }
  std::vector<std::size_t> width(n, 1);
  for (auto& p : parts) {
    p.resize(n, "0");
    for (std::size_t i = 0; i < n; ++i) width[i] = std::max(width[i], p[i].size());
  }
  std::vector<std::string> examples;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    std::string v;
    for (std::size_t i = 0; i < n; ++i) v += std::string(width[i] - parts[k][i].size(), '0') + parts[k][i];
    sources[k].mapped = v;
    if (examples.size() < 3) examples.push_back(fmt::format("{} -> {}", sources[k].version, v));
  }
  out.notes.push_back(fmt::format("Flyway versions have up to {} parts: each part is zero-padded to its widest ({}), so migrate's "
                                  "numeric order is Flyway's; each file's first line keeps its Flyway version, which "
                                  "`migrate baseline --from-ledger flyway` reads",
                                  n, fmt::join(examples, ", ")));
}

// The placeholders in a text, once each: "${schema} (line 3)".
std::vector<std::string> placeholders(const Part& p) {
  static const std::regex placeholder(R"(\$\{[^}\n]*\})");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(p.body.begin(), p.body.end(), placeholder); it != std::sregex_iterator(); ++it) {
    if (!seen.insert(it->str()).second) continue;
    const int line = p.first_line + count_lines(std::string_view(p.body).substr(0, static_cast<std::size_t>(it->position())));
    out.push_back(fmt::format("{} ({}:{})", it->str(), p.file, line));
  }
  return out;
}

} // namespace

Imported import_dir(Tool tool, const fs::path& dir, const std::string& shown, const std::string& app, const std::string& out_shown) {
  Imported out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out.errors.emplace_back(Location{shown, 0, 0}, "not a directory", fmt::format("give the {} migrations directory", to_string(tool)));
    return out;
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".sql") files.push_back(it->path());
  }
  if (ec) {
    out.errors.emplace_back(Location{shown, 0, 0}, fmt::format("cannot list the directory: {}", ec.message()));
    return out;
  }
  std::sort(files.begin(), files.end());
  auto shown_of = [&](const fs::path& p) { return (fs::path(shown) / p.filename()).string(); };

  std::map<std::string, Source> by_key; // source version -> source (golang-migrate, Flyway undo pairing)
  std::vector<std::pair<std::string, Part>> undos;
  std::vector<Source> sources;
  static const std::regex flyway_re(R"(^([VUR])(.*?)__(.+)\.sql$)");
  static const std::regex golang_re(R"(^([0-9]+)_(.*)\.(up|down)\.sql$)");
  static const std::regex dbmate_re(R"(^([0-9]+)_(.+)\.sql$)");
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    const std::string where = shown_of(path);
    std::smatch m;
    if (auto why = util::not_a_regular_file(path)) {
      out.errors.emplace_back(Location{where, 0, 0}, "cannot read the file: " + *why);
      continue;
    }
    if (tool == Tool::flyway) {
      if (!std::regex_match(file, m, flyway_re)) {
        if (file.starts_with("before") || file.starts_with("after")) {
          out.human.push_back(fmt::format("{}: a Flyway callback, not converted: run its SQL yourself where it belongs", where));
        } else {
          out.errors.emplace_back(Location{where, 0, 0}, "not a Flyway migration file name",
                                  "Flyway names them V<version>__<description>.sql, U<version>__... (undo) or R__... (repeatable)");
        }
        continue;
      }
      const std::string kind = m[1].str();
      const std::string version = m[2].str();
      if (kind == "R") {
        out.human.push_back(fmt::format("{}: a Flyway repeatable migration, not converted: migrate has none; when its SQL "
                                        "changes, write a new migration with it (migrate new)", where));
        continue;
      }
      if (!flyway_version_parts(version)) {
        out.errors.emplace_back(Location{where, 0, 0}, fmt::format("the version \"{}\" cannot be mapped to a migrate version", version),
                                "migrate imports Flyway versions made of digits separated by . or _ (1, 1.1, 2_1)");
        continue;
      }
      auto part = read_part(path, where, out.errors);
      if (!part) continue;
      // Flyway's script configuration, V1__x.sql.conf: executeInTransaction=false is dbmate's transaction:false.
      if (std::string why; fs::exists(path.string() + ".conf", ec)) {
        auto conf = util::read_regular_file(path.string() + ".conf", &why);
        if (!conf) {
          out.errors.emplace_back(Location{where + ".conf", 0, 0}, "cannot read the file: " + why);
          continue;
        }
        for (auto line : util::split_lines(*conf)) {
          std::string bare;
          for (char c : line) {
            if (c != ' ' && c != '\t') bare.push_back(c);
          }
          if (bare == "executeInTransaction=false") part->no_transaction = true;
        }
      }
      if (kind == "U") {
        undos.emplace_back(version, std::move(*part));
        continue;
      }
      Source s;
      s.version = version;
      s.name = import_name(m[3].str());
      s.up = std::move(*part);
      sources.push_back(std::move(s));
    } else if (tool == Tool::golang_migrate) {
      if (!std::regex_match(file, m, golang_re)) {
        out.errors.emplace_back(Location{where, 0, 0}, "not a golang-migrate file name",
                                "golang-migrate names them <version>_<title>.up.sql and <version>_<title>.down.sql");
        continue;
      }
      auto part = read_part(path, where, out.errors);
      if (!part) continue;
      Source& s = by_key[m[1].str()];
      s.version = m[1].str();
      auto& slot = m[3] == "up" ? s.up : s.down;
      if (slot) {
        out.errors.emplace_back(Location{where, 0, 0}, fmt::format("a second {} file for version {}: {}", m[3].str(), s.version, slot->file));
        continue;
      }
      if (m[3] == "up") s.name = import_name(m[2].str());
      slot = std::move(*part);
    } else {
      if (!std::regex_match(file, m, dbmate_re)) {
        out.errors.emplace_back(Location{where, 0, 0}, "not a dbmate migration file name", "dbmate names them <version>_<name>.sql");
        continue;
      }
      auto part = read_part(path, where, out.errors);
      if (!part) continue;
      Source s;
      s.version = m[1].str();
      s.name = import_name(m[2].str());
      s.up = std::move(*part);
      split_dbmate(s, out.errors);
      if (s.up) sources.push_back(std::move(s));
    }
  }
  if (tool == Tool::golang_migrate) {
    for (auto& [version, s] : by_key) {
      if (!s.up) {
        out.errors.emplace_back(Location{s.down->file, 0, 0}, fmt::format("a .down.sql with no .up.sql for version {}", version));
        continue;
      }
      if (s.down && util::trim(s.down->body).empty()) {
        s.down.reset();
        s.no_down = "its .down.sql is empty";
      } else if (!s.down) {
        s.no_down = "it has no .down.sql";
      }
      sources.push_back(std::move(s));
    }
  }
  // Same version twice (Flyway: 1 and 1.0; any tool: 1 and 01) would be two migrations migrate cannot order.
  auto compare = [&](const Source& a, const Source& b) {
    return tool == Tool::flyway ? compare_flyway_versions(a.version, b.version) : compare_versions(a.version, b.version);
  };
  std::stable_sort(sources.begin(), sources.end(), [&](const Source& a, const Source& b) { return compare(a, b) < 0; });
  for (std::size_t i = 1; i < sources.size(); ++i) {
    if (compare(sources[i - 1], sources[i]) == 0) {
      out.errors.emplace_back(Location{sources[i].up->file, 0, 0},
                              fmt::format("version {} is the same as {}'s ({})", sources[i].version, sources[i - 1].up->file, sources[i - 1].version),
                              "two migrations with one version cannot be ordered: renumber one of them");
    }
  }
  if (tool == Tool::flyway) {
    for (auto& [version, undo] : undos) {
      auto it = std::find_if(sources.begin(), sources.end(), [&](const Source& s) { return compare_flyway_versions(s.version, version) == 0; });
      if (it == sources.end()) {
        out.errors.emplace_back(Location{undo.file, 0, 0}, fmt::format("an undo migration with no V{}__ migration", version));
      } else if (util::trim(undo.body).empty()) {
        it->no_down = fmt::format("{} is empty", undo.file);
      } else {
        it->down = std::move(undo);
      }
    }
    for (auto& s : sources) {
      if (!s.down && s.no_down.empty()) s.no_down = fmt::format("there is no U{}__ undo migration", s.version);
    }
    if (out.errors.empty()) map_flyway_versions(sources, out);
  } else {
    for (auto& s : sources) s.mapped = s.version;
  }
  for (auto& s : sources) {
    if (s.name.empty()) {
      out.errors.emplace_back(Location{s.up->file, 0, 0}, "the description gives no migrate name (it needs a letter or a digit)",
                              "rename the file with a description");
    }
  }
  if (!out.errors.empty()) return out;

  for (auto& s : sources) {
    const std::string file_name = fmt::format("{}_{}.sql", s.mapped, s.name);
    const FileName name{s.mapped, s.name};
    const std::string shown_out = out_shown.empty() ? file_name : (fs::path(out_shown) / file_name).string();
    auto parse = [&](const Composed& c) -> std::optional<Migration> {
      try {
        return parse_migration(masked(c.text), file_name, app, name);
      } catch (const FileErrors& e) {
        for (const auto& one : e.all()) out.errors.push_back(relocated(one, c, file_name));
      } catch (const InputError& e) {
        out.errors.push_back(relocated(e, c, file_name));
      }
      return std::nullopt;
    };
    // The directive only where the source asked for no transaction and migrate would not see it alone.
    Options o;
    Composed c = compose(tool, s, o);
    auto m = parse(c);
    if (!m) continue;
    if (!m->sections.empty() && m->sections.front().rollback == Rollback::present && m->sections.front().undo.statements.empty()) {
      s.no_down = fmt::format("{} has no statements", s.down->file);
      o.irreversible = true;
    }
    const bool up_auto = !m->sections.empty() && plan_transactions(m->sections.front().forward).mode == TransactionPlan::Mode::each;
    const bool down_auto = !o.irreversible && s.down && !m->sections.empty() &&
                           plan_transactions(m->sections.front().undo).mode == TransactionPlan::Mode::each;
    o.up_no_tx = s.up->no_transaction && !up_auto;
    o.down_no_tx = s.down && !o.irreversible && s.down->no_transaction && !down_auto;
    if (o.up_no_tx || o.down_no_tx || o.irreversible) {
      c = compose(tool, s, o);
      m = parse(c);
      if (!m) continue;
    }
    if (m->sections.empty()) continue;
    const auto& section = m->sections.front();
    auto forward = plan_transactions(section.forward);
    if (forward.mode == TransactionPlan::Mode::each) {
      out.human.push_back(fmt::format("{}: expand runs outside a transaction, statement by statement ({}): a failure leaves "
                                      "the statements before it applied",
                                      shown_out, forward.reason));
    }
    if (section.rollback == Rollback::irreversible) {
      out.human.push_back(fmt::format("{}: rollback irreversible: {}", shown_out, s.no_down));
    } else if (plan_transactions(section.undo).mode == TransactionPlan::Mode::each) {
      out.human.push_back(fmt::format("{}: its rollback runs outside a transaction ({})", shown_out, plan_transactions(section.undo).reason));
    }
    std::vector<std::string> found = placeholders(*s.up);
    if (s.down && !o.irreversible) {
      for (auto& p : placeholders(*s.down)) found.push_back(std::move(p));
    }
    if (!found.empty()) {
      out.human.push_back(fmt::format("{}: placeholder{} kept as written: {}; give each a value under [placeholders] in migrate.toml (or "
                                      "MIGRATE_PLACEHOLDER_NAME)",
                                      shown_out, found.size() == 1 ? "" : "s", fmt::join(found, ", ")));
    }
    ImportedFile f{file_name, std::move(c.text), {s.up->file}};
    if (s.down && !o.irreversible) f.sources.push_back(s.down->file);
    out.files.push_back(std::move(f));
  }
  return out;
}

} // namespace migrate::migration
