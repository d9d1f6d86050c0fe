#pragma once
// Finding the migrations of an app: every *.sql file directly in its directory, ordered by version.
#include <filesystem>
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
Loaded load_apps_partial(const std::vector<AppDir>& apps);

// Reads a whole file; throws InputError when it cannot be read.
std::string read_file(const std::filesystem::path& path, const std::string& shown);

} // namespace migrate::migration
