// migrate import --from flyway|dbmate|golang-migrate DIR [--app A] [--out DIR]: another tool's migrations
// as migrate files. Everything is read, converted and parsed first; a bad input writes nothing.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "migration/filename.hpp"
#include "migration/import.hpp"
#include "util/error.hpp"

namespace migrate::cli {

namespace {

namespace fs = std::filesystem;

struct ImportArgs {
  std::string from;
  std::string dir;
  std::optional<std::string> out;
};

int run_import(const ImportArgs& args, const Globals& g) {
  const auto tool = *migration::tool_from(args.from);
  std::string app;
  fs::path out_dir;
  std::string out_shown;
  if (args.out) {
    out_dir = *args.out;
    out_shown = *args.out;
    app = g.app.value_or("default");
  } else {
    config::Config cfg = g.load_config();
    const AppTarget target = app_target(g, cfg, "migrate import --from TOOL DIR --app APP (or --out DIR)");
    app = target.app;
    out_dir = target.dir;
    out_shown = target.shown;
  }
  auto imported = migration::import_dir(tool, args.dir, args.dir, app, out_shown);
  // What is in the directory already: a file of the same name, or of the same version, is never replaced.
  std::error_code ec;
  if (imported.errors.empty() && fs::is_directory(out_dir, ec)) {
    for (const auto& f : imported.files) {
      const fs::path target = out_dir / f.file_name;
      if (fs::exists(fs::symlink_status(target, ec))) {
        imported.errors.emplace_back(Location{(fs::path(out_shown) / f.file_name).string(), 0, 0},
                                     fmt::format("exists already (from {}); import never overwrites a file", f.sources.front()),
                                     "remove it, or import into an empty directory with --out DIR");
        continue;
      }
      const auto version = migration::parse_file_name(f.file_name)->version;
      for (const auto& entry : fs::directory_iterator(out_dir, ec)) {
        auto other = migration::parse_file_name(entry.path().filename().string());
        if (other && migration::compare_versions(other->version, version) == 0) {
          imported.errors.emplace_back(Location{(fs::path(out_shown) / entry.path().filename()).string(), 0, 0},
                                       fmt::format("has version {}, which {} would get too", other->version, f.file_name),
                                       "import into an empty directory with --out DIR");
        }
      }
    }
  }
  if (!imported.errors.empty()) {
    const auto n = imported.errors.size();
    imported.errors.emplace_back(Location{args.dir, 0, 0},
                                 fmt::format("nothing was imported: {} problem{} in the {} migrations", n, n == 1 ? "" : "s", args.from));
    throw InputErrors(std::move(imported.errors));
  }
  fs::create_directories(out_dir, ec);
  if (ec) throw UsageError(fmt::format("cannot create {}: {}", out_shown, ec.message()));
  std::vector<fs::path> written;
  for (const auto& f : imported.files) {
    const fs::path path = out_dir / f.file_name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && ::write(fd, f.text.data(), f.text.size()) == static_cast<ssize_t>(f.text.size());
    const int err = errno;
    if (fd >= 0) ok = ::close(fd) == 0 && ok;
    if (!ok) {
      // All or nothing: what this run wrote goes away again (a file that appeared meanwhile is not ours).
      if (fd >= 0) written.push_back(path);
      for (const auto& p : written) fs::remove(p, ec);
      throw UsageError(fmt::format("cannot write {}: {}; nothing was imported", (fs::path(out_shown) / f.file_name).string(),
                                   std::strerror(err == 0 ? EIO : err)));
    }
    written.push_back(path);
  }
  fmt::print("converted {} file{} from {} ({}) into {}:\n", imported.files.size(), imported.files.size() == 1 ? "" : "s", args.from,
             args.dir, out_shown);
  for (const auto& f : imported.files) {
    fmt::print("  {}  <- {}\n", (fs::path(out_shown) / f.file_name).string(), fmt::join(f.sources, ", "));
  }
  for (const auto& n : imported.notes) fmt::print("note: {}\n", n);
  if (imported.human.empty()) {
    fmt::print("nothing needs a human\n");
  } else {
    fmt::print("{} thing{} need{} a human:\n", imported.human.size(), imported.human.size() == 1 ? "" : "s",
               imported.human.size() == 1 ? "s" : "");
    for (const auto& h : imported.human) fmt::print("  {}\n", h);
  }
  fmt::print("next: migrate lint, then on a database the other tool manages: migrate baseline --from-ledger {} --app {}\n", args.from,
             app);
  return 0;
}

} // namespace

Command cmd_import() {
  return {"import", "Convert Flyway, dbmate or golang-migrate migrations into migrate files",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto args = std::make_shared<ImportArgs>();
            sub.add_option("--from", args->from, "The tool that wrote them: flyway, dbmate or golang-migrate")
                ->required()
                ->check(CLI::IsMember({"flyway", "dbmate", "golang-migrate"}));
            sub.add_option("dir", args->dir, "The directory of that tool's migration files")->required();
            sub.add_option("--app", g.app, "The app whose directory gets the files (needed when there are several)");
            sub.add_option("--out", args->out, "Write the files into this directory instead of the app's");
            return [args, &g] { return run_import(*args, g); };
          }};
}

} // namespace migrate::cli
