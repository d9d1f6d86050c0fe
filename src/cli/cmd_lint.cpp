// migrate lint [PATH...] [-]: the locking hazards of migration files, before they reach a database.
#include <filesystem>
#include <functional>
#include <map>
#include <regex>

#include <unistd.h>

#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "db/session.hpp"
#include "lint/engine.hpp"
#include "lint/live.hpp"
#include "lint/report.hpp"
#include "lint/rule.hpp"
#include "migration/discover.hpp"
#include "migration/filename.hpp"
#include "migration/parse.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_out.hpp"
#include "util/log.hpp"
#include "util/process.hpp"
#include "util/term.hpp"
#include "util/text.hpp"

namespace migrate::cli {

namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> paths;
  std::string format = "text";
  std::optional<std::string> pg_version;
  std::string phase = "expand";
  bool list_rules = false;
  std::optional<std::string> explain;
  std::optional<std::string> changed_since;
};

constexpr const char* kStdin = "<stdin>";

int list_rules() {
  for (const auto& r : lint::catalogue()) fmt::print("{:<32} {:<8} {}\n", r.id, lint::to_string(r.severity), r.summary);
  return 0;
}

int explain(const std::string& id) {
  const lint::Rule* r = lint::find_rule(id);
  if (!r) {
    std::vector<std::string> ids;
    for (const auto& x : lint::catalogue()) ids.emplace_back(x.id);
    throw UsageError(fmt::format("unknown rule \"{}\"{}", id, util::did_you_mean(id, ids)), "migrate lint --list-rules");
  }
  fmt::print("{} ({})\n{}\n\n{}\n", r->id, lint::to_string(r->severity), r->summary, r->explain);
  return 0;
}

lint::Finding from_input_error(const InputError& e) {
  return {"parse-error", lint::Severity::error, e.where(), "expand", false, e.bare_message(), e.hint(), {}};
}

// Sections in the text? Standard input may be a whole migration file or plain SQL.
bool has_sections(const std::string& text) {
  static const std::regex header(R"((^|\n)[ \t]*--[ \t]*migrate:(expand|migrate|contract|up)([ \t]+transaction:(true|false))?[ \t]*(\r?\n|$))");
  return std::regex_search(text, header);
}

// What lint reads is linted as it arrives (files in order, parsed a chunk at a time), so memory does
// not grow with the number of files.
struct Inputs {
  std::function<void(migration::Migration&&, bool sectionless)> lint;
  std::vector<InputError> errors;
  std::set<std::string> report_files; // empty with report_all: everything
  bool report_all = false;
  std::map<std::string, std::string> texts; // for stdin: its text, by shown path
};

void load(Inputs& in, const std::vector<migration::AppDir>& dirs) {
  auto loaded = migration::load_apps_partial(dirs, [&](migration::Migration&& m) { in.lint(std::move(m), false); });
  for (auto& e : loaded.errors) in.errors.push_back(std::move(e));
}

// The files a branch adds or changes since it left REF (git merge-base), with what is not committed
// yet and new files git does not ignore: absolute paths.
std::set<fs::path> changed_files(const std::string& ref) {
  auto git = [](std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    return util::capture(args);
  };
  auto top = git({"rev-parse", "--show-toplevel"});
  if (!top) throw UsageError("--changed-since needs a git checkout, and git", "run it inside the repository");
  auto base = git({"merge-base", ref, "HEAD"});
  if (!base) throw UsageError(fmt::format("--changed-since {}: git knows no such commit, or it shares no history with HEAD", ref),
                              "fetch it first (git fetch origin main), or give a commit or branch that exists here");
  const fs::path root(std::string(util::trim(*top)));
  std::set<fs::path> out;
  for (const auto& list : {git({"diff", "--name-only", "--diff-filter=ACMR", std::string(util::trim(*base))}),
                           git({"ls-files", "--others", "--exclude-standard", "--full-name", std::string(root)})}) {
    if (!list) throw UsageError("--changed-since: git could not list the changed files");
    for (auto line : util::split_lines(*list)) {
      if (!util::trim(line).empty()) out.insert((root / std::string(line)).lexically_normal());
    }
  }
  return out;
}

