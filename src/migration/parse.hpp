#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migration/filename.hpp"
#include "migration/model.hpp"

namespace migrate::migration {

// Several problems of one file, in file order. To a caller that catches InputError it is the first of
// them; migration/discover.cpp reports them all.
class FileErrors : public InputError {
public:
  explicit FileErrors(std::vector<InputError> all);
  [[nodiscard]] const std::vector<InputError>& all() const noexcept { return all_; }

private:
  std::vector<InputError> all_;
};

// Parses one migration file's bytes (SPEC §1). Throws InputError naming path:line:col for every
// malformed form: not UTF-8, text before the first section, unknown or misplaced directive, sections
// out of order or repeated, a parse error, a backfill without table/key, a backfill statement not
// proven to cover each batch's key range once (migration/backfill_bounds.hpp), ... Most forms stop the
// parse; backfill problems do not, and a file with several problems throws FileErrors.
Migration parse_migration(std::string_view bytes, const std::string& path, const std::string& app,
                          const FileName& name);

} // namespace migrate::migration
