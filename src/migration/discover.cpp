#include "migration/discover.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "migration/filename.hpp"
#include "migration/parse.hpp"

namespace migrate::migration {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path, const std::string& shown) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Location{shown, 0, 0}, "cannot read the file");
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

namespace {

void load_into(const AppDir& app, std::vector<Migration>& out, std::vector<InputError>& errors,
               const std::function<void(Migration&&)>& each) {
  std::error_code ec;
  if (!fs::is_directory(app.dir, ec)) {
    errors.emplace_back(Location{app.shown_dir, 0, 0}, fmt::format("app {}: the migrations directory does not exist", app.name));
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(app.dir, ec)) {
    if (entry.path().extension() == ".sql" && !entry.is_directory()) files.push_back(entry.path());
  }
  if (ec) {
    errors.emplace_back(Location{app.shown_dir, 0, 0}, fmt::format("cannot list the directory: {}", ec.message()));
    return;
  }
  std::sort(files.begin(), files.end());
  struct Named {
    fs::path path;
    std::string shown;
    FileName name;
  };
  std::vector<Named> named;
  for (const auto& path : files) {
    std::string shown = (fs::path(app.shown_dir) / path.filename()).string();
    std::string why;
    if (auto name = parse_file_name(path.filename().string(), &why)) {
      named.push_back({path, shown, *name});
    } else {
      errors.emplace_back(Location{shown, 1, 1}, "bad migration file name: " + why,
                          "rename it like 20251107120000_add_email.sql");
    }
  }
  // Versions are checked from the names alone, so a file that fails to parse still holds its version.
  std::stable_sort(named.begin(), named.end(),
                   [](const Named& a, const Named& b) { return compare_versions(a.name.version, b.name.version) < 0; });
  for (std::size_t i = 1; i < named.size(); ++i) {
    if (compare_versions(named[i - 1].name.version, named[i].name.version) == 0) {
      errors.emplace_back(Location{named[i].shown, 1, 1},
                          fmt::format("duplicate version {} in app {}: {} has it too", named[i].name.version, app.name,
                                      named[i - 1].shown),
                          "give one of them a new version, e.g. with `migrate new`");
    }
  }
  // Parsing is most of the cost: spread the files over the cores, a chunk at a time, and hand the
  // results over in order.
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t chunk = each ? 64 * cores : named.size();
  std::vector<std::optional<Migration>> parsed;
  std::vector<std::optional<InputError>> failed;
  for (std::size_t base = 0; base < named.size(); base += chunk) {
    const std::size_t count = std::min(chunk, named.size() - base);
    parsed.assign(count, std::nullopt);
    failed.assign(count, std::nullopt);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) {
        const auto& n = named[base + i];
        try {
          parsed[i] = parse_migration(read_file(n.path, n.shown), n.shown, app.name, n.name);
        } catch (const InputError& e) {
          failed[i] = e;
        } catch (const std::exception& e) {
          failed[i] = InputError(Location{n.shown, 0, 0}, e.what());
        }
      }
    };
    const std::size_t threads = std::min(cores, count / 16 + 1);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (std::size_t i = 0; i < count; ++i) {
      if (parsed[i]) {
        if (each) each(std::move(*parsed[i]));
        else out.push_back(std::move(*parsed[i]));
      }
      if (failed[i]) errors.push_back(std::move(*failed[i]));
    }
  }
}

} // namespace

Loaded load_apps_partial(const std::vector<AppDir>& apps, const std::function<void(Migration&&)>& each) {
  Loaded out;
  for (const auto& app : apps) load_into(app, out.migrations, out.errors, each);
  return out;
}

std::vector<Migration> load_apps(const std::vector<AppDir>& apps) {
  Loaded loaded = load_apps_partial(apps);
  if (!loaded.errors.empty()) throw InputErrors(std::move(loaded.errors));
  return std::move(loaded.migrations);
}

std::vector<Migration> load_app(const AppDir& app) { return load_apps({app}); }

} // namespace migrate::migration
