#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "config/config.hpp"
#include "db/conninfo.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace migrate::config {

namespace fs = std::filesystem;

std::string_view to_string(Source source) {
  switch (source) {
  case Source::fallback: return "default";
  case Source::file: return "file";
  case Source::environment: return "environment";
  case Source::flag: return "flag";
  }
  return "default";
}

std::string Origin::str() const {
  if (detail.empty()) return std::string(to_string(source));
  return fmt::format("{} {}", to_string(source), detail);
}

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::optional<std::string> normalise(Kind kind, std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::string> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  switch (kind) {
  case Kind::url: {
    // Read by libpq now, so that a URL it cannot read is an input error naming where it came from;
    // the reason quotes none of it (it may hold a password).
    std::string url(util::trim(text));
    if (url.empty() || url == kEphemeral) return url;
    if (auto problem = db::conninfo_problem(url)) return fail(fmt::format("libpq cannot read this connection string: {}", *problem));
    return url;
  }
  case Kind::text:
    return std::string(util::trim(text));
  case Kind::phases: {
    auto t = util::to_lower(util::trim(text));
    std::erase(t, ' ');
    if (t == "all" || t == "expand,migrate,contract") return "all";
    if (t == "expand,migrate") return "expand,migrate";
    return fail(fmt::format("\"{}\" is not \"expand,migrate\" or \"all\"", text));
  }
  case Kind::identifier:
    if (text.empty()) return fail("must not be empty");
    if (text.size() > 63) return fail("is longer than PostgreSQL's 63-byte identifier limit");
    if (text.find('\0') != std::string_view::npos) return fail("must not contain a NUL byte");
    return std::string(text);
  case Kind::duration: {
    auto d = util::parse_duration(text, why);
    if (!d) return std::nullopt;
    return util::format_duration(*d);
  }
  case Kind::count: {
    int n = -1;
    auto t = util::trim(text);
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec == std::errc::result_out_of_range && ptr == t.data() + t.size() && !t.starts_with("-")) {
      return fail(fmt::format("{} is too large: at most {}", t, std::numeric_limits<int>::max()));
    }
    if (ec != std::errc() || ptr != t.data() + t.size() || n < 0) {
      return fail(fmt::format("\"{}\" is not a whole number of 0 or more", text));
    }
    return std::to_string(n);
  }
  case Kind::pg_version: {
    // "15", "15.0" and "15.4" all mean major version 15.
    auto t = util::trim(text);
    int major = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), major);
    bool rest_ok = ptr == t.data() + t.size() ||
                   (*ptr == '.' && std::all_of(ptr + 1, t.data() + t.size(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
                    ptr + 1 != t.data() + t.size());
    if (ec != std::errc() || !rest_ok) return fail(fmt::format("\"{}\" is not a PostgreSQL version", text));
    if (major < 11 || major > 18) return fail(fmt::format("PostgreSQL {} is not supported (11 to 18 are)", major));
    return std::to_string(major);
  }
  case Kind::bytes: {
    auto t = util::to_lower(util::trim(text));
    if (t == "off" || t == "none") return "off";
    auto n = util::parse_size(text, why);
    if (!n) return std::nullopt;
    return *n == 0 ? "off" : util::format_size(*n);
  }
  case Kind::boolean: {
    auto t = util::to_lower(util::trim(text));
    if (t == "true" || t == "1" || t == "yes" || t == "on") return "true";
    if (t == "false" || t == "0" || t == "no" || t == "off") return "false";
    return fail(fmt::format("\"{}\" is not true or false", text));
  }
  }
  return fail("unknown kind");
}

