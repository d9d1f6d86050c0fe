#pragma once
#include <string>
#include <string_view>

#include "migration/filename.hpp"
#include "migration/model.hpp"

namespace migrate::migration {

// Parses one migration file's bytes (SPEC §1). Throws InputError naming path:line:col for every
// malformed form: not UTF-8, text before the first section, unknown or misplaced directive, sections
// out of order or repeated, a parse error, a backfill without table/key/$1/$2, ...
Migration parse_migration(std::string_view bytes, const std::string& path, const std::string& app,
                          const FileName& name);

} // namespace migrate::migration
