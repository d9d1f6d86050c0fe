// migrate new NAME [--app A]: a new file with the three section headers and a UTC timestamp version.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/recipes.hpp"
#include "migration/filename.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace migrate::cli {

namespace {

namespace fs = std::filesystem;

std::string normalised_name(const std::string& raw) {
  std::string name;
  for (char c : util::trim(raw)) {
    if (c == ' ' || c == '-') {
      name.push_back('_');
    } else {
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (!migration::valid_name(name)) {
    throw UsageError(fmt::format("migration name \"{}\" may only use letters, digits, _, - and spaces", raw),
                     "for example: migrate new add_email_verified");
  }
  return name;
}

// The UTC timestamp, or one past the newest version already there, whichever is larger.
std::string next_version(const fs::path& dir) {
  std::string version = fmt::format("{:%Y%m%d%H%M%S}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto parsed = migration::parse_file_name(entry.path().filename().string());
    if (parsed && migration::compare_versions(parsed->version, version) >= 0) {
      // Add one to a decimal string of any length.
      std::string v = parsed->version;
      int i = static_cast<int>(v.size()) - 1;
      while (i >= 0 && v[static_cast<std::size_t>(i)] == '9') v[static_cast<std::size_t>(i--)] = '0';
      if (i < 0) v.insert(v.begin(), '1');
      else ++v[static_cast<std::size_t>(i)];
      version = v;
    }
  }
  return version;
}

constexpr std::string_view kTemplate = R"(-- {name}
--
-- The expand phase: additive changes that old and new application code both work with (new tables, nullable
-- columns, indexes CONCURRENTLY, constraints NOT VALID). Runs before the deploy.
-- migrate:expand

-- migrate:rollback

-- The migrate phase: data changes while both versions run (backfills, VALIDATE CONSTRAINT).
-- migrate:migrate

-- migrate:rollback

-- The contract phase: removals once no running code uses the old shape. Runs after the deploy.
-- migrate:contract

-- migrate:rollback

)";

} // namespace

AppTarget app_target(const Globals& g, const config::Config& cfg, const char* usage) {
  AppTarget t;
  if (!g.app && cfg.apps.size() == 1) {
    t.app = cfg.apps.front().name;
    t.dir = cfg.apps.front().dir;
    t.shown = cfg.apps.front().dir_shown;
  } else if (!g.app) {
    std::vector<std::string> names;
    for (const auto& a : cfg.apps) names.push_back(a.name);
    throw UsageError(cfg.apps.empty() ? "no apps yet: say which app the migration is for"
                                      : fmt::format("which app? there are {}: {}", names.size(), fmt::join(names, ", ")),
                     usage);
  } else if (cfg.apps_origin.source == config::Source::file) {
    const auto& a = cfg.app(*g.app); // configured apps only
    t.app = a.name;
    t.dir = a.dir;
    t.shown = a.dir_shown;
  } else {
    // No [apps] in a file: an app is a directory under migrations/, made on first use.
    t.app = *g.app;
    t.shown = "migrations/" + *g.app;
    t.dir = cfg.base / t.shown;
    if (!migration::valid_name(util::to_lower(*g.app))) throw UsageError(fmt::format("app name \"{}\" is not a directory name", *g.app));
  }
  return t;
}

Command cmd_new() {
  return {"new", "Write a new migration file with expand, migrate and contract sections",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto name = std::make_shared<std::string>();
            auto recipe = std::make_shared<RecipeArgs>();
            sub.add_option("name", *name, "What the migration does, e.g. add_email_verified")->required();
            sub.add_option("--app", g.app, "The app whose directory gets the file");
            sub.add_option("--recipe", recipe->recipe, "Write the whole migration for a change teams get wrong")
                ->check(CLI::IsMember(recipe_names()));
            sub.add_option("--table", recipe->table, "The recipe's table ([schema.]name)");
            sub.add_option("--column", recipe->column, "The recipe's column");
            sub.add_option("--type", recipe->type, "add-column, rename-column, change-type: the new column's type");
            sub.add_option("--from", recipe->from, "add-column: its value, from the columns the old release writes");
            sub.add_option("--default", recipe->default_, "add-column: a default, set in contract");
            sub.add_option("--replaces", recipe->replaces, "add-column: the old column contract drops");
            sub.add_option("--references", recipe->references, "add-foreign-key: TABLE(COLUMN)");
            sub.add_option("--to", recipe->to, "rename-column, change-type: the new column");
            sub.add_option("--using", recipe->using_, "change-type: the new value from the old column (default: a cast)");
            sub.add_option("--back", recipe->back, "change-type: the old value from the new column (default: the new column)");
            sub.add_option("--key", recipe->key, "The backfill's key (default id)");
            return [name, recipe, &g] {
              const bool any_recipe_option = !recipe->table.empty() || !recipe->column.empty() || recipe->type || recipe->from ||
                                             recipe->default_ || recipe->replaces || recipe->references || recipe->to || recipe->using_ || recipe->back;
              if (recipe->recipe.empty() && any_recipe_option) {
                throw UsageError("--table, --column and the other recipe options need --recipe",
                                 fmt::format("the recipes are {}", fmt::join(recipe_names(), ", ")));
              }
              // The recipe first: a missing option writes nothing.
              const std::string recipe_body = recipe->recipe.empty() ? std::string() : recipe_text(*recipe);
              const std::string clean = normalised_name(*name);
              config::Config cfg = g.load_config();
              const AppTarget target = app_target(g, cfg, "migrate new NAME --app APP");
              const fs::path& dir = target.dir;
              const std::string& shown = target.shown;
              std::error_code ec;
              fs::create_directories(dir, ec);
              if (ec) throw UsageError(fmt::format("cannot create {}: {}", shown, ec.message()));
              for (;;) {
                std::string file = next_version(dir) + "_" + clean + ".sql";
                fs::path path = dir / file;
                int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
                if (fd < 0 && errno == EEXIST) continue; // another `migrate new` took this second
                if (fd < 0) throw UsageError(fmt::format("cannot create {}/{}: {}", shown, file, std::strerror(errno)));
                std::string body = recipe_body.empty() ? fmt::format(fmt::runtime(kTemplate), fmt::arg("name", clean))
                                                       : fmt::format("-- {}\n", clean) + recipe_body;
                bool ok = ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size());
                ::close(fd);
                if (!ok) throw UsageError(fmt::format("cannot write {}/{}", shown, file));
                fmt::print("{}\n", (fs::path(shown) / file).string());
                return 0;
              }
            };
          }};
}

} // namespace migrate::cli
