#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_jsonb() {
  return type_preference("prefer-jsonb", "json instead of jsonb",
          R"(Problem: a column of type json.
Why: json keeps the text as written and re-parses it on every access; it has no equality operator and
no GIN indexing. jsonb is what almost every use wants.
Instead of:
    ALTER TABLE events ADD COLUMN payload json;
Use:
    ALTER TABLE events ADD COLUMN payload jsonb;)",
          [](const std::string& base, const std::string&, bool) { return base == "json"; },
          "column \"{}\" is {}", "use jsonb");
}

} // namespace migrate::lint::rules
