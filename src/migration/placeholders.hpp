#pragma once
// Placeholders: ${NAME} in a migration file, replaced before it is parsed with the value migrate.toml's
// [placeholders] or the environment (MIGRATE_PLACEHOLDER_NAME) gives (Flyway's per-environment role
// names and schemas). The checksum is of the file as written, so a value that differs between
// environments is not drift; the ledger keeps the SQL as it ran.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::migration {

// The value of a placeholder, or nullopt when it is not defined.
using PlaceholderLookup = std::function<std::optional<std::string>(std::string_view name)>;

struct Expanded {
  std::string text;
  struct Replacement {
    std::size_t out_begin, out_end; // the value, in `text`
    std::size_t raw_begin, raw_end; // ${NAME}, in the file
  };
  std::vector<Replacement> replaced; // in file order

  // The offset in the file of an offset in `text` (inside a value: where its ${NAME} starts).
  [[nodiscard]] std::size_t to_raw(std::size_t offset) const;
};

struct UndefinedPlaceholder {
  std::size_t offset; // of the "${" in the file
  std::string name;
};

// Whether `text` has a ${NAME} in it (NAME: a letter or _, then letters, digits and _).
bool has_placeholders(std::string_view text);

// `text` with every ${NAME} replaced. Throws UndefinedPlaceholder for the first one `lookup` does not
// define (and when there is no lookup). Anything else that starts with "$" ($1, $$, $tag$, ${ not
// followed by a name and "}") is left as it is.
Expanded expand_placeholders(std::string_view text, const PlaceholderLookup& lookup);

} // namespace migrate::migration
