#pragma once
// Finding the migrations of an app: every *.sql file directly in its directory, ordered by version.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "migration/model.hpp"

namespace migrate::migration {

struct AppDir {
  std::string name;
  std::filesystem::path dir;
  std::string shown_dir; // as the user wrote it, for messages
};

// Loads and parses every migration of the app, in version order. Collects the errors of all files
// (bad names, duplicate versions, malformed content) and throws them together as InputErrors.
std::vector<Migration> load_app(const AppDir& app);

// The same for several apps; errors of all apps are reported together.
std::vector<Migration> load_apps(const std::vector<AppDir>& apps);

// What loads, and the errors of what does not, for callers that report both (lint).
struct Loaded {
  std::vector<Migration> migrations;
  std::vector<InputError> errors;
};
// With `each`, migrations are handed over one by one in order as they are parsed (in parallel, a chunk
// at a time) and not kept: memory stays bounded by the chunk, whatever the number of files.
Loaded load_apps_partial(const std::vector<AppDir>& apps, const std::function<void(Migration&&)>& each = {});

// Reads a whole file; throws InputError when it cannot be read.
std::string read_file(const std::filesystem::path& path, const std::string& shown);

} // namespace migrate::migration