namespace {

const Key* find_key(std::string_view name) {
  for (const auto& k : keys()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

bool valid_placeholder_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

class FileReader {
public:
  FileReader(Config& cfg, std::string shown) : cfg_(cfg), shown_(std::move(shown)) {}

  void read(const fs::path& path) {
    // Read here, not by toml++: a configuration file that is a FIFO or a device must not hang.
    std::string why;
    auto text = util::read_regular_file(path, &why);
    if (!text) throw InputError(Location{shown_, 0, 0}, "cannot read the configuration file: " + why);
    toml::table root;
    try {
      root = toml::parse(*text, path.string());
    } catch (const toml::parse_error& e) {
      throw InputError(Location{shown_, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
                       std::string(e.description()));
    }
    static constexpr std::array<std::string_view, 9> kTables = {"database", "ledger", "defaults", "backfill", "ephemeral", "verify", "apps", "lint",
                                                                "placeholders"};
    for (auto&& [key, node] : root) {
      std::string name(key.str());
      if (std::find(kTables.begin(), kTables.end(), name) == kTables.end()) {
        error(key.source(), fmt::format("unknown section [{}]{}", name, util::did_you_mean(name, kTables)));
        continue;
      }
      if (!node.is_table()) {
        error(node.source(), fmt::format("{} must be a table: [{}]", name, name));
        continue;
      }
      if (name == "apps") {
        read_apps(*node.as_table());
      } else if (name == "lint") {
        read_lint(*node.as_table());
      } else if (name == "placeholders") {
        read_placeholders(*node.as_table());
      } else {
        read_table(name, *node.as_table());
      }
    }
    if (!errors_.empty()) throw InputErrors(std::move(errors_));
  }

private:
  Location at(const toml::source_region& r) const {
    return {shown_, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
  }
  std::string line_of(const toml::source_region& r) const { return fmt::format("{}:{}", shown_, r.begin.line); }
  void error(const toml::source_region& r, std::string message, std::string hint = {}) {
    errors_.emplace_back(at(r), std::move(message), std::move(hint));
  }

  void read_table(const std::string& table, const toml::table& t) {
    std::vector<std::string> known;
    for (const auto& k : keys()) {
      if (k.name.starts_with(table + ".")) known.emplace_back(k.name.substr(table.size() + 1));
    }
    for (auto&& [key, node] : t) {
      std::string full = table + "." + std::string(key.str());
      const Key* spec = find_key(full);
      if (!spec) {
        error(key.source(), fmt::format("unknown key {}{}", full, util::did_you_mean(key.str(), known)),
              fmt::format("[{}] takes {}", table, fmt::join(known, ", ")));
        continue;
      }
      auto text = scalar_text(*spec, node);
      if (!text) continue;
      std::string why;
      auto value = normalise(spec->kind, *text, &why);
      if (!value) {
        error(node.source(), fmt::format("{}: {}", full, why));
        continue;
      }
      cfg_.settings[full] = Setting{*value, Origin{Source::file, line_of(node.source()), at(node.source())}};
    }
  }

  // A TOML value as text for normalise(); integers are accepted where a number or duration fits.
  std::optional<std::string> scalar_text(const Key& spec, const toml::node& node) {
    if (auto s = node.as_string()) return s->get();
    if (auto i = node.as_integer(); i && spec.kind != Kind::url && spec.kind != Kind::identifier && spec.kind != Kind::boolean && spec.kind != Kind::text) {
      return std::to_string(i->get());
    }
    if (auto f = node.as_floating_point(); f && spec.kind == Kind::pg_version) {
      double v = f->get();
      if (v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
      return fmt::format("{}", v);
    }
    if (auto b = node.as_boolean(); b && spec.kind == Kind::boolean) return b->get() ? "true" : "false";
    static constexpr auto expected = [](Kind k) {
      switch (k) {
      case Kind::count: return "a whole number";
      case Kind::pg_version: return "a version number such as 15";
      case Kind::boolean: return "true or false";
      case Kind::duration: return "a duration string such as \"2s\"";
      case Kind::bytes: return "a size such as \"64MB\" (or a whole number of bytes)";
      default: return "a string";
      }
    };
    error(node.source(), fmt::format("{} must be {}", spec.name, expected(spec.kind)));
    return std::nullopt;
  }

  void read_lint(const toml::table& lint) {
    for (auto&& [key, node] : lint) {
      if (key.str() == "disable") {
        const auto* arr = node.as_array();
        if (!arr) {
          error(node.source(), "lint.disable must be a list of rule ids, like [\"prefer-text\"]");
          continue;
        }
        for (const auto& item : *arr) {
          if (auto s = item.as_string()) {
            cfg_.lint_rules.push_back({s->get(), "off", at(item.source())});
          } else {
            error(item.source(), "lint.disable holds rule ids as strings");
          }
        }
      } else if (key.str() == "severity") {
        const auto* t = node.as_table();
        if (!t) {
          error(node.source(), "lint.severity must be a table: [lint.severity] then rule-id = \"warning\"");
          continue;
        }
        for (auto&& [rule, value] : *t) {
          auto s = value.as_string();
          if (!s || (s->get() != "error" && s->get() != "warning")) {
            error(value.source(), fmt::format("lint.severity.{} must be \"error\" or \"warning\"", rule.str()));
            continue;
          }
          cfg_.lint_rules.push_back({std::string(rule.str()), s->get(), at(rule.source())});
        }
      } else {
        static constexpr std::array<std::string_view, 2> kLintKeys = {"disable", "severity"};
        error(key.source(), fmt::format("unknown key lint.{}{}", key.str(), util::did_you_mean(key.str(), kLintKeys)),
              "[lint] takes disable and severity");
      }
    }
  }

  // [placeholders] NAME = "value": names as ${NAME} allows them; values on one line, so that the lines
  // of a file stay where they were written.
  void read_placeholders(const toml::table& t) {
    for (auto&& [key, node] : t) {
      const std::string name(key.str());
      if (!valid_placeholder_name(name)) {
        error(key.source(), fmt::format("placeholders.{}: a placeholder's name is letters, digits and _, not starting with a digit", name));
        continue;
      }
      std::string value;
      if (auto s = node.as_string()) {
        value = s->get();
      } else if (auto i = node.as_integer()) {
        value = std::to_string(i->get());
      } else {
        error(node.source(), fmt::format("placeholders.{} must be a string", name));
        continue;
      }
      if (value.find_first_of("\r\n") != std::string::npos) {
        error(node.source(), fmt::format("placeholders.{}: a value is one line", name));
        continue;
      }
      cfg_.placeholders[name] = Setting{value, Origin{Source::file, line_of(node.source()), at(node.source())}};
    }
  }

  void read_apps(const toml::table& apps) {
    cfg_.apps_origin = Origin{Source::file, line_of(apps.source()), at(apps.source())};
    for (auto&& [key, node] : apps) {
      std::string name(key.str());
      bool good_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
      });
      if (!good_name) {
        error(key.source(), fmt::format("app name \"{}\" may only use letters, digits, _ and -", name));
        continue;
      }
      const auto* t = node.as_table();
      if (!t) {
        error(node.source(), fmt::format("apps.{} must be a table: [apps.{}]", name, name));
        continue;
      }
      App app{name, "migrations/" + name, {}, {}, Origin{Source::file, line_of(key.source()), at(key.source())}};
      static constexpr std::array<std::string_view, 2> kAppKeys = {"dir", "owns"};
      for (auto&& [k, v] : *t) {
        if (k.str() == "dir") {
          if (auto s = v.as_string(); s && !s->get().empty()) {
            app.dir_shown = s->get();
            app.origin.where = at(v.source());
          } else {
            error(v.source(), fmt::format("apps.{}.dir must be a non-empty string", name));
          }
        } else if (k.str() == "owns") {
          const auto* arr = v.as_array();
          if (!arr) {
            error(v.source(), fmt::format("apps.{}.owns must be a list of patterns such as [\"public.orders\"]", name));
            continue;
          }
          for (const auto& item : *arr) {
            if (auto s = item.as_string(); s && !s->get().empty()) {
              app.owns.push_back(s->get());
            } else {
              error(item.source(), fmt::format("apps.{}.owns holds patterns as strings, like \"public.api_*\"", name));
            }
          }
        } else {
          error(k.source(), fmt::format("unknown key apps.{}.{}{}", name, k.str(), util::did_you_mean(k.str(), kAppKeys)),
                "[apps.NAME] takes dir and owns");
        }
      }
      cfg_.apps.push_back(std::move(app));
    }
    check_overlaps();
  }

  // Two apps on one directory would both apply its files, and a directory inside another app's leaves
  // it unclear whose a file is: both are errors, found after ./, .., a trailing / and (where the
  // directory exists) symbolic links are resolved.
  void check_overlaps() {
    std::vector<std::vector<std::string>> dirs;
    for (const auto& a : cfg_.apps) {
      std::error_code ec;
      fs::path p = fs::weakly_canonical(cfg_.base / a.dir_shown, ec);
      if (ec) p = (cfg_.base / a.dir_shown).lexically_normal();
      std::vector<std::string> parts;
      for (const auto& part : p) {
        if (!part.empty() && part != ".") parts.push_back(part.string());
      }
      dirs.push_back(std::move(parts));
    }
    auto within = [](const std::vector<std::string>& inner, const std::vector<std::string>& outer) {
      return inner.size() >= outer.size() && std::equal(outer.begin(), outer.end(), inner.begin());
    };
    // In the order of the file (toml++ keeps a table's keys sorted): a later app is the one reported.
    std::vector<std::size_t> order(cfg_.apps.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return cfg_.apps[x].origin.where.line < cfg_.apps[y].origin.where.line;
    });
    for (std::size_t jj = 1; jj < order.size(); ++jj) {
      for (std::size_t ii = 0; ii < jj; ++ii) {
        const std::size_t i = order[ii];
        const std::size_t j = order[jj];
        const App& a = cfg_.apps[i];
        const App& b = cfg_.apps[j];
        const char* how = dirs[i] == dirs[j]         ? "is the same directory as"
                          : within(dirs[j], dirs[i]) ? "is inside"
                          : within(dirs[i], dirs[j]) ? "contains"
                                                     : nullptr;
        if (!how) continue;
        errors_.emplace_back(b.origin.where,
                             fmt::format("apps.{}: dir \"{}\" {} apps.{}'s dir \"{}\" ({}:{})", b.name, b.dir_shown, how, a.name,
                                         a.dir_shown, a.origin.where.file, a.origin.where.line),
                             "give each app a directory of its own, outside the others'");
        break;
      }
    }
  }

  Config& cfg_;
  std::string shown_;
  std::vector<InputError> errors_;
};

// The nearest migrate.toml; one that is there but is no regular file (a FIFO, a directory, a dangling
// link) is an error, not skipped for a parent's.
std::optional<fs::path> find_config(const fs::path& cwd) {
  std::error_code ec;
  for (fs::path dir = cwd;; dir = dir.parent_path()) {
    fs::path candidate = dir / "migrate.toml";
    const auto type = fs::symlink_status(candidate, ec).type();
    if (!ec && type != fs::file_type::not_found && type != fs::file_type::none) {
      if (auto why = util::not_a_regular_file(candidate)) {
        throw InputError(Location{candidate.string(), 0, 0}, "cannot read the configuration file: " + *why);
      }
      return candidate;
    }
    if (dir == dir.parent_path() || dir.empty()) return std::nullopt;
  }
}

// Without [apps]: every directory under migrations/ is an app; *.sql directly in it form app "default".
void default_apps(Config& cfg) {
  std::error_code ec;
  fs::path root = cfg.base / "migrations";
  if (!fs::is_directory(root, ec)) return;
  std::vector<std::string> names;
  bool loose_files = false;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    auto name = entry.path().filename().string();
    if (entry.is_directory() && !name.starts_with(".")) names.push_back(name);
    if (entry.path().extension() == ".sql") loose_files = true;
  }
  std::sort(names.begin(), names.end());
  if (loose_files) cfg.apps.push_back(App{"default", "migrations", {}, {}, {}});
  for (auto& n : names) cfg.apps.push_back(App{n, "migrations/" + n, {}, {}, {}});
  cfg.apps_origin = Origin{Source::fallback, "(directories under migrations/)", {}};
}

// [backfill] min_batch and max_batch, together (wherever each came from): a batch is 1 row or more, the
// smallest no larger than the largest; batch=auto doubles a batch size, an int, so the largest is half
// of INT_MAX.
constexpr int kMaxBatch = std::numeric_limits<int>::max() / 2;

void check_batches(const Config& cfg, std::vector<InputError>& errors) {
  auto place = [](const Setting& s) { return s.origin.source == Source::file ? s.origin.where : Location{}; };
  auto named = [](std::string_view key, const Setting& s) {
    return s.origin.source == Source::environment ? fmt::format("environment variable {}", s.origin.detail) : std::string(key);
  };
  bool good = true;
  for (std::string_view key : {"backfill.min_batch", "backfill.max_batch"}) {
    const Setting& s = cfg.get(key);
    const int n = std::stoi(s.value);
    if (n < 1) {
      errors.emplace_back(place(s), fmt::format("{}: a batch is at least 1 row, not {}", named(key, s), n));
      good = false;
    } else if (n > kMaxBatch) {
      errors.emplace_back(place(s), fmt::format("{}: {} is too large: at most {} (batch=auto doubles a batch size, which must stay "
                                                "a 32-bit integer)",
                                                named(key, s), n, kMaxBatch));
      good = false;
    }
  }
  const Setting& min = cfg.get("backfill.min_batch");
  const Setting& max = cfg.get("backfill.max_batch");
  if (good && std::stoi(min.value) > std::stoi(max.value)) {
    errors.emplace_back(min.origin.source == Source::file ? place(min) : place(max),
                        fmt::format("backfill.min_batch = {} ({}) is larger than backfill.max_batch = {} ({})", min.value,
                                    min.origin.str(), max.value, max.origin.str()),
                        "the smallest batch of batch=auto cannot be larger than its largest");
  }
}

} // namespace

const Setting& Config::get(std::string_view key) const {
  auto it = settings.find(key);
  if (it == settings.end()) throw Error(Exit::input, fmt::format("internal: no setting {}", key));
  return it->second;
}

std::optional<Setting> Config::placeholder(std::string_view name) const {
  if (env) {
    for (const std::string& var : {"MIGRATE_PLACEHOLDER_" + util::to_upper(name), "MIGRATE_PLACEHOLDER_" + std::string(name)}) {
      if (auto v = env(var)) {
        if (v->find_first_of("\r\n") != std::string::npos) {
          throw UsageError(fmt::format("environment variable {}: a placeholder's value is one line", var));
        }
        return Setting{*v, Origin{Source::environment, var, {}}};
      }
    }
  }
  if (auto it = placeholders.find(name); it != placeholders.end()) return it->second;
  return std::nullopt;
}

std::string Config::database_url() const { return get("database.url").value; }
bool Config::uses_migration_url() const {
  return !get("database.migration_url").value.empty() && get("database.url").origin.source != Source::flag;
}
std::string Config::migration_url() const { return get(uses_migration_url() ? "database.migration_url" : "database.url").value; }
std::string Config::ledger_schema() const { return get("ledger.schema").value; }
util::Duration Config::lock_timeout() const { return *util::parse_duration(get("defaults.lock_timeout").value); }
int Config::lock_retries() const { return std::stoi(get("defaults.lock_retries").value); }
util::Duration Config::statement_timeout() const { return *util::parse_duration(get("defaults.statement_timeout").value); }
std::string Config::server_bin() const {
  const Setting& s = get("ephemeral.bin_dir");
  if (s.value.empty() || s.origin.source != Source::file || std::filesystem::path(s.value).is_absolute()) return s.value;
  return (base / s.value).string();
}

int Config::pg_version() const { return std::stoi(get("defaults.pg_version").value); }
int Config::count(std::string_view key) const { return std::stoi(get(key).value); }
util::Duration Config::duration(std::string_view key) const { return *util::parse_duration(get(key).value); }
std::int64_t Config::bytes(std::string_view key) const {
  const auto& v = get(key).value;
  return v == "off" ? 0 : *util::parse_size(v);
}
util::Duration Config::ledger_wait() const { return *util::parse_duration(get("ledger.wait").value); }
bool Config::allow_out_of_order() const { return get("defaults.allow_out_of_order").value == "true"; }
bool Config::apply_all_phases() const { return get("defaults.phases").value == "all"; }

const App& Config::app(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& a : apps) {
    if (a.name == name) return a;
    names.push_back(a.name);
  }
  if (names.empty()) {
    throw UsageError(fmt::format("unknown app \"{}\": no apps are configured", name),
                     "declare [apps.NAME] with dir = \"...\" in migrate.toml, or create migrations/NAME/");
  }
  throw UsageError(fmt::format("unknown app \"{}\"{}", name, util::did_you_mean(name, names)),
                   fmt::format("apps: {}", fmt::join(names, ", ")));
}

