#pragma once
// migrate new NAME --recipe R: the complete three-phase migration for a change teams get wrong, with
// its rollbacks, checks and, where the old release keeps writing, the trigger that keeps its rows in
// step. Each recipe's output lints clean and passes verify with the window on (tests/cli/recipes.sh).
#include <optional>
#include <string>
#include <vector>

namespace migrate::cli {

struct RecipeArgs {
  std::string recipe;                    // add-column, set-not-null, add-foreign-key, add-unique, rename-column, change-type
  std::string table;                     // [schema.]name
  std::string column;
  std::optional<std::string> type;       // add-column
  std::optional<std::string> from;       // add-column: the value, from the columns the old release writes
  std::optional<std::string> default_;   // add-column: set in contract
  std::optional<std::string> references; // add-foreign-key: "table(column)"
  std::optional<std::string> replaces;   // add-column: the old column contract drops
  std::optional<std::string> to;         // rename-column, change-type: the new column
  std::optional<std::string> using_;     // change-type: the new value from the old column
  std::optional<std::string> back;       // change-type: the old value from the new column
  std::string key = "id";                // the backfill's key
};

// The recipes, for --help and completions.
const std::vector<std::string>& recipe_names();

// The file's text. Throws UsageError naming the option that is missing or malformed.
std::string recipe_text(const RecipeArgs& a);

} // namespace migrate::cli