void gather(Inputs& in, const Options& o, const config::Config& cfg, const std::optional<std::string>& app) {
  if (o.changed_since) {
    if (!o.paths.empty()) throw UsageError("--changed-since lints the apps' changed files: give no paths with it");
    auto dirs = cfg.app_dirs(app);
    if (dirs.empty()) throw UsageError("no apps: nothing to lint", "declare [apps.NAME] in migrate.toml or create migrations/NAME/");
    const auto changed = changed_files(*o.changed_since);
    // Every file is replayed for context; only the changed ones are reported.
    auto lint = in.lint;
    in.lint = [&, lint](migration::Migration&& m, bool sectionless) {
      std::error_code ec;
      if (changed.count(fs::weakly_canonical(fs::absolute(cfg.base / m.path), ec)) ||
          changed.count(fs::weakly_canonical(fs::absolute(m.path), ec))) {
        in.report_files.insert(m.path);
      }
      lint(std::move(m), sectionless);
    };
    load(in, dirs);
    log::info("--changed-since {}: {} of the apps' files changed", *o.changed_since, in.report_files.size());
    return;
  }
  if (o.paths.empty()) {
    auto dirs = cfg.app_dirs(app);
    if (dirs.empty()) throw UsageError("no apps and no paths: nothing to lint", "migrate lint PATH..., or declare [apps.NAME] in migrate.toml");
    load(in, dirs);
    in.report_all = true;
    return;
  }
  std::set<std::string> whole_apps;
  for (const auto& p : o.paths) {
    if (p == "-") {
      if (app) (void)cfg.app(*app); // an unknown name is a usage error, as for every other command
      std::string text = util::read_stream(STDIN_FILENO, kStdin); // SIGINT/SIGTERM end the wait: exit 130
      if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);         // a byte order mark, as in files
      in.texts[kStdin] = text;
      in.report_files.insert(kStdin);
      try {
        // One statement that does not parse is reported, and the others are still linted.
        migration::ParseOptions recover = migration::default_parse_options();
        recover.recover = true;
        auto m = has_sections(text) ? migration::parse_migration(text, kStdin, app.value_or(""), {"0", "stdin"}, recover)
                                    : lint::parse_sectionless(text, kStdin, *migration::phase_from(o.phase), app.value_or(""), recover);
        for (auto& e : m.skipped) in.errors.push_back(std::move(e));
        m.skipped.clear();
        in.lint(std::move(m), !has_sections(text));
      } catch (const InputError& e) {
        in.errors.push_back(e);
      }
      continue;
    }
    std::error_code ec;
    fs::path path(p);
    if (fs::is_directory(path, ec)) {
      std::string name = fs::absolute(path).lexically_normal().filename().string();
      if (name.empty()) name = fs::absolute(path).lexically_normal().parent_path().filename().string();
      load(in, {{name, path, p}});
      in.report_all = true; // a directory: everything in it is reported
      continue;
    }
    if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) throw UsageError(fmt::format("{}: no such file or directory", p));
    // A FIFO, a device, a symbolic link loop: found without opening it, reported with the other errors.
    if (auto why = util::not_a_regular_file(path)) {
      in.report_files.insert(p);
      in.errors.emplace_back(Location{p, 0, 0}, "cannot lint it: " + *why);
      continue;
    }
    // A file of a configured app: replay the app's earlier files for context, report only this one.
    const config::App* owner = nullptr;
    for (const auto& a : cfg.apps) {
      if (fs::equivalent(a.dir, path.parent_path().empty() ? fs::path(".") : path.parent_path(), ec)) owner = &a;
    }
    if (owner) {
      if (!whole_apps.count(owner->name)) {
        whole_apps.insert(owner->name);
        load(in, {{owner->name, owner->dir, owner->dir_shown}});
      }
      in.report_files.insert((fs::path(owner->dir_shown) / path.filename()).string());
      continue;
    }
    std::string why;
    auto name = migration::parse_file_name(path.filename().string(), &why);
    in.report_files.insert(p);
    if (!name) {
      in.errors.emplace_back(Location{p, 1, 1}, "bad migration file name: " + why);
      continue;
    }
    try {
      in.lint(migration::parse_migration(migration::read_file(path, p), p, "files", *name), false);
    } catch (const InputError& e) {
      in.errors.push_back(e);
    }
  }
}

