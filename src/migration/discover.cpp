#include "migration/discover.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <map>
#include <memory>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "migration/filename.hpp"
#include "migration/parse.hpp"
#include "util/file.hpp"
#include "util/thread.hpp"

namespace migrate::migration {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path, const std::string& shown) {
  std::string why;
  auto text = util::read_regular_file(path, &why);
  if (!text) throw InputError(Location{shown, 0, 0}, "cannot read the file: " + why);
  return std::move(*text);
}

namespace {

// dir / name, as std::filesystem joins them.
fs::path in_dir(const std::string& dir, const std::string& name) {
  std::string joined = dir;
  if (!joined.empty() && joined.back() != '/') joined += '/';
  joined += name;
  return fs::path(std::move(joined));
}

void load_into(const AppDir& app, std::vector<Migration>& out, std::vector<InputError>& errors,
               const std::function<void(Migration&&)>& each) {
  std::error_code ec;
  if (!fs::is_directory(app.dir, ec)) {
    const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
    errors.emplace_back(Location{app.shown_dir, 0, 0},
                        missing ? fmt::format("app {}: the migrations directory does not exist", app.name)
                                : fmt::format("app {}: cannot read the migrations directory: {}", app.name, ec.message()));
    return;
  }
  // Only regular files (or symbolic links to them) are read: anything else named *.sql (a FIFO would
  // hang the read, a directory is not a migration) is an input error found without opening it. The
  // directory is read with readdir: std::filesystem's paths and their per-component compare cost
  // 10,000 files more than the reading.
  std::vector<std::string> files; // names in the directory
  std::vector<std::pair<std::string, std::string>> unreadable; // name, why
  {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(app.dir.c_str()), ::closedir);
    if (!dir) ec = std::error_code(errno, std::generic_category());
    while (dir) {
      errno = 0;
      const dirent* entry = ::readdir(dir.get());
      if (!entry) {
        if (errno != 0) ec = std::error_code(errno, std::generic_category());
        break;
      }
      std::string name = entry->d_name;
      // path::extension's rule: ".sql" alone is a hidden file's name, not an extension.
      if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".sql") != 0) continue;
      // Looked up from the directory, not along the whole path: a regular file (not a link) needs only
      // its permission checked, and anything else the whole of not_a_regular_file. (Not readdir's
      // d_type: for a mount point it gives the file underneath, not what is mounted there.)
      std::optional<std::string> why;
      struct stat st {};
      if (::fstatat(::dirfd(dir.get()), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
          ::faccessat(::dirfd(dir.get()), name.c_str(), R_OK, 0) != 0) {
        why = util::not_a_regular_file(in_dir(app.dir.native(), name));
      }
      if (why) unreadable.emplace_back(std::move(name), std::move(*why));
      else files.push_back(std::move(name));
    }
  }
  if (ec) {
    errors.emplace_back(Location{app.shown_dir, 0, 0}, fmt::format("cannot list the directory: {}", ec.message()));
    return;
  }
  std::sort(unreadable.begin(), unreadable.end());
  for (const auto& [file, why] : unreadable) {
    errors.emplace_back(Location{in_dir(app.shown_dir, file).string(), 0, 0}, "not a migration file: " + why,
                        "every *.sql in a migrations directory must be a readable migration file: remove or rename it");
  }
  std::sort(files.begin(), files.end());
  struct Named {
    fs::path path;
    std::string shown;
    FileName name;
  };
  std::vector<Named> named;
  named.reserve(files.size());
  for (const auto& file : files) {
    std::string shown = in_dir(app.shown_dir, file).string();
    std::string why;
    if (auto name = parse_file_name(file, &why)) {
      named.push_back({in_dir(app.dir.native(), file), std::move(shown), std::move(*name)});
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
  // Parsing is most of the cost: worker threads parse ahead on every core while this thread hands
  // the results over in order (with `each`, lint works on file i while the workers parse the next
  // ones). The window bounds how far ahead they get, so memory stays flat.
  const std::size_t n = named.size();
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t window = 32 * cores;
  std::vector<std::optional<Migration>> parsed(n);
  std::vector<std::vector<InputError>> failed(n);
  std::vector<char> ready(n, 0);
  std::mutex mutex;
  std::condition_variable cv;
  std::size_t consumed = 0;
  bool stop = false;
  std::atomic<std::size_t> next{0};
  auto parse_one = [&](std::size_t i, std::optional<Migration>& m, std::vector<InputError>& e) {
    const auto& f = named[i];
    try {
      m = parse_migration(read_file(f.path, f.shown), f.shown, app.name, f.name);
    } catch (const FileErrors& err) {
      e = err.all();
    } catch (const InputError& err) {
      e.push_back(err);
    } catch (const std::exception& err) {
      e.emplace_back(Location{f.shown, 0, 0}, err.what());
    }
  };
  // A parsed file handed over, in order: its errors, then the migration to `each` or `out`.
  auto deliver = [&](std::optional<Migration> m) {
    if (!m) return;
    if (each) each(std::move(*m));
    else out.push_back(std::move(*m));
  };
  if (n <= 2) {
    // One or two files (lint of the file being edited): parsed here, as a thread would cost more
    // than it saves.
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<Migration> m;
      std::vector<InputError> e;
      parse_one(i, m, e);
      for (auto& err : e) errors.push_back(std::move(err));
      deliver(std::move(m));
    }
    return;
  }
  const std::size_t threads = std::min(cores, n / 8 + 1);
  if (!each) {
    // All of them at once (status, plan, apply): this thread parses too, and nothing is handed over
    // until every file is done (a hand-over per file cost three futex calls a file).
    auto work_all = [&] {
      for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) parse_one(i, parsed[i], failed[i]);
    };
    {
      std::vector<util::BigStackThread> pool;
      for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work_all);
      work_all();
    } // joined
    for (std::size_t i = 0; i < n; ++i) {
      for (auto& e : failed[i]) errors.push_back(std::move(e));
      deliver(std::move(parsed[i]));
    }
    return;
  }
  auto work = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return stop || i < consumed + window; });
        if (stop) return;
      }
      std::optional<Migration> m;
      std::vector<InputError> e;
      parse_one(i, m, e);
      std::lock_guard lock(mutex);
      parsed[i] = std::move(m);
      failed[i] = std::move(e);
      ready[i] = 1;
      cv.notify_all();
    }
  };
  std::vector<util::BigStackThread> pool;
  auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    cv.notify_all();
    for (auto& t : pool) t.join();
  };
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work); // big stacks: see util/thread.hpp
  try {
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<Migration> m;
      {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return ready[i] != 0; });
        m = std::move(parsed[i]);
        parsed[i].reset();
        for (auto& e : failed[i]) errors.push_back(std::move(e));
        failed[i].clear();
        consumed = i + 1;
      }
      cv.notify_all();
      deliver(std::move(m));
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
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