std::vector<migration::AppDir> Config::app_dirs(const std::optional<std::string>& only) const {
  std::vector<migration::AppDir> out;
  if (only) {
    const App& a = app(*only);
    out.push_back({a.name, a.dir, a.dir_shown});
    return out;
  }
  for (const auto& a : apps) out.push_back({a.name, a.dir, a.dir_shown});
  return out;
}

Config load(const Overrides& overrides, const EnvLookup& env, const fs::path& cwd) {
  Config cfg;
  cfg.base = cwd;
  cfg.env = env;
  for (const auto& k : keys()) cfg.settings[std::string(k.name)] = Setting{std::string(k.fallback), {}};

  std::optional<fs::path> path = overrides.config_file;
  if (path) {
    if (path->is_relative()) path = cwd / *path;
    std::error_code ec;
    if (fs::symlink_status(*path, ec).type() == fs::file_type::not_found) {
      throw InputError(Location{overrides.config_file->string(), 0, 0}, "configuration file not found");
    }
    // Checked without opening it: a FIFO or a device would hang the read.
    if (auto why = util::not_a_regular_file(*path)) {
      throw InputError(Location{overrides.config_file->string(), 0, 0}, "cannot read the configuration file: " + *why);
    }
  } else {
    path = find_config(cwd);
  }
  if (path) {
    cfg.file = path->lexically_normal();
    cfg.base = cfg.file->parent_path();
    std::string shown = fs::path(path->lexically_normal()).lexically_relative(cwd).string();
    if (shown.empty() || shown.starts_with("../../..")) shown = cfg.file->string();
    FileReader(cfg, shown).read(*cfg.file);
  }
  if (cfg.apps.empty()) default_apps(cfg);
  for (auto& app : cfg.apps) app.dir = (cfg.base / app.dir_shown).lexically_normal();

  std::vector<InputError> errors;
  for (const auto& k : keys()) {
    for (auto name : k.env) {
      if (name.empty()) continue;
      auto v = env(name);
      if (!v || v->empty()) continue;
      std::string why;
      auto value = normalise(k.kind, *v, &why);
      if (!value) {
        errors.emplace_back(Location{}, fmt::format("environment variable {}: {}", name, why));
        break;
      }
      cfg.settings[std::string(k.name)] = Setting{*value, Origin{Source::environment, std::string(name), {}}};
      break;
    }
    if (auto it = overrides.flags.find(k.name); it != overrides.flags.end()) {
      std::string why;
      auto value = normalise(k.kind, it->second.first, &why);
      if (!value) {
        throw UsageError(fmt::format("{}: {}", it->second.second, why));
      }
      cfg.settings[std::string(k.name)] = Setting{*value, Origin{Source::flag, it->second.second, {}}};
    }
  }
  check_batches(cfg, errors);
  if (!errors.empty()) throw InputErrors(std::move(errors));

  db::register_password(cfg.database_url());
  db::register_password(cfg.get("database.migration_url").value);
  if (auto pw = env("PGPASSWORD")) util::register_secret(*pw);
  return cfg;
}

std::vector<std::pair<std::string, std::string>> libpq_environment(const EnvLookup& env) {
  static constexpr std::string_view kVars[] = {"PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER",
                                               "PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGSSLMODE",
                                               "PGSSLROOTCERT", "PGAPPNAME", "PGCONNECT_TIMEOUT"};
  std::vector<std::pair<std::string, std::string>> out;
  for (auto name : kVars) {
    if (auto v = env(name)) out.emplace_back(std::string(name), name == "PGPASSWORD" ? "***" : *v);
  }
  return out;
}

} // namespace migrate::config
