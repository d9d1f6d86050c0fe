#pragma once
// `migrate import`: another tool's migration directory (Flyway, dbmate, golang-migrate) as migrate files.
// Everything is read and checked before anything is written: the caller writes `files` only when
// `errors` is empty.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace migrate::migration {

enum class Tool { flyway, dbmate, golang_migrate };
std::optional<Tool> tool_from(std::string_view word);
std::string_view to_string(Tool tool);

struct ImportedFile {
  std::string file_name;       // <version>_<name>.sql
  std::string text;            // the migrate file
  std::vector<std::string> sources; // the source files it comes from, as shown
};

struct Imported {
  std::vector<ImportedFile> files;     // in version order
  std::vector<std::string> human;      // "what: why", what a human must look at
  std::vector<std::string> notes;      // how versions were mapped, ...
  std::vector<InputError> errors;      // bad input: nothing may be written
};

// Reads `dir` (shown as `shown`) as `tool` writes it and converts every migration. `app` names the app
// the files are parsed for (a converted file must parse); `out_shown` is where they will be written,
// for the messages.
Imported import_dir(Tool tool, const std::filesystem::path& dir, const std::string& shown, const std::string& app,
                    const std::string& out_shown = {});

// Flyway's version order: parts split at '.' or '_', compared as numbers, missing parts are 0
// ("1.0" == "1" < "1.1" < "1.10" < "2"). Both must be well formed (flyway_version_parts).
int compare_flyway_versions(std::string_view a, std::string_view b);
// "1.1" -> {"1", "1"}; nullopt unless it is digits separated by single '.' or '_'.
std::optional<std::vector<std::string>> flyway_version_parts(std::string_view version);

// The first line of a file `import --from flyway` wrote names the Flyway version it had
// ("-- Imported from Flyway V1.1__add_email.sql"); nullopt for any other text.
std::optional<std::string> imported_flyway_version(std::string_view text);

// A description as a migrate name: lower case, [a-z0-9_], runs of anything else as one '_'.
std::string import_name(std::string_view description);

} // namespace migrate::migration