int run_lint(const Options& o, const Globals& g) {
  if (o.list_rules) return list_rules();
  if (o.explain) return explain(*o.explain);
  config::Overrides extra;
  if (o.pg_version) extra.flags["defaults.pg_version"] = {*o.pg_version, "--pg-version"};
  config::Config cfg = g.load_config(extra);
  lint::Options options = lint_options(cfg);
  // With a database: the real catalog for what replay cannot know, and the server's version unless
  // --pg-version says otherwise. Without one, lint works offline.
  lint::Catalog start;
  std::optional<db::Connection> live;
  if (g.database) {
    live = db::open(*g.database, g.db_wait(), cfg.server_bin());
    start = lint::read_live_catalog(*live->session);
    const int major = live->session->version().lint_version();
    if (!o.pg_version) options.pg_version = major;
    log::debug("lint: live catalog of {}, PostgreSQL {}", live->description, major);
  }
  migration::ParseOptions parse = migration::default_parse_options();
  parse.newer_grammar = options.pg_version > 15;
  migration::set_default_parse_options(parse);
  lint::Engine engine(options, std::move(start));
  Inputs in;
  std::set<std::string> linted;
  in.lint = [&](migration::Migration&& m, bool sectionless) {
    linted.insert(m.path);
    for (const auto& n : m.notes) log::info("{}:{}: note: {}", n.where.file, n.where.line, n.message);
    engine.lint(m, sectionless);
  };
  gather(in, o, cfg, g.app);
  lint::Result result = std::move(engine.result());
  // Only the files asked about are reported; the others were replayed for context.
  if (!in.report_all) {
    std::erase_if(result.findings, [&](const lint::Finding& f) { return !in.report_files.count(f.where.file); });
  }
  // A file that did not parse was read all the same: the summary counts it (its statements are not known).
  std::set<std::string> bad_files;
  for (const auto& e : in.errors) {
    result.findings.push_back(from_input_error(e));
    if (!e.where().file.empty() && !linted.count(e.where().file)) bad_files.insert(e.where().file);
  }
  result.files += bad_files.size();
  std::stable_sort(result.findings.begin(), result.findings.end(), [](const lint::Finding& a, const lint::Finding& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
  });
  // The source line of each finding, for the caret display and SARIF fingerprints; each file is read
  // and indexed once, however many findings it has.
  struct FileText {
    std::string text;
    std::optional<util::LineIndex> lines;
  };
  std::map<std::string, FileText> files;
  for (auto& [name, text] : in.texts) files[name].text = std::move(text);
  for (auto& f : result.findings) {
    if (f.where.line <= 0) continue;
    auto it = files.find(f.where.file);
    if (it == files.end()) {
      FileText ft;
      std::error_code ec;
      for (const fs::path& path : {cfg.base / f.where.file, fs::path(f.where.file)}) {
        if (!fs::is_regular_file(path, ec)) continue;
        try {
          ft.text = migration::read_file(path, f.where.file);
          if (ft.text.starts_with("\xEF\xBB\xBF")) ft.text.erase(0, 3); // as the parser reads it
        } catch (const InputError&) {
        }
        break;
      }
      it = files.emplace(f.where.file, std::move(ft)).first;
    }
    if (it->second.text.empty()) continue;
    if (!it->second.lines) it->second.lines.emplace(it->second.text);
    f.source_line = lint::source_line(it->second.text, *it->second.lines, f.where.line);
  }

  if (o.format == "json") fmt::print("{}\n", util::json_document(lint::to_json(result)));
  else if (o.format == "sarif") fmt::print("{}\n", util::json_document(lint::to_sarif(result)));
  else if (o.format == "github") fmt::print("{}", lint::to_github(result));
  else if (o.format == "gitlab") fmt::print("{}\n", util::json_document(lint::to_gitlab(result)));
  else if (o.format == "gcc") fmt::print("{}", lint::to_gcc(result));
  else fmt::print("{}", lint::to_text(result, util::color_stdout()));

  if (!in.errors.empty()) return static_cast<int>(Exit::input);
  return result.has_errors() ? static_cast<int>(Exit::findings) : 0;
}

} // namespace

Command cmd_lint() {
  return {"lint", "Find locking hazards in migration files (no database needed)",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("paths", o->paths, "Files or directories to lint; - reads standard input (default: every app)");
            sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "gcc"}));
            sub.add_option("--pg-version", o->pg_version, "PostgreSQL major version the SQL will run on (11 to 18)");
            sub.add_option("--phase", o->phase, "Phase of standard input without section headers")
                ->check(CLI::IsMember({"expand", "migrate", "contract"}));
            sub.add_flag("--list-rules", o->list_rules, "List every rule with its severity and summary");
            sub.add_option("--explain", o->explain, "Explain a rule: the problem, why, and the safe recipe");
            sub.add_option("--changed-since", o->changed_since,
                           "Report only the files added or changed since this git commit or branch (the others are replayed)");
            sub.add_option("--app", g.app, "Only this app; with -, the app whose SQL standard input is (for cross-app-ownership)");
            return [o, &g] { return run_lint(*o, g); };
          }};
}

} // namespace migrate::cli
